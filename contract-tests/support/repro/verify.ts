// The check a reproduction script passes before anyone is handed it (issue 26): it makes at least one call,
// it exits 1 against the target (the server still breaks the rule) and 0 against the kit's engine, served
// in-process on an ephemeral port with the target's account ids and keys (a server that keeps the contract).
// A script that does not pass is withheld, with the reason. Used by the CLI before it reports (the suite's
// scripts), by the mutant runner on every script of every kill, and by the concurrent stage's racing scripts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMock } from "../../../src/hosts/node/start-mock.js";
import { demoSeedFile } from "../../../src/seed/load-seed.js";
import type { Credentials } from "../demo-accounts.js";
import { mapConcurrently } from "../map-concurrently.js";
import { accountVariables, runReproScript, type ScriptRun } from "./run-script.js";

export interface VerifyOptions {
  /** The server the failure was seen on: the script must exit 1 against it. */
  targetBaseUrl: string;
  /** The accounts the script is run as; the engine is seeded with the same account ids and keys. */
  accounts: { own: Credentials; other: Credentials | undefined };
}

export interface ReproductionVerdict {
  /** The script, as given. */
  script: string;
  /** Exit 1 against the target and 0 against the engine, with at least one call: it may be handed over. */
  holds: boolean;
  /** The script's exit code against the target and against the engine (-1: killed, or not run). */
  againstTarget: number;
  againstEngine: number;
  /** Why it is withheld, in one line; undefined when it holds. */
  reason: string | undefined;
  /** The last lines the script printed where it went wrong ("" when it holds). */
  output: string;
}

/** A script's calls are its `send` lines (write-script.ts; a racing script's `race_send` and `read_all` too, indented in its loop of tries); a script without one proves nothing. */
const CALL = /^\s*(send|race_send|read_all) /m;
/** Commands whose checks read what the whole account holds: two such scripts on one account must not overlap. */
const ACCOUNT_WIDE = /^(start_from|expect_same_ids|expect_slice) /m;

const tail = (run: ScriptRun) => (run.stdout + run.stderr).trimEnd().split("\n").slice(-6).join("\n");
const lastLine = (run: ScriptRun) => (run.stderr.trim() || run.stdout.trim()).split("\n").at(-1)?.trim() ?? "";

/** The demo seed with its two accounts' ids and keys replaced by the target's (their domains kept: the oracle's world). */
function engineSeed(accounts: VerifyOptions["accounts"]): string {
  const seed = JSON.parse(readFileSync(demoSeedFile, "utf8")) as { accounts: Array<Record<string, unknown>> };
  const [a, b] = seed.accounts;
  if (!a || !b) throw new Error(`the demo seed ${demoSeedFile} has fewer than two accounts`);
  const as = (account: Record<string, unknown>, who: Credentials) => ({ ...account, accountId: who.accountId, apiKeys: [who.apiKey] });
  seed.accounts = accounts.other ? [as(a, accounts.own), as(b, accounts.other)] : [as(a, accounts.own)];
  return JSON.stringify(seed);
}

function reasonOf(target: ScriptRun, engine: ScriptRun, targetBaseUrl: string): string | undefined {
  if (target.code === 1 && engine.code === 0) return undefined;
  if (target.code === 0) return `it exits 0 against ${targetBaseUrl}: the calls it replays do not show the break there`;
  if (target.code !== 1) return `it could not run against ${targetBaseUrl} (exit ${target.code}): ${lastLine(target)}`;
  if (engine.code === 1) return "it exits 1 against the kit's engine too: it asserts something a server that keeps the contract does not do";
  return `it could not run against the kit's engine (exit ${engine.code}): ${lastLine(engine)}`;
}

/**
 * Runs one script against the target and against a fresh engine (at the same time) and says whether it may be
 * handed over as a reproduction. Never throws for a bad script: the verdict says why.
 */
export async function verifyReproduction(scriptPath: string, options: VerifyOptions): Promise<ReproductionVerdict> {
  const withheld = (reason: string, output = ""): ReproductionVerdict => ({ script: scriptPath, holds: false, againstTarget: -1, againstEngine: -1, reason, output });
  let text: string;
  try {
    text = readFileSync(scriptPath, "utf8");
  } catch (error) {
    return withheld(`the script cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!CALL.test(text)) return withheld("it makes no call, so it cannot show anything about the server");
  const dir = mkdtempSync(join(tmpdir(), "contract-verify-"));
  try {
    const seedFile = join(dir, "seed.json");
    writeFileSync(seedFile, engineSeed(options.accounts));
    let engine: Awaited<ReturnType<typeof startMock>>;
    try {
      engine = await startMock({ port: 0, host: "127.0.0.1", seedFile });
    } catch (error) {
      return withheld(`the kit's engine cannot hold the target's accounts: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
    try {
      const env = accountVariables(options.accounts.own, options.accounts.other);
      const [target, kept] = await Promise.all([runReproScript(scriptPath, { ...env, BASE_URL: options.targetBaseUrl }), runReproScript(scriptPath, { ...env, BASE_URL: engine.url })]);
      const reason = reasonOf(target, kept, options.targetBaseUrl);
      const output = reason === undefined ? "" : target.code !== 1 ? tail(target) : tail(kept);
      return { script: scriptPath, holds: reason === undefined, againstTarget: target.code, againstEngine: kept.code, reason, output };
    } finally {
      await engine.close(500);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether a script's checks read what the whole account holds (it must not overlap another such script). */
export function readsWholeAccount(scriptPath: string): boolean {
  try {
    return ACCOUNT_WIDE.test(readFileSync(scriptPath, "utf8"));
  } catch {
    return false;
  }
}

/**
 * Scripts that make the same calls and checks (they differ only in their comments: the test's name), as
 * groups: one run of the first speaks for all (a set-up shared by a file's tests leaves many such copies).
 */
export function sameScripts(scripts: string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const s of scripts) {
    let key: string;
    try {
      key = readFileSync(s, "utf8").split("\n").filter((l) => !l.startsWith("#")).join("\n");
    } catch {
      key = s;
    }
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()];
}

/**
 * verifyReproduction for many scripts, `concurrency` at a time, once per group of identical scripts
 * (sameScripts); scripts whose checks read the whole account (readsWholeAccount) run one after another, after
 * the others, so that no other script's domains are in their lists. Verdicts come back in the order of `scripts`.
 */
export async function verifyReproductions(scripts: string[], options: VerifyOptions, concurrency = 4): Promise<ReproductionVerdict[]> {
  const groups = sameScripts(scripts);
  const alone = groups.filter((g) => readsWholeAccount(g[0]!));
  const together = groups.filter((g) => !alone.includes(g));
  const check = (g: string[]) => verifyReproduction(g[0]!, options);
  const verdicts = [...(await mapConcurrently(together, concurrency, check)), ...(await mapConcurrently(alone, 1, check))];
  const byScript = new Map([...together, ...alone].flatMap((g, i) => g.map((s) => [s, { ...verdicts[i]!, script: s }] as const)));
  return scripts.map((s) => byScript.get(s)!);
}
