// Formats the figures as plain-text tables, and checks them against the goals of issue 7.
import type { LoadResult } from "./load-test.js";

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : "n/a");

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function loadRows(byTarget: Map<string, LoadResult>, ceiling: string, prism: string): string[][] {
  const base = byTarget.get(ceiling)?.rps ?? 0;
  const prismRps = byTarget.get(prism)?.rps ?? 0;
  const baseCpu = byTarget.get(ceiling)?.cpuUsPerRequest;
  return [...byTarget].map(([target, r]) => [
    target,
    fmt(r.rps),
    `${fmt(r.p50, 1)} ms`,
    `${fmt(r.p99)} ms`,
    ratio(r.rps, base),
    ratio(r.rps, prismRps),
    r.cpuUsPerRequest === undefined ? "n/a" : `${fmt(r.cpuUsPerRequest)} µs`,
    // Inverted, so that like the req/s ratio, above 1 is better than the ceiling.
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
