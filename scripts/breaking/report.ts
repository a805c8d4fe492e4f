// The gate's report in three forms: text for the terminal, Markdown for a pull request comment or
// $GITHUB_STEP_SUMMARY, and JSON for tools.
import type { Change, Verdict } from "./gate.js";
import type { UnusedApi } from "./unused-api.js";
import { useText } from "./usage-impact.js";

export interface SpecLabel {
  /** e.g. `release 1.0.0 (openapi/releases/1.0.0.json)` or `origin/main (3f2a…)`. */
  label: string;
  version: string;
}

export interface GateReport {
  base: SpecLabel;
  revision: SpecLabel;
  verdict: Verdict;
  changes: Change[];
  /** With --usage: whose manifests were read, whether unused breaking changes block, and what no one uses. */
  usage?: { consumers: string[]; strict: boolean; unused: UnusedApi };
}

/** The groups a report lists; with --usage, breaking changes are split by whether a given consumer uses them. */
function groups(r: GateReport, titles: { breaking: string; nonBreaking: string }): [string, Change[]][] {
  const breaking = r.changes.filter((c) => c.breaking);
  const rest: [string, Change[]] = [titles.nonBreaking, r.changes.filter((c) => !c.breaking)];
  if (!r.usage) return [[titles.breaking, breaking], rest];
  return [
    [`${titles.breaking}, used by the given consumers`, breaking.filter((c) => c.uses?.length)],
    [`${titles.breaking}, used by no given consumer${r.usage.strict ? " (blocking: --strict)" : " (not blocking)"}`, breaking.filter((c) => !c.uses?.length)],
    rest,
  ];
}

/** The lines naming what no given consumer uses (what a cleanup could remove next). */
function unusedLines(r: GateReport, code: (s: string) => string): string[] {
  if (!r.usage) return [];
  const { operations, responseFields, requestFields } = r.usage.unused;
  const ops = (list: string[]) => ` (in ${list.join(", ")})`;
  return [
    `operations: ${operations.length ? operations.map(code).join(", ") : "none"}`,
    `response fields: ${responseFields.length ? responseFields.map((f) => `${code(f.field)}${ops(f.operations)}`).join("; ") : "none"}`,
    `optional request properties: ${requestFields.length ? requestFields.map((f) => `${f.in === "body" ? "" : `${f.in} `}${code(f.field)}${ops(f.operations)}`).join("; ") : "none"}`,
  ];
}

function sharedNote(c: Change): string | undefined {
  if (!c.definedAt) return undefined;
  const users = c.usedBy?.length ? `; used by ${c.usedBy.join(", ")}` : "";
  return `defined at ${c.definedAt}${users}`;
}

export function renderText(r: GateReport): string {
  const lines = [`Breaking-change gate: ${r.revision.label} (${r.revision.version}) against ${r.base.label} (${r.base.version})`];
  if (r.usage) lines.push(`Uses read from: ${r.usage.consumers.join(", ") || "no manifest"}`);
  for (const [title, list] of groups(r, { breaking: "Breaking", nonBreaking: "Non-breaking" })) {
    if (!list.length) continue;
    lines.push("", `${title} (${list.length}):`);
    for (const c of list) {
      lines.push(`  ${c.breaking ? "✗" : "✓"} ${c.where}`, `      what: ${c.what}`, `      why:  ${c.why}`);
      const note = sharedNote(c);
      lines.push(`      rule: ${c.rule} at ${c.pointer}${note ? ` (${note})` : ""}`);
      if (c.uses?.length) lines.push("      breaks:", ...c.uses.map((u) => `        ${useText(u)}`));
      else if (c.uses) lines.push("      breaks: nothing the given consumers use");
    }
  }
  if (!r.changes.length) lines.push("", "No change.");
  if (r.usage) lines.push("", "Used by no given consumer (what a cleanup could remove next):", ...unusedLines(r, (s) => `\`${s}\``).map((l) => `  ${l}`));
  lines.push("", r.verdict.reason);
  return lines.join("\n");
}

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function renderMarkdown(r: GateReport): string {
  const icon = r.verdict.pass ? "✅" : "❌";
  const lines = [
    `### ${icon} Contract breaking-change gate`,
    "",
    `Compared ${cell(r.revision.label)} (\`${r.revision.version}\`) with ${cell(r.base.label)} (\`${r.base.version}\`).`,
    "",
    `**${cell(r.verdict.reason)}**`,
  ];
  if (r.usage) lines.push("", `Uses read from: ${cell(r.usage.consumers.join(", ") || "no manifest")}`);
  for (const [title, list] of groups(r, { breaking: "Breaking changes", nonBreaking: "Non-breaking changes" })) {
    if (!list.length) continue;
    const withUses = r.usage && list.some((c) => c.breaking);
    lines.push("", `#### ${title} (${list.length})`, "", `| where | what | why | rule |${withUses ? " breaks |" : ""}`, `|---|---|---|---|${withUses ? "---|" : ""}`);
    for (const c of list) {
      const note = sharedNote(c);
      const uses = withUses ? ` ${c.uses?.length ? c.uses.map((u) => cell(useText(u))).join("<br>") : "nothing the given consumers use"} |` : "";
      lines.push(`| ${cell(c.where)} | ${cell(c.what)} | ${cell(c.why)} | \`${c.rule}\`${note ? `<br>${cell(note)}` : ""} |${uses}`);
    }
  }
  if (r.usage) lines.push("", "#### Used by no given consumer (what a cleanup could remove next)", "", ...unusedLines(r, (s) => `\`${cell(s)}\``).map((l) => `- ${l}`));
  return lines.join("\n") + "\n";
}

export function renderJson(r: GateReport): string {
  return JSON.stringify(r, null, 2) + "\n";
}
