// The Redis backend (--redis-url): the same EmailDomainStore as memory-store.ts, kept in Redis so that several
// mock processes share one state. Rules come from domain-rules.ts and verification-simulation.ts; atomicity
// comes from the Lua scripts in redis-scripts.ts (insert-if-unique, compare-and-set), each on one account.
//
// Generations. The whole world (accounts, keys, domains) lives under a generation number G, and the key
// `<prefix>{generations}:current` names the current G. A reset builds the new world under a fresh G, switches
// `current` in one step (noting the old G as retired), then deletes the old generation account by account,
// each with one UNLINK that also removes that account's `live` marker. Every script checks its marker first, so an operation sees all of one
// generation or is told it is stale (and re-reads `current`): a reader never sees half a reset.
//
// Keys (P = prefix; one hash tag per account, so an account's keys sit on one Cluster node):
//   P{generations}:current|retired      the current G; old generations not yet deleted
//   P{world}:G:live|accounts|keys        marker; the accounts as JSON, in seed order; hash sha256(key) -> account
//   P{<accountId>}:G:live|domains|names|order   marker; hash id -> domain JSON; hash name -> id;
//                                        sorted set of ids, scored by createdAt in ms (ties: by id, as the list order)
import { createHash, randomUUID } from "node:crypto";
import { asNewDefault, newEmailDomain, normalizeDomainName, withDescription } from "./domain-rules.js";
import { openRedisConnection } from "./redis-connection.js";
import { displayRedisUrl } from "./redis-url.js";
import { COMPARE_AND_SET, CREATE, LIST_PAGE, READ_FIELD, READ_FOR_REMOVE, READ_STRING, REMOVE, SWITCH_GENERATION } from "./redis-scripts.js";
import { buildSeedDomains } from "./seed-domains.js";
import { StoreUnavailableError } from "./store-errors.js";
import { applyVerificationPatch, runCheck } from "./verification-simulation.js";
import type { Account, CreateResult, EmailDomain, EmailDomainStore, Seed, StoreEnvironment } from "./types.js";

export const DEFAULT_REDIS_PREFIX = "email-domains-mock:";

export interface RedisStoreOptions {
  /** redis://[user:pass@]host:port[/db], rediss://…, or unix:///path/to/redis.sock */
  url: string;
  /** Put before every key, so that several mocks can share one Redis. Default DEFAULT_REDIS_PREFIX. */
  prefix?: string;
  /** How long one command may take before the operation fails with StoreUnavailableError. Default 2000 ms. */
  commandTimeoutMs?: number;
  /** How long the first connection may take at start before createRedisStore gives up. Default 5000 ms. */
  connectTimeoutMs?: number;
  /** Told when Redis goes away and when it is back (once per change, not per retry). */
  onConnectionChange?: (event: { up: boolean; error?: Error }) => void;
}

export interface RedisStore extends EmailDomainStore {
  /** True when this process found no world in Redis (under its prefix) and wrote the seed. */
  readonly initialisedFromSeed: boolean;
}

/** Stale: the generation a script ran on is gone. */
const STALE = Symbol("stale");
/** Attempts of one compare-and-set before giving up (each one lost to a concurrent write of the same account). */
const MAX_ATTEMPTS = 100;
/** Fields per HSET while writing a seed: big seeds go in several commands rather than one huge one. */
const WRITE_CHUNK = 1000;
const WRITES_IN_FLIGHT = 8;

const digest = (apiKey: string) => createHash("sha256").update(apiKey, "utf8").digest("hex");

