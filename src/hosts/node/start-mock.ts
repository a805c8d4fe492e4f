// Builds and starts the mock on a port: the piece shared by the CLI (cli.ts), the tests and the
// contract suite's in-process target. Listening and closing live here; routes live in app.ts.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { createApp, type AppOptions } from "./app.js";
import { validatorsFor } from "./engine-validators.js";
import { loadOptional } from "../../optional-package.js";
import { loadSqliteStore } from "./load-sqlite-store.js";
import { answerClientError } from "./client-error.js";
import { bundledControlSpecJson } from "../../project-paths.js";
import { demoSeedFile, loadSeedFile } from "../../seed/load-seed.js";
import { loadBundledSpec } from "../../spec/load-spec.js";
import { systemEnvironment } from "../../storage/environment.js";
import { createMemoryStore } from "../../domain/stores.js";
import type { EmailDomainStore, Seed } from "../../storage/types.js";

export interface StartMockOptions extends AppOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** A seed file; default the demo seed. */
  seedFile?: string;
  /** An SQLite state file (--state-file): state survives restarts. Created from the seed when new. Default: memory. */
  stateFile?: string;
  /** Keep the state in Redis (--redis-url), shared by every mock on the same Redis and prefix. Seeded when empty. */
  redisUrl?: string;
  /** Put before every Redis key (--redis-prefix); default "email-domains-mock:". */
  redisPrefix?: string;
  /** Overrides of the HTTP server's timeouts (tests use short ones). */
  serverLimits?: Partial<typeof SERVER_LIMITS>;
  logger?: Logger;
}

export interface RunningMock {
  url: string;
  port: number;
  store: EmailDomainStore;
  seed: Seed;
  server: Server;
  /** Stops accepting, lets in-flight requests finish (at most `graceMs`), closes the store. */
  close(graceMs?: number): Promise<void>;
}

/** Slow or stalled uploads are cut off; a 20 kB URL still gets a JSON answer rather than Node's bare 431. */
// Node checks the two timeouts only every connectionsCheckingInterval (default 30 s), so it is shortened.
// A request without Host is answered by the app (documented shape) rather than by Node's bare 400.
const SERVER_LIMITS = {
  requestTimeout: 15_000,
  headersTimeout: 10_000,
  keepAliveTimeout: 5_000,
  maxHeaderSize: 64 * 1024,
  connectionsCheckingInterval: 1_000,
  requireHostHeader: false,
};

async function openStore(options: StartMockOptions, seed: Seed): Promise<EmailDomainStore> {
  // Both loaded only when asked for: SQLite is an optional package whose native module costs ~13 ms of every
  // start, node-redis (with its module packages) hundreds of ms on this machine.
  if (options.stateFile) return (await loadSqliteStore()).createSqliteStore(options.stateFile, seed, systemEnvironment());
  if (options.redisUrl) {
    // node-redis is an optional peer dependency of the kit, like better-sqlite3: missing, one line names the install.
    const { createRedisStore } = await loadOptional("redis", "--redis-url", () => import("../../domain/open-redis-store.js"));
    const logger = options.logger;
    return createRedisStore(seed, systemEnvironment(), {
      url: options.redisUrl,
      ...(options.redisPrefix === undefined ? {} : { prefix: options.redisPrefix }),
      onConnectionChange: ({ up, error }) =>
        up ? logger?.warn("Redis is back: serving again") : logger?.warn({ reason: error?.message }, "Redis is unavailable: answering 503 until it is back"),
    });
  }
  return createMemoryStore(seed, systemEnvironment());
}

export async function startMock(options: StartMockOptions = {}): Promise<RunningMock> {
  const spec = loadBundledSpec();
  const controlSpec = loadBundledSpec(bundledControlSpecJson);
  const validators = validatorsFor(spec, controlSpec);
  const seed = loadSeedFile(options.seedFile ?? demoSeedFile, validators.api);
  if (options.stateFile && options.redisUrl) throw new Error("--state-file and --redis-url cannot be used together: pick one place for the state");
  const store = await openStore(options, seed);
  const listener = createApp({ store, spec, controlSpec, seed, validators, options });
  const server = createServer({ ...SERVER_LIMITS, ...options.serverLimits }, listener);
  server.on("clientError", answerClientError);
  server.listen(options.port ?? 4010, options.host ?? "127.0.0.1");
  try {
    await once(server, "listening");
  } catch (error) {
    await store.close(); // releases a state file's lock (e.g. when the port is taken)
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? "127.0.0.1";
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    store,
    seed,
    server,
    async close(graceMs = 4_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // A keep-alive connection whose request finishes now is closed at once, not after keepAliveTimeout.
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      const force = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearInterval(idle);
      clearTimeout(force);
      await store.close();
    },
  };
}
