// The checker's model: the kit's engine in-process (oracle.ts) over a memory store, answering concrete calls
// as plain engine requests (no Fetch round), with its state forked cheaply (the store's snapshot shares its
// frozen domains) and fingerprinted per account for the search's memo. Its clock is fixed (oracle-clock.ts:
// createFixedClock): a create takes the target's id and createdAt, so lists order alike.
import { DEFAULT_PAGE_SIZE } from "../../../src/engine/create-engine.js";
import type { EngineRequest } from "../../../src/engine/engine-types.js";
import type { World } from "../../../src/storage/port.js";
import type { EmailDomain } from "../domains.js";
import { createFixedClock } from "../model/oracle-clock.js";
import { createOracle, type ModelAccount } from "../model/oracle.js";
import { API_KEY_HEADER } from "../spec.js";
import type { Answer, ConcreteCall } from "../model/steps.js";

export type ModelState = World;

export interface CheckerModel {
  /** The engine's answer to the call, changing the state as it does; a create takes `prime` (id, createdAt) when given. */
  apply(call: ConcreteCall, prime?: { id: string; createdAt: string }): Promise<Answer>;
  /** Takes a DNS outcome over (the mock's control endpoint); returns the domain after. */
  adopt(accountId: string, id: string, patch: Record<string, string>): Promise<EmailDomain>;
  /**
   * Overwrites fields of one stored domain with the target's values: after a DNS outcome was taken over, its
   * error and completion time are the server's too, so later reads are judged against them.
   */
  takeOver(accountId: string, id: string, fields: Record<string, unknown>): void;
  /** The account's domains now, in list order. */
  domainsOf(accountId: string): readonly EmailDomain[];
  save(): ModelState;
  restore(state: ModelState): void;
  /** The account's records in a saved state as one short string: equal strings, equal futures (stamps are fixed, so they compare too). */
  fingerprint(state: ModelState, accountId: string): string;
}

const UNKNOWN_KEY = "contract-checker-unknown-key";
const encoder = new TextEncoder();

export function createCheckerModel(start: readonly ModelAccount[], exact: boolean): CheckerModel {
  const clock = createFixedClock();
  const oracle = createOracle([...start], { pageSize: exact ? DEFAULT_PAGE_SIZE : Number.MAX_SAFE_INTEGER, clock });
  const keyOf = new Map(start.map((a) => [a.accountId, a.apiKey]));
  const otherKey = (accountId: string) => start.find((a) => a.accountId !== accountId)?.apiKey ?? UNKNOWN_KEY;
  // Each distinct record (by content) gets a small number once; a state's fingerprint is its records' numbers.
  const numberOf = new WeakMap<object, number>();
  const numberOfText = new Map<string, number>();
  const number = (d: EmailDomain) => {
    let n = numberOf.get(d);
    if (n === undefined) {
      const text = JSON.stringify(d);
      n = numberOfText.get(text);
      if (n === undefined) numberOfText.set(text, (n = numberOfText.size));
      numberOf.set(d, n);
    }
    return n;
  };

  function request(call: ConcreteCall): EngineRequest {
    let url = call.pathTemplate.replace("{accountId}", encodeURIComponent(call.path.accountId)).replace("{id}", encodeURIComponent(call.path.id ?? ""));
    if (call.query) url += `?${new URLSearchParams(Object.entries(call.query).map(([k, v]) => [k, String(v)])).toString()}`;
    const key = call.who === "owner" ? keyOf.get(call.path.accountId) : call.who === "otherKey" ? otherKey(call.path.accountId) : call.who === "unknownKey" ? UNKNOWN_KEY : undefined;
    const bytes = call.body === undefined ? undefined : encoder.encode(JSON.stringify(call.body));
    const headers: Record<string, string> = {};
    if (key !== undefined) headers[API_KEY_HEADER.toLowerCase()] = key;
    if (bytes) headers["content-type"] = "application/json";
    return { method: call.method, url, headers, hasBody: bytes !== undefined, readBody: async () => bytes ?? new Uint8Array(0) };
  }

  return {
    async apply(call, prime) {
      if (prime) clock.primeCreate(prime.id, prime.createdAt);
      try {
        const res = await oracle.engine.handle(request(call));
        return { status: res.status, body: res.body };
      } finally {
        clock.clearPrime();
      }
    },
    adopt: (accountId, id, patch) => oracle.adopt(accountId, id, patch),
    takeOver(accountId, id, fields) {
      oracle.backend.transactNow(accountId, {
        reads: { ids: [id] },
        decide: (view) => {
          const current = view.domain(id);
          return { result: undefined, writes: current ? { put: [{ ...current, ...fields }] } : undefined };
        },
      });
    },
    domainsOf: (accountId) => oracle.domainsOf(accountId),
    save: () => oracle.backend.snapshot(),
    restore: (state) => oracle.backend.restore(state),
    fingerprint: (state, accountId) => (state.accounts.find((a) => a.accountId === accountId)?.domains ?? []).map(number).join(","),
  };
}
