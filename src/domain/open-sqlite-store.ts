// The domain's operations over the SQLite backend (node-only; better-sqlite3 is an optional package, so this
// module is loaded only when --state-file asks). The seed becomes records only for a new file.
import { createSqliteBackend } from "../storage/sqlite-store.js";
import type { EmailDomainStore, Seed, StoreEnvironment } from "../storage/types.js";
import { createEmailDomains } from "./email-domains.js";
import { seedWorld } from "./seed-world.js";

export function createSqliteStore(file: string, seed: Seed, env: StoreEnvironment): EmailDomainStore {
  return createEmailDomains(createSqliteBackend(file, () => seedWorld(seed, env)), env);
}
