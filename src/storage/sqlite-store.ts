// The SQLite backend (--state-file): the same EmailDomainStore as memory-store.ts, kept in one file so a
// restart, or a `kill -9`, loses no acknowledged write. Every write is one transaction; the rules come from
// domain-rules.ts and verification-simulation.ts, as in memory. The seed fills a new file only; an existing
// file keeps its data, and reset() replaces it with a seed in one transaction.
import type Database from "better-sqlite3";
import { createKeyRing, type KeyRing } from "./api-keys.js";
import { asNewDefault, newEmailDomain, normalizeDomainName, withDescription } from "./domain-rules.js";
import { ListPositions, type ListKey } from "./list-positions.js";
import { buildSeedDomains } from "./seed-domains.js";
import { openStateFile } from "./sqlite-file.js";
import { applyVerificationPatch, runCheck } from "./verification-simulation.js";
import type { Account, CreateResult, EmailDomain, EmailDomainStore, Seed, StoreEnvironment } from "./types.js";

const keyOf = (domain: EmailDomain): ListKey => ({ createdMs: Date.parse(domain.createdAt), id: domain.id });

export interface SqliteStore extends EmailDomainStore {
  /** True when the file was new and got the seed at open. */
  readonly initialisedFromSeed: boolean;
}

export function createSqliteStore(file: string, seed: Seed, env: StoreEnvironment): SqliteStore {
  const { db, fresh } = openStateFile(file, (db) => writeSeed(db, seed, env));
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
  const save = (domain: EmailDomain) => sql.update.run({ id: domain.id, isDefault: domain.isDefault ? 1 : 0, data: JSON.stringify(domain) });

  /** Reads, changes and writes one domain in one transaction; undefined when the account has no such domain. */
  const change = (accountId: string, id: string, fn: (d: EmailDomain) => EmailDomain) =>
    db.transaction((): EmailDomain | undefined => {
      const current = read(sql.get.get(accountId, id));
      if (!current) return undefined;
      const next = fn(current);
      save(next);
      return next;
    }).immediate();

  return {
    initialisedFromSeed: fresh,
    async accountForKey(apiKey) {
      return keys.find(apiKey);
    },
    async accounts() {
      return accounts.map((a) => structuredClone(a));
    },
    async list(accountId, start, limit) {
      const from = positions.at(accountId, start);
      if (!from || limit <= 0) return [];
      return (sql.page.all(accountId, from.createdMs, from.id, limit) as Array<{ data: string }>).map((r) => read(r)!);
    },
    async get(accountId, id) {
      return read(sql.get.get(accountId, id));
    },
    async create(account, input): Promise<CreateResult> {
      const created = db
        .transaction((): EmailDomain | undefined => {
          // Whether this is the account's first domain is decided inside the write transaction too.
          const domain = newEmailDomain(account, input, env, { isDefault: sql.anyDomain.get(account.accountId) === undefined });
          try {
            sql.insert.run(row(account.accountId, domain));
          } catch (error) {
            // The unique index on (account_id, lower(name)) decides between concurrent creates: no pre-check.
            if (isDuplicateName(error)) return undefined;
            throw error;
          }
          return domain;
        })
        .immediate();
      if (!created) return { conflict: true };
      positions.insert(account.accountId, keyOf(created));
      return { created };
    },
    async updateDescription(accountId, id, description) {
      return change(accountId, id, (d) => withDescription(d, description, env.now()));
    },
    async remove(accountId, id) {
      const removed = db
        .transaction((): EmailDomain | undefined => {
          const current = read(sql.get.get(accountId, id));
          if (!current) return undefined;
          sql.remove.run(id);
          const heir = current.isDefault ? read(sql.first.get(accountId)) : undefined;
          if (heir) save(asNewDefault(heir, env.now()));
          return current;
        })
        .immediate();
      if (!removed) return false;
      positions.remove(accountId, keyOf(removed));
      return true;
    },
    async checkDkimStatus(accountId, id) {
      return change(accountId, id, (d) => runCheck(d, env.now()));
    },
    async setVerification(accountId, id, patch) {
      return change(accountId, id, (d) => applyVerificationPatch(d, patch, env.now()));
    },
    async reset(next) {
      db.transaction(() => {
        db.exec("DELETE FROM domains; DELETE FROM accounts;");
        writeSeed(db, next, env);
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
  const { createdMs, id } = keyOf(domain);
  return { id, accountId, name: normalizeDomainName(domain.domain), createdMs, isDefault: domain.isDefault ? 1 : 0, data: JSON.stringify(domain) };
}

function isDuplicateName(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === "SQLITE_CONSTRAINT_UNIQUE" && /domains_account_name/.test(e.message ?? "");
}

const INSERT_DOMAIN = "INSERT INTO domains (id, account_id, name, created_ms, is_default, data) VALUES (@id, @accountId, @name, @createdMs, @isDefault, @data)";

function writeSeed(db: Database.Database, seed: Seed, env: StoreEnvironment): void {
  const insertAccount = db.prepare("INSERT INTO accounts (account_id, position, data) VALUES (?, ?, ?)");
  const insertDomain = db.prepare(INSERT_DOMAIN);
  seed.accounts.forEach(({ domains, ...account }, index) => {
    insertAccount.run(account.accountId, index, JSON.stringify(account));
    for (const domain of buildSeedDomains(account, domains ?? [], env)) insertDomain.run(row(account.accountId, domain));
  });
}

function statements(db: Database.Database) {
  return {
    allAccounts: db.prepare("SELECT data FROM accounts ORDER BY position"),
    allKeys: db.prepare("SELECT account_id AS accountId, created_ms AS createdMs, id FROM domains ORDER BY account_id, created_ms, id"),
    page: db.prepare(
      "SELECT data FROM domains WHERE account_id = ? AND (created_ms, id) >= (?, ?) ORDER BY created_ms, id LIMIT ?",
    ),
    get: db.prepare("SELECT data FROM domains WHERE account_id = ? AND id = ?"),
    first: db.prepare("SELECT data FROM domains WHERE account_id = ? ORDER BY created_ms, id LIMIT 1"),
    anyDomain: db.prepare("SELECT 1 FROM domains WHERE account_id = ? LIMIT 1"),
    insert: db.prepare(INSERT_DOMAIN),
    update: db.prepare("UPDATE domains SET is_default = @isDefault, data = @data WHERE id = @id"),
    remove: db.prepare("DELETE FROM domains WHERE id = ?"),
  };
}
