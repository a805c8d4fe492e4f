#!/usr/bin/env node
// email-domains-contract: the contract suite against a server, for CI. Exit 0 when the server keeps the
// contract, 1 when it breaks it, 2 when the suite could not run (usage, unreachable server, rejected key).
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadBundledSpec } from "../../src/spec/load-spec.js";
import { exitCodeOf, type SuiteOutcome } from "./outcome.js";
import { HelpShown, parseOptions, UsageError, type RunOptions } from "./options.js";
import { checkOptions, checkServer, PreflightError } from "./preflight.js";
import { githubAnnotations, markdownSummary, type Coverage } from "./reports.js";
import { loadOptional, MissingPackageError } from "../../src/optional-package.js";

const NAME = "email-domains-contract";
/** Stops with one line on stderr. */
function stop(code: 1 | 2, message: string): never {
  process.stderr.write(`${NAME}: ${message.replace(/\s*\n\s*/g, " ")}\n`);
  process.exit(code);
}

function readCoverage(reportDir: string): Coverage | undefined {
  try {
    return JSON.parse(readFileSync(join(reportDir, "contract-coverage.json"), "utf8")) as Coverage;
  } catch {
    return undefined;
  }
}

function report(outcome: SuiteOutcome, options: RunOptions): void {
  const summary = markdownSummary(outcome, options.baseUrl, readCoverage(options.reportDir));
  mkdirSync(options.reportDir, { recursive: true });
  const file = join(options.reportDir, "contract-summary.md");
  writeFileSync(file, `${summary}\n`);
  // Every test's file, name, state and message, for scripts that want more than the summary.
  writeFileSync(join(options.reportDir, "contract-results.json"), `${JSON.stringify({ baseUrl: options.baseUrl, ...outcome }, null, 2)}\n`);
  const step = process.env["GITHUB_STEP_SUMMARY"];
  if (step) appendFileSync(step, `${summary}\n`);
  if (process.env["GITHUB_ACTIONS"] === "true") for (const line of githubAnnotations(outcome)) process.stdout.write(`${line}\n`);
  process.stdout.write(`\n${summary}\nreports: ${options.junitFile}, ${join(options.reportDir, "contract-coverage.json")}, ${file}\n`);
}

async function main(): Promise<void> {
  let options: RunOptions;
  try {
    options = parseOptions(process.argv.slice(2), process.env, process.cwd());
  } catch (error) {
    if (error instanceof HelpShown) process.exit(0);
    if (error instanceof UsageError) stop(2, `${error.message} (see --help)`);
    throw error;
  }
  // Vitest runs the suite: a peer dependency of the kit, which the project installs beside it (the README's CI
  // install), so a project that only uses the mock does not get it, and one that has Vitest keeps its own copy.
  let runSuite: typeof import("./run-suite.js").runSuite;
  try {
    ({ runSuite } = await loadOptional("vitest", NAME, () => import("./run-suite.js"), { dev: true }));
  } catch (error) {
    if (error instanceof MissingPackageError) stop(2, error.message);
    throw error;
  }
  try {
    const spec = loadBundledSpec();
    checkOptions(options, spec);
    await checkServer(options, spec);
  } catch (error) {
    if (error instanceof PreflightError) stop(2, error.message);
    throw error;
  }
  let outcome: SuiteOutcome;
  try {
    outcome = await runSuite(options);
  } catch (error) {
    stop(2, `the suite could not run: ${error instanceof Error ? error.message : String(error)}`);
  }
  const code = exitCodeOf(outcome);
  // Nothing ran (no test files, a broken config): no summary claiming a verdict.
  if (code === 2) stop(2, `the suite could not run: ${outcome.errors[0] ?? "no test ran"}`);
  report(outcome, options);
  // Set last: Vitest sets process.exitCode itself when tests fail.
  process.exitCode = code;
}

await main().catch((error: unknown) => stop(2, `the suite could not run: ${error instanceof Error ? error.message : String(error)}`));
