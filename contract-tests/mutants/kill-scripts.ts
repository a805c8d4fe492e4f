// The mutant runner's check of the reproduction scripts (issue 17): a kill is only useful to a backend
// developer if the script it leaves shows the bug on its own. Each script of a failure that caught the
// mutant is run as a developer runs it (sh + curl): against the mutant it must exit 1 (the server still
// breaks the rule), against the unbroken mock 0 (no false alarm). Each run gets fresh servers (the demo seed,
// a mutant with no memory of the suite's run): a script must show the bug from scratch, and a script whose
// sequence deleted the accounts' own domains (--model-delete-existing) finds them there again. A mutant that
// breaks many tests leaves many scripts of one kind: the first few are run (each run is a few processes per call).
import { join } from "node:path";
import { startMock } from "../../src/hosts/node/start-mock.js";
import { DEMO_A, DEMO_B } from "../support/demo-accounts.js";
import { accountVariables, runReproScript, type ScriptRun } from "../support/repro/run-script.js";
import { startMutantProxy, type Mutation } from "./mutant-proxy.js";

export interface ScriptVerdict {
  script: string;
  againstMutant: number;
  againstMock: number;
  /** The last lines the script printed where it went wrong. */
  output: string;
}

/** Scripts run per mutant, at most. */
export const SCRIPTS_CHECKED = 3;

export interface KillScripts {
  /** Scripts the catching failures left, all of them. */
  left: number;
  /** Scripts that exit 1 against the mutant and 0 against the mock. */
  good: ScriptVerdict[];
  /** Scripts that do not. */
  bad: ScriptVerdict[];
}

// The reproduction annotation each failed test carries (support/repro/on-failure.ts) starts with the
// script's path relative to the run's reports folder.
const SCRIPT = /(?:^|\n)(repro\/\S+\.sh) \(sh \+ curl/g;

/** The scripts named by these failures, once each. */
export const scriptsOf = (failures: string[]): string[] => [...new Set(failures.flatMap((f) => [...f.matchAll(SCRIPT)].map((m) => m[1]!)))];

const tail = (text: string) => text.trimEnd().split("\n").slice(-6).join("\n");

/** Runs a script against a fresh mock, behind the mutation when one is given. */
async function runFresh(file: string, mutation: Mutation | undefined): Promise<ScriptRun> {
  const mock = await startMock({ port: 0, host: "127.0.0.1" });
  const proxy = mutation ? await startMutantProxy(mock.url, mutation) : undefined;
  try {
    return await runReproScript(file, { ...accountVariables(DEMO_A, DEMO_B), BASE_URL: proxy?.url ?? mock.url });
  } finally {
    await proxy?.close();
    await mock.close(500);
  }
}

export async function checkKillScripts(reportsDir: string, failures: string[], mutation: Mutation): Promise<KillScripts> {
  const verdicts: ScriptVerdict[] = [];
  const scripts = scriptsOf(failures);
  for (const script of scripts.slice(0, SCRIPTS_CHECKED)) {
    const file = join(reportsDir, script);
    const mutant = await runFresh(file, mutation);
    const mock = await runFresh(file, undefined);
    const output = mutant.code !== 1 ? tail(mutant.stdout + mutant.stderr) : mock.code !== 0 ? tail(mock.stdout + mock.stderr) : "";
    verdicts.push({ script, againstMutant: mutant.code, againstMock: mock.code, output });
  }
  const good = verdicts.filter((v) => v.againstMutant === 1 && v.againstMock === 0);
  return { left: scripts.length, good, bad: verdicts.filter((v) => !good.includes(v)) };
}
