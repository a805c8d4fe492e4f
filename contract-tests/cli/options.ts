// The command line of email-domains-contract: flags first, then today's CONTRACT_* variables. A problem
// with them is a UsageError: one line, exit 2, before anything is sent.
import { resolve } from "node:path";
import { Command, CommanderError } from "commander";
import type { Credentials } from "../support/demo-accounts.js";

export interface RunOptions {
  baseUrl: string;
  own: Credentials;
  other: Credentials | undefined;
  /** Absolute: the suite's workers and Vitest's reporters resolve relative paths against other folders. */
  reportDir: string;
  junitFile: string;
  timeoutMs: number;
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
}

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
    .helpOption("-h, --help", "show this help")
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: write, writeErr: () => {} });
}

const fromEnv = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === "" ? undefined : value;
};

function pair(key: string | undefined, id: string | undefined, keyFlag: string, idFlag: string): Credentials | undefined {
  if (key === undefined && id === undefined) return undefined;
  if (key === undefined || id === undefined) throw new UsageError(`give both ${keyFlag} and ${idFlag}, or neither`);
  return { apiKey: key, accountId: id };
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
  const baseUrl = flags.baseUrl ?? fromEnv(env, "CONTRACT_BASE_URL");
  if (baseUrl === undefined) throw new UsageError("give the server with --base-url URL (or CONTRACT_BASE_URL)");
  const own = pair(flags.apiKey ?? fromEnv(env, "CONTRACT_API_KEY"), flags.accountId ?? fromEnv(env, "CONTRACT_ACCOUNT_ID"), "--api-key", "--account-id");
  if (own === undefined) throw new UsageError("give the account the suite works in with --api-key KEY --account-id ID (or CONTRACT_API_KEY and CONTRACT_ACCOUNT_ID)");
  const other = pair(
    flags.otherApiKey ?? fromEnv(env, "CONTRACT_OTHER_API_KEY"),
    flags.otherAccountId ?? fromEnv(env, "CONTRACT_OTHER_ACCOUNT_ID"),
    "--other-api-key",
    "--other-account-id",
  );
  const timeoutText = flags.timeoutMs ?? fromEnv(env, "CONTRACT_TIMEOUT_MS") ?? "5000";
  const timeoutMs = Number(timeoutText);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout-ms must be a whole number of milliseconds above 0, not ${JSON.stringify(timeoutText)}`);
  const reportDir = resolve(cwd, flags.reportDir ?? fromEnv(env, "CONTRACT_REPORTS_DIR") ?? "reports");
  return {
    baseUrl: baseUrl.replace(/\/+$/, ""),
    own,
    other,
    reportDir,
    junitFile: resolve(cwd, flags.junit ?? resolve(reportDir, "contract-junit.xml")),
    timeoutMs,
  };
}
