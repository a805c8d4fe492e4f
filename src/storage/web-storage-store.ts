// A memory store whose state survives a page reload: kept in a Web Storage (sessionStorage, localStorage or
// any object with the same three methods, so Node tests hand in a fake one).
//
// What is stored, and when (the decision):
// - One item under `key`: JSON `{ format, version, seed, state }`. `state` is the memory store's whole
//   state (every account and its full domain records, with tokens, attempts and times), not a seed:
//   a seed cannot hold attempts or verification tokens, and a reload must not change what a screen shows.
//   `seed` is a fingerprint of the start seed the page was built with.
// - Written after every write that changed something (create, update, delete, check, the control
//   endpoint's verification patch, reset and loadSeed), synchronously from one snapshot, so what is stored
//   is always a state the store was really in. Reads never write. The whole world is written each time:
//   a mock's world in a browser is tens of domains, and one JSON text is simpler than a journal.
// - Read once, when the store is built. The seed is used instead when nothing is stored, when the text is
//   not JSON, when `format` or `version` is not this one, when the start seed's fingerprint differs (the
//   developer changed the seed: they want to see the change), or when `checkState` rejects the state
//   (hand-edited, or written by a version with other fields). A rejected item is left alone, not deleted:
//   with localStorage another tab running another version may own it. It is replaced at the next write.
// - `version` is the stored layout of stored-layout.ts (version 1, this item's first, is layout 2). An item of
//   an older layout is upgraded when read (its records as stored-layout.ts says); one of a newer layout (a
//   later kit in another tab) falls back to the seed, with a warning.
// - A storage that refuses a write (quota, privacy mode) does not fail the request: the world goes on in
//   memory, and `onWarning` is told.
// localStorage is shared by an origin's tabs; each tab keeps its own world in memory, and the last write
// wins. sessionStorage (one per tab, kept across reloads) is the usual choice.
import { createMemoryBackend, type MemoryBackend } from "./memory-store.js";
import type { StorePort, World } from "./port.js";
import { OLDEST_READABLE_LAYOUT, STORED_LAYOUT, upgradeRecord, type StoredLayout } from "./stored-layout.js";
import { accountIdOf, type Seed } from "./types.js";

/** The part of the Web Storage interface this needs. */
export type WebStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export const STATE_FORMAT = "email-domains-mock-state";
/** The item's `version` of a stored layout: 1 was this item's first (layout 2); since then they are equal. */
export const stateVersionOf = (layout: StoredLayout): number => layout.version;
const layoutOfVersion = (version: number): number => (version === 1 ? 2 : version);

export interface WebStorageStoreOptions {
  storage: WebStorage;
  key: string;
  /** Checks a state read back from storage and returns it; throws when it is not one this store can serve. */
  checkState: (state: unknown) => World;
  /** Told when a stored state is discarded as unreadable, or a write could not be stored; default console.warn. */
  onWarning?: (message: string, error?: unknown) => void;
  /** The stored layout (stored-layout.ts); a test may name a later one. */
  layout?: StoredLayout;
}

interface StoredItem {
  format: typeof STATE_FORMAT;
  version: number;
  seed: string;
  state: World;
}

/** A short fingerprint of the start seed (FNV-1a, 32 bits): tells a state made from another seed. */
export function seedFingerprint(seed: Seed): string {
  const text = JSON.stringify(seed);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/** A stored state of layout `from` as the current layout holds it (what is not a world is left to checkState). */
function upgradeState(state: unknown, from: number, layout: StoredLayout): unknown {
  const world = state as Partial<World> | null;
  if (from === layout.version || !Array.isArray(world?.accounts)) return state;
  return { ...world, accounts: world.accounts.map((a) => (Array.isArray(a?.domains) ? { ...a, domains: a.domains.map((d) => upgradeRecord(d, from, layout)) } : a)) };
}

/** A memory backend whose world is written to `storage` after every write; `startSeed` is what `initial` was built from. */
export function createWebStorageBackend(startSeed: Seed, initial: World, options: WebStorageStoreOptions): StorePort {
  const { storage, key, checkState, onWarning = (message, error) => console.warn(`email-domains mock: ${message}`, error ?? ""), layout = STORED_LAYOUT } = options;
  const fingerprint = seedFingerprint(startSeed);
  const inner: MemoryBackend = createMemoryBackend(initial);

  restoreFromStorage();

  function restoreFromStorage(): void {
    let text: string | null;
    try {
      text = storage.getItem(key);
    } catch (error) {
      return onWarning(`could not read ${key} from storage; starting from the seed`, error);
    }
    if (text === null) return;
    let item: Partial<StoredItem>;
    try {
      item = JSON.parse(text) as Partial<StoredItem>;
    } catch (error) {
      return onWarning(`${key} in storage is not JSON; starting from the seed`, error);
    }
    const from = typeof item?.version === "number" ? layoutOfVersion(item.version) : NaN;
    if (typeof item !== "object" || item === null || item.format !== STATE_FORMAT || !(from >= OLDEST_READABLE_LAYOUT && from <= layout.version)) {
      return onWarning(`${key} in storage is not a ${STATE_FORMAT} of a layout this mock reads (${OLDEST_READABLE_LAYOUT} to ${layout.version}); starting from the seed`);
    }
    if (item.seed !== fingerprint) return; // made from another start seed: the new seed wins, quietly
    try {
      inner.restore(checkState(upgradeState(item.state, from, layout)));
    } catch (error) {
      onWarning(`${key} in storage does not hold a state this mock can serve; starting from the seed`, error);
    }
  }

  function save(): void {
    const item: StoredItem = { format: STATE_FORMAT, version: stateVersionOf(layout), seed: fingerprint, state: inner.snapshot() };
    try {
      storage.setItem(key, JSON.stringify(item));
    } catch (error) {
      onWarning(`could not store the mock's state under ${key}; it is kept in memory only`, error);
    }
  }

  // Reads are the memory backend's own; only the two writes also save, in the same synchronous step.
  return {
    ...inner,
    async transact(account, change) {
      const { result, wrote } = inner.transactNow(accountIdOf(account), change);
      if (wrote) save();
      return result;
    },
    async replaceWorld(world) {
      await inner.replaceWorld(world);
      save();
    },
  };
}
