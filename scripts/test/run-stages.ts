// `npm test`: runs the stages of scripts/test/stages.ts, each its own npm script, and ends with one line per
// stage (verdict, time, counts), every skipped test with its reason, and one overall verdict as the last line.
// Exit 0 only when every stage passed.
//
// Stages that share nothing run side by side, as many at once as the machine has cores (stages.ts says what
// each one shares: `uses`, or `alone`). They start in the list's order; a stage whose resource is taken waits
// and a later one may start first. Side by side, each stage's output is kept and printed whole when it ends,
// under its name, so two stages never interleave; one at a time, it is shown as it comes.
//
//   npm test                      every stage; a failing stage does not stop the others (the verdict lists all)
//   npm test -- unit prism        only the named stages, in the list's order
//   npm test -- --bail            start no stage after the first failing one
//   npm test -- --jobs 1          one stage at a time (default: the number of cores)
//   npm test -- --list            print the stages and exit
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import type { StageTestRecord } from "../../contract-tests/support/stage-report.js";
import { nextStage } from "./next-stage.js";
import { stages, type Stage } from "./stages.js";

interface StageResult {
  stage: Stage;
  state: "passed" | "failed" | "skipped" | "not run";
  ms: number;
  exitCode: number | null;
  tests: StageTestRecord[];
  counts?: string;
  skipReason?: string;
}

const args = process.argv.slice(2);
const bail = args.includes("--bail");
if (args.includes("--list")) {
  for (const s of stages) console.log(`${s.name.padEnd(16)} npm run ${s.script.padEnd(28)} ${s.what}`);
  process.exit(0);
}
const jobsArg = args.indexOf("--jobs");
const jobs = jobsArg >= 0 ? Number(args[jobsArg + 1]) : availableParallelism();
if (!Number.isInteger(jobs) || jobs < 1) {
  console.error(`--jobs takes a whole number of stages at once, got ${args[jobsArg + 1]}`);
  process.exit(2);
}
const wanted = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--jobs");
const unknown = wanted.filter((w) => !stages.some((s) => s.name === w));
if (unknown.length > 0) {
  console.error(`unknown stage(s): ${unknown.join(", ")}; the stages are: ${stages.map((s) => s.name).join(", ")}`);
  process.exit(2);
}
const selected = wanted.length > 0 ? stages.filter((s) => wanted.includes(s.name)) : stages;

