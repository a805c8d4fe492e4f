// The SQLite backend of the store port (--state-file): one file, so a restart or a `kill -9` loses no
// acknowledged write. A transaction is BEGIN IMMEDIATE: the change reads and writes one account while no
// other writer can, and the unique indexes (one name per account, one default) back it up. The seed fills a
// new file only; an existing file keeps its data, and replaceWorld swaps everything in one transaction.
import type Database from "better-sqlite3";
import { createKeyRing, type KeyRing } from "./api-keys.js";
import { listKey } from "./list-order.js";
import { UnknownAccountError, type Change, type RawAccountReads, type StorePort, type World } from "./port.js";
import { runChange } from "./run-change.js";
import { STORED_LAYOUT, type StoredLayout } from "./stored-layout.js";
import { openStateFile } from "./sqlite-file.js";
import { ListPositions, type ListKey } from "./sqlite-list-positions.js";
import { accountIdOf, type Account, type AccountRef, type EmailDomain } from "./types.js";

export interface SqliteBackend extends StorePort {
  /** True when the file was new and got the seed at open. */
  readonly initialisedFromSeed: boolean;
}

/** `initial` is built only when the file is new; `layout` is the stored layout (a test may name a later one). */
export function createSqliteBackend(file: string, initial: () => World, layout: StoredLayout = STORED_LAYOUT): SqliteBackend {
  const { db, fresh } = openStateFile(file, (db) => writeWorld(db, initial()), layout);
  const sql = statements(db);
  let accounts: Account[] = [];
  let keys: KeyRing = createKeyRing([]);
  let positions = new ListPositions();

  /** The in-memory views of the file: accounts, keys and list positions. */
  function reloadViews(): void {
    accounts = (sql.allAccounts.all() as Array<{ data: string }>).map((row) => JSON.parse(row.data) as Account);
    keys = createKeyRing(accounts);
    positions = ListPositions.fromSorted(sql.allKeys.iterate() as Iterable<ListKey & { accountId: string }>);
  }
  reloadViews();

  const read = (row: unknown) => (row ? (JSON.parse((row as { data: string }).data) as EmailDomain) : undefined);

  function rawReads(accountId: string): RawAccountReads {
    return {
      domain: (id) => read(sql.get.get(accountId, id)),
      idOfName: (name) => (sql.idOfName.get(accountId, name) as { id: string } | undefined)?.id,
      isEmpty: () => sql.anyDomain.get(accountId) === undefined,
      head: (size) => (sql.head.all(accountId, size) as Array<{ data: string }>).map((r) => read(r)!),
      defaultDomain: () => read(sql.defaultDomain.get(accountId)),
    };
  }

  return {
    initialisedFromSeed: fresh,
    async accountForKey(apiKey) {
      return keys.find(apiKey);
    },
    async accounts() {
      return accounts.map((a) => structuredClone(a));
    },
    async page(account, start, limit) {
      const accountId = accountIdOf(account);
      const from = positions.at(accountId, start);
      if (!from) return [];
      return (sql.page.all(accountId, from.createdMs, from.id, limit) as Array<{ data: string }>).map((r) => read(r)!);
    },
    async get(account, id) {
      return read(sql.get.get(accountIdOf(account), id));
    },
    async transact<T>(account: AccountRef, change: Change<T>): Promise<T> {
      const accountId = accountIdOf(account);
      const inserted: EmailDomain[] = [];
      const removed: EmailDomain[] = [];
      const result = db
        .transaction((): T => {
          const { result, steps, wrote } = runChange(change, rawReads(accountId));
          if (!wrote) return result;
          if (!sql.account.get(accountId)) throw new UnknownAccountError(accountId);
          // In the port's order; the unique index on is_default refuses a second default (and rolls back).
          for (const { kind, domain: d } of steps) {
            if (kind === "remove") {
              if (sql.remove.run(accountId, d.id).changes > 0) removed.push(d);
            } else if (sql.update.run({ id: d.id, accountId, isDefault: d.isDefault ? 1 : 0, data: JSON.stringify(d) }).changes === 0) {
              sql.insert.run(row(accountId, d));
              inserted.push(d);
            }
          }
          return result;
        })
        .immediate();
      // The positions follow only once the transaction has committed.
      for (const d of removed) positions.remove(accountId, listKey(d));
      for (const d of inserted) positions.insert(accountId, listKey(d));
      return result;
    },
    async replaceWorld(world) {
      db.transaction(() => {
        db.exec("DELETE FROM domains; DELETE FROM accounts;");
        writeWorld(db, world);
      }).immediate();
      reloadViews();
    },
    async ping() {
      return db.open;
    },
    async close() {
      // Closing the last connection checkpoints the WAL into the file and removes the -wal file.
      if (db.open) db.close();
    },
  };
}

function row(accountId: string, domain: EmailDomain) {
  const { createdMs, id } = listKey(domain);
  return { id, accountId, name: domain.domain, createdMs, isDefault: domain.isDefault ? 1 : 0, data: JSON.stringify(domain) };
}

const INSERT_DOMAIN = "INSERT INTO domains (id, account_id, name, created_ms, is_default, data) VALUES (@id, @accountId, @name, @createdMs, @isDefault, @data)";

function writeWorld(db: Database.Database, world: World): void {
  const insertAccount = db.prepare("INSERT INTO accounts (account_id, position, data) VALUES (?, ?, ?)");
  const insertDomain = db.prepare(INSERT_DOMAIN);
  world.accounts.forEach(({ domains, ...account }, index) => {
    insertAccount.run(account.accountId, index, JSON.stringify(account));
    for (const domain of domains) insertDomain.run(row(account.accountId, domain));
  });
}

function statements(db: Database.Database) {
  return {
    allAccounts: db.prepare("SELECT data FROM accounts ORDER BY position"),
    account: db.prepare("SELECT 1 FROM accounts WHERE account_id = ?"),
    allKeys: db.prepare("SELECT account_id AS accountId, created_ms AS createdMs, id FROM domains ORDER BY account_id, created_ms, id"),
    page: db.prepare("SELECT data FROM domains WHERE account_id = ? AND (created_ms, id) >= (?, ?) ORDER BY created_ms, id LIMIT ?"),
    get: db.prepare("SELECT data FROM domains WHERE account_id = ? AND id = ?"),
    idOfName: db.prepare("SELECT id FROM domains WHERE account_id = ? AND lower(name) = ?"),
    head: db.prepare("SELECT data FROM domains WHERE account_id = ? ORDER BY created_ms, id LIMIT ?"),
    defaultDomain: db.prepare("SELECT data FROM domains WHERE account_id = ? AND is_default = 1"),
    anyDomain: db.prepare("SELECT 1 FROM domains WHERE account_id = ? LIMIT 1"),
    insert: db.prepare(INSERT_DOMAIN),
    update: db.prepare("UPDATE domains SET is_default = @isDefault, data = @data WHERE id = @id AND account_id = @accountId"),
    remove: db.prepare("DELETE FROM domains WHERE account_id = ? AND id = ?"),
  };
}
