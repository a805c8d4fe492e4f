// The mutant runner's check of the reproduction scripts (issues 17 and 26): a kill is only useful to a backend
// developer if the script it leaves shows the bug on its own. Every script of every failure that caught the
// mutant goes through the check the CLI applies before it hands a script over (support/repro/verify.ts): exit 1
// against the mutant, 0 against the kit's engine. Each script gets a fresh mutant (the demo seed, no memory of
// the suite's run): a script must show the bug from scratch, and a script whose sequence deleted the accounts'
// own domains (--model-delete-existing) finds them there again. Scripts run side by side (each on its own
// servers), and a copy of another script (the same calls and checks under another test's name) is run once.
import { join, relative } from "node:path";
import { startMock } from "../../src/hosts/node/start-mock.js";
import { DEMO_A, DEMO_B } from "../support/demo-accounts.js";
import { mapConcurrently } from "../support/map-concurrently.js";
import { sameScripts, verifyReproduction, type ReproductionVerdict } from "../support/repro/verify.js";
import { startMutantProxy, type Mutation } from "./mutant-proxy.js";

/** Scripts checked at the same time (each is a few processes per call, and two servers). */
const CONCURRENT_SCRIPTS = 6;

export interface KillScripts {
  /** Scripts the catching failures left, all of them (every one is checked). */
  left: number;
  /** Scripts that exit 1 against the mutant and 0 against the engine: the ones a developer is handed. */
  good: ReproductionVerdict[];
  /** Scripts that do not, each with its reason. */
  bad: ReproductionVerdict[];
}

// The reproduction annotation each failed test carries (support/repro/on-failure.ts) starts with the
// script's path relative to the run's reports folder.
const SCRIPT = /(?:^|\n)(repro\/\S+\.sh) \(sh \+ curl/g;

/** The scripts named by these failures, once each. */
export const scriptsOf = (failures: string[]): string[] => [...new Set(failures.flatMap((f) => [...f.matchAll(SCRIPT)].map((m) => m[1]!)))];

/** verifyReproduction against a fresh mock behind the mutation. */
async function verifyFresh(reportsDir: string, script: string, mutation: Mutation): Promise<ReproductionVerdict> {
  const mock = await startMock({ port: 0, host: "127.0.0.1" });
  const proxy = await startMutantProxy(mock.url, mutation);
  try {
    const verdict = await verifyReproduction(join(reportsDir, script), { targetBaseUrl: proxy.url, accounts: { own: DEMO_A, other: DEMO_B } });
    return { ...verdict, script };
  } finally {
    await proxy.close();
    await mock.close(500);
  }
}

export async function checkKillScripts(reportsDir: string, failures: string[], mutation: Mutation): Promise<KillScripts> {
  const scripts = scriptsOf(failures);
  // Copies of one script (the same calls and checks under another test's name) are run once.
  const groups = sameScripts(scripts.map((s) => join(reportsDir, s))).map((g) => g.map((file) => relative(reportsDir, file)));
  const checked = await mapConcurrently(groups, CONCURRENT_SCRIPTS, (g) => verifyFresh(reportsDir, g[0]!, mutation));
  const verdicts = groups.flatMap((g, i) => g.map((script) => ({ ...checked[i]!, script })));
  return { left: scripts.length, good: verdicts.filter((v) => v.holds), bad: verdicts.filter((v) => !v.holds) };
}
