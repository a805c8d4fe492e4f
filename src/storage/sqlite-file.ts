// Opens the mock's state file: the SQLite settings that make an acknowledged write durable, the schema,
// and a readable error when the file is not ours or is in use.
//
// Durability: WAL journal with synchronous=FULL. In WAL mode a COMMIT appends the transaction to the -wal
// file before it returns; with NORMAL that append is a write() into the OS page cache, which already
// survives `kill -9` of the process (the kernel still holds it), but not a power cut or a kernel crash,
// because the fsync waits for the next checkpoint. FULL fsyncs the WAL on every COMMIT, so an
// acknowledged write survives both. Measured here it costs ~0.3 ms per write (NORMAL ~0.07 ms): nothing
// for a mock, so the stronger guarantee wins.
//
// Locking: EXCLUSIVE, so one mock owns the file (a second one fails at start rather than two processes
// diverging), and no -shm file is needed. The OS drops the lock when the process dies, even on kill -9.
//
// Layout: user_version is the stored layout (stored-layout.ts), except that 1 (this file's first schema) is
// layout 2. An older file is upgraded in the transaction that opens it; a newer one is refused.
import Database from "better-sqlite3";
import { checkReadable, recordsChangeFrom, STORED_LAYOUT, StoredLayoutError, upgradeRecord, type StoredLayout } from "./stored-layout.js";

/** The stored layout of a file whose user_version is `version` (0: no state yet). */
const layoutOfVersion = (version: number): number => (version === 1 ? 2 : version);

const SCHEMA = `
  CREATE TABLE accounts (
    account_id TEXT PRIMARY KEY,
    position   INTEGER NOT NULL,
    data       TEXT NOT NULL            -- the Account as JSON (ids and API keys)
  ) STRICT;
  CREATE TABLE domains (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(account_id),
    name       TEXT NOT NULL,
    created_ms INTEGER NOT NULL,        -- Date.parse(createdAt): the list order, whatever the ISO spelling
    is_default INTEGER NOT NULL,
    data       TEXT NOT NULL            -- the EmailDomain as JSON, exactly as the API returns it
  ) STRICT;
  -- One name per account in any letter case, enforced by the file itself (atomic, no check-then-write).
  CREATE UNIQUE INDEX domains_account_name ON domains(account_id, lower(name));
  -- List order and keyset paging.
  CREATE INDEX domains_account_order ON domains(account_id, created_ms, id);
  -- At most one default domain per account.
  CREATE UNIQUE INDEX domains_account_default ON domains(account_id) WHERE is_default = 1;
`;

export class StateFileError extends Error {
  constructor(file: string, problem: string) {
    super(`State file ${file}: ${problem}`);
    this.name = "StateFileError";
  }
}

export interface OpenedStateFile {
  db: Database.Database;
  /** True when the file had no state yet: the caller loads the seed into it. */
  fresh: boolean;
}

/**
 * Opens (creating if needed) the state file. A new file gets the schema; `initialise` runs in the same
 * transaction, so a crash during the first start leaves a file that is still "new" next time.
 */
export function openStateFile(file: string, initialise: (db: Database.Database) => void, layout: StoredLayout = STORED_LAYOUT): OpenedStateFile {
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: 1_000 });
  } catch (error) {
    throw new StateFileError(file, `cannot be opened (${describe(error)})`);
  }
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    let fresh = false;
    db.transaction(() => {
      const version = db.pragma("user_version", { simple: true }) as number;
      if (version === 0) {
        const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema").get() as { n: number };
        if (tables.n > 0) throw new StateFileError(file, "is an SQLite database, but not a state file of this mock");
        db.exec(SCHEMA);
        initialise(db);
        db.pragma(`user_version = ${layout.version}`);
        fresh = true;
      } else if (layoutOfVersion(version) !== layout.version) {
        const found = layoutOfVersion(version);
        checkReadable(`State file ${file}`, found, layout, "open it with the kit version that wrote it, or start the mock with a new --state-file");
        upgradeFile(db, found, layout);
      }
    }).immediate();
    return { db, fresh };
  } catch (error) {
    db.close();
    if (error instanceof StateFileError || error instanceof StoredLayoutError) throw error;
    const code = (error as { code?: string }).code;
    if (code === "SQLITE_NOTADB") throw new StateFileError(file, "is not a state file (not an SQLite database)");
    if (code === "SQLITE_BUSY") throw new StateFileError(file, "is in use by another running mock");
    throw new StateFileError(file, `cannot be read (${describe(error)})`);
  }
}

/** Rewrites every record stored in layout `from` as the current layout stores it, and marks the file. */
function upgradeFile(db: Database.Database, from: number, layout: StoredLayout): void {
  if (recordsChangeFrom(from, layout)) {
    const update = db.prepare("UPDATE domains SET is_default = ?, data = ? WHERE id = ?");
    const rows = db.prepare("SELECT id, data FROM domains").all() as Array<{ id: string; data: string }>;
    for (const { id, data } of rows) {
      const record = upgradeRecord(JSON.parse(data), from, layout);
      update.run(record.isDefault ? 1 : 0, JSON.stringify(record), id);
    }
  }
  db.pragma(`user_version = ${layout.version}`);
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.code ?? e.message ?? String(error);
}
