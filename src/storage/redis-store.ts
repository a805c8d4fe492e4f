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
import { deepFreeze } from "../shared/deep-freeze.js";
import { UnknownAccountError, type Change, type StorePort, type World } from "./port.js";
import { attemptChange, emptyAccount, rawReads } from "./redis-change.js";
import { openRedisConnection, type RedisConnection } from "./redis-connection.js";
import { decodedDomains, type DecodedDomains } from "./redis-decoded.js";
import { redisGenerations, STALE, type Generations } from "./redis-generations.js";
import { keyDigest, redisKeys, type AccountKeys, type RedisKeys } from "./redis-keys.js";
import { LIST_PAGE, READ_DOMAIN, READ_FIELD, READ_STRING, SWITCH_GENERATION } from "./redis-scripts.js";
import { TrackedReads } from "./redis-tracked-reads.js";
import { STORED_LAYOUT, StoredLayoutError, type StoredLayout } from "./stored-layout.js";
import { runChange } from "./run-change.js";
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

/** Attempts of one compare-and-set before giving up (each one lost to a concurrent write of the same account). */
const MAX_ATTEMPTS = 100;
/** Keys remembered by accountForKey; past this many (keys tried at random?) the memo starts again. */
const OPENED_LIMIT = 10_000;

/** `initial` is built only when Redis holds no world under the prefix. */
export async function createRedisBackend(initial: () => World, options: RedisStoreOptions): Promise<RedisBackend> {
  const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
  const keys = redisKeys(prefix);
  const where = displayRedisUrl(options.url);
  const tracked = new TrackedReads();
  const redis = await openRedisConnection({
    onInvalidate: (key) => tracked.invalidate(key),
    url: options.url,
    commandTimeoutMs: options.commandTimeoutMs ?? 2_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    ...(options.onConnectionChange ? { onConnectionChange: options.onConnectionChange } : {}),
  });
  const script = redis.script;
  const generations = redisGenerations({ command: redis.run, keys, layout: options.layout ?? STORED_LAYOUT, where: `Redis at ${where}, prefix ${prefix}` }, initial);
  let generation = await firstGeneration(generations, redis);
  const onGeneration = generationRetries(generations, () => generation, (g) => (generation = g), where);
  const callers = callerKeys();
  const memo = decodedDomains();

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

  /** One attempt of a transaction on generation g (redis-change.ts). */
  function attempt<T>(g: string, accountId: string, caller: string, change: Change<T>, guess: boolean) {
    const forgetKept = () => tracked.forgetAccount(keys.accountPrefix(g, accountId));
    return attemptChange({ script, memo, accountId, forgetKept }, keys.account(g, accountId), caller, change, guess);
  }

  return {
    get initialisedFromSeed() {
      return generations.initialisedFromSeed;
    },
    async accountForKey(apiKey) {
      // A lookup by SHA-256 digest: the time it takes tells nothing about how much of a real key was right.
      const digest = keyDigest(apiKey);
      const known = callers.opened(digest, generation);
      if (known) return known;
      return onGeneration(
        async (g) => {
          const account = await readAccountOfKey(script, keys.world(g), digest);
          if (account !== STALE && account !== undefined) callers.remember(digest, account, g);
          return account;
        },
        () => undefined,
      );
    },
    async accounts() {
      return onGeneration((g) => readAccounts(script, keys.world(g)), () => []);
    },
    async page(account, start, limit) {
      const [accountId, caller] = [accountIdOf(account), callers.of(account)];
      return trackedRead(
        accountId,
        `page ${caller} ${start} ${limit}`,
        (g) => readPage(script, memo, keys.account(g, accountId), caller, start, limit),
        () => unknownAccount(caller, []),
      );
    },
    async get(account, id) {
      const [accountId, caller] = [accountIdOf(account), callers.of(account)];
      return trackedRead(
        accountId,
        `get ${caller} ${id}`,
        (g) => readDomain(script, memo, keys.account(g, accountId), caller, id),
        () => unknownAccount(caller, undefined),
      );
    },
    async transact<T>(account: AccountRef, change: Change<T>): Promise<T> {
      const [accountId, caller] = [accountIdOf(account), callers.of(account)];
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        const outcome = await onGeneration<{ value: T } | "conflict">(
          // A guess cannot stand for a read of the list's head: only changes without one start with a guess.
          (g) => attempt(g, accountId, caller, change, i === 0 && !change.reads.head),
          // No such account in the current world: it reads as empty, and a write to it is a bug of the caller.
          () => {
            const { result, wrote } = unknownAccount(caller, runChange(change, rawReads(emptyAccount(), memo.decode)));
            if (wrote) throw new UnknownAccountError(accountId);
            return { value: result };
          },
        );
        if (outcome !== "conflict") return outcome.value;
      }
      throw new StoreUnavailableError(`Redis at ${where}: account ${accountId} kept changing under ${MAX_ATTEMPTS} attempts`);
    },
    async replaceWorld(next) {
      const g = await generations.write(next);
      await script(SWITCH_GENERATION, [keys.current, keys.retired], [g]);
      generation = g;
      tracked.invalidate(null);
      // The switch above is the reset. Dropping the old generation is what makes the other processes notice
      // (their scripts find its markers gone); one left over by a failure is dropped by the next reset.
      await generations.dropRetired();
    },
    ping: redis.ping,
    close: redis.close,
  };
}

