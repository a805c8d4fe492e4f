// The Redis backend of the store port (--redis-url): kept in Redis so that several mock processes share one
// state. A transaction is optimistic: one script reads what the change declared, the pure change runs here,
// a second script writes only if nothing it saw changed (compare-and-set), else the whole step runs again.
// Reads keep the domains they decoded (deep-frozen, by id with their JSON text): a record whose text, as just
// read from Redis, is the text kept is not parsed again; any other text is (so nothing stale is ever served).
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
//   P{<accountId>}:G:live|domains|names|order|keys   marker; hash id -> domain JSON; hash name -> id;
//                                        sorted set of ids, scored by createdAt in ms (ties: by id, as the list order);
//                                        set of the account's key digests
//
// Answers in memory. What get and page answered is kept (redis-tracked-reads.ts) until Redis pushes an
// invalidation of one of the account's keys; a kept answer is served after the read barrier
// (redis-connection.ts), one PING shared by every read of that turn, so a change any replica made before the
// request came is always seen. A read with nothing kept, or whose answer went, runs its script as before.
// A commit also forgets its account's answers at once, and a reset all of them, so that this process's next
// read does not wait for the push of its own change.
//
// Keys in memory. accountForKey remembers what a key opened, per generation. Every read and write of an account
// made for such a caller sends the key's digest along, and its script checks it against the account's `keys`
// set first: the key's check costs no round trip of its own, and a key that a reset removed is refused (401)
// on the very next request, as if it had been looked up again.
import { createHash, randomUUID } from "node:crypto";
import { deepFreeze } from "../shared/deep-freeze.js";
import { listKey } from "./list-order.js";
import { UnknownAccountError, type Change, type RawAccountReads, type StorePort, type World } from "./port.js";
import { openRedisConnection } from "./redis-connection.js";
import { COMMIT_CHANGE, LIST_PAGE, READ_DOMAIN, READ_FIELD, READ_FOR_CHANGE, READ_STRING, SWITCH_GENERATION } from "./redis-scripts.js";
import { TrackedReads } from "./redis-tracked-reads.js";
import { checkReadable, recordsChangeFrom, STORED_LAYOUT, StoredLayoutError, upgradeRecord, type StoredLayout } from "./stored-layout.js";
import { defaultAfterSteps, runChange, TwoDefaultsError, type WriteStep } from "./run-change.js";
import { displayRedisUrl } from "./redis-url.js";
import { ApiKeyRevokedError, StoreUnavailableError } from "./store-errors.js";
import { accountIdOf, type Account, type AccountRef, type EmailDomain } from "./types.js";

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
  /** The stored layout (stored-layout.ts); a test may name a later one. The world marker holds its version. */
  layout?: StoredLayout;
}

export interface RedisBackend extends StorePort {
  /** True when this process found no world in Redis (under its prefix) and wrote the seed. */
  readonly initialisedFromSeed: boolean;
}

/** Stale: the generation a script ran on is gone. */
const STALE = Symbol("stale");
/** Attempts of one compare-and-set before giving up (each one lost to a concurrent write of the same account). */
const MAX_ATTEMPTS = 100;
/** Decoded domains kept (by id, with their JSON text); past this many the memo starts again (a large seed read once). */
const DECODED_LIMIT = 20_000;
/** Keys remembered by accountForKey; past this many (keys tried at random?) the memo starts again. */
const OPENED_LIMIT = 10_000;
/** Fields per HSET while writing a seed: big seeds go in several commands rather than one huge one. */
const WRITE_CHUNK = 1000;
const WRITES_IN_FLIGHT = 8;

const digest = (apiKey: string) => createHash("sha256").update(apiKey, "utf8").digest("hex");

