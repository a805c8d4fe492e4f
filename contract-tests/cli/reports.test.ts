// Grouping failures by their rule, the exit code, and the reports CI reads, from plain outcomes.
import { describe, expect, it } from "vitest";
import { exitCodeOf, groupByRule, ruleOf, type SuiteOutcome, type TestOutcome } from "./outcome.js";
import { githubAnnotations, markdownSummary } from "./reports.js";

const failed = (name: string, message: string, file = "a.test.ts"): TestOutcome => ({ file, name, state: "failed", message });
const passed = (name: string): TestOutcome => ({ file: "a.test.ts", name, state: "passed" });

describe("ruleOf", () => {
  it("keeps the assertion's own words and drops what differs from test to test", () => {
    expect(ruleOf("start was not honoured: the page at start=7 repeats domain 3f0b6a5e-1c2d-4e5f-8a9b-0c1d2e3f4a5b: expected true to be false // Object.is equality"))
      .toBe("start was not honoured: the page at start=<n> repeats domain <id>");
    expect(ruleOf("expected 200 to be 400 // Object.is equality")).toBe("expected 200 to be 400");
  });

  it("takes the first problem of a contract violation", () => {
    const message = "GET http://h/api/v1/accounts/x/email-domains -> 200 (listEmailDomains) broke the contract:\n  - body/0 must have required property 'id' [x]\n  - another";
    expect(ruleOf(message)).toBe("body/0 must have required property 'id' [x]");
  });
});

describe("groupByRule", () => {
  it("puts failures of one rule together, the largest group first", () => {
    const groups = groupByRule([failed("t1", "rule B"), failed("t2", "rule A: expected 1 to be 2"), failed("t3", "rule A: expected 3 to be 4")]);
    expect(groups.map((g) => [g.rule, g.tests.map((t) => t.name)])).toEqual([["rule A", ["t2", "t3"]], ["rule B", ["t1"]]]);
  });
});

describe("exitCodeOf", () => {
  it.each([
    ["all passed", { tests: [passed("t")], errors: [] }, 0],
    ["a failure", { tests: [passed("t"), failed("u", "x")], errors: [] }, 1],
    ["an error outside tests", { tests: [passed("t")], errors: ["a.test.ts: import failed"] }, 1],
    ["no test ran", { tests: [], errors: [] }, 2],
  ] as Array<[string, SuiteOutcome, number]>)("%s -> %i", (_name, outcome, code) => {
    expect(exitCodeOf(outcome)).toBe(code);
  });
});

describe("the reports", () => {
  const outcome: SuiteOutcome = { tests: [passed("p"), failed("f1", "a, b: 100%\nmore"), failed("f2", "a, b: 100%")], errors: [] };

  it("summary: the verdict, the counts and each broken rule with its tests", () => {
    const md = markdownSummary(outcome, "http://h", { covered: 1, total: 2, pairs: [{ operationId: "op", status: "200", seen: true }, { operationId: "op", status: "404", seen: false }] });
    expect(md).toContain("http://h breaks the contract (1 rule)");
    expect(md).toContain("| 1 | 2 | 0 |");
    expect(md).toContain("- **a, b: 100%** (2 tests)\n  - a.test.ts: f1\n  - a.test.ts: f2");
    expect(md).toContain("| op | 200 | 404 |");
  });

  it("annotations: one ::error per rule, escaped as GitHub's workflow commands require", () => {
    expect(githubAnnotations(outcome)).toEqual(["::error title=Contract broken%3A a%2C b%3A 100%25::2 test(s) failed:%0Aa.test.ts: f1%0Aa.test.ts: f2"]);
    expect(githubAnnotations({ tests: [passed("p")], errors: [] })).toEqual([]);
  });
});
