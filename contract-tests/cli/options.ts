// The command line of email-domains-contract: flags first, then today's CONTRACT_* variables, parsed by the
// suite's own settings parser (support/settings.ts) with each setting named as the user gave it. A problem
// with them is a UsageError: one line, exit 2, before anything is sent.
import { resolve } from "node:path";
import { Command, CommanderError } from "commander";
import type { Credentials } from "../support/demo-accounts.js";
import { parseSettings, rawFromEnv, SettingsError, VARIABLES, type ContractSettings, type RawSettings, type SettingKey, type SettingNames } from "../support/settings.js";
import { DEFAULT_MODEL_LENGTH, DEFAULT_MODEL_RUNS, DEFAULT_MODEL_SEED } from "../support/model/settings.js";
import { DEFAULT_PARALLEL_CLIENTS, DEFAULT_PARALLEL_RUNS, MAX_PARALLEL_CLIENTS, MIN_PARALLEL_CLIENTS } from "../support/concurrent/settings.js";

export interface RunOptions {
  baseUrl: string;
  own: Credentials;
  other: Credentials | undefined;
  /** Absolute: the suite's workers and Vitest's reporters resolve relative paths against other folders. */
  reportDir: string;
  junitFile: string;
  timeoutMs: number;
  /** Everything, as the suite gets it (provided to its workers; reportsDir absolute). */
  settings: ContractSettings;
}

export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Asked for --help or --version: print nothing more, exit 0. */
export class HelpShown extends Error {
  override readonly name = "HelpShown";
}

interface Flags {
  baseUrl?: string;
  apiKey?: string;
  accountId?: string;
  otherApiKey?: string;
  otherAccountId?: string;
  junit?: string;
  reportDir?: string;
  timeoutMs?: string;
  modelRuns?: string;
  modelLength?: string;
  /** A switch: commander gives true when it is there. */
  modelDeleteExisting?: boolean;
  seed?: string;
  replay?: string;
  parallelRuns?: string;
  parallelClients?: string;
}

/** The flag of each setting the command line takes. */
const FLAGS: Partial<Record<SettingKey, keyof Flags>> = {
  baseUrl: "baseUrl", apiKey: "apiKey", accountId: "accountId", otherApiKey: "otherApiKey", otherAccountId: "otherAccountId",
  reportsDir: "reportDir", timeoutMs: "timeoutMs", modelRuns: "modelRuns", modelLength: "modelLength", modelDeleteExisting: "modelDeleteExisting", seed: "seed", replay: "replay",
  parallelRuns: "parallelRuns", parallelClients: "parallelClients",
};
const flagName = (flag: keyof Flags) => `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

function program(write: (text: string) => void): Command {
  return new Command()
    .name("email-domains-contract")
    .description("Runs the email-domain contract suite against a server. Exit 0: it keeps the contract; 1: it breaks it; 2: the suite could not run.")
    .option("--base-url <url>", "the server, without /api/v1 (env CONTRACT_BASE_URL)")
    .option("--api-key <key>", "API key of the account the suite works in (env CONTRACT_API_KEY)")
    .option("--account-id <id>", "that account's id (env CONTRACT_ACCOUNT_ID)")
    .option("--other-api-key <key>", "a second account's key, for the isolation and 403 tests (env CONTRACT_OTHER_API_KEY)")
    .option("--other-account-id <id>", "the second account's id (env CONTRACT_OTHER_ACCOUNT_ID)")
    .option("--junit <file>", "JUnit report (default: <report-dir>/contract-junit.xml)")
    .option("--report-dir <dir>", "where the reports go (env CONTRACT_REPORTS_DIR, default ./reports)")
    .option("--timeout-ms <ms>", "client-side timeout per request (env CONTRACT_TIMEOUT_MS, default 5000)")
    .option("--model-runs <n>", `random call sequences of the model-based stage; 0 turns it off (env CONTRACT_MODEL_RUNS, default ${DEFAULT_MODEL_RUNS})`)
    .option("--model-length <l>", `calls per sequence at most (env CONTRACT_MODEL_LENGTH, default ${DEFAULT_MODEL_LENGTH})`)
    .option("--model-delete-existing", "the model stage may also delete the domains the accounts held before the run, their defaults included, to reach the first-domain and heir rules: destroys data; use scratch accounts (env CONTRACT_MODEL_DELETE_EXISTING=1, default off)")
    .option("--parallel-runs <n>", `runs of the concurrent stage (clients released together, judged against the engine for every order real time allows); 0 turns it off (env CONTRACT_PARALLEL_RUNS, default ${DEFAULT_PARALLEL_RUNS})`)
    .option("--parallel-clients <k>", `clients per concurrent run, ${MIN_PARALLEL_CLIENTS} to ${MAX_PARALLEL_CLIENTS} (env CONTRACT_PARALLEL_CLIENTS, default ${DEFAULT_PARALLEL_CLIENTS})`)
    .option("--seed <n>", `seed of the model stage and the input cases, or "random" (printed) (env CONTRACT_SEED, default ${DEFAULT_MODEL_SEED})`)
    .option("--replay <path>", "replays one shrunk failing sequence: the path printed with it, with its --seed (env CONTRACT_REPLAY)")
    .helpOption("-h, --help", "show this help")
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: write, writeErr: () => {} });
}

/** Reads argv (without node and the script) and env; throws UsageError or HelpShown. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv, cwd: string, write: (text: string) => void = (t) => process.stdout.write(t)): RunOptions {
  const cli = program(write);
  try {
    cli.parse(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") throw new HelpShown();
      throw new UsageError(error.message.replace(/^error: /, ""));
    }
    throw error;
  }
  const flags = cli.opts<Flags>();
  // Flags over variables; each setting keeps the name the user gave it.
  const raw: RawSettings = rawFromEnv(env);
  const names: SettingNames = { ...VARIABLES };
  for (const [key, flag] of Object.entries(FLAGS) as [SettingKey, keyof Flags][]) {
    const given = flags[flag];
    // A switch given on the command line is on ("1", as its variable would say).
    const value = given === true ? "1" : given === false ? undefined : given;
    if (value !== undefined) raw[key] = value;
    // A setting given by its variable keeps that name; any other is named by its flag, the CLI's way.
    if (value !== undefined || raw[key] === undefined) names[key] = flagName(flag);
  }
  // The CLI always tests a server over HTTP: CONTRACT_TARGET (the in-process hosts) is the repo's, not its.
  delete raw.target;
  let parsed: ContractSettings;
  try {
    parsed = parseSettings(raw, names);
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(error.message);
    throw error;
  }
  if (parsed.baseUrl === undefined) throw new UsageError("give the server with --base-url URL (or CONTRACT_BASE_URL)");
  if (parsed.own === undefined) throw new UsageError("give the account the suite works in with --api-key KEY --account-id ID (or CONTRACT_API_KEY and CONTRACT_ACCOUNT_ID)");
  const reportDir = resolve(cwd, parsed.reportsDir);
  return {
    baseUrl: parsed.baseUrl,
    own: parsed.own,
    other: parsed.other,
    reportDir,
    junitFile: resolve(cwd, flags.junit ?? resolve(reportDir, "contract-junit.xml")),
    timeoutMs: parsed.timeoutMs,
    settings: { ...parsed, reportsDir: reportDir },
  };
}
