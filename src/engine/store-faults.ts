// The simulated store outage of PUT /__mock/faults: while on, every store call fails exactly as a real
// outage does (StoreUnavailableError, so the answer is the same documented 503) and the health check says
// not ready. One switch per engine, so per process: a fault is never shared through Redis.
import { StoreUnavailableError } from "../storage/store-errors.js";
import type { EmailDomainStore } from "../storage/types.js";

export interface FaultSwitch {
  store: EmailDomainStore;
  setStoreUnavailable(on: boolean): void;
}

type Call = (...args: unknown[]) => Promise<unknown>;

export function withFaultSwitch(real: EmailDomainStore): FaultSwitch {
  let unavailable = false;
  const outage = () => Promise.reject(new StoreUnavailableError("simulated store outage (PUT /__mock/faults)"));
  // Every operation of the store, whatever it is: a new one is switched too, without a line here.
  const switched = Object.fromEntries(
    Object.entries(real).map(([name, value]) => [name, typeof value === "function" ? (...args: unknown[]) => (unavailable ? outage() : (value as Call).apply(real, args)) : value]),
  ) as unknown as EmailDomainStore;
  const store: EmailDomainStore = {
    ...switched,
    ping: async () => !unavailable && (await real.ping()),
    close: () => real.close(),
  };
  return { store, setStoreUnavailable: (on) => void (unavailable = on) };
}
