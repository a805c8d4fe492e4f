// Which call of a failed test broke the contract, and how, in one line a reader can act on: for a contract
// violation (support/response-check.ts: the call that broke it is the test's last), the field the first problem
// names, what the contract requires of it and what came back (`body/0/verificationToken came back absent: must
// have required property ...`). The reproduction's sequence marks that step with it.

/** `METHOD URL -> STATUS (operationId) broke the contract:` then `  - problem` lines (after a prefix, maybe: the model stage's). */
const VIOLATION = /\b([A-Z]+) (\S+) -> (\d+) \(([^)]*)\) broke the contract:\n((?:\s*- .*\n?)+)/;
/** A problem of describeErrors: `body/0 must have required property "x" [#/components/schemas/EmailDomain: rule "required" at #/required]`. */
const PROBLEM = /^(body(?:\/\S*)?) (.*?)(?: \[([^\]]*)\])?$/;
const NAMED = /^must (?:have required|NOT have additional) property "([^"]+)"$/;

export interface Violation {
  method: string;
  /** Path and query, without the origin. */
  path: string;
  status: number;
  operationId: string;
  /** The first problem, as the checker wrote it. */
  problem: string;
  /** Where in the answer it is (`body/0/verificationToken`), when the problem names a place in the body. */
  location?: string;
  /** What the contract requires there, and the schema rule (`[#/components/schemas/EmailDomain: rule "required" at #/required]`). */
  requires?: string;
  schemaRule?: string;
}

/** The contract violation a test's message reports, if it is one. */
export function violationOf(message: string): Violation | undefined {
  const m = VIOLATION.exec(message);
  if (!m) return undefined;
  let path = m[2]!;
  try {
    const url = new URL(path);
    path = url.pathname + url.search;
  } catch {
    // already a path
  }
  const problem = m[5]!.split("\n").map((l) => l.trim().replace(/^- /, "")).find((l) => l !== "") ?? "";
  const out: Violation = { method: m[1]!, path, status: Number(m[3]), operationId: m[4]!, problem };
  const p = PROBLEM.exec(problem);
  if (p) {
    const named = NAMED.exec(p[2]!)?.[1];
    out.location = named === undefined ? p[1]! : `${p[1]!}/${named}`;
    out.requires = p[2]!;
    if (p[3]) out.schemaRule = p[3];
  }
  return out;
}

/** The value at `body/...` of a JSON answer, as compact JSON (at most 80 characters), or "absent". */
export function valueAt(answer: string, location: string): string {
  let node: unknown;
  try {
    node = JSON.parse(answer);
  } catch {
    return "not JSON";
  }
  for (const part of location.split("/").slice(1)) {
    if (typeof node !== "object" || node === null || !(part in node)) return "absent";
    node = (node as Record<string, unknown>)[part];
  }
  const text = JSON.stringify(node) ?? "undefined";
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The mark of the step that broke the contract: field, what came back, what the contract requires. */
export function brokenMark(violation: Violation, answer: string | undefined): string {
  if (violation.location === undefined || violation.requires === undefined) return violation.problem;
  const came = answer === undefined ? "" : ` came back ${valueAt(answer, violation.location)}`;
  return `${violation.location}${came}: ${violation.requires}${violation.schemaRule ? ` [${violation.schemaRule}]` : ""}`;
}
