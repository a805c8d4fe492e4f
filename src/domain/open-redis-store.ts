// The domain's operations over the Redis backend (node-only, loaded only when --redis-url asks). The seed
// becomes records only when Redis holds no world under the prefix.
import { createRedisBackend, type RedisStoreOptions } from "../storage/redis-store.js";
import type { EmailDomainStore, Seed, StoreEnvironment } from "../storage/types.js";
import { createEmailDomains } from "./email-domains.js";
import { seedWorld } from "./seed-world.js";

export type { RedisStoreOptions };

export async function createRedisStore(seed: Seed, env: StoreEnvironment, options: RedisStoreOptions): Promise<EmailDomainStore> {
  return createEmailDomains(await createRedisBackend(() => seedWorld(seed, env), options), env);
}
