// The gate's report in three forms: text for the terminal, Markdown for a pull request comment or
// $GITHUB_STEP_SUMMARY, and JSON for tools.
import type { Change, Verdict } from "./gate.js";

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
}

function sharedNote(c: Change): string | undefined {
  if (!c.definedAt) return undefined;
  const users = c.usedBy?.length ? `; used by ${c.usedBy.join(", ")}` : "";
  return `defined at ${c.definedAt}${users}`;
}

export function renderText(r: GateReport): string {
  const lines = [`Breaking-change gate: ${r.revision.label} (${r.revision.version}) against ${r.base.label} (${r.base.version})`];
  const groups: [string, Change[]][] = [
    ["Breaking", r.changes.filter((c) => c.breaking)],
    ["Non-breaking", r.changes.filter((c) => !c.breaking)],
  ];
  for (const [title, list] of groups) {
    if (!list.length) continue;
    lines.push("", `${title} (${list.length}):`);
    for (const c of list) {
      lines.push(`  ${c.breaking ? "✗" : "✓"} ${c.where}`, `      what: ${c.what}`, `      why:  ${c.why}`);
      const note = sharedNote(c);
      lines.push(`      rule: ${c.rule} at ${c.pointer}${note ? ` (${note})` : ""}`);
    }
  }
  if (!r.changes.length) lines.push("", "No change.");
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
  const groups: [string, Change[]][] = [
    ["Breaking changes", r.changes.filter((c) => c.breaking)],
    ["Non-breaking changes", r.changes.filter((c) => !c.breaking)],
  ];
  for (const [title, list] of groups) {
    if (!list.length) continue;
    lines.push("", `#### ${title} (${list.length})`, "", "| where | what | why | rule |", "|---|---|---|---|");
    for (const c of list) {
      const note = sharedNote(c);
      lines.push(`| ${cell(c.where)} | ${cell(c.what)} | ${cell(c.why)} | \`${c.rule}\`${note ? `<br>${cell(note)}` : ""} |`);
    }
  }
  return lines.join("\n") + "\n";
}

export function renderJson(r: GateReport): string {
  return JSON.stringify(r, null, 2) + "\n";
}
