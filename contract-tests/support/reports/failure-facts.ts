// What one failure says, in the parts every report shows: its first failing call (method, path, status), what
// the contract expects against what came back (the field and the schema rule, for a broken answer), and its
// script (or why it has none). Read from the failure's message and its reproduction's marked step
// (support/repro/on-failure.ts, broken-step.ts).
import { violationOf } from "../repro/broken-step.js";
import { NO_REPRODUCTION } from "../repro/on-failure.js";
import type { TestOutcome } from "./outcome.js";

export interface FailureFacts {
  /** `POST /api/v1/accounts/{accountA}/email-domains -> 201`. */
  call?: string;
  expected?: string;
  cameBack?: string;
  /** The script's path under the reports folder. */
  script?: string;
  /** Why there is no script ("no standalone reproduction: ..."). */
  noScript?: string;
}

/** `3. POST /path (key A): expected 201, answered 201  <- mark` */
const STEP = /^\d+\. (\S+) (\S+) \([^)]*\): (?:expected ([\d/]+)|set-up)(?:, answered (\d+))?(?: {2}<- (.*))?$/;
/** `body/0/x came back "v": must ...` */
const MARK = /^(\S+) came back (.*?): (.*)$/;
/** Vitest's `expected 201 to be 400 // Object.is equality`, after an optional "rule: ". */
const ASSERTION = /expected (.+?) to (?:be|equal|deeply equal|strictly equal) (.+?)(?: \/\/ .*)?$/m;

/** A problem about the field its location already names, without naming it again. */
const plainly = (requires: string) =>
  requires.replace(/^must have required property "[^"]+"$/, "present (a required property)").replace(/^must NOT have additional property "[^"]+"$/, "absent (the schema has no such property)");

export function failureFacts(test: TestOutcome): FailureFacts {
  const facts: FailureFacts = {};
  const [first = "", ...lines] = (test.reproduction ?? "").split("\n");
  if (first.startsWith(NO_REPRODUCTION)) facts.noScript = first;
  else if (/^\S+\.sh /.test(first)) facts.script = first.split(" ")[0]!;
  else facts.noScript = `${NO_REPRODUCTION}: the failure recorded no call`;
  const steps = lines.map((l) => STEP.exec(l)).filter((m) => m !== null);
  const marked = steps.find((m) => m[5] !== undefined) ?? steps.at(-1);
  if (marked) facts.call = `${marked[1]} ${marked[2]}${marked[4] ? ` -> ${marked[4]}` : ""}`;
  const violation = violationOf(test.message ?? "");
  if (violation) {
    facts.call ??= `${violation.method} ${violation.path} -> ${violation.status}`;
    const mark = marked?.[5] === undefined ? undefined : MARK.exec(marked[5]);
    facts.expected = violation.location ? `${violation.location} ${plainly(violation.requires ?? "")}${violation.schemaRule ? ` [${violation.schemaRule}]` : ""}` : violation.problem;
    if (mark) facts.cameBack = `${mark[1]} ${mark[2]}`;
    else facts.cameBack = `${violation.status} (${violation.operationId})`;
    return facts;
  }
  const assertion = ASSERTION.exec(test.message ?? "");
  if (assertion) {
    facts.expected = assertion[2]!;
    facts.cameBack = assertion[1]!;
  } else if (marked?.[3] && marked[4]) {
    facts.expected = `status ${marked[3]}`;
    facts.cameBack = `status ${marked[4]}`;
  }
  return facts;
}
