// The EmailDomainStore the engine calls, written once over any backend's port: reads go straight to the
// port, every write is one of the changes in operations.ts run by port.transact, reset builds the seed's
// world here and hands it over whole.
import type { StorePort } from "../storage/port.js";
import type { EmailDomainStore, StoreEnvironment } from "../storage/types.js";
import { drawNewDomain } from "./domain-rules.js";
import { checkDkimStatus, createDomain, removeDomain, setVerification, updateDescription } from "./operations.js";
import { seedWorld } from "./seed-world.js";

export function createEmailDomains(port: StorePort, env: StoreEnvironment): EmailDomainStore {
  return {
    get initialisedFromSeed() {
      return port.initialisedFromSeed;
    },
    accountForKey: (apiKey) => port.accountForKey(apiKey),
    accounts: () => port.accounts(),
    list: (account, start, limit) => (limit <= 0 ? Promise.resolve([]) : port.page(account, start, limit)),
    get: (account, id) => port.get(account, id),
    // What is drawn (id, token, time) is drawn once, outside the transaction; isDefault is decided inside it.
    create: (account, input) => port.transact(account, createDomain(account, input, drawNewDomain(env))),
    updateDescription: (account, id, description) => port.transact(account, updateDescription(id, description, env.now())),
    remove: (account, id) => port.transact(account, removeDomain(id, env.now())),
    checkDkimStatus: (account, id) => port.transact(account, checkDkimStatus(id, env.now())),
    setVerification: (accountId, id, patch) => port.transact(accountId, setVerification(id, patch, env.now())),
    reset: async (seed) => port.replaceWorld(seedWorld(seed, env)),
    ping: () => port.ping(),
    close: () => port.close(),
  };
}
