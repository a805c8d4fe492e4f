// One connection to Redis for the Redis store, with bounded time on every fault: a command that Redis does
// not answer within `commandTimeoutMs` fails with StoreUnavailableError; while disconnected, commands fail at
// once (no offline queue); the client reconnects by itself with backoff, forever. node-redis's own command
// timeout only covers a command not yet written to the socket, so a Redis that accepts and never answers
// (stopped, swapping) is caught here instead: the stuck client is dropped and a fresh one connects.
// The deadline costs no timer per command: the commands in flight sit in one set, oldest first, and one timer
// is armed for the oldest one's deadline (under load it fires about once per commandTimeoutMs).
//
// Tracking. The connection speaks RESP3 with CLIENT TRACKING on, in OPTIN mode: Redis remembers the keys a
// script run with `track` read (only reads whose answers are kept ask for it, so a write's own reads cost no
// push) and pushes an invalidation when any client changes one, this one included, on this same connection,
// ahead of every reply to a later command. (Not NOLOOP: Redis then also stays silent when it drops a key from
// its tracking table, full or evicting, while running this connection's command, and every later change of
// that key would go unheard.) `onInvalidate` hears them, and hears `null` ("forget everything")
// whenever the connection is lost or replaced, since Redis forgets what it tracked for a closed connection.
// `barrier()` is the read barrier that makes this safe: once it resolves, every change Redis had made when the
// barrier was sent has been pushed and heard. One PING serves every caller that asked while it was not yet
// sent, and at most one is in flight (callers meanwhile share the next), so under load it costs a fraction
// of a round trip per read.
import { createClient, ErrorReply } from "redis";
import type { Script } from "./redis-scripts.js";
import { displayRedisUrl } from "./redis-url.js";
import { StoreUnavailableError } from "./store-errors.js";

const newClient = (url: string, connectTimeout: number) =>
  createClient({
    url,
    // Fail at once while disconnected instead of queueing: a request gets its 503 now, not after a reconnect.
    disableOfflineQueue: true,
    // RESP3, for the invalidation pushes of CLIENT TRACKING (node-redis turns tracking on in its handshake).
    RESP: 3,
    emitInvalidate: true,
    // With RESP3 node-redis would follow a managed Redis's maintenance moves by swapping the socket without an
    // 'error' or 'ready', and what the old connection tracked would be lost unheard. A move is a reconnect here.
    maintNotifications: "disabled",
    // No node-redis command timeout (its default is 5 s): it only covers a command not yet written, costs an
    // AbortSignal.timeout per command, and the deadline of `run` below covers every command from the start.
    commandOptions: { timeout: 0 },
    socket: {
      connectTimeout,
      // Never give up: retry with backoff (50 ms doubling, at most 1 s), so service resumes by itself.
      reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1_000),
    },
  });
type Client = ReturnType<typeof newClient>;

export interface RedisConnectionOptions {
  url: string;
  commandTimeoutMs: number;
  /** How long the first connection may take before openRedisConnection gives up. */
  connectTimeoutMs: number;
  /** Told when Redis goes away and when it is back (once per change, not per retry). */
  onConnectionChange?: (event: { up: boolean; error?: Error }) => void;
  /** Told each key Redis says changed since this connection read it; `null`: forget every key (see Tracking). */
  onInvalidate?: (key: string | null) => void;
}

export interface RedisConnection {
  /** Runs one or more commands on the current client, within the deadline; faults become StoreUnavailableError. */
  run<T>(command: (client: Client) => Promise<T>): Promise<T>;
  /**
   * EVALSHA, and EVAL when Redis does not have the script (a restarted Redis forgets them). With `track`, Redis
   * tracks the keys the script reads (see Tracking).
   */
  script(s: Script, keys: string[], args: string[], track?: boolean): Promise<unknown>;
  /** Resolves once every change Redis made before this call has been told to onInvalidate (see Tracking). */
  barrier(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}


/** Errors that mean "Redis cannot answer now" rather than a bug: every client-side error, and a few replies. */
function isUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (error instanceof ErrorReply) return /^(LOADING|BUSY|TRYAGAIN|CLUSTERDOWN|MASTERDOWN|READONLY|OOM|MISCONF|NOREPLICAS)\b/.test(error.message);
  return error instanceof Error;
}

