// One layout version for what every persistent backend stores: the SQLite state file, the Redis keyspace and
// the Web Storage item. Bump STORED_LAYOUT.version when a stored record or a backend's structure changes, and
// say in `upgrades` how a record of the previous layout becomes one of the new (a new required field gets
// its value there). On open, a backend finding an older layout upgrades what it holds, in one step, before it
// serves anything; a newer layout (a later kit wrote it) is refused at start with one line (StoredLayoutError).
// docs/persistence.md lists the layouts.
//
// Layouts:
//   1  Redis only: no per-account key digests (marker "1").
//   2  the records as the API returns them (SQLite user_version 1, Redis marker "2", Web Storage version 1).
//   3  the same records; every backend keeps at most one default per account, and Redis keeps its id.
import type { EmailDomain } from "./types.js";

/** A stored record of one layout, turned into one of the next: a new field gets its value here. */
export type RecordUpgrade = (record: Record<string, unknown>) => Record<string, unknown>;

export interface StoredLayout {
  version: number;
  /** By the layout a record was stored in: how it becomes a record of the next one. Absent: unchanged. */
  upgrades: Readonly<Record<number, RecordUpgrade>>;
}

export const STORED_LAYOUT: StoredLayout = { version: 3, upgrades: {} };

/** The oldest layout a backend still reads (each backend upgrades its own structure from there). */
export const OLDEST_READABLE_LAYOUT = 1;

/** Refused at start: the data was written in a layout this kit cannot read. One line, naming what to do. */
export class StoredLayoutError extends Error {
  override readonly name = "StoredLayoutError";
  constructor(where: string, found: number, layout: StoredLayout, remedy: string) {
    super(
      found > layout.version
        ? `${where} holds stored layout ${found}, written by a newer kit (this one reads layouts ${OLDEST_READABLE_LAYOUT} to ${layout.version}): ${remedy}`
        : `${where} holds stored layout ${found}, which this kit no longer reads (it reads ${OLDEST_READABLE_LAYOUT} to ${layout.version}): ${remedy}`,
    );
  }
}

/** Throws StoredLayoutError unless `found` is a layout this kit reads. */
export function checkReadable(where: string, found: number, layout: StoredLayout, remedy: string): void {
  if (!Number.isInteger(found) || found < OLDEST_READABLE_LAYOUT || found > layout.version) throw new StoredLayoutError(where, found, layout, remedy);
}

/** Whether records stored in layout `from` change on the way to the current one. */
export function recordsChangeFrom(from: number, layout: StoredLayout): boolean {
  for (let v = from; v < layout.version; v++) if (layout.upgrades[v]) return true;
  return false;
}

/** A record stored in layout `from`, as the current layout stores it. */
export function upgradeRecord(record: unknown, from: number, layout: StoredLayout): EmailDomain {
  let value = record as Record<string, unknown>;
  for (let v = from; v < layout.version; v++) {
    const upgrade = layout.upgrades[v];
    if (upgrade) value = upgrade(value);
  }
  return value as unknown as EmailDomain;
}
