// The reports a CI job reads: a Markdown summary (for $GITHUB_STEP_SUMMARY too) and GitHub's `::error`
// workflow commands, one per broken rule. JUnit (junit-report.ts) and CTRF (ctrf-report.ts) come from the
// same outcome, so the counts agree; the coverage table from the suite itself.
import type { HandOver } from "./hand-over.js";
import { count, groupByRule, type SuiteOutcome } from "../support/reports/outcome.js";
import { failureLines } from "../support/reports/report-text.js";

export interface Coverage {
  /** Pairs judged (the status compared with an expectation); `seen` counts those only answered, too. */
  covered: number;
  total: number;
  pairs: Array<{ operationId: string; status: string; seen: boolean; judged: boolean }>;
}

const MAX_NAMES = 8;
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function markdownSummary(outcome: SuiteOutcome, baseUrl: string, coverage: Coverage | undefined, handOver?: HandOver): string {
  const failed = outcome.tests.filter((t) => t.state === "failed");
  const skipped = outcome.tests.filter((t) => t.state === "skipped");
  const broken = groupByRule(failed);
  const verdict =
    failed.length === 0 && outcome.errors.length === 0
      ? "keeps the contract"
      : `breaks the contract (${broken.length} rule${broken.length === 1 ? "" : "s"}${outcome.errors.length > 0 ? `, ${outcome.errors.length} error(s) outside tests` : ""})`;
  const out = [
    `## Email-domain contract: ${baseUrl} ${verdict}`,
    "",
    "| passed | failed | skipped |",
    "|---|---|---|",
    `| ${count(outcome, "passed")} | ${failed.length} | ${skipped.length} |`,
    "",
  ];
  if (broken.length > 0) {
    // Every failure, under the rule it broke (the rule names the field for a broken answer).
    out.push("### What broke", "");
    for (const g of broken) {
      out.push(`- **${cell(g.rule)}** (${g.tests.length} test${g.tests.length === 1 ? "" : "s"})`, ...g.tests.map((t) => `  - ${cell(`${t.file}: ${t.name}`)}`));
    }
    out.push("");
    if (handOver && handOver.checked > 0) {
      out.push(`Reproduction scripts: ${handOver.handedOver} of ${handOver.checked} hold (exit 1 against ${baseUrl}, 0 against the kit's engine) and are handed over; ${handOver.withheld} withheld, each failure saying why (no standalone reproduction).`, "");
    }
    out.push("### Reproductions", "", "The first failure of each rule: its call, what the contract expects against what came back, and its script under the reports folder (`sh`, `curl`; `BASE_URL`, `CONTRACT_API_KEY`, ... as for this run: exit 1 while the server still breaks the rule, 0 once it keeps it), or why it has none.", "");
    for (const g of broken) {
      const t = g.tests.find((x) => /^\S+\.sh /.test(x.reproduction ?? "")) ?? g.tests[0]!;
      const [, ...calls] = (t.reproduction ?? "").split("\n");
      out.push(`- ${cell(`${t.file}: ${t.name}`)}`, "", "  ```text", ...failureLines(t).map((l) => `  ${l}`), ...(calls.length > 0 ? ["", ...calls.map((c) => `  ${c}`)] : []), "  ```", "");
    }
  }
  if (outcome.errors.length > 0) {
    out.push("### Errors outside tests", "", ...outcome.errors.map((e) => `- ${cell(e)}`), "");
  }
  if (skipped.length > 0) {
    out.push("### Skipped", "");
    for (const g of groupByRule(skipped)) out.push(`- ${cell(g.rule)} (${g.tests.length} test${g.tests.length === 1 ? "" : "s"})`, ...names(g.tests));
    out.push("");
  }
  if (coverage) {
    out.push(`### Coverage: ${coverage.covered}/${coverage.total} documented responses judged`, "", "| operation | statuses judged | seen, not judged | not seen |", "|---|---|---|---|");
    const ops = [...new Set(coverage.pairs.map((p) => p.operationId))];
    const statuses = (pairs: Coverage["pairs"]) => pairs.map((p) => p.status).join(" ");
    for (const op of ops) {
      const mine = coverage.pairs.filter((p) => p.operationId === op);
      out.push(`| ${op} | ${statuses(mine.filter((p) => p.judged))} | ${statuses(mine.filter((p) => p.seen && !p.judged))} | ${statuses(mine.filter((p) => !p.seen))} |`);
    }
    out.push("");
  }
  return out.join("\n");
}

function names(tests: SuiteOutcome["tests"]): string[] {
  const shown = tests.slice(0, MAX_NAMES).map((t) => `  - ${cell(`${t.file}: ${t.name}`)}`);
  return tests.length > MAX_NAMES ? [...shown, `  - … and ${tests.length - MAX_NAMES} more`] : shown;
}

// https://docs.github.com/actions/reference/workflow-commands-for-github-actions: data and properties are escaped.
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** One `::error` line per broken rule (and per error outside tests), naming the tests it broke. */
export function githubAnnotations(outcome: SuiteOutcome): string[] {
  const lines = groupByRule(outcome.tests.filter((t) => t.state === "failed")).map((g) => {
    const tests = g.tests.map((t) => `${t.file}: ${t.name}`);
    const listed = tests.slice(0, MAX_NAMES).join("\n") + (tests.length > MAX_NAMES ? `\n… and ${tests.length - MAX_NAMES} more` : "");
    return `::error title=${escapeProperty(`Contract broken: ${g.rule}`.slice(0, 200))}::${escapeData(`${g.tests.length} test(s) failed:\n${listed}`)}`;
  });
  for (const e of outcome.errors) lines.push(`::error title=${escapeProperty("Contract suite error")}::${escapeData(e)}`);
  return lines;
}
