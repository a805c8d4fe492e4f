// The test of the tests (`npm run test:contract:mutants`): the contract suite must fail against servers
// that break the contract. Each mutant is the real mock behind a proxy that breaks one thing; the suite
// files that should notice run against it and must fail with a message naming the break. A control run
// through the same, unbroken proxy must pass, so each failure is the mutant's doing. Exits 1 if any survives.
import { performance } from "node:perf_hooks";
import type { SuiteRun } from "./embedded-suite.js";
import { mutants, type Mutant } from "./mutations.js";
import { ALL_FILES, INSTANCES, SUITE_DIR, drainWithSuites, runBehind } from "./suite-pool.js";

const CONTROL: Mutant = { name: "(control) breaks nothing", mutation: {}, files: ALL_FILES, caughtBy: /^$/ };

function verdict(m: Mutant, run: SuiteRun, ms: number): string | undefined {
  if (m === CONTROL) {
    console.log(`control  unbroken mock behind the proxy: ${run.passed} passed, ${run.failures.length} failed in ${ms} ms`);
    return run.failures.length > 0 || run.passed === 0 ? `the control run failed:\n${run.failures.join("\n")}` : undefined;
  }
  const caught = run.failures.length > 0 && run.failures.some((f) => m.caughtBy.test(f));
  const first = (run.failures.find((f) => m.caughtBy.test(f)) ?? "").split("\n").slice(0, 2).join(" ");
  console.log(`${caught ? "caught  " : "SURVIVED"} ${m.name} [${m.files.join(", ")}]: ${run.failures.length} failed in ${ms} ms${caught ? ` — ${first.slice(0, 150)}` : ""}`);
  if (process.env["CONTRACT_MUTANT_VERBOSE"] === "1") console.log(run.failures.map((f) => `    ${f.replace(/\n/g, "\n    ")}`).join("\n"));
  if (caught) return undefined;
  return `mutant "${m.name}" ${run.failures.length === 0 ? "passed the suite" : `failed, but not with ${m.caughtBy}:\n${run.failures.join("\n").slice(0, 1500)}`}`;
}

const started = performance.now();
// CONTRACT_MUTANTS=substring runs only the mutants whose name has it or that run the suite file of that name (and the control).
const only = process.env["CONTRACT_MUTANTS"];
const chosen = (m: Mutant) => !only || m.name.includes(only) || m.files.includes(only);
const queue = [CONTROL, ...mutants.filter(chosen)];
const problems: string[] = [];
if (ALL_FILES.length === 0) throw new Error(`no contract test files in ${SUITE_DIR}`);
const unknownFiles = mutants.flatMap((m) => m.files.filter((f) => !ALL_FILES.includes(f)).map((f) => `${m.name}: ${f}`));
if (unknownFiles.length > 0) throw new Error(`mutants name suite files that do not exist:\n  ${unknownFiles.join("\n  ")}`);
await drainWithSuites(queue, async (suite, m) => {
  const t0 = performance.now();
  const { run } = await runBehind(suite, m.mutation, m.files);
  const problem = verdict(m, run, Math.round(performance.now() - t0));
  if (problem) problems.push(problem);
});
const survived = problems.filter((p) => p.startsWith("mutant")).length;
const tried = mutants.filter(chosen).length;
console.log(`\n${tried - survived}/${tried} mutants caught in ${((performance.now() - started) / 1000).toFixed(1)} s (${INSTANCES} suite instances)`);
if (problems.length > 0) console.error(`\n${problems.join("\n\n")}`);
// Set either way: the embedded Vitest runs set process.exitCode = 1 whenever a mutant made tests fail,
// which is the expected outcome here, not a failure of this script.
process.exitCode = problems.length > 0 ? 1 : 0;
