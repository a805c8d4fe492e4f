// The memory backend against the store's conformance suite (src/testing/store-conformance.ts).
import { testStoreBackend } from "../testing/store-conformance.js";
import { createMemoryBackend } from "./memory-store.js";

testStoreBackend({ name: "memory", open: async (initial) => createMemoryBackend(initial) });
