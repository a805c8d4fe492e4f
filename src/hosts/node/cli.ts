#!/usr/bin/env node
// The mock's command line: flags and environment, listen, print where everything is, stop cleanly.
import { Command, InvalidArgumentError, Option } from "commander";
import { DEFAULT_PAGE_SIZE } from "./app.js";
import { pino } from "pino";
import { SeedError } from "../../seed/load-seed.js";
import { startMock } from "./start-mock.js";
import { displayRedisUrl } from "../../storage/redis-url.js";

const int = (name: string, max: number, min = 0) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
};

const program = new Command()
  .name("email-domains-mock")
  .description("Stateful mock of the Vortex email-domain API, validated against openapi/ at every request")
  // PORT from the environment goes through the same check as the flag.
  .addOption(new Option("-p, --port <port>", "port to listen on").env("PORT").argParser(int("port", 65535)).default(4010))
  .option("-H, --host <host>", "interface to listen on", "127.0.0.1")
  .option("--seed <file>", "seed file with accounts, keys and domains (default: the built-in demo seed)")
  .option("--state-file <file>", "keep the state in this SQLite file across restarts (created from the seed when new; default: memory)")
  .addOption(new Option("--redis-url <url>", "keep the state in Redis, shared by every mock on it (redis://host:port, unix:///path; seeded when empty)").env("REDIS_URL"))
  .option("--redis-prefix <prefix>", "put this before every Redis key, so several mocks can share one Redis", "email-domains-mock:")
  .addOption(new Option("--control-token <token>", "require this token in x-mock-control-token on /__mock/* (health aside)").env("MOCK_CONTROL_TOKEN"))
  .option("--delay <ms>", "latency added to every response", int("delay", 10_000), 0)
  .option("--page-size <n>", "domains per list page", int("page size", 10_000, 1), DEFAULT_PAGE_SIZE)
  .option("--cors-origin <origin...>", "origins allowed by CORS (default: any)")
  .option("--no-response-check", "do not check responses against the spec (faster; on by default)")
  .option("-q, --quiet", "no request log, one line at start")
  .parse();

const opts = program.opts<{
  port: number;
  host: string;
  seed?: string;
  stateFile?: string;
  redisUrl?: string;
  redisPrefix: string;
  controlToken?: string;
  delay: number;
  pageSize: number;
  corsOrigin?: string[];
  responseCheck: boolean;
  quiet?: boolean;
}>();

// The request log is written asynchronously (lines gather while a write is in flight, so a busy mock does
// not pay a write per request); what is still buffered is flushed before the process exits.
const logger = pino({ level: opts.quiet ? "warn" : "info" }, pino.destination({ sync: false }));
const flushLog = () => new Promise<void>((resolve) => logger.flush(() => resolve()));

try {
  const mock = await startMock({
    port: opts.port,
    host: opts.host,
    ...(opts.seed ? { seedFile: opts.seed } : {}),
    ...(opts.stateFile ? { stateFile: opts.stateFile } : {}),
    ...(opts.redisUrl ? { redisUrl: opts.redisUrl, redisPrefix: opts.redisPrefix } : {}),
    ...(opts.controlToken ? { controlToken: opts.controlToken } : {}),
    delayMs: opts.delay,
    pageSize: opts.pageSize,
    ...(opts.corsOrigin ? { corsOrigins: opts.corsOrigin } : {}),
    responseCheck: opts.responseCheck,
    logger,
  });
  // Handlers first: a supervisor may signal as soon as it reads the banner below.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const deadline = setTimeout(() => process.exit(1), 5_000);
    deadline.unref();
    mock.close().then(
      () => flushLog().then(() => process.exit(0)),
      () => flushLog().then(() => process.exit(1)),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  const base = mock.url;
  const state = () => {
    if (opts.stateFile) return `${opts.stateFile} (SQLite, kept across restarts)`;
    if (opts.redisUrl) return `Redis ${displayRedisUrl(opts.redisUrl)}, prefix ${opts.redisPrefix} (shared; ${mock.store.initialisedFromSeed ? "was empty: seeded now" : "kept what was there"})`;
    return "in memory (lost when the mock stops)";
  };
  if (opts.quiet) {
    console.log(`Email-domain mock listening on ${base}`);
  } else {
    const accounts = await mock.store.accounts();
    console.log(
      [
        `Email-domain mock listening on ${base}`,
        `  API       ${base}/api/v1/accounts/{accountId}/email-domains`,
        `  Docs      ${base}/docs`,
        `  Spec      ${base}/openapi.json  ${base}/openapi.yaml`,
        `  Control   ${base}/__mock/accounts  (see README): ${opts.controlToken ? "need the x-mock-control-token header" : "OPEN to anyone who can reach this port (set --control-token on a shared mock)"}`,
        `  Health    ${base}/__mock/health`,
        // An existing state file or Redis keeps its data: then the seed was not loaded, and the banner says so.
        `  Seed      ${mock.store.initialisedFromSeed === false ? `not loaded: the state already held data (POST /__mock/reset loads ${opts.seed ?? "the built-in demo seed"})` : (opts.seed ?? "built-in demo seed")}`,
        `  State     ${state()}`,
        `  Response check ${opts.responseCheck ? "on" : "off"}${opts.delay ? `, delay ${opts.delay} ms` : ""}`,
        "Accounts:",
        ...accounts.map((a) => `  ${a.accountId}  x-api-key: ${a.apiKeys.join(", ")}`),
        "Stop with Ctrl+C.",
      ].join("\n"),
    );
  }
} catch (error) {
  if (error instanceof SeedError) {
    console.error(error.message);
  } else {
    // Also a Redis that did not answer within the start wait (5 s): one line, exit 1; a supervisor may retry.
    console.error(`Cannot start the mock: ${(error as Error).message}`);
  }
  process.exit(1);
}
