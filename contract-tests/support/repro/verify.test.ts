// The check before a script is handed over: it holds only when it exits 1 against the broken target and 0
// against the kit's engine seeded with the target's accounts; otherwise the verdict says why.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type RunningMock } from "../../../src/hosts/node/start-mock.js";
import { checkKillScripts } from "../../mutants/kill-scripts.js";
import { startMutantProxy } from "../../mutants/mutant-proxy.js";
import { mutants } from "../../mutants/mutations.js";
import { DEMO_A, DEMO_B } from "../demo-accounts.js";
import { API_KEY_HEADER, operation } from "../spec.js";
import type { Repro } from "./format.js";
import { judgeSteps } from "./oracle.js";
import { verifyReproduction, verifyReproductions } from "./verify.js";
import { reproScript } from "./write-script.js";

const work = mkdtempSync(join(tmpdir(), "repro-verify-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const COLLECTION = operation("createEmailDomain").path.replace("{accountId}", "{accountA}");
const ITEM_OF_B = operation("getEmailDomain").path.replace("{accountId}", "{accountB}").replace("{id}", "{created:1}");

/** Create a domain in A, read it as B under B's account: the contract says 404. */
const leak = (expectedStatus: number): Repro => ({
  title: "isolation.test.ts: a domain of A is not readable as B",
  rule: "expected 200 to be 404",
  baseUrl: "http://127.0.0.1:9",
  steps: [
    { call: { method: "POST", path: COLLECTION, key: { who: "A" }, contentType: "application/json", body: ['{"domain":"contract-{run}.example.com"}'] }, expected: { status: [201] } },
    { call: { method: "GET", path: ITEM_OF_B, key: { who: "B" } }, expected: { status: [expectedStatus] } },
  ],
});

function scriptOf(name: string, repro: Repro): string {
  const file = join(work, `${name}.sh`);
  writeFileSync(file, reproScript(repro, { apiKeyHeader: API_KEY_HEADER, secrets: [] }), { mode: 0o755 });
  return file;
}

let mock: RunningMock;
let leaking: { url: string; close(): Promise<void> };
beforeAll(async () => {
  mock = await startMock({ port: 0, host: "127.0.0.1" });
  const mutant = mutants.find((m) => m.name === "reads a domain across accounts");
  if (!mutant) throw new Error('contract-tests/mutants/mutations.ts has no mutant "reads a domain across accounts"');
  leaking = await startMutantProxy(mock.url, mutant.mutation);
});
afterAll(async () => {
  await leaking?.close();
  await mock?.close(500);
});

const accounts = { own: DEMO_A, other: DEMO_B };

describe("verifyReproduction", () => {
  it("holds for a script that exits 1 against the broken target and 0 against the engine", async () => {
    const verdict = await verifyReproduction(scriptOf("holds", leak(404)), { targetBaseUrl: leaking.url, accounts });
    expect(verdict, verdict.output).toMatchObject({ holds: true, againstTarget: 1, againstEngine: 0, reason: undefined });
  }, 60_000);

  it("withholds a script that exits 0 against a target that keeps the rule, saying so", async () => {
    const verdict = await verifyReproduction(scriptOf("passes", leak(404)), { targetBaseUrl: mock.url, accounts });
    expect(verdict).toMatchObject({ holds: false, againstTarget: 0 });
    expect(verdict.reason).toContain(`exits 0 against ${mock.url}`);
  }, 60_000);

  it("withholds a script that also fails against the engine (it asserts more than the contract)", async () => {
    const verdict = await verifyReproduction(scriptOf("too-strict", leak(200 + 1)), { targetBaseUrl: leaking.url, accounts });
    expect(verdict).toMatchObject({ holds: false, againstTarget: 1, againstEngine: 1 });
    expect(verdict.reason).toContain("exits 1 against the kit's engine");
  }, 60_000);

  it("seeds the engine with the target's own account ids and keys, not the demo's", async () => {
    const own = { accountId: "11111111-2222-4333-8444-555555555555", apiKey: "their-own-key-a" };
    const other = { accountId: "66666666-7777-4888-9999-000000000000", apiKey: "their-own-key-b" };
    // Against the unbroken mock (demo accounts only) the target answers 401/404: the script fails there (exit 1),
    // and passes against an engine that knows these accounts.
    const verdict = await verifyReproduction(scriptOf("own-accounts", leak(404)), { targetBaseUrl: mock.url, accounts: { own, other } });
    expect(verdict, verdict.output).toMatchObject({ againstEngine: 0 });
  }, 60_000);

  it("withholds a script without a call, and one that cannot reach the target", async () => {
    const none = join(work, "no-call.sh");
    writeFileSync(none, "#!/bin/sh\necho 'the server keeps the rule: exit 0'\nexit 0\n");
    expect((await verifyReproduction(none, { targetBaseUrl: leaking.url, accounts })).reason).toContain("makes no call");
    const unreachable = await verifyReproduction(scriptOf("unreachable", leak(404)), { targetBaseUrl: "http://127.0.0.1:9", accounts });
    expect(unreachable).toMatchObject({ holds: false, againstTarget: 2 });
    expect(unreachable.reason).toMatch(/could not run against http:\/\/127\.0\.0\.1:9 \(exit 2\): .*could not reach/);
  }, 60_000);

  it("verifyReproductions keeps the order of the scripts it is given", async () => {
    const scripts = [scriptOf("a", leak(404)), scriptOf("b", leak(201)), scriptOf("c", leak(404))];
    const verdicts = await verifyReproductions(scripts, { targetBaseUrl: leaking.url, accounts }, 3);
    expect(verdicts.map((v) => [v.script, v.holds])).toEqual([[scripts[0], true], [scripts[1], false], [scripts[2], true]]);
  }, 60_000);
});

describe("a script of a list answer", () => {
  // The suite's checker holds each element of a list to the item schema: so does the script the oracle judges.
  it.each(["drops a required field", "answers an enum value the spec does not have", "changes a field's type"])(
    "checks every element: it holds against a server that %s in every domain answer",
    async (name) => {
      const mutant = mutants.find((m) => m.name === name);
      if (!mutant) throw new Error(`contract-tests/mutants/mutations.ts has no mutant "${name}"`);
      const list = operation("listEmailDomains").path.replace("{accountId}", "{accountA}");
      const steps = await judgeSteps([{ call: { method: "GET", path: `${list}?start=0`, key: { who: "A" } } }], new Set());
      const file = scriptOf(`list-${name.replace(/\W+/g, "-")}`, { title: "a list", rule: name, baseUrl: mock.url, steps });
      const proxy = await startMutantProxy(mock.url, mutant.mutation);
      try {
        const verdict = await verifyReproduction(file, { targetBaseUrl: proxy.url, accounts });
        expect(verdict, verdict.output).toMatchObject({ holds: true, againstTarget: 1, againstEngine: 0 });
      } finally {
        await proxy.close();
      }
    },
    60_000,
  );
});

describe("the mutant runner's check of a kill's scripts", () => {
  it("gives every script the catching failures name a verdict (not the first few), each with its reason", async () => {
    const mutant = mutants.find((m) => m.name === "reads a domain across accounts")!;
    const reports = join(work, "kill");
    mkdirSync(join(reports, "repro"), { recursive: true });
    const statuses = [404, 404, 201, 404, 404, 404];
    const failures = statuses.map((status, i) => {
      // Five copies of one script under other tests' names (run once) and one that asserts too much.
      writeFileSync(join(reports, "repro", `s${i}.sh`), reproScript({ ...leak(status), title: `test ${i}` }, { apiKeyHeader: API_KEY_HEADER, secrets: [] }), { mode: 0o755 });
      return `test ${i}: expected 200 to be 404\nrepro/s${i}.sh (sh + curl; exit 1 while the server breaks the rule, 0 once it keeps it)`;
    });
    const checked = await checkKillScripts(reports, failures, mutant.mutation);
    expect(checked.left).toBe(6);
    expect(checked.good.map((v) => v.script).sort()).toEqual(["repro/s0.sh", "repro/s1.sh", "repro/s3.sh", "repro/s4.sh", "repro/s5.sh"]);
    expect(checked.bad.map((v) => [v.script, v.reason])).toEqual([["repro/s2.sh", expect.stringContaining("exits 1 against the kit's engine")]]);
  }, 120_000);
});
