// The in-memory backend of the store port. Each account keeps its domains by id, by name, and in list order,
// so every read and every write is O(log n) or better except the array splice of an insert or delete.
// Stored domains are deep-frozen and replaced on change, so a returned domain never changes behind anyone's
// back (and the engine's caches may trust it). A transaction is one synchronous step: nothing interleaves.
import { createKeyRing, type KeyRing } from "./api-keys.js";
import { deepFreeze, isDeepFrozen } from "../shared/deep-freeze.js";
import { compareForList } from "./list-order.js";
import { lowerBound } from "./lower-bound.js";
import { UnknownAccountError, type Change, type RawAccountReads, type StorePort, type World } from "./port.js";
import { defaultAfterSteps, runChange, type WriteStep } from "./run-change.js";
import { accountIdOf, type Account, type EmailDomain } from "./types.js";

/** The memory backend also hands out and takes back its whole state, for a host that persists it (web-storage-store.ts). */
export interface MemoryBackend extends StorePort {
  /** The world now, taken in one synchronous step, so no write can land halfway through it. */
  snapshot(): World;
  /** Replaces the whole world with one taken by snapshot(). Throws (changing nothing) on a repeated id or name. */
  restore(world: World): void;
  /** Like transact, but synchronous: for a wrapper that must act in the same step (web-storage-store.ts). */
  transactNow<T>(accountId: string, change: Change<T>): { result: T; wrote: boolean };
}

interface AccountDomains {
  account: Account;
  byId: Map<string, EmailDomain>;
  idByName: Map<string, string>;
  ordered: EmailDomain[];
  /** The id of the account's default domain: at most one, kept as a constraint (defaultAfterSteps). */
  defaultId: string | undefined;
}

/** Index of `domain` in the ordered list, or where it would be inserted. */
function position(ordered: EmailDomain[], domain: EmailDomain): number {
  // A created domain is stamped "now" (a clock that only moves forward), so it nearly always sorts
  // after the last one: one comparison then, instead of a search.
  const last = ordered[ordered.length - 1];
  if (!last || compareForList(last, domain) < 0) return ordered.length;
  return lowerBound(ordered, domain, compareForList);
}

function put(data: AccountDomains, domain: EmailDomain): void {
  const frozen = deepFreeze(domain);
  const previous = data.byId.get(domain.id);
  if (previous) data.ordered[position(data.ordered, previous)] = frozen;
  else data.ordered.splice(position(data.ordered, frozen), 0, frozen);
  data.byId.set(domain.id, frozen);
  data.idByName.set(domain.domain, domain.id);
  if (domain.isDefault) data.defaultId = domain.id;
  else if (data.defaultId === domain.id) data.defaultId = undefined;
}

function remove(data: AccountDomains, domain: EmailDomain): void {
  const current = data.byId.get(domain.id);
  if (!current) return;
  data.ordered.splice(position(data.ordered, current), 1);
  data.byId.delete(domain.id);
  data.idByName.delete(current.domain);
  if (data.defaultId === domain.id) data.defaultId = undefined;
}

function rawReads(data: AccountDomains | undefined): RawAccountReads {
  return {
    domain: (id) => data?.byId.get(id),
    idOfName: (name) => data?.idByName.get(name),
    isEmpty: () => !data || data.byId.size === 0,
    head: (size) => data?.ordered.slice(0, size) ?? [],
    defaultDomain: () => (data?.defaultId === undefined ? undefined : data.byId.get(data.defaultId)),
  };
}

/** Applies steps in their order, after checking (before the first write) that they leave one default at most. */
function commit(data: AccountDomains, steps: readonly WriteStep[]): void {
  defaultAfterSteps(data.account.accountId, data.defaultId, steps);
  for (const step of steps) (step.kind === "remove" ? remove : put)(data, step.domain);
}

/** Builds the indexes of a world; throws (before anything is swapped in) on a repeated id or name. */
function index(world: World): Map<string, AccountDomains> {
  const loaded = new Map<string, AccountDomains>();
  const ids = new Set<string>();
  for (const { domains, ...account } of world.accounts) {
    const data: AccountDomains = { account, byId: new Map(), idByName: new Map(), ordered: [], defaultId: undefined };
    loaded.set(account.accountId, data);
    for (const domain of domains) {
      if (ids.has(domain.id) || data.idByName.has(domain.domain)) throw new Error(`the world holds ${domain.id} (${domain.domain}) twice`);
      ids.add(domain.id);
      commit(data, [{ kind: "put", domain }]);
    }
  }
  return loaded;
}

export function createMemoryBackend(initial: World): MemoryBackend {
  let accounts = new Map<string, AccountDomains>();
  let keys: KeyRing = createKeyRing([]);

  /** Builds the new state aside and swaps it in at once: a world that fails halfway changes nothing. */
  function swapIn(world: World): void {
    const loaded = index(world);
    const ring = createKeyRing([...loaded.values()].map((d) => d.account));
    accounts = loaded;
    keys = ring;
  }

  function transactNow<T>(accountId: string, change: Change<T>): { result: T; wrote: boolean } {
    const data = accounts.get(accountId);
    const { result, steps, wrote } = runChange(change, rawReads(data));
    if (wrote) {
      if (!data) throw new UnknownAccountError(accountId);
      commit(data, steps);
    }
    return { result, wrote };
  }

  swapIn(initial);

  return {
    async accountForKey(apiKey) {
      return keys.find(apiKey);
    },
    async accounts() {
      return [...accounts.values()].map((d) => d.account);
    },
    async page(account, start, limit) {
      return accounts.get(accountIdOf(account))?.ordered.slice(start, start + limit) ?? [];
    },
    async get(account, id) {
      return accounts.get(accountIdOf(account))?.byId.get(id);
    },
    async transact(account, change) {
      return transactNow(accountIdOf(account), change).result;
    },
    transactNow,
    async replaceWorld(world) {
      swapIn(world);
    },
    async ping() {
      return true;
    },
    async close() {},
    snapshot() {
      // Stored domains are frozen, so they can be shared; accounts are copied.
      return { accounts: [...accounts.values()].map((d) => ({ ...d.account, apiKeys: [...d.account.apiKeys], domains: [...d.ordered] })) };
    },
    restore(world) {
      // A deep-frozen domain (one a snapshot handed out) cannot change: shared, not copied, so a fork is cheap.
      swapIn({ accounts: world.accounts.map((a) => ({ ...a, apiKeys: [...a.apiKeys], domains: a.domains.map((d) => (isDeepFrozen(d) ? d : structuredClone(d))) })) });
    },
  };
}
