#!/usr/bin/env node
// email-domains-contract: the contract suite against a server, for CI. Exit 0 when the server keeps the
// contract, 1 when it breaks it, 2 when the suite could not run (usage, unreachable server, rejected key).
// In every case it writes a JUnit file and the Markdown summary; after a run also CTRF (contract-ctrf.json), and
// its console ends with one block per broken rule and one short line (docs/contract-reports.md).
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { loadBundledSpec } from "../../src/spec/load-spec.js";
import { exitCodeOf, type SuiteOutcome } from "../support/reports/outcome.js";
import { HelpShown, parseOptions, UsageError, type RunOptions } from "./options.js";
import { checkOptions, checkServer, PreflightError } from "./preflight.js";
import { githubAnnotations, markdownSummary, type Coverage } from "./reports.js";
import { lastLine, ruleBlocks } from "./console-report.js";
import { ctrfReport } from "../support/reports/ctrf-report.js";
import { handOverScripts } from "./hand-over.js";
import { junitReport } from "../support/reports/junit-report.js";
import { kitTool } from "../support/reports/report-files.js";
import { rulesReport } from "./rules-report.js";
import { fallbackReportPaths, stopJunit, stopSummary } from "./stop-report.js";
import { listFiles } from "./written-files.js";
import { loadOptional, MissingPackageError } from "../../src/optional-package.js";

const NAME = "email-domains-contract";
const started = Date.now();

interface ReportPaths {
  reportDir: string;
  junitFile: string;
  baseUrl: string | undefined;
}

function writeSummary(summary: string, reportDir: string): string {
  mkdirSync(reportDir, { recursive: true });
  const file = join(reportDir, "contract-summary.md");
  writeFileSync(file, `${summary}\n`);
  const step = process.env["GITHUB_STEP_SUMMARY"];
  if (step) appendFileSync(step, `${summary}\n`);
  return file;
}

/** Stops with one line on stderr (exit 2), after writing the JUnit file and summary that say why. */
function stop(message: string, paths: ReportPaths): never {
  const reason = message.replace(/\s*\n\s*/g, " ");
  let written = "";
  try {
    mkdirSync(dirname(paths.junitFile), { recursive: true });
    writeFileSync(paths.junitFile, stopJunit(reason));
    const summary = writeSummary(stopSummary(paths.baseUrl, reason), paths.reportDir);
    written = listFiles([paths.junitFile, summary], process.cwd());
  } catch {
    // The reports folder itself may be the problem: the one line still says what stopped the run.
  }
  process.stderr.write(`${NAME}: ${reason}\n`);
  if (written) process.stdout.write(`reports: ${written}\n`);
  process.exit(2);
}

function readCoverage(reportDir: string): Coverage | undefined {
  try {
    return JSON.parse(readFileSync(join(reportDir, "contract-coverage.json"), "utf8")) as Coverage;
  } catch {
    return undefined;
  }
}

/** `reports` for a folder under the working directory, else the absolute path. */
function shown(dir: string): string {
  const rel = relative(process.cwd(), dir);
  return rel === "" ? "." : rel.startsWith("..") ? dir : rel;
}

async function report(outcome: SuiteOutcome, options: RunOptions): Promise<void> {
  // A script is handed over only once it holds against the target and the kit's engine (hand-over.ts).
  const handOver = await handOverScripts(outcome, options.reportDir, { targetBaseUrl: options.baseUrl, accounts: { own: options.own, other: options.other } });
  const summary = markdownSummary(outcome, options.baseUrl, readCoverage(options.reportDir), handOver);
  writeSummary(summary, options.reportDir);
  mkdirSync(dirname(options.junitFile), { recursive: true });
  writeFileSync(options.junitFile, junitReport(outcome));
  const ctrf = ctrfReport(outcome, { baseUrl: options.baseUrl, tool: kitTool(), start: started, stop: Date.now() });
  writeFileSync(join(options.reportDir, "contract-ctrf.json"), `${JSON.stringify(ctrf, null, 2)}\n`);
  // Every test's file, name, state and message, for scripts that want more than the summary.
  writeFileSync(join(options.reportDir, "contract-results.json"), `${JSON.stringify({ baseUrl: options.baseUrl, handOver, ...outcome }, null, 2)}\n`);
  writeFileSync(join(options.reportDir, "contract-rules.md"), rulesReport(outcome, options.baseUrl));
  if (process.env["GITHUB_ACTIONS"] === "true") for (const line of githubAnnotations(outcome)) process.stdout.write(`${line}\n`);
  const dir = shown(options.reportDir);
  process.stdout.write(`${[...ruleBlocks(outcome, dir), "", lastLine(outcome, handOver, dir)].join("\n")}\n`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let options: RunOptions;
  try {
    options = parseOptions(argv, process.env, process.cwd());
  } catch (error) {
    if (error instanceof HelpShown) process.exit(0);
    if (error instanceof UsageError) stop(`${error.message} (see --help)`, fallbackReportPaths(argv, process.env, process.cwd()));
    throw error;
  }
  const paths: ReportPaths = { reportDir: options.reportDir, junitFile: options.junitFile, baseUrl: options.baseUrl };
  // Vitest runs the suite: a peer dependency of the kit, which the project installs beside it (the README's CI
  // install), so a project that only uses the mock does not get it, and one that has Vitest keeps its own copy.
  let runSuite: typeof import("./run-suite.js").runSuite;
  try {
    ({ runSuite } = await loadOptional("vitest", NAME, () => import("./run-suite.js"), { dev: true }));
  } catch (error) {
    if (error instanceof MissingPackageError) stop(error.message, paths);
    throw error;
  }
  try {
    const spec = loadBundledSpec();
    checkOptions(options, spec);
    await checkServer(options, spec);
  } catch (error) {
    if (error instanceof PreflightError) stop(error.message, paths);
    throw error;
  }
  if (options.settings.model.seedIsRandom) process.stdout.write(`model stage: random seed ${options.settings.model.seed} (replay with --seed ${options.settings.model.seed})\n`);
  let outcome: SuiteOutcome;
  try {
    outcome = await runSuite(options);
  } catch (error) {
    stop(`the suite could not run: ${error instanceof Error ? error.message : String(error)}`, paths);
  }
  const code = exitCodeOf(outcome);
  // Nothing ran (no test files, a broken config): no summary claiming a verdict.
  if (code === 2) stop(`the suite could not run: ${outcome.errors[0] ?? "no test ran"}`, paths);
  await report(outcome, options);
  // Set last: Vitest sets process.exitCode itself when tests fail.
  process.exitCode = code;
}

await main().catch((error: unknown) =>
  stop(`the suite could not run: ${error instanceof Error ? error.message : String(error)}`, fallbackReportPaths(process.argv.slice(2), process.env, process.cwd())),
);
