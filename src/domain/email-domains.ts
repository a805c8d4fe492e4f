// The EmailDomainStore the engine calls, written once over any backend's port: reads go straight to the
// port, every write is one of the changes in operations.ts run by port.transact, reset builds the seed's
// world here and hands it over whole.
import type { StorePort } from "../storage/port.js";
import type { EmailDomainStore, StoreEnvironment } from "../storage/types.js";
import { newEmailDomain } from "./domain-rules.js";
import { checkDkimStatus, createDomain, removeDomain, setVerification, updateDescription } from "./operations.js";
import { seedWorld } from "./seed-world.js";

export function createEmailDomains(port: StorePort, env: StoreEnvironment): EmailDomainStore {
  return {
    get initialisedFromSeed() {
      return port.initialisedFromSeed;
    },
    accountForKey: (apiKey) => port.accountForKey(apiKey),
    accounts: () => port.accounts(),
    list: (accountId, start, limit) => (limit <= 0 ? Promise.resolve([]) : port.page(accountId, start, limit)),
    get: (accountId, id) => port.get(accountId, id),
    // isDefault is decided inside the transaction (createDomain); the record is made once, outside it.
    create: (account, input) => port.transact(account.accountId, createDomain(newEmailDomain(account, input, env, { isDefault: false }))),
    updateDescription: (accountId, id, description) => port.transact(accountId, updateDescription(id, description, env.now())),
    remove: (accountId, id) => port.transact(accountId, removeDomain(id, env.now())),
    checkDkimStatus: (accountId, id) => port.transact(accountId, checkDkimStatus(id, env.now())),
    setVerification: (accountId, id, patch) => port.transact(accountId, setVerification(id, patch, env.now())),
    reset: async (seed) => port.replaceWorld(seedWorld(seed, env)),
    ping: () => port.ping(),
    close: () => port.close(),
  };
}