// The reads, one script each on one generation: STALE when the generation is gone; a caller's key that the
// account no longer has is ApiKeyRevokedError. Page and domain reads are tracked (see "Answers in memory").
type Script = RedisConnection["script"];
type WorldKeys = ReturnType<RedisKeys["world"]>;

async function readAccountOfKey(script: Script, w: WorldKeys, digest: string): Promise<Account | undefined | typeof STALE> {
  const [live, text] = (await script(READ_FIELD, [w.live, w.apiKeys], [digest])) as [number, string?];
  if (!live) return STALE;
  return text === undefined ? undefined : deepFreeze(JSON.parse(text) as Account);
}

async function readAccounts(script: Script, w: WorldKeys): Promise<Account[] | typeof STALE> {
  const [live, text] = (await script(READ_STRING, [w.live, w.accounts], [])) as [number, string?];
  if (!live) return STALE;
  return text === undefined ? [] : (JSON.parse(text) as Account[]);
}

async function readPage(script: Script, memo: DecodedDomains, k: AccountKeys, caller: string, start: number, limit: number): Promise<EmailDomain[] | typeof STALE> {
  const [live, ...idsAndRecords] = (await script(LIST_PAGE, [k.live, k.domains, k.order, k.callers], [caller, String(start), String(start + limit - 1)], true)) as [number, ...string[]];
  if (!live) return STALE;
  if (live === 2) throw new ApiKeyRevokedError();
  const count = idsAndRecords.length / 2;
  const page: EmailDomain[] = [];
  for (let i = 0; i < count; i++) page.push(memo.decode(idsAndRecords[i]!, idsAndRecords[count + i]!));
  // Frozen: the same page may be served again (and the engine's JSON text cache trusts frozen values).
  return Object.freeze(page) as EmailDomain[];
}

async function readDomain(script: Script, memo: DecodedDomains, k: AccountKeys, caller: string, id: string): Promise<EmailDomain | undefined | typeof STALE> {
  const [live, text] = (await script(READ_DOMAIN, [k.live, k.domains, k.callers], [caller, id], true)) as [number, string?];
  if (!live) return STALE;
  if (live === 2) throw new ApiKeyRevokedError();
  return text === undefined ? undefined : memo.decode(id, text);
}

/** The generation to start on, with what a reset that failed halfway through its cleanup left behind dropped. */
async function firstGeneration(generations: Generations, redis: RedisConnection): Promise<string> {
  try {
    const g = await generations.current();
    await generations.dropRetired();
    return g;
  } catch (error) {
    await redis.close();
    throw error;
  }
}

/**
 * `onGeneration(attempt, missing)` runs `attempt` on the cached generation; when it is stale, re-reads
 * `current` and tries again. When the generation is current and still has no marker, the account (or world)
 * is simply not there: `missing`.
 */
function generationRetries(generations: Generations, cached: () => string, moveTo: (g: string) => void, where: string) {
  return async function onGeneration<T>(attempt: (g: string) => Promise<T | typeof STALE>, missing: () => T): Promise<T> {
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const g = cached();
      const result = await attempt(g);
      if (result !== STALE) return result;
      const now = await generations.current().catch((error: unknown) => {
        // A kit of a newer layout reset the world meanwhile: this replica cannot serve it (503, not a 500).
        throw error instanceof StoredLayoutError ? new StoreUnavailableError(error.message, { cause: error }) : error;
      });
      if (now === g) return missing();
      // Only forward: a reset of this process may have moved on meanwhile, past the generation read above.
      if (cached() === g) moveTo(now);
    }
    throw new StoreUnavailableError(`Redis at ${where}: the generation kept changing under ${MAX_ATTEMPTS} attempts`);
  };
}

/**
 * What each key opened, in which generation (see "Keys in memory" above), and the digest behind each account
 * handed out, so that a later call for that caller can send it along.
 */
function callerKeys() {
  const opened = new Map<string, { account: Account; generation: string }>();
  const digestOf = new WeakMap<Account, string>();
  return {
    /** The account this key digest opened in generation g, if it did. */
    opened(digest: string, g: string): Account | undefined {
      const known = opened.get(digest);
      return known && known.generation === g ? known.account : undefined;
    },
    remember(digest: string, account: Account, g: string): void {
      if (opened.size >= OPENED_LIMIT) opened.clear();
      opened.set(digest, { account, generation: g });
      digestOf.set(account, digest);
    },
    /** The digest to check in the script: '' for a call by account id (control routes), or an account not from here. */
    of: (account: AccountRef): string => (typeof account === "string" ? "" : (digestOf.get(account) ?? "")),
  };
}

/** An account the current world does not have: for a caller with a key, the key is what is gone. */
function unknownAccount<T>(caller: string, value: T): T {
  if (caller !== "") throw new ApiKeyRevokedError();
  return value;
}
