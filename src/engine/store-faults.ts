// The simulated store outage of PUT /__mock/faults: while on, every store call fails exactly as a real
// outage does (StoreUnavailableError, so the answer is the same documented 503) and the health check says
// not ready. One switch per engine, so per process: a fault is never shared through Redis.
import { StoreUnavailableError } from "../storage/store-errors.js";
import type { EmailDomainStore } from "../storage/types.js";

export interface FaultSwitch {
  store: EmailDomainStore;
  setStoreUnavailable(on: boolean): void;
}

export function withFaultSwitch(real: EmailDomainStore): FaultSwitch {
  let unavailable = false;
  const guard = <A extends unknown[], R>(call: (...args: A) => Promise<R>) => (...args: A): Promise<R> =>
    unavailable ? Promise.reject(new StoreUnavailableError("simulated store outage (PUT /__mock/faults)")) : call(...args);
  const store: EmailDomainStore = {
    accountForKey: guard((key) => real.accountForKey(key)),
    accounts: guard(() => real.accounts()),
    list: guard((accountId, start, limit) => real.list(accountId, start, limit)),
    get: guard((accountId, id) => real.get(accountId, id)),
    create: guard((account, input) => real.create(account, input)),
    updateDescription: guard((accountId, id, description) => real.updateDescription(accountId, id, description)),
    remove: guard((accountId, id) => real.remove(accountId, id)),
    checkDkimStatus: guard((accountId, id) => real.checkDkimStatus(accountId, id)),
    setVerification: guard((accountId, id, patch) => real.setVerification(accountId, id, patch)),
    reset: guard((seed) => real.reset(seed)),
    ping: async () => !unavailable && (await real.ping()),
    close: () => real.close(),
  };
  return { store, setStoreUnavailable: (on) => void (unavailable = on) };
}