const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const duration = (ms: number) => (ms < 60_000 ? seconds(ms) : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`);
const plural = (n: number, word: string) => `${n} ${word}`;

function tally(tests: StageTestRecord[]): { passed: number; failed: number; skipped: number } {
  return {
    passed: tests.filter((t) => t.state === "passed").length,
    failed: tests.filter((t) => t.state === "failed").length,
    skipped: tests.filter((t) => t.state === "skipped").length,
  };
}

function countsText(r: StageResult): string {
  const parts: string[] = [];
  if (r.tests.length > 0) {
    const t = tally(r.tests);
    parts.push([plural(t.passed, "passed"), t.failed ? plural(t.failed, "failed") : "", t.skipped ? plural(t.skipped, "skipped") : ""].filter(Boolean).join(", "));
  }
  if (r.counts) parts.push(r.counts);
  if (r.skipReason) parts.push(`skipped: ${r.skipReason}`);
  if (r.state === "failed" && r.exitCode !== 0) parts.push(`exit ${r.exitCode ?? "by signal"}`);
  return parts.join("; ") || "done";
}

const label = { passed: "PASS", failed: "FAIL", skipped: "SKIP", "not run": "----" } as const;
const line = (r: StageResult) => `${label[r.state]}  ${r.stage.name.padEnd(16)} ${seconds(r.ms).padStart(8)}  ${countsText(r)}`;

/** `live`: output shown as it comes; otherwise kept, and printed whole by the caller when the stage ends. */
async function runStage(stage: Stage, reportFile: string, live: boolean): Promise<StageResult & { output: string }> {
  rmSync(reportFile, { force: true });
  const started = performance.now();
  const env = { ...process.env, STAGE_REPORT_FILE: reportFile, ...(process.stdout.isTTY && !process.env["NO_COLOR"] ? { FORCE_COLOR: "1" } : {}) };
  const child = spawn("npm", ["run", stage.script], { env, stdio: ["inherit", "pipe", "pipe"] });
  let output = "";
  // Keeps the last 4 MB for the counts (and for printing, when not live).
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 4_000_000) output = output.slice(-3_000_000);
  };
  child.stdout.on("data", (chunk: Buffer) => (live && process.stdout.write(chunk), keep(chunk)));
  child.stderr.on("data", (chunk: Buffer) => (live && process.stderr.write(chunk), keep(chunk)));
  const exitCode = await new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const ms = performance.now() - started;
  const plain = stripAnsi(output);
  const tests: StageTestRecord[] = existsSync(reportFile)
    ? readFileSync(reportFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as StageTestRecord)
    : [];
  const skipReason = [...plain.matchAll(/^STAGE-SKIPPED: (.+)$/gm)].at(-1)?.[1]?.trim();
  const failedTests = tests.some((t) => t.state === "failed");
  const state = exitCode !== 0 || failedTests ? "failed" : skipReason ? "skipped" : "passed";
  const counts = stage.counts?.(plain);
  return { stage, state, ms, exitCode, tests, output, ...(counts ? { counts } : {}), ...(skipReason ? { skipReason } : {}) };
}

const scratch = mkdtempSync(join(tmpdir(), "npm-test-stages-"));
const byStage = new Map<Stage, StageResult>();
const started = performance.now();
let stop = false;
process.on("SIGINT", () => (stop = true));
const live = jobs === 1 || selected.length === 1;
const header = (stage: Stage) => `━━ stage ${selected.indexOf(stage) + 1}/${selected.length}: ${stage.name} (npm run ${stage.script}): ${stage.what}`;
try {
  const waiting = [...selected];
  const running = new Map<Stage, Promise<void>>();
  while (waiting.length > 0 || running.size > 0) {
    const failed = [...byStage.values()].some((r) => r.state === "failed");
    if (stop || (bail && failed)) {
      for (const stage of waiting.splice(0)) byStage.set(stage, { stage, state: "not run", ms: 0, exitCode: null, tests: [] });
    }
    const stage = nextStage(waiting, [...running.keys()], jobs);
    if (stage) {
      waiting.splice(waiting.indexOf(stage), 1);
      console.log(live ? `\n${header(stage)}` : `━━ started ${stage.name}${running.size > 0 ? ` (beside ${[...running.keys()].map((s) => s.name).join(", ")})` : ""}`);
      running.set(
        stage,
        runStage(stage, join(scratch, `${stage.name}.jsonl`), live).then(({ output, ...result }) => {
          running.delete(stage);
          byStage.set(stage, result);
          if (!live) process.stdout.write(`\n${header(stage)}\n${output}${output.endsWith("\n") ? "" : "\n"}`);
          console.log(`━━ ${line(result)}`);
        }),
      );
      continue;
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const totalMs = performance.now() - started;
const results = selected.flatMap((stage) => byStage.get(stage) ?? []);
const stageMs = results.reduce((sum, r) => sum + r.ms, 0);
const all = results.flatMap((r) => r.tests.map((t) => ({ ...t, stage: r.stage.name })));
const totals = tally(all);
console.log(`\n${"═".repeat(100)}\nnpm test: ${results.length} stage(s)`);
for (const r of results) console.log(`  ${line(r)}`);

const skips = all.filter((t) => t.state === "skipped");
if (skips.length > 0) {
  console.log(`\nskipped tests (${skips.length}), and why:`);
  for (const s of skips) console.log(`  [${s.stage}] ${s.file} > ${s.name}\n      why: ${s.reason ?? "NO REASON GIVEN (give one: ctx.skip(note), or meta: { skipReason } on the test or its describe)"}`);
}
for (const r of results.filter((r) => r.state === "skipped")) console.log(`  stage ${r.stage.name} skipped: ${r.skipReason}`);
const failures = all.filter((t) => t.state === "failed");
if (failures.length > 0) {
  console.log(`\nfailed tests (${failures.length}):`);
  for (const f of failures.slice(0, 50)) console.log(`  [${f.stage}] ${f.file} > ${f.name}`);
  if (failures.length > 50) console.log(`  ... and ${failures.length - 50} more (see each stage's output above)`);
}

const failed = results.filter((r) => r.state === "failed");
const notRun = results.filter((r) => r.state === "not run");
const skippedStages = results.filter((r) => r.state === "skipped");
const testsText =
  all.length === 0 ? "" : `; ${plural(totals.passed, "tests passed")}, ${plural(totals.failed, "failed")}, ${plural(totals.skipped, "skipped")}${skips.length ? " (reasons above)" : ""}`;
const stagesText = [
  `${results.filter((r) => r.state === "passed").length}/${results.length} stages passed`,
  failed.length ? `failed: ${failed.map((r) => r.stage.name).join(", ")}` : "",
  skippedStages.length ? `skipped: ${skippedStages.map((r) => r.stage.name).join(", ")}` : "",
  notRun.length ? `not run: ${notRun.map((r) => r.stage.name).join(", ")}` : "",
]
  .filter(Boolean)
  .join("; ");
const verdict = failed.length > 0 || notRun.length > 0 ? "FAIL" : "PASS";
console.log(`\nnpm test: ${verdict}: ${stagesText}${testsText}; in ${duration(totalMs)}${jobs > 1 && results.length > 1 ? ` (the stages' own times add up to ${duration(stageMs)}; up to ${jobs} side by side)` : ""}`);
process.exitCode = verdict === "PASS" ? 0 : 1;
