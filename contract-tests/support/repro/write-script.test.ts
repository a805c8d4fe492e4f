// The reproduction script, run as a backend developer runs it: sh and curl against a real server. Against a
// server that leaks another account's domain it exits 1; against the mock 0; it deletes what it created and
// holds no key.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type RunningMock } from "../../../src/hosts/node/start-mock.js";
import { startMutantProxy } from "../../mutants/mutant-proxy.js";
import { mutants } from "../../mutants/mutations.js";
import { DEMO_A, DEMO_B } from "../demo-accounts.js";
import { API_KEY_HEADER, componentSchema, operation } from "../spec.js";
import type { Repro } from "./format.js";
import { reproScript } from "./write-script.js";

const work = mkdtempSync(join(tmpdir(), "repro-script-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const COLLECTION = operation("createEmailDomain").path.replace("{accountId}", "{accountA}");
const ITEM_OF_B = operation("getEmailDomain").path.replace("{accountId}", "{accountB}").replace("{id}", "{created:1}");

/** Create a domain in A, read it as B under B's account: the contract says 404. */
const leak = (baseUrl: string): Repro => ({
  title: "isolation.test.ts: a domain of A is not readable as B",
  rule: "expected 200 to be 404",
  baseUrl,
  steps: [
    { call: { method: "POST", path: COLLECTION, key: { who: "A" }, contentType: "application/json", body: ['{"domain":"contract-{run}.example.com","description":"it\'s mine"}'] }, expected: { status: [201], contains: ['"domain":"contract-{run}.example.com"'] } },
    { call: { method: "GET", path: ITEM_OF_B, key: { who: "B" } }, expected: { status: [404], lacks: ['"id":"{created:1}"'], rule: "another account's domain does not exist for B" }, actual: { status: 200, body: '{"id":"x"}' } },
  ],
});

const accounts = { CONTRACT_API_KEY: DEMO_A.apiKey, CONTRACT_ACCOUNT_ID: DEMO_A.accountId, CONTRACT_OTHER_API_KEY: DEMO_B.apiKey, CONTRACT_OTHER_ACCOUNT_ID: DEMO_B.accountId };

async function runScript(text: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = join(work, `repro-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, text, { mode: 0o755 });
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CONTRACT_") && k !== "BASE_URL"));
  return new Promise((resolve) => {
    execFile("sh", [file], { env: { ...clean, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const options = { apiKeyHeader: API_KEY_HEADER, secrets: [DEMO_A.apiKey, DEMO_B.apiKey] };

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, host: "127.0.0.1" });
});
afterAll(() => mock?.close(500));

async function domainsOfA(): Promise<string[]> {
  const res = await fetch(`${mock.url}/api/v1/accounts/${DEMO_A.accountId}/email-domains?start=0`, { headers: { [API_KEY_HEADER]: DEMO_A.apiKey } });
  return ((await res.json()) as { domain: string }[]).map((d) => d.domain);
}

describe("a reproduction script (sh + curl)", () => {
  it("exits 1 against a server that reads a domain across accounts, naming the call, the expected and the actual answer", async () => {
    const mutant = mutants.find((m) => m.name === "reads a domain across accounts");
    if (!mutant) throw new Error("no mutant 'reads a domain across accounts'");
    const proxy = await startMutantProxy(mock.url, mutant.mutation);
    try {
      const run = await runScript(reproScript(leak(proxy.url), options), accounts);
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).toContain(`step 2/2: GET ${proxy.url}/api/v1/accounts/${DEMO_B.accountId}/email-domains/`);
      expect(run.stdout).toContain("expected: 404: another account's domain does not exist for B");
      expect(run.stdout).toContain("when the suite ran: 200");
      expect(run.stdout).toMatch(/now: 200 /);
      expect(run.stdout).toContain("the server still breaks the rule: exit 1");
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it("exits 0 against the mock, and deletes what it created", async () => {
    const before = await domainsOfA();
    const run = await runScript(reproScript(leak("http://127.0.0.1:9"), options), { ...accounts, BASE_URL: mock.url });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("now: 404");
    expect(run.stdout).toContain("the server keeps the rule: exit 0");
    expect(await domainsOfA()).toEqual(before);
  }, 60_000);

  it("holds no key, and exits 2 naming the variable it misses", async () => {
    const text = reproScript({ ...leak(mock.url), rule: `broken for ${DEMO_A.apiKey}` }, options);
    expect(text).not.toContain(DEMO_A.apiKey);
    expect(text).not.toContain(DEMO_B.apiKey);
    const { CONTRACT_OTHER_API_KEY: _, ...withoutB } = accounts;
    const run = await runScript(text, withoutB);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("set CONTRACT_OTHER_API_KEY");
  }, 60_000);

  it("exits 2 when nothing listens at BASE_URL", async () => {
    const run = await runScript(reproScript(leak("http://127.0.0.1:9"), options), accounts);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("could not reach");
  }, 60_000);

  it("sends bodies exactly: quotes, control characters, long runs of one character", async () => {
    const repro: Repro = {
      title: "t", rule: "r", baseUrl: mock.url,
      steps: [{ call: { method: "POST", path: COLLECTION, key: { who: "A" }, contentType: "application/json", body: ['{"domain":"a\u0001\'b', { repeat: "x", times: 70_000 }, '"}'] }, expected: { status: [400, 413] } }],
    };
    const run = await runScript(reproScript(repro, options), accounts);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("<70000 x \"x\">");
  }, 60_000);

  // Facts a rerun checks beyond fixed fragments: a field's value, a field left as an earlier step showed it,
  // no property the schema lacks, the invariants, list order and paging relative to an earlier read, Allow.
  const facts = (baseUrl: string): Repro => ({
    title: "t", rule: "r", baseUrl,
    steps: [
      { call: { method: "POST", path: COLLECTION, key: { who: "A" }, contentType: "application/json", body: ['{"domain":"contract-{run}t001.example.com","description":"d"}'] },
        expected: { status: [201], invariants: true, onlyFields: Object.keys(componentSchema("EmailDomain").properties ?? {}), fields: [{ id: "{created:1}", field: "description", equals: '"d"' }] } },
      { call: { method: "PATCH", path: `${COLLECTION}/{created:1}`, key: { who: "A" }, contentType: "application/json", body: ['{"description":"e"}'] },
        expected: { status: [200], fields: [{ id: "{created:1}", field: "createdAt", sameAsStep: 1 }, { id: "{created:1}", field: "description", equals: '"e"' }] } },
      { call: { method: "GET", path: `${COLLECTION}?start=0`, key: { who: "A" } }, expected: { status: [200], order: ["{created:1}"] } },
      { call: { method: "GET", path: `${COLLECTION}?start=0`, key: { who: "A" } }, expected: { status: [200], sameIdsAs: 3 } },
      { call: { method: "GET", path: `${COLLECTION}?start=1`, key: { who: "A" } }, expected: { status: [200], sliceOf: { step: 3, from: 1 } } },
      { call: { method: "PUT", path: COLLECTION, key: { who: "A" } }, expected: { status: [405], headers: [{ name: "allow", lists: ["GET", "POST"] }] } },
    ],
  });

  it("checks facts against earlier answers: exit 0 against the mock", async () => {
    const run = await runScript(reproScript(facts(mock.url), options), accounts);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/expected createdAt of [0-9a-f-]{36} as in step 1/);
    expect(run.stdout).toContain("expected the ids of step 3's list from its index 1 on, in order");
  }, 60_000);

  it.each([
    ["adds a field the schema does not have", /BROKEN: properties the schema does not have: status/],
    ["ignores start", /BROKEN: the page lists d0000000\S+ .*; step 3's list from index 1 on/],
    ["sends no Allow with a 405", /BROKEN: header allow is '', expected it to list GET/],
    ["an update answers createdAt as the time of the update", /BROKEN: createdAt of \S+ is "[^"]+", step 1 answered "[^"]+"/],
    ["breaks isVerified", /BROKEN: domain \S+: isVerified is true, expected false from tokenVerificationStatus dkimStatus/],
  ])("exits 1 against a server that %s, saying what broke", async (name, broken) => {
    const mutant = mutants.find((m) => m.name === name);
    if (!mutant) throw new Error(`no mutant ${name}`);
    const proxy = await startMutantProxy(mock.url, mutant.mutation);
    try {
      const run = await runScript(reproScript(facts(proxy.url), options), accounts);
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).toMatch(broken);
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it("refuses a step that uses the id of a later step", () => {
    const repro = leak(mock.url);
    expect(() => reproScript({ ...repro, steps: [repro.steps[1]!, repro.steps[0]!] }, options)).toThrow(/step 1 uses \{created:1\}/);
  });

  it("deletes a created domain at collection path + /{id}, which is the spec's delete path", () => {
    expect(operation("deleteEmailDomain").path).toBe(`${operation("createEmailDomain").path}/{id}`);
    expect(operation("deleteEmailDomain").method).toBe("delete");
  });
});