/** `initial` is built only when Redis holds no world under the prefix. */
export async function createRedisBackend(initial: () => World, options: RedisStoreOptions): Promise<RedisBackend> {
  const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
  if (/[{}]/.test(prefix)) throw new Error(`Redis prefix must not contain { or } (they would change the hash tags): ${prefix}`);
  const where = displayRedisUrl(options.url);
  const layout = options.layout ?? STORED_LAYOUT;
  const marker = String(layout.version);
  const tracked = new TrackedReads();
  const redis = await openRedisConnection({
    onInvalidate: (key) => tracked.invalidate(key),
    url: options.url,
    commandTimeoutMs: options.commandTimeoutMs ?? 2_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    ...(options.onConnectionChange ? { onConnectionChange: options.onConnectionChange } : {}),
  });
  // One EVALSHA, and one or more plain commands: both within the command deadline.
  const script = redis.script;
  const command = redis.run;

  const keys = {
    // One hash tag, so that the switch script can touch both on Cluster.
    current: `${prefix}{generations}:current`,
    retired: `${prefix}{generations}:retired`,
    world: (g: string) => {
      const w = `${prefix}{world}:${g}:`;
      return { live: `${w}live`, accounts: `${w}accounts`, apiKeys: `${w}keys` };
    },
    /** What every key of one account in generation g starts with (the unit of TrackedReads). */
    accountPrefix: (g: string, accountId: string) => `${prefix}{${accountId}}:${g}:`,
    account: (g: string, accountId: string) => {
      const a = keys.accountPrefix(g, accountId);
      return { live: `${a}live`, domains: `${a}domains`, names: `${a}names`, order: `${a}order`, callers: `${a}keys`, defaultId: `${a}default` };
    },
  };

  /** Writes a whole world under a new generation; nothing reads it until `current` names it. */
  async function writeGeneration(next: World): Promise<string> {
    // Everything that can fail on bad input is computed before the first write.
    const accounts: Account[] = next.accounts.map(({ domains: _domains, ...account }) => account);
    const built = next.accounts.map(({ domains, ...account }) => ({ account, domains }));
    const defaults = built.map(({ account, domains }) => {
      for (const d of domains) scoreOf(d);
      return defaultAfterSteps(account.accountId, undefined, domains.map((domain) => ({ kind: "put", domain })));
    });
    // Random, not counted: a counter would start again at 1 in a Redis that lost its data, and a process
    // still holding generation 1 would take the new world for its own.
    const g = randomUUID();
    type Write = Parameters<typeof command>[0];
    const writes: Write[] = [];
    for (const [i, { account, domains }] of built.entries()) {
      const k = keys.account(g, account.accountId);
      writes.push((c) => c.set(k.live, "1"));
      const defaultId = defaults[i];
      if (defaultId !== undefined) writes.push((c) => c.set(k.defaultId, defaultId));
      // The account's own key digests, beside its domains: a read checks its caller's key in the same script.
      if (account.apiKeys.length > 0) writes.push((c) => c.sAdd(k.callers, account.apiKeys.map(digest)));
      for (let i = 0; i < domains.length; i += WRITE_CHUNK) {
        const chunk = domains.slice(i, i + WRITE_CHUNK);
        writes.push((c) => c.hSet(k.domains, Object.fromEntries(chunk.map((d) => [d.id, JSON.stringify(d)]))));
        writes.push((c) => c.hSet(k.names, Object.fromEntries(chunk.map((d) => [d.domain, d.id]))));
        writes.push((c) => c.zAdd(k.order, chunk.map((d) => ({ score: scoreOf(d), value: d.id }))));
      }
    }
    const w = keys.world(g);
    writes.push((c) => c.set(w.accounts, JSON.stringify(accounts)));
    const ring = Object.fromEntries(accounts.flatMap((a) => a.apiKeys.map((key) => [digest(key), JSON.stringify(a)])));
    if (Object.keys(ring).length > 0) writes.push((c) => c.hSet(w.apiKeys, ring));
    writes.push((c) => c.set(w.live, marker));
    try {
      // A few commands in flight at a time: each has its own deadline, which a long pipeline would eat up.
      for (let i = 0; i < writes.length; i += WRITES_IN_FLIGHT) await Promise.all(writes.slice(i, i + WRITES_IN_FLIGHT).map((write) => command(write)));
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
      const text = await command((client) => client.get(w.accounts));
      ids = text ? (JSON.parse(text) as Account[]).map((a) => a.accountId) : [];
    }
    await command((client) => client.unlink([w.live, w.accounts, w.apiKeys]));
    await command((client) => Promise.all(ids.map((id) => client.unlink(Object.values(keys.account(g, id))))));
  }

  /** Drops every retired generation but the current one (concurrent resets may each retire one). */
  async function dropRetired(): Promise<void> {
    const retired = await command((client) => client.sMembers(keys.retired));
    const current = await command((client) => client.get(keys.current));
    for (const g of retired) {
      if (g === current) continue;
      await dropGeneration(g);
      await command((client) => client.sRem(keys.retired, g));
    }
  }

  let generation: string;
  let initialisedFromSeed = false;

  /**
   * A world written in an older layout (its marker names it) is brought to this one, once, before it is served:
   * layout 1 had no per-account key digests, layout 2 no default id per account, and records change as
   * `layout.upgrades` says. A newer layout is refused (StoredLayoutError). Replicas of an older kit must not
   * keep writing to a prefix once it is upgraded: they would not keep the default id.
   */
  async function upgradeLayout(g: string): Promise<void> {
    const w = keys.world(g);
    const found = await command((c) => c.get(w.live));
    if (found === null || found === marker) return; // null: the generation went meanwhile (the caller re-reads)
    const from = Number(found);
    checkReadable(`Redis at ${where}, prefix ${prefix}`, from, layout, "run the kit version that wrote it, or give this mock another --redis-prefix");
    const text = await command((c) => c.get(w.accounts));
    for (const account of text ? (JSON.parse(text) as Account[]) : []) {
      const k = keys.account(g, account.accountId);
      if (from < 2 && account.apiKeys.length > 0) await command((c) => c.sAdd(k.callers, account.apiKeys.map(digest)));
      const rewrite = recordsChangeFrom(from, layout);
      if (from >= 3 && !rewrite) continue;
      const stored = await command((c) => c.hGetAll(k.domains));
      const records = Object.entries(stored).map(([id, record]) => [id, upgradeRecord(JSON.parse(record), from, layout)] as const);
      if (rewrite && records.length > 0) await command((c) => c.hSet(k.domains, Object.fromEntries(records.map(([id, d]) => [id, JSON.stringify(d)]))));
      const defaultId = records.find(([, d]) => d.isDefault)?.[0];
      if (defaultId !== undefined) await command((c) => c.set(k.defaultId, defaultId));
    }
    await command((c) => c.set(w.live, marker, { condition: "XX" }));
  }

  /** The current generation; when Redis holds none under this prefix, this process's seed becomes it. */
  async function currentGeneration(): Promise<string> {
    for (;;) {
      const found = await command((client) => client.get(keys.current));
      if (found) return (await upgradeLayout(found), found);
      const g = await writeGeneration(initial());
      // Of processes starting together on an empty Redis, one wins; the others drop what they wrote.
      if ((await command((client) => client.set(keys.current, g, { condition: "NX" }))) === "OK") {
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
      const now = await currentGeneration().catch((error: unknown) => {
        // A kit of a newer layout reset the world meanwhile: this replica cannot serve it (503, not a 500).
        throw error instanceof StoredLayoutError ? new StoreUnavailableError(error.message, { cause: error }) : error;
      });
      if (now === g) return missing();
      // Only forward: a reset of this process may have moved on meanwhile, past the generation read above.
      if (generation === g) generation = now;
    }
    throw new StoreUnavailableError(`Redis at ${where}: the generation kept changing under ${MAX_ATTEMPTS} attempts`);
  }

  // What each key opened, in which generation (see "Keys in memory" above), and the digest behind each
  // account handed out, so that a later call for that caller can send it along.
  const opened = new Map<string, { account: Account; generation: string }>();
  const digestOf = new WeakMap<Account, string>();
  function remember(keyDigest: string, account: Account, g: string): void {
    if (opened.size >= OPENED_LIMIT) opened.clear();
    opened.set(keyDigest, { account, generation: g });
    digestOf.set(account, keyDigest);
  }
  /** The digest to check in the script: '' for a call by account id (control routes), or an account not from here. */
  const callerOf = (account: AccountRef): string => (typeof account === "string" ? "" : (digestOf.get(account) ?? ""));
  /** An account the current world does not have: for a caller with a key, the key is what is gone. */
  function unknownAccount<T>(caller: string, value: T): T {
    if (caller !== "") throw new ApiKeyRevokedError();
    return value;
  }

  // The memo of decoded domains: a record whose text did not change is the same frozen object, so the
  // engine's response-check memo and JSON text cache (which trust deep-frozen values) apply as with memory.
  // Kept by id, not by text: looking a 1 kB text up would hash all of it on every read (~2 µs per record),
  // while comparing it with the kept text is a memory compare. Every read still brings the record's current
  // text from Redis, and only an identical text gets the kept object: a change made by another process is
  // seen on the very next read, as without the memo.
  let decoded = new Map<string, { text: string; domain: EmailDomain }>();
  function keep(id: string, text: string, domain: EmailDomain): EmailDomain {
    if (decoded.size >= DECODED_LIMIT) decoded = new Map();
    decoded.set(id, { text, domain });
    return domain;
  }
  /** The domain stored under `id` as `text`. */
  function decode(id: string, text: string): EmailDomain {
    const known = decoded.get(id);
    return known !== undefined && known.text === text ? known.domain : keep(id, text, deepFreeze(JSON.parse(text) as EmailDomain));
  }
  /** The text a written domain is stored as, remembered with the domain itself (the next read finds it). */
  function encode(domain: EmailDomain): string {
    const text = JSON.stringify(domain);
    keep(domain.id, text, deepFreeze(domain));
    return text;
  }

  /**
   * A read of one account through the memo of answers (see "Answers in memory"): `answer` names what is read
   * (with the caller's digest in it, since the key's check is part of the answer). A kept answer is served once
   * the barrier is back and it is still kept; otherwise `read` runs, and its answer is kept unless something of
   * the account was invalidated meanwhile.
   */
  async function trackedRead<T>(accountId: string, answer: string, read: (g: string) => Promise<T | typeof STALE>, missing: () => T): Promise<T> {
    if (tracked.find(keys.accountPrefix(generation, accountId), answer)) {
      await redis.barrier();
      const kept = tracked.find(keys.accountPrefix(generation, accountId), answer);
      if (kept) return kept.value as T;
    }
    return onGeneration(async (g) => {
      const ticket = tracked.ticket(keys.accountPrefix(g, accountId));
      const result = await read(g);
      if (result !== STALE) tracked.keep(ticket, answer, result);
      return result;
    }, missing);
  }

  /**
   * One attempt of a transaction on generation g: read what the change declared, decide, compare-and-set.
   * With `guess`, the read is skipped: the change decides on "none of it exists, the account is not empty",
   * and the commit checks exactly that. A create of a new name thus costs one round trip; when the guess is
   * wrong (or decides no write) the attempt reports it and the caller reads.
   */
  async function attempt<T>(g: string, accountId: string, caller: string, change: Change<T>, guess: boolean): Promise<{ value: T } | typeof STALE | "conflict"> {
    const k = keys.account(g, accountId);
    const ids = change.reads.ids ?? [];
    const names = change.reads.names ?? [];
    const head = change.reads.head ?? 0;
    const readDefault = change.reads.default === true;
    const texts = new Map<string, string | null>();
    const idByName = new Map<string, string | null>();
    let empty = false;
    let headIds: string[] = [];
    let headTexts: string[] = [];
    let defaultId: string | null = null;
    if (guess) {
      for (const id of ids) texts.set(id, null);
      for (const name of names) idByName.set(name, null);
    } else {
      const reply = (await script(READ_FOR_CHANGE, accountKeys(k), [caller, String(ids.length), ...ids, String(names.length), ...names, change.reads.empty ? "1" : "0", String(head), readDefault ? "1" : "0"])) as Array<string | number | null>;
      if (!reply[0]) return STALE;
      if (reply[0] === 2) throw new ApiKeyRevokedError();
      let at = 1;
      for (const id of ids) texts.set(id, reply[at++] as string | null);
      for (const name of names) idByName.set(name, reply[at++] as string | null);
      empty = reply[at++] === 1;
      const count = reply[at++] as number;
      headIds = reply.slice(at, at + count) as string[];
      headTexts = reply.slice(at + count, at + 2 * count) as string[];
      headIds.forEach((id, i) => texts.set(id, headTexts[i]!));
      at += 2 * count;
      defaultId = (reply[at] as string | null) || null;
      if (defaultId !== null) texts.set(defaultId, reply[at + 1] as string | null);
    }

    const { result, steps, wrote } = runChange(change, rawReads(texts, idByName, empty, headIds, headTexts, defaultId, decode));
    if (!wrote) return guess ? "conflict" : { value: result };
    const seen = [...texts].flatMap(([id, text]) => [id, text ?? ""]);
    const seenNames = [...idByName].flatMap(([name, id]) => [name, id ?? ""]);
    const args = [
      caller,
      String(texts.size), ...seen,
      String(idByName.size), ...seenNames,
      change.reads.empty ? (empty ? "1" : "0") : "",
      String(head), String(headIds.length), ...headIds,
      readDefault ? "1" : "0", defaultId ?? "",
      String(steps.length), ...steps.flatMap((step) => stepArgs(step, encode)),
    ];
    const forgetKept = () => tracked.forgetAccount(keys.accountPrefix(g, accountId));
    let written: number;
    try {
      written = (await script(COMMIT_CHANGE, accountKeys(k), args)) as number;
    } catch (error) {
      forgetKept(); // it may have written before failing
      throw error;
    }
    if (written === 0) return STALE;
    if (written === 4) throw new ApiKeyRevokedError();
    if (written === 5) throw new TwoDefaultsError(accountId, "the stored default", steps.find((s) => s.kind === "put" && s.domain.isDefault)?.domain.id ?? "?");
    if (written !== 3) return "conflict";
    forgetKept();
    return { value: result };
  }

  return {
    get initialisedFromSeed() {
      return initialisedFromSeed;
    },
    async accountForKey(apiKey) {
      // A lookup by SHA-256 digest: the time it takes tells nothing about how much of a real key was right.
      const keyDigest = digest(apiKey);
      const known = opened.get(keyDigest);
      if (known && known.generation === generation) return known.account;
      return onGeneration(
        async (g) => {
          const w = keys.world(g);
          const [live, text] = (await script(READ_FIELD, [w.live, w.apiKeys], [keyDigest])) as [number, string?];
          if (!live) return STALE;
          if (text === undefined) return undefined;
          const account = JSON.parse(text) as Account;
          remember(keyDigest, deepFreeze(account), g);
          return account;
        },
        () => undefined,
      );
    },
    async accounts() {
      return onGeneration(
        async (g) => {
          const w = keys.world(g);
          const [live, text] = (await script(READ_STRING, [w.live, w.accounts], [])) as [number, string?];
          if (!live) return STALE;
          return text === undefined ? [] : (JSON.parse(text) as Account[]);
        },
        () => [],
      );
    },
    async page(account, start, limit) {
      const [accountId, caller] = [accountIdOf(account), callerOf(account)];
      return trackedRead(
        accountId,
        `page ${caller} ${start} ${limit}`,
        async (g) => {
          const k = keys.account(g, accountId);
          const [live, ...idsAndRecords] = (await script(LIST_PAGE, [k.live, k.domains, k.order, k.callers], [caller, String(start), String(start + limit - 1)], true)) as [number, ...string[]];
          if (!live) return STALE;
          if (live === 2) throw new ApiKeyRevokedError();
          const count = idsAndRecords.length / 2;
          const page: EmailDomain[] = [];
          for (let i = 0; i < count; i++) page.push(decode(idsAndRecords[i]!, idsAndRecords[count + i]!));
          // Frozen: the same page may be served again (and the engine's JSON text cache trusts frozen values).
          return Object.freeze(page) as EmailDomain[];
        },
        () => unknownAccount(caller, []),
      );
    },
    async get(account, id) {
      const [accountId, caller] = [accountIdOf(account), callerOf(account)];
      return trackedRead(
        accountId,
        `get ${caller} ${id}`,
        async (g) => {
          const k = keys.account(g, accountId);
          const [live, text] = (await script(READ_DOMAIN, [k.live, k.domains, k.callers], [caller, id], true)) as [number, string?];
          if (!live) return STALE;
          if (live === 2) throw new ApiKeyRevokedError();
          return text === undefined ? undefined : decode(id, text);
        },
        () => unknownAccount(caller, undefined),
      );
    },
    async transact<T>(account: AccountRef, change: Change<T>): Promise<T> {
      const [accountId, caller] = [accountIdOf(account), callerOf(account)];
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        const outcome = await onGeneration<{ value: T } | "conflict">(
          // A guess cannot stand for a read of the list's head: only changes without one start with a guess.
          (g) => attempt(g, accountId, caller, change, i === 0 && !change.reads.head),
          // No such account in the current world: it reads as empty, and a write to it is a bug of the caller.
          () => {
            const { result, wrote } = unknownAccount(caller, runChange(change, rawReads(new Map(), new Map(), true, [], [], null, decode)));
            if (wrote) throw new UnknownAccountError(accountId);
            return { value: result };
          },
        );
        if (outcome !== "conflict") return outcome.value;
      }
      throw new StoreUnavailableError(`Redis at ${where}: account ${accountId} kept changing under ${MAX_ATTEMPTS} attempts`);
    },
    async replaceWorld(next) {
      const g = await writeGeneration(next);
      await script(SWITCH_GENERATION, [keys.current, keys.retired], [g]);
      generation = g;
      tracked.invalidate(null);
      // The switch above is the reset. Dropping the old generation is what makes the other processes notice
      // (their scripts find its markers gone); one left over by a failure is dropped by the next reset.
      await dropRetired();
    },
    ping: redis.ping,
    close: redis.close,
  };
}

