// What the CLI prints once the suite has run and its scripts are checked: one block per broken rule (the
// rule, its first failing call, expected against came back, the script or why there is none), errors outside
// tests in full, and a short last line (the verdict, the counts, the reports folder). The rest is in the files.
import { join } from "node:path";
import type { HandOver } from "./hand-over.js";
import { count, groupByRule, type SuiteOutcome } from "../support/reports/outcome.js";
import { failureLines } from "../support/reports/report-text.js";

/** Blocks shown at most; the summary file lists every rule. */
const MAX_BLOCKS = 12;
const MAX_LAST_LINE = 199;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function ruleBlocks(outcome: SuiteOutcome, reportDirShown: string): string[] {
  const groups = groupByRule(outcome.tests.filter((t) => t.state === "failed"));
  const out: string[] = [];
  for (const g of groups.slice(0, MAX_BLOCKS)) {
    // The first failure of the rule with a script, else the first.
    const first = g.tests.find((t) => /^\S+\.sh /.test(t.reproduction ?? "")) ?? g.tests[0]!;
    const lines = failureLines(first).map((l) => (l.startsWith("script:") ? `script:    ${join(reportDirShown, l.slice("script:".length).trim())}` : l));
    out.push("", `✗ ${g.rule} (${plural(g.tests.length, "test")}; first: ${first.file} > ${first.name})`, ...lines.map((l) => `    ${l}`));
  }
  if (groups.length > MAX_BLOCKS) out.push("", `… and ${plural(groups.length - MAX_BLOCKS, "more rule")}: see ${join(reportDirShown, "contract-summary.md")}`);
  for (const e of outcome.errors) out.push("", `! error outside tests: ${e.replace(/\s*\n\s*/g, " ")}`);
  return out;
}

/** The last line: verdict and counts, scripts handed over, the reports folder; under 200 characters. */
export function lastLine(outcome: SuiteOutcome, handOver: HandOver, reportDirShown: string): string {
  const failed = count(outcome, "failed");
  const verdict = failed > 0 || outcome.errors.length > 0 ? "contract broken" : "contract kept";
  const counts = `${failed} failed, ${count(outcome, "passed")} passed, ${count(outcome, "skipped")} skipped${outcome.errors.length ? `, ${outcome.errors.length} errors` : ""}`;
  const scripts = handOver.checked > 0 ? `; ${handOver.handedOver}/${handOver.checked} scripts hold` : "";
  const head = `${verdict}: ${counts}${scripts}; reports: `;
  const room = MAX_LAST_LINE - head.length;
  const dir = reportDirShown.length <= room ? reportDirShown : `…${reportDirShown.slice(-(room - 1))}`;
  return head + dir;
}
