// Ready-made stores for the browser-safe backends: the domain's operations over the memory backend, or over
// the memory backend kept in a Web Storage.
import { createMemoryBackend } from "../storage/memory-store.js";
import type { EmailDomainStore, Seed, StoreEnvironment } from "../storage/types.js";
import { createWebStorageBackend, type WebStorageStoreOptions } from "../storage/web-storage-store.js";
import { createEmailDomains } from "./email-domains.js";
import { seedWorld } from "./seed-world.js";

export function createMemoryStore(seed: Seed, env: StoreEnvironment): EmailDomainStore {
  return createEmailDomains(createMemoryBackend(seedWorld(seed, env)), env);
}

export function createWebStorageStore(seed: Seed, env: StoreEnvironment, options: WebStorageStoreOptions): EmailDomainStore {
  return createEmailDomains(createWebStorageBackend(seed, seedWorld(seed, env), options), env);
}