/** The raw reads a change gets of what READ_FOR_CHANGE returned (run-change.ts refuses what was not declared). */
function rawReads(
  texts: Map<string, string | null>,
  idByName: Map<string, string | null>,
  empty: boolean,
  headIds: string[],
  headTexts: string[],
  defaultId: string | null,
  decode: (id: string, text: string) => EmailDomain,
): RawAccountReads {
  const domain = (id: string) => {
    const text = texts.get(id);
    return text ? decode(id, text) : undefined;
  };
  return {
    domain,
    idOfName: (name) => idByName.get(name) ?? undefined,
    isEmpty: () => empty,
    head: () => headTexts.map((text, i) => decode(headIds[i]!, text)),
    defaultDomain: () => (defaultId === null ? undefined : domain(defaultId)),
  };
}

/** The keys of one account every change script gets, in the order the scripts name them (redis-scripts.ts). */
const accountKeys = (k: { live: string; domains: string; names: string; order: string; callers: string; defaultId: string }) => [k.live, k.domains, k.names, k.order, k.callers, k.defaultId];

/** One write step as COMMIT_CHANGE reads it: kind, id, name, score, record, isDefault. */
function stepArgs(step: WriteStep, encode: (domain: EmailDomain) => string): string[] {
  const d = step.domain;
  return step.kind === "remove" ? ["r", d.id, d.domain, "", "", "0"] : ["p", d.id, d.domain, String(scoreOf(d)), encode(d), d.isDefault ? "1" : "0"];
}

/** The list-order score: createdAt in ms (an exact integer as a double); Redis orders equal scores by member, the id. */
const scoreOf = (domain: EmailDomain): number => listKey(domain).createdMs;