export async function createRedisStore(seed: Seed, env: StoreEnvironment, options: RedisStoreOptions): Promise<RedisStore> {
  const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
  if (/[{}]/.test(prefix)) throw new Error(`Redis prefix must not contain { or } (they would change the hash tags): ${prefix}`);
  const where = displayRedisUrl(options.url);
  const redis = await openRedisConnection({
    url: options.url,
    commandTimeoutMs: options.commandTimeoutMs ?? 2_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    ...(options.onConnectionChange ? { onConnectionChange: options.onConnectionChange } : {}),
  });
  const run = redis.script;
  const guard = redis.run;

  const keys = {
    // One hash tag, so that the switch script can touch both on Cluster.
    current: `${prefix}{generations}:current`,
    retired: `${prefix}{generations}:retired`,
    world: (g: string) => {
      const w = `${prefix}{world}:${g}:`;
      return { live: `${w}live`, accounts: `${w}accounts`, apiKeys: `${w}keys` };
    },
    account: (g: string, accountId: string) => {
      const a = `${prefix}{${accountId}}:${g}:`;
      return { live: `${a}live`, domains: `${a}domains`, names: `${a}names`, order: `${a}order` };
    },
  };

  /** Writes a whole world under a new generation; nothing reads it until `current` names it. */
  async function writeGeneration(next: Seed): Promise<string> {
    // Everything that can fail on bad input is computed before the first write.
    const accounts: Account[] = next.accounts.map(({ domains: _domains, ...account }) => account);
    const built = next.accounts.map(({ domains, ...account }) => ({ account, domains: buildSeedDomains(account, domains ?? [], env) }));
    for (const { domains } of built) for (const d of domains) scoreOf(d);
    // Random, not counted: a counter would start again at 1 in a Redis that lost its data, and a process
    // still holding generation 1 would take the new world for its own.
    const g = randomUUID();
    type Write = Parameters<typeof guard>[0];
    const writes: Write[] = [];
    for (const { account, domains } of built) {
      const k = keys.account(g, account.accountId);
      writes.push((c) => c.set(k.live, "1"));
      for (let i = 0; i < domains.length; i += WRITE_CHUNK) {
        const chunk = domains.slice(i, i + WRITE_CHUNK);
        writes.push((c) => c.hSet(k.domains, Object.fromEntries(chunk.map((d) => [d.id, JSON.stringify(d)]))));
        writes.push((c) => c.hSet(k.names, Object.fromEntries(chunk.map((d) => [normalizeDomainName(d.domain), d.id]))));
        writes.push((c) => c.zAdd(k.order, chunk.map((d) => ({ score: scoreOf(d), value: d.id }))));
      }
    }
    const w = keys.world(g);
    writes.push((c) => c.set(w.accounts, JSON.stringify(accounts)));
    const ring = Object.fromEntries(accounts.flatMap((a) => a.apiKeys.map((key) => [digest(key), JSON.stringify(a)])));
    if (Object.keys(ring).length > 0) writes.push((c) => c.hSet(w.apiKeys, ring));
    writes.push((c) => c.set(w.live, "1"));
    try {
      // A few commands in flight at a time: each has its own deadline, which a long pipeline would eat up.
      for (let i = 0; i < writes.length; i += WRITES_IN_FLIGHT) await Promise.all(writes.slice(i, i + WRITES_IN_FLIGHT).map((write) => guard(write)));
    } catch (error) {
      await dropGeneration(g, accounts.map((a) => a.accountId)).catch(() => undefined);
      throw error;
    }
    return g;
  }

  /** Deletes a generation: the world first (its accounts then read as stale), then each account in one UNLINK. */
  async function dropGeneration(g: string, accountIds?: string[]): Promise<void> {
    const w = keys.world(g);
    let ids = accountIds;
    if (!ids) {
      const text = await guard((client) => client.get(w.accounts));
      ids = text ? (JSON.parse(text) as Account[]).map((a) => a.accountId) : [];
    }
    await guard((client) => client.unlink([w.live, w.accounts, w.apiKeys]));
    await guard((client) => Promise.all(ids.map((id) => client.unlink(Object.values(keys.account(g, id))))));
  }

  /** Drops every retired generation but the current one (concurrent resets may each retire one). */
  async function dropRetired(): Promise<void> {
    const retired = await guard((client) => client.sMembers(keys.retired));
    const current = await guard((client) => client.get(keys.current));
    for (const g of retired) {
      if (g === current) continue;
      await dropGeneration(g);
      await guard((client) => client.sRem(keys.retired, g));
    }
  }

  let generation: string;
  let initialisedFromSeed = false;

  /** The current generation; when Redis holds none under this prefix, this process's seed becomes it. */
  async function currentGeneration(): Promise<string> {
    for (;;) {
      const found = await guard((client) => client.get(keys.current));
      if (found) return found;
      const g = await writeGeneration(seed);
      // Of processes starting together on an empty Redis, one wins; the others drop what they wrote.
      if ((await guard((client) => client.set(keys.current, g, { condition: "NX" }))) === "OK") {
        initialisedFromSeed = true;
        return g;
      }
      await dropGeneration(g);
    }
  }

  try {
    generation = await currentGeneration();
    await dropRetired(); // what a reset that failed halfway through its cleanup left behind
  } catch (error) {
    await redis.close();
    throw error;
  }

  /**
   * Runs `attempt` on the cached generation; when it is stale, re-reads `current` and tries again. When the
   * generation is current and still has no marker, the account (or world) is simply not there: `missing`.
   */
  async function onGeneration<T>(attempt: (g: string) => Promise<T | typeof STALE>, missing: () => T): Promise<T> {
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const g = generation;
      const result = await attempt(g);
      if (result !== STALE) return result;
      const now = await currentGeneration();
      if (now === g) return missing();
      generation = now;
    }
    throw new StoreUnavailableError(`Redis at ${where}: the generation kept changing under ${MAX_ATTEMPTS} attempts`);
  }

  /** Reads one domain, applies `fn`, writes it back if nobody changed it meanwhile (else again). */
  async function change(accountId: string, id: string, fn: (d: EmailDomain) => EmailDomain): Promise<EmailDomain | undefined> {
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const outcome = await onGeneration<EmailDomain | undefined | "retry">(
        async (g) => {
          const k = keys.account(g, accountId);
          const [live, text] = (await run(READ_FIELD, [k.live, k.domains], [id])) as [number, string?];
          if (!live) return STALE;
          if (text === undefined) return undefined;
          const next = fn(JSON.parse(text) as EmailDomain);
          const written = (await run(COMPARE_AND_SET, [k.live, k.domains], [id, text, JSON.stringify(next)])) as number;
          if (written === 0) return STALE;
          if (written === 1) return undefined;
          return written === 3 ? next : "retry";
        },
        () => undefined,
      );
      if (outcome !== "retry") return outcome;
    }
    throw new StoreUnavailableError(`Redis at ${where}: domain ${id} kept changing under ${MAX_ATTEMPTS} attempts`);
  }

  return {
    get initialisedFromSeed() {
      return initialisedFromSeed;
    },
    async accountForKey(apiKey) {
      // A lookup by SHA-256 digest: the time it takes tells nothing about how much of a real key was right.
      return onGeneration(
        async (g) => {
          const w = keys.world(g);
          const [live, text] = (await run(READ_FIELD, [w.live, w.apiKeys], [digest(apiKey)])) as [number, string?];
          if (!live) return STALE;
          return text === undefined ? undefined : (JSON.parse(text) as Account);
        },
        () => undefined,
      );
    },
    async accounts() {
      return onGeneration(
        async (g) => {
          const w = keys.world(g);
          const [live, text] = (await run(READ_STRING, [w.live, w.accounts], [])) as [number, string?];
          if (!live) return STALE;
          return text === undefined ? [] : (JSON.parse(text) as Account[]);
        },
        () => [],
      );
    },
    async list(accountId, start, limit) {
      if (limit <= 0) return [];
      return onGeneration(
        async (g) => {
          const k = keys.account(g, accountId);
          const [live, ...records] = (await run(LIST_PAGE, [k.live, k.domains, k.order], [String(start), String(start + limit - 1)])) as [number, ...string[]];
          if (!live) return STALE;
          return records.map((r) => JSON.parse(r) as EmailDomain);
        },
        () => [],
      );
    },
    async get(accountId, id) {
      return onGeneration(
        async (g) => {
          const k = keys.account(g, accountId);
          const [live, text] = (await run(READ_FIELD, [k.live, k.domains], [id])) as [number, string?];
          if (!live) return STALE;
          return text === undefined ? undefined : (JSON.parse(text) as EmailDomain);
        },
        () => undefined,
      );
    },
    async create(account, input): Promise<CreateResult> {
      // Both versions of the record are made here; the script picks one, as only it knows whether the
      // account is empty at the moment of the insert.
      const asFirst = newEmailDomain(account, input, env, { isDefault: true });
      const asOther: EmailDomain = { ...asFirst, isDefault: false };
      return onGeneration<CreateResult>(
        async (g) => {
          const k = keys.account(g, account.accountId);
          const args = [normalizeDomainName(input.domain), asFirst.id, String(scoreOf(asFirst)), JSON.stringify(asFirst), JSON.stringify(asOther)];
          const outcome = (await run(CREATE, [k.live, k.domains, k.names, k.order], args)) as number;
          if (outcome === 0) return STALE;
          if (outcome === 1) return { conflict: true };
          if (outcome === 4) throw new Error(`id ${asFirst.id} is taken: the store environment repeats ids`);
          return { created: outcome === 3 ? asFirst : asOther };
        },
        () => {
          throw new Error(`unknown account ${account.accountId}`);
        },
      );
    },
    async updateDescription(accountId, id, description) {
      return change(accountId, id, (d) => withDescription(d, description, env.now()));
    },
    async remove(accountId, id) {
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        const outcome = await onGeneration<boolean | "retry">(
          async (g) => {
            const k = keys.account(g, accountId);
            const [live, text, heirId, heirText] = (await run(READ_FOR_REMOVE, [k.live, k.domains, k.order], [id])) as [number, string?, string?, string?];
            if (!live) return STALE;
            if (text === undefined) return false;
            const current = JSON.parse(text) as EmailDomain;
            const heirNext = current.isDefault && heirText ? JSON.stringify(asNewDefault(JSON.parse(heirText) as EmailDomain, env.now())) : "";
            const args = [id, text, normalizeDomainName(current.domain), current.isDefault ? "1" : "0", heirId ?? "", heirText ?? "", heirNext];
            const written = (await run(REMOVE, [k.live, k.domains, k.order, k.names], args)) as number;
            if (written === 0) return STALE;
            if (written === 1) return false;
            return written === 3 ? true : "retry";
          },
          () => false,
        );
        if (outcome !== "retry") return outcome;
      }
      throw new StoreUnavailableError(`Redis at ${where}: domain ${id} kept changing under ${MAX_ATTEMPTS} attempts`);
    },
    async checkDkimStatus(accountId, id) {
      return change(accountId, id, (d) => runCheck(d, env.now()));
    },
    async setVerification(accountId, id, patch) {
      return change(accountId, id, (d) => applyVerificationPatch(d, patch, env.now()));
    },
    async reset(next) {
      const g = await writeGeneration(next);
      await run(SWITCH_GENERATION, [keys.current, keys.retired], [g]);
      generation = g;
      // The switch above is the reset. Dropping the old generation is what makes the other processes notice
      // (their scripts find its markers gone); one left over by a failure is dropped by the next reset.
      await dropRetired();
    },
    ping: redis.ping,
    close: redis.close,
  };
}

/** The list-order score: createdAt in ms (an exact integer as a double); Redis orders equal scores by member, the id. */
function scoreOf(domain: EmailDomain): number {
  const ms = Date.parse(domain.createdAt);
  if (!Number.isFinite(ms)) throw new Error(`createdAt ${domain.createdAt} of ${domain.domain} is not a time`);
  return ms;
}
