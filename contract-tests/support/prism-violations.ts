// Stoplight Prism's validation proxy reports what it found in an `sl-violations` header. Response
// violations fail the request; every entry is also appended to a file for the prism script's summary.
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { reportsDir } from "./reports-dir.js";

interface Violation {
  location?: unknown[];
  severity?: string;
  code?: string | number;
  message?: string;
}

export const prismViolationsFile = (dir = reportsDir()) => join(dir, "prism-violations.jsonl");

export function recordPrismViolations(where: string, header: string | null): string[] {
  if (!header) return [];
  let violations: Violation[];
  try {
    violations = JSON.parse(header) as Violation[];
  } catch {
    return [`unreadable sl-violations header: ${header.slice(0, 200)}`];
  }
  mkdirSync(reportsDir(), { recursive: true });
  for (const v of violations) appendFileSync(prismViolationsFile(), JSON.stringify({ where, ...v }) + "\n");
  return violations
    .filter((v) => v.location?.[0] === "response")
    .map((v) => `Prism: ${v.location?.join(".")} ${v.message ?? ""} (${String(v.code)})`);
}
