// The memory backend against the store's conformance suite (test-support/store-conformance.ts).
import { testStoreBackend } from "../../test-support/store-conformance.js";
import { createMemoryBackend } from "./memory-store.js";

testStoreBackend({ name: "memory", open: async (initial) => createMemoryBackend(initial) });
