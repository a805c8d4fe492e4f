// The test of the tests (`npm run test:contract:mutants`): the contract suite must fail against servers
// that break the contract. Each mutant is the real mock behind a proxy that breaks one thing; the suite
// files that should notice run against it and must fail with a message naming the break. A mutant that says
// why it needs it (`overHttp`: requests that truly overlap) is the mock server behind the HTTP proxy; every other
// one is the same mutation in front of the in-process host, in the suite's worker (no server, proxy or socket
// to start per mutant). A control run through each, unbroken, must pass, so each failure is the mutant's
// doing. Each kill must also
// leave a reproduction script that exits 1 against the mutant and 0 against the kit's engine; every script of
// every kill is checked as the CLI checks one before it hands it over (kill-scripts.ts), and those that do not
// hold are listed with the reason. Exits 1 if any mutant survives or a kill leaves no script that holds.
import { performance } from "node:perf_hooks";
import type { SuiteRun } from "./embedded-suite.js";
import { checkKillScripts, type KillScripts } from "./kill-scripts.js";
import { CONTROL_NAME, mutants, type Mutant } from "./mutations.js";
import { ALL_FILES, INSTANCES, SUITE_DIR, drainWithSuites, runBehind, runInProcess } from "./suite-pool.js";

const overHttp = (m: Mutant) => m.overHttp !== undefined;
/** The control of each host: every suite file in-process; over HTTP, the files the mutants served there run. */
const CONTROLS: Mutant[] = [
  { name: CONTROL_NAME, mutation: {}, files: ALL_FILES, caughtBy: /^$/ },
  { name: `${CONTROL_NAME}, mock server`, mutation: {}, files: [...new Set(mutants.filter(overHttp).flatMap((m) => m.files))].sort(), caughtBy: /^$/, overHttp: "the control of the mutants served so" },
];
const isControl = (m: Mutant) => CONTROLS.includes(m);

function scriptsVerdict(m: Mutant, scripts: KillScripts): string | undefined {
  const withheld = scripts.bad.map((v) => `\n           withheld ${v.script}: ${v.reason}`).join("");
  console.log(`scripts  ${m.name}: ${scripts.good.length}/${scripts.left} exit 1 against the mutant and 0 against the engine${withheld}`);
  if (scripts.good.length > 0) return undefined;
  const shown = scripts.bad.slice(0, 2).map((v) => `  ${v.script}: ${v.reason}\n    ${v.output.replace(/\n/g, "\n    ")}`);
  return `mutant "${m.name}" was caught but ${scripts.left === 0 ? "left no reproduction script" : "left no script that exits 1 against it and 0 against the engine"}:\n${shown.join("\n")}`;
}

function verdict(m: Mutant, run: SuiteRun, ms: number): string | undefined {
  if (isControl(m)) {
    console.log(`control  unbroken mock ${overHttp(m) ? "server behind the proxy" : "in-process"} [${m.files.join(", ")}]: ${run.passed} passed, ${run.failures.length} failed in ${ms} ms`);
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
// Over HTTP first: those runs are the long ones (the concurrent stage's runs, and its shrinking once caught), so
// the short in-process ones fill the other instance meanwhile and the queue ends level.
const chosenMutants = mutants.filter(chosen);
const queue = [...CONTROLS, ...chosenMutants].filter((m) => isControl(m) ? chosenMutants.some((c) => overHttp(c) === overHttp(m)) : true);
queue.sort((a, b) => Number(overHttp(b)) - Number(overHttp(a)));
const problems: string[] = [];
if (ALL_FILES.length === 0) throw new Error(`no contract test files in ${SUITE_DIR}`);
const unknownFiles = mutants.flatMap((m) => m.files.filter((f) => !ALL_FILES.includes(f)).map((f) => `${m.name}: ${f}`));
if (unknownFiles.length > 0) throw new Error(`mutants name suite files that do not exist:\n  ${unknownFiles.join("\n  ")}`);
// A kill's scripts are checked while the suite instance goes on to the next mutant (the checks are processes
// and servers of their own); every check has ended before the verdict.
const scriptChecks: Promise<void>[] = [];
await drainWithSuites(queue, async (suite, m) => {
  const t0 = performance.now();
  const { run } = overHttp(m) ? await runBehind(suite, m.mutation, m.files, m.suite) : await runInProcess(suite, m.name, m.mutation, m.files, m.suite);
  const problem = verdict(m, run, Math.round(performance.now() - t0));
  if (problem) problems.push(problem);
  const catching = isControl(m) ? [] : run.failures.filter((f) => m.caughtBy.test(f));
  if (problem || catching.length === 0) return;
  scriptChecks.push(
    checkKillScripts(run.reportsDir, catching, m.mutation).then((inspected) => {
      const bad = scriptsVerdict(m, inspected);
      if (bad) problems.push(bad);
    }),
  );
}, () => Promise.all(scriptChecks));
const survived = problems.filter((p) => p.startsWith("mutant") && !p.includes("was caught but")).length;
const badScripts = problems.filter((p) => p.includes("was caught but")).length;
const tried = mutants.filter(chosen).length;
console.log(`\n${tried - survived}/${tried} mutants caught, ${tried - survived - badScripts} of them with a reproduction script that holds, in ${((performance.now() - started) / 1000).toFixed(1)} s (${INSTANCES} suite instances)`);
if (problems.length > 0) console.error(`\n${problems.join("\n\n")}`);
// Set either way: the embedded Vitest runs set process.exitCode = 1 whenever a mutant made tests fail,
// which is the expected outcome here, not a failure of this script.
process.exitCode = problems.length > 0 ? 1 : 0;
