// How reliably the concurrent stage catches each concurrency mutant (issue 25), and how many tries its racing
// script needs: for each mutant, `runs` suite runs of the concurrent file alone (each a fresh mock behind the
// mutant, one seed per run), and for each kill, its racing script run `scriptRuns` times against a fresh mutant
// (the try it failed at, from the script's own last line). Prints one line per mutant and a table.
// `tsx scripts/bench/race-mutants.ts [runs] [scriptRuns]` (CONTRACT_MUTANTS=substring picks mutants).
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { startMock } from "../../src/hosts/node/start-mock.js";
import { concurrencyMutants } from "../../contract-tests/mutants/concurrency-mutations.js";
import { scriptsOf } from "../../contract-tests/mutants/kill-scripts.js";
import { startMutantProxy, type Mutation } from "../../contract-tests/mutants/mutant-proxy.js";
import { drainWithSuites, runBehind } from "../../contract-tests/mutants/suite-pool.js";
import { DEMO_A, DEMO_B } from "../../contract-tests/support/demo-accounts.js";
import { accountVariables, runReproScript } from "../../contract-tests/support/repro/run-script.js";

const runs = Number(process.argv[2] ?? 3);
const scriptRuns = Number(process.argv[3] ?? 3);
const only = process.env["CONTRACT_MUTANTS"];
const mutants = concurrencyMutants().filter((m) => !only || m.name.includes(only));

/** The try a racing script failed at (its last line says), or 0 when every try was explained. */
async function triesNeeded(file: string, mutation: Mutation): Promise<{ code: number; tries: number }> {
  const mock = await startMock({ port: 0, host: "127.0.0.1" });
  const proxy = await startMutantProxy(mock.url, mutation);
  try {
    const run = await runReproScript(file, { ...accountVariables(DEMO_A, DEMO_B), BASE_URL: proxy.url });
    return { code: run.code, tries: Number(/\(try (\d+)\): exit 1/.exec(run.stdout)?.[1] ?? 0) };
  } finally {
    await proxy.close();
    await mock.close(200);
  }
}

const rows: string[] = [];
const queue = mutants.flatMap((m) => Array.from({ length: runs }, (_, i) => ({ m, i })));
const results = new Map<string, { caught: number; ms: number[]; tries: number[]; scripts: number; held: number }>();
const started = performance.now();
await drainWithSuites(queue, async (suite, { m, i }) => {
  const t0 = performance.now();
  // A fresh mutation per run: the mutants keep state of their own.
  const mutation = concurrencyMutants().find((x) => x.name === m.name)!.mutation;
  // The tally is taken before the run's awaits: two instances may run one mutant at once.
  const r = results.get(m.name) ?? { caught: 0, ms: [], tries: [], scripts: 0, held: 0 };
  results.set(m.name, r);
  const { run } = await runBehind(suite, mutation, m.files, { ...m.suite, seed: 20261204 + i });
  r.ms.push(performance.now() - t0);
  const catching = run.failures.filter((f) => m.caughtBy.test(f));
  if (catching.length > 0) {
    r.caught++;
    for (const script of scriptsOf(catching).slice(0, 1)) {
      r.scripts++;
      for (let s = 0; s < scriptRuns; s++) {
        const { code, tries } = await triesNeeded(join(run.reportsDir, script), concurrencyMutants().find((x) => x.name === m.name)!.mutation);
        if (code === 1) r.held++;
        if (code === 1) r.tries.push(tries);
      }
    }
  }
  console.log(`${m.name} (seed ${20261204 + i}): ${catching.length > 0 ? "caught" : "not caught"} in ${Math.round(performance.now() - t0)} ms`);
});
for (const m of mutants) {
  const r = results.get(m.name)!;
  const tries = r.tries.length > 0 ? `tries needed ${r.tries.join(",")}` : "no script run";
  rows.push(`| ${m.name} | ${m.needs} | ${r.caught}/${runs} | ${r.held}/${r.scripts * scriptRuns} exit 1 | ${tries} |`);
}
console.log(`\n| mutant | needs | caught (runs) | racing script vs a fresh mutant | |\n|---|---|---|---|---|\n${rows.join("\n")}`);
console.log(`\n${mutants.length} mutants x ${runs} runs in ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exitCode = 0;