export async function openRedisConnection(options: RedisConnectionOptions): Promise<RedisConnection> {
  const where = displayRedisUrl(options.url);
  const forget = options.onInvalidate ?? (() => undefined);
  const clients = await superviseClients(options, where, forget);
  const run = withDeadlines(clients, options.commandTimeoutMs, where);
  return {
    run,
    barrier: readBarrier(run),
    script: scriptRunner(run, forget),
    async ping() {
      try {
        return (await run((c) => c.ping())) === "PONG";
      } catch {
        return false;
      }
    },
    close: () => clients.close(),
  };
}

/** The client commands go to, and its replacement when it stops answering. */
interface ClientSupervisor {
  current(): Client;
  /** Drops a client that stopped answering and starts a fresh one; commands fail fast until it is ready. */
  replace(stuck: Client): void;
  close(): Promise<void>;
}

/**
 * The first client (connected within connectTimeoutMs), and every one after it: each reports Redis going
 * away and coming back (once per change), forgets what it tracked when it is lost, and asks for OPTIN tracking.
 */
async function superviseClients(options: RedisConnectionOptions, where: string, forget: (key: string | null) => void): Promise<ClientSupervisor> {
  let started = false;
  let up = true;
  let closed = false;
  const report = (nowUp: boolean, error?: Error) => {
    if (!started || closed || up === nowUp) return;
    up = nowUp;
    options.onConnectionChange?.(error ? { up: nowUp, error } : { up: nowUp });
  };

  const make = (): Client => {
    const created = newClient(options.url, Math.min(options.commandTimeoutMs, options.connectTimeoutMs));
    // Without an 'error' listener node-redis's errors would crash the process.
    created.on("error", (error: Error) => {
      forget(null); // a lost connection loses its tracking: what it read may change unheard
      if (created === client) report(false, error);
    });
    created.on("ready", () => {
      forget(null);
      // node-redis's handshake turned tracking on for every read; OPTIN narrows it, ahead of every command of
      // this connection. Should it fail, every read is tracked: more pushes, nothing missed.
      created.sendCommand(["CLIENT", "TRACKING", "ON", "OPTIN"]).catch(() => undefined);
      if (created === client) report(true);
    });
    created.on("invalidate", (key: unknown) => {
      if (created === client) forget(key === null ? null : String(key));
    });
    return created;
  };

  let client = make();
  await connectWithin(client, options.connectTimeoutMs, where);
  started = true;

  return {
    current: () => client,
    replace(stuck) {
      if (closed || stuck !== client) return;
      report(false, new Error(`no answer within ${options.commandTimeoutMs} ms`));
      forget(null);
      client = make();
      client.connect().catch(() => undefined);
      stuck.destroy();
    },
    async close() {
      closed = true;
      const last = client;
      if (!last.isReady) return last.destroy();
      const timer = setTimeout(() => last.destroy(), 1_000);
      await last.close().catch(() => last.destroy());
      clearTimeout(timer);
    },
  };
}

type Run = RedisConnection["run"];

/**
 * `run` with a deadline on every call (see the top of the file): calls in flight sit in one set, oldest
 * first, with one timer armed for the oldest one's deadline. A call past it fails with StoreUnavailableError
 * and its client is replaced.
 */
