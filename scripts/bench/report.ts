// Formats the figures as plain-text tables, and the goals (issues 7, 10 and 12) as a table.
import type { LoadResult } from "./load-test.js";

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : "n/a");

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/**
 * One row per target: ratios of req/s to each ceiling and to Prism, and the CPU ratio to the first ceiling,
 * inverted so that, like the req/s ratio, 1.00x means "as cheap as that ceiling".
 */
export function loadRows(byTarget: Map<string, LoadResult>, ceilings: string[], prism: string): string[][] {
  const prismRps = byTarget.get(prism)?.rps ?? 0;
  const baseCpu = byTarget.get(ceilings[0] ?? "")?.cpuUsPerRequest;
  return [...byTarget].map(([target, r]) => [
    target,
    fmt(r.rps),
    `${fmt(r.p50, 1)} ms`,
    `${fmt(r.p99)} ms`,
    ...ceilings.map((c) => ratio(r.rps, byTarget.get(c)?.rps ?? 0)),
    ratio(r.rps, prismRps),
    r.cpuUsPerRequest === undefined ? "n/a" : `${fmt(r.cpuUsPerRequest)} µs`,
    r.cpuUsPerRequest === undefined || baseCpu === undefined ? "n/a" : ratio(baseCpu, r.cpuUsPerRequest),
    r.unexpected === 0 ? "0" : `${r.unexpected}/${r.total}`,
  ]);
}

export interface Goal {
  name: string;
  target: string;
  actual: string;
  met: boolean;
}

export function goalsTable(goals: Goal[]): string {
  return table(
    ["goal", "target", "measured", "met"],
    goals.map((g) => [g.name, g.target, g.actual, g.met ? "yes" : "NO"]),
  );
}
