// The other test of the tests (issue 17): the whole contract suite, the model-based stage included, must
// pass against every legitimate variant (variants.ts): servers that keep the contract and differ only where
// the spec leaves room. Each is the real mock behind the variant's mutation: in-process in the suite's worker,
// or the mock server behind the mutant proxy where the variant says why (`overHttp`), as the mutants are run.
// Exits 1 when any variant fails a test.
// CONTRACT_VARIANTS=substring runs only the matching ones.
import { performance } from "node:perf_hooks";
import { ALL_FILES, INSTANCES, drainWithSuites, runBehind, runInProcess } from "./suite-pool.js";
import { variants, type Variant } from "./variants.js";

const only = process.env["CONTRACT_VARIANTS"];
const queue: Variant[] = variants.filter((v) => !only || v.name.includes(only));
const tried = queue.length;
const problems: string[] = [];
const started = performance.now();
await drainWithSuites(queue, async (suite, v) => {
  const t0 = performance.now();
  const { run } = v.overHttp !== undefined ? await runBehind(suite, v.mutation, ALL_FILES) : await runInProcess(suite, v.name, v.mutation, ALL_FILES);
  const ok = run.failures.length === 0 && run.passed > 0;
  console.log(`${ok ? "passes " : "FAILS  "} ${v.name} (${v.room}) [${v.overHttp !== undefined ? "server" : "in-process"}]: ${run.passed} passed, ${run.failures.length} failed in ${Math.round(performance.now() - t0)} ms`);
  if (!ok) problems.push(`variant "${v.name}" failed the suite:\n  ${run.failures.join("\n  ").slice(0, 3000)}`);
});
console.log(`\n${tried - problems.length}/${tried} variants pass the suite in ${((performance.now() - started) / 1000).toFixed(1)} s (${INSTANCES} suite instances)`);
if (problems.length > 0) console.error(`\n${problems.join("\n\n")}`);
process.exitCode = problems.length > 0 ? 1 : 0;