function withDeadlines(clients: ClientSupervisor, timeoutMs: number, where: string): Run {
  /** A call of `run` in flight: the set below keeps them in the order they started, so oldest first. */
  interface InFlight {
    deadline: number;
    client: Client;
    fail: (error: Error) => void;
  }
  const inFlight = new Set<InFlight>();
  let timer: NodeJS.Timeout | undefined;
  /** Fails every call past its deadline, then waits for the oldest one left (if any). */
  function sweep(): void {
    timer = undefined;
    const now = performance.now();
    for (const call of inFlight) {
      if (call.deadline > now) {
        timer = setTimeout(sweep, call.deadline - now).unref();
        return;
      }
      inFlight.delete(call);
      call.fail(new StoreUnavailableError(`Redis at ${where} did not answer within ${timeoutMs} ms`));
      clients.replace(call.client);
    }
  }

  const unavailable = (error: unknown): unknown =>
    error instanceof StoreUnavailableError || !isUnavailable(error)
      ? error
      : new StoreUnavailableError(`Redis at ${where} is unavailable: ${(error as Error).message}`, { cause: error });

  return function run<T>(command: (client: Client) => Promise<T>): Promise<T> {
    const used = clients.current();
    return new Promise<T>((resolve, reject) => {
      const call: InFlight = { deadline: performance.now() + timeoutMs, client: used, fail: reject };
      inFlight.add(call);
      // Calls start in deadline order, so an armed timer is never later than this call's deadline.
      // Unref'd: it never keeps a process alive by itself (a call in flight has the client's socket for that).
      timer ??= setTimeout(sweep, timeoutMs).unref();
      let started: Promise<T>;
      try {
        started = command(used);
      } catch (error) {
        started = Promise.reject(error);
      }
      started.then(
        (value) => {
          if (inFlight.delete(call)) resolve(value);
        },
        (error: unknown) => {
          if (inFlight.delete(call)) reject(unavailable(error));
        },
      );
    });
  };
}

/**
 * The read barrier (see Tracking): `waiting` is the PING the callers since the last send share; it is sent
 * on the next turn of the event loop, or when the one in flight comes back.
 */
function readBarrier(run: Run): () => Promise<void> {
  let waiting: { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | undefined;
  let barrierInFlight = false;
  function sendBarrier(): void {
    const batch = waiting;
    waiting = undefined;
    if (!batch) return;
    barrierInFlight = true;
    run((c) => c.ping()).then(batch.resolve, batch.reject).finally(() => {
      barrierInFlight = false;
      sendBarrier();
    });
  }
  return function barrier(): Promise<void> {
    if (!waiting) {
      let resolve!: () => void, reject!: (error: unknown) => void;
      const promise = new Promise<void>((yes, no) => ((resolve = yes), (reject = no)));
      waiting = { promise, resolve, reject };
      if (!barrierInFlight) setImmediate(sendBarrier);
    }
    return waiting.promise;
  };
}

/** RedisConnection.script: EVALSHA, EVAL on NOSCRIPT, and with `track` the script's keys tracked. */
function scriptRunner(run: Run, forget: (key: string | null) => void): RedisConnection["script"] {
  return (s, keys, args, track = false) => {
    // CLIENT CACHING YES applies to the command right after it: both are queued in one synchronous step.
    // When it is refused (an ACL without client|caching, a BUSY Redis), the script's keys are not tracked:
    // then everything kept is forgotten, which also voids this read's ticket (its answer is not kept).
    const tracked = <T>(c: Client, command: () => Promise<T>): Promise<T> => {
      if (!track) return command();
      const caching = c.sendCommand(["CLIENT", "CACHING", "YES"]).then(() => true, () => false);
      return command().then(async (reply) => {
        if (!(await caching)) forget(null);
        return reply;
      });
    };
    return run(async (c) => {
      try {
        return await tracked(c, () => c.evalSha(s.sha, { keys, arguments: args }));
      } catch (error) {
        if (!(error instanceof ErrorReply && error.message.startsWith("NOSCRIPT"))) throw error;
        return tracked(c, () => c.eval(s.source, { keys, arguments: args }));
      }
    });
  };
}

/** The first connection, or StoreUnavailableError after `ms`; the client and its retries are dropped then. */
async function connectWithin(client: Client, ms: number, where: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const connecting = client.connect();
  connecting.catch(() => undefined);
  try {
    await Promise.race([
      connecting,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new StoreUnavailableError(`Redis at ${where} did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } catch (error) {
    client.destroy();
    throw error instanceof StoreUnavailableError ? error : new StoreUnavailableError(`Redis at ${where}: ${(error as Error).message}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
