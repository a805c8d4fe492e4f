// When the suite cannot run (exit 2), CI still gets something to read: a JUnit file with one failing case
// naming the reason, and the Markdown summary. Also where those go when the command line itself is wrong.
import { resolve } from "node:path";
import { xml } from "../support/reports/report-text.js";

/** A JUnit report of one failing case: the run could not start, and why. */
export function stopJunit(reason: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<testsuites name="email-domains-contract" tests="1" failures="1" errors="0" time="0">',
    '    <testsuite name="email-domains-contract" tests="1" failures="1" errors="0" skipped="0" time="0">',
    '        <testcase classname="email-domains-contract" name="the contract suite could run" time="0">',
    `            <failure message="${xml(reason)}" type="CouldNotRun">${xml(reason)}</failure>`,
    "        </testcase>",
    "    </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

export function stopSummary(baseUrl: string | undefined, reason: string): string {
  return [`## Email-domain contract: ${baseUrl ?? "the server"} could not be checked`, "", `The suite did not run: ${reason.replace(/\n/g, " ")}`, "", "Nothing was judged (exit 2).", ""].join("\n");
}

function flagValue(argv: string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === flag) return argv[i + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}

/** Where the reports go, read leniently from a command line that could not be parsed as a whole. */
export function fallbackReportPaths(argv: string[], env: NodeJS.ProcessEnv, cwd: string): { reportDir: string; junitFile: string; baseUrl: string | undefined } {
  const reportDir = resolve(cwd, flagValue(argv, "--report-dir") ?? (env["CONTRACT_REPORTS_DIR"]?.trim() || "reports"));
  const junit = flagValue(argv, "--junit");
  return { reportDir, junitFile: junit ? resolve(cwd, junit) : resolve(reportDir, "contract-junit.xml"), baseUrl: flagValue(argv, "--base-url") ?? env["CONTRACT_BASE_URL"]?.trim() };
}
