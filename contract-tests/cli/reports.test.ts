// Grouping failures by their rule, the exit code, and the reports CI reads (summary, JUnit, CTRF, console),
// from plain outcomes.
import { describe, expect, it } from "vitest";
import { exitCodeOf, groupByRule, ruleOf, type SuiteOutcome, type TestOutcome } from "../support/reports/outcome.js";
import { validate } from "ctrf";
import { lastLine, ruleBlocks } from "./console-report.js";
import { ctrfReport } from "../support/reports/ctrf-report.js";
import { failureFacts } from "../support/reports/failure-facts.js";
import { junitReport } from "../support/reports/junit-report.js";
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
    const md = markdownSummary(outcome, "http://h", {
      covered: 1,
      total: 3,
      pairs: [
        { operationId: "op", status: "200", seen: true, judged: true },
        { operationId: "op", status: "400", seen: true, judged: false },
        { operationId: "op", status: "404", seen: false, judged: false },
      ],
    });
    expect(md).toContain("http://h breaks the contract (1 rule)");
    expect(md).toContain("| 1 | 2 | 0 |");
    expect(md).toContain("- **a, b: 100%** (2 tests)\n  - a.test.ts: f1\n  - a.test.ts: f2");
    expect(md).toContain("### Coverage: 1/3 documented responses judged");
    expect(md).toContain("| op | 200 | 400 | 404 |");
  });

  it("annotations: one ::error per rule, escaped as GitHub's workflow commands require", () => {
    expect(githubAnnotations(outcome)).toEqual(["::error title=Contract broken%3A a%2C b%3A 100%25::2 test(s) failed:%0Aa.test.ts: f1%0Aa.test.ts: f2"]);
    expect(githubAnnotations({ tests: [passed("p")], errors: [] })).toEqual([]);
  });
});

describe("a failure's report names what broke", () => {
  const violation = [
    "POST http://h:1/api/v1/accounts/a0000000-0000-4000-8000-000000000001/email-domains -> 201 (createEmailDomain) broke the contract:",
    '  - body must have required property "verificationToken" [#/components/schemas/EmailDomain: rule "required" at #/required]',
  ].join("\n");
  const reproduction = [
    "repro/a-1.sh (sh + curl; exit 1 while the server breaks the rule, 0 once it keeps it)",
    '1. POST /api/v1/accounts/{accountA}/email-domains (key A): expected 201, answered 201  <- body/verificationToken came back absent: must have required property "verificationToken" [#/components/schemas/EmailDomain: rule "required" at #/required]',
  ].join("\n");
  const broken: TestOutcome = { file: "a.test.ts", name: "s > t", state: "failed", message: violation, reproduction, durationMs: 12 };
  const hook: TestOutcome = { file: "a.test.ts", name: "s (hook)", state: "failed", message: violation, reproduction: "no standalone reproduction: the script of these calls was withheld: it exits 0 against http://h:1: ..." };
  const status: TestOutcome = {
    file: "b.test.ts",
    name: "u",
    state: "failed",
    message: "expected 201 to be 400 // Object.is equality",
    reproduction: "repro/b-2.sh (sh + curl; ...)\n1. POST /api/v1/accounts/{accountA}/email-domains (key A): expected 400, answered 201  <- differs",
  };
  const skipped: TestOutcome = { file: "a.test.ts", name: "s > v", state: "skipped", message: "not run: the set-up failed: s (hook): POST ... broke the contract" };
  const outcome: SuiteOutcome = { tests: [broken, hook, status, skipped, passed("p")], errors: ["a.test.ts: a file that did not load\nbecause of this, said in full"] };

  it("facts: the call, expected against came back (field and schema rule), the script or why none", () => {
    expect(failureFacts(broken)).toEqual({
      call: "POST /api/v1/accounts/{accountA}/email-domains -> 201",
      expected: 'body/verificationToken present (a required property) [#/components/schemas/EmailDomain: rule "required" at #/required]',
      cameBack: "body/verificationToken absent",
      script: "repro/a-1.sh",
    });
    expect(failureFacts(hook).noScript).toMatch(/^no standalone reproduction: .*exits 0 against/);
    expect(failureFacts(status)).toMatchObject({ call: "POST /api/v1/accounts/{accountA}/email-domains -> 201", expected: "400", cameBack: "201", script: "repro/b-2.sh" });
  });

  it("JUnit: one <failure> per failed testcase, its message the rule, its text the field; counts as the outcome's", () => {
    const junit = junitReport(outcome);
    const cases = junit.split("<testcase ").slice(1);
    expect(cases).toHaveLength(outcome.tests.length + outcome.errors.length);
    for (const c of cases) expect(c.split("<failure ").length - 1).toBeLessThanOrEqual(1);
    expect(junit.split("<failure ").length - 1).toBe(3);
    expect(junit).toMatch(/<testsuites [^>]*tests="6" failures="3" errors="1" skipped="1"/);
    expect(junit).toContain('<failure message="body must have required property &quot;verificationToken&quot; [#/components/schemas/EmailDomain: rule &quot;required&quot; at #/required]" type="ContractViolation">');
    expect(junit).toContain("came back: body/verificationToken absent");
    expect(junit).toContain('<skipped message="not run: the set-up failed: s (hook): POST ... broke the contract" />');
    expect(junit).toContain("because of this, said in full");
  });

  it("CTRF: a document the format's reference implementation accepts, with the same counts", () => {
    const report = ctrfReport(outcome, { baseUrl: "http://h:1", tool: { name: "kit", version: "1.0.0" }, start: 1, stop: 2 });
    expect(validate(report)).toMatchObject({ valid: true });
    expect(report.results.summary).toMatchObject({ tests: 6, passed: 1, failed: 3, skipped: 1, other: 1 });
    expect(report.results.tests.find((t) => t.name === "s > t")).toMatchObject({ status: "failed", message: expect.stringContaining('"verificationToken"'), suite: ["a.test.ts", "s"] });
  });

  it("summary: every failure under its rule, the first one's facts, the scripts withheld and why, errors outside tests in full", () => {
    const md = markdownSummary(outcome, "http://h:1", undefined, { checked: 2, handedOver: 1, withheld: 1, ms: 5 });
    expect(md).toContain('- **body must have required property "verificationToken" [#/components/schemas/EmailDomain: rule "required" at #/required]** (2 tests)\n  - a.test.ts: s > t\n  - a.test.ts: s (hook)');
    expect(md).toContain("came back: body/verificationToken absent");
    expect(md).toContain("1 of 2 hold");
    expect(md).toContain("1 withheld");
    expect(md).toContain("a file that did not load because of this, said in full");
  });

  it("console: one block per rule and a last line under 200 characters with the counts", () => {
    const blocks = ruleBlocks(outcome, "reports");
    expect(blocks.filter((l) => l.startsWith("✗ "))).toHaveLength(2);
    expect(blocks).toContain("    script:    reports/repro/a-1.sh");
    const last = lastLine(outcome, { checked: 2, handedOver: 1, withheld: 1, ms: 5 }, `/a/very/long/${"folder/".repeat(40)}reports`);
    expect(last.length).toBeLessThan(200);
    expect(last).toMatch(/^contract broken: 3 failed, 1 passed, 1 skipped, 1 errors; 1\/2 scripts hold; reports: …/);
  });
});
