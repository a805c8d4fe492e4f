// What a run of the suite found, as plain data, and the grouping that tells one story per broken rule:
// failures with the same rule (their message with ids and generated names taken out) are one group.
export interface TestOutcome {
  /** Suite file, relative to contract-tests/, e.g. `pagination.test.ts`. */
  file: string;
  /** Full test name, suites joined with " > ". */
  name: string;
  state: "passed" | "failed" | "skipped";
  /** The failure's message, or the skip's note. */
  message?: string;
  /**
   * A failure's reproduction: its script under the reports folder (or "no standalone reproduction: why") and
   * the calls, one per line, the one that broke the contract marked with the field and the rule.
   */
  reproduction?: string;
  /** How long the test ran (passed and failed tests). */
  durationMs?: number;
}

export interface SuiteOutcome {
  tests: TestOutcome[];
  /** Errors outside any test: a file that did not load, a hook, an unhandled rejection. */
  errors: string[];
}

export interface Group {
  /** The rule, in the words of the first message of the group. */
  rule: string;
  tests: TestOutcome[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const GENERATED_NAME = /contract-[a-z0-9-]+\.example\.com/gi;
const TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;

/**
 * The rule a message states: its first line that says something (a contract violation's first problem, an
 * assertion's message), without the parts that differ from test to test.
 */
export function ruleOf(message: string): string {
  const lines = message.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const violation = lines.findIndex((l) => l.endsWith("broke the contract:"));
  let line = (violation >= 0 ? lines[violation + 1]?.replace(/^- /, "") : lines[0]) ?? "(no message)";
  // `expect(value, "what must hold")` fails with "what must hold: expected …": the first part is the rule.
  const custom = line.indexOf(": expected ");
  if (custom > 0) line = line.slice(0, custom);
  return line
    .replace(" // Object.is equality", "").replace(UUID, "<id>").replace(GENERATED_NAME, "<generated name>").replace(TIMESTAMP, "<time>").replace(/start=\d+/g, "start=<n>");
}

/** Tests grouped by the rule of their message (failures) or their note (skips), largest group first. */
export function groupByRule(tests: TestOutcome[]): Group[] {
  const groups = new Map<string, TestOutcome[]>();
  for (const t of tests) {
    const rule = t.message === undefined ? "(no note: the test's name says why)" : ruleOf(t.message);
    groups.set(rule, [...(groups.get(rule) ?? []), t]);
  }
  return [...groups.entries()].map(([rule, members]) => ({ rule, tests: members })).sort((a, b) => b.tests.length - a.tests.length);
}

export const count = (outcome: SuiteOutcome, state: TestOutcome["state"]) => outcome.tests.filter((t) => t.state === state).length;

/** 0: the server keeps the contract; 1: it breaks it; 2: the suite did not really run. */
export function exitCodeOf(outcome: SuiteOutcome): 0 | 1 | 2 {
  if (outcome.tests.length === 0) return 2;
  return count(outcome, "failed") > 0 || outcome.errors.length > 0 ? 1 : 0;
}
