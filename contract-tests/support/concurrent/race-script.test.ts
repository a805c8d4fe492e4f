// The racing script end to end: written from a scenario and the engine's outcomes, run with sh + curl against
// the mock (every try explained: exit 0) and against concurrency mutants (a try no order explains: exit 1).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PAGE_SIZE } from "../../../src/engine/create-engine.js";
import { startMock, type RunningMock } from "../../../src/hosts/node/start-mock.js";
import { demoSeedFile } from "../../../src/seed/load-seed.js";
import { concurrencyMutants } from "../../mutants/concurrency-mutations.js";
import { startMutantProxy } from "../../mutants/mutant-proxy.js";
import { DEMO_A, DEMO_B } from "../demo-accounts.js";
import { COLLECTION, CHECK, ITEM, type EmailDomain } from "../domains.js";
import type { ModelAccount } from "../model/oracle.js";
import type { ConcreteCall } from "../model/steps.js";
import { accountVariables, runReproScript } from "../repro/run-script.js";
import { API_KEY_HEADER } from "../spec.js";
import { FACT_FIELDS, RUN_TOKEN, raceOutcomes, reproCallOf, type RaceAccounts, type RaceCall, type RaceScenario } from "./race-outcomes.js";
import { raceScript } from "./race-script.js";

let dir: string;
beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), "race-script-test-"))));
afterAll(() => (process.env["KEEP_RACE"] ? console.log(dir) : rmSync(dir, { recursive: true, force: true })));

const A = DEMO_A.accountId;
const name = `contract-${RUN_TOKEN}t001.example.com`;
const create = (): RaceCall => ({ call: { operationId: "createEmailDomain", method: "POST", pathTemplate: COLLECTION, path: { accountId: A }, account: "own", who: "owner", body: { domain: name, description: "before" } } });
const onDomain = (operationId: ConcreteCall["operationId"], method: ConcreteCall["method"], pathTemplate: string, body?: unknown): RaceCall => ({
  call: { operationId, method, pathTemplate, path: { accountId: A }, account: "own", who: "owner", ...(body === undefined ? {} : { body }) },
  target: { symbol: "s1" },
});
const check = () => onDomain("checkEmailDomainDkimStatus", "PATCH", CHECK);
const update = (description: string) => onDomain("updateEmailDomain", "PATCH", ITEM, { description });

/** The demo accounts as the mock holds them now (the engine starts there). */
async function accountsOf(mock: RunningMock): Promise<RaceAccounts> {
  const seed = JSON.parse(readFileSync(demoSeedFile, "utf8")) as { accounts: Array<{ accountId: string; organizationId: string; creatorId: string }> };
  const start: ModelAccount[] = [];
  for (const who of [DEMO_A, DEMO_B]) {
    const res = await fetch(`${mock.url}/api/v1/accounts/${who.accountId}/email-domains?start=0`, { headers: { [API_KEY_HEADER]: who.apiKey } });
    const account = seed.accounts.find((a) => a.accountId === who.accountId)!;
    start.push({ accountId: who.accountId, organizationId: account.organizationId, creatorId: account.creatorId, apiKey: who.apiKey, domains: (await res.json()) as EmailDomain[] });
  }
  return { start, ids: { own: A, other: DEMO_B.accountId } };
}

async function writeScript(scenario: RaceScenario, accounts: RaceAccounts, file: string, tries: number): Promise<string> {
  const { outcomes } = await raceOutcomes(scenario, accounts, { pageSize: DEFAULT_PAGE_SIZE });
  const setupIndexOf = (symbol: string) => (/^s(\d+)$/.exec(symbol) ? Number(symbol.slice(1)) : undefined);
  const path = join(dir, file);
  writeFileSync(path, raceScript({
    title: file, rule: "test", startEmpty: [], startHeld: [], baseUrl: "http://127.0.0.1:9", tries, fields: FACT_FIELDS, timeline: [],
    setup: scenario.setup.map((c) => reproCallOf(c, accounts, setupIndexOf)),
    clients: scenario.clients.map((calls) => calls.map((c) => reproCallOf(c, accounts, setupIndexOf))),
    after: scenario.after.map(() => ({ collection: "/api/v1/accounts/{accountA}/email-domains", key: { who: "A" as const } })),
    outcomes,
  }, { apiKeyHeader: API_KEY_HEADER, secrets: [DEMO_A.apiKey, DEMO_B.apiKey] }));
  return path;
}

async function runAgainst(script: string, mutantPart: string | undefined) {
  const mock = await startMock({ port: 0, host: "127.0.0.1" });
  const mutant = concurrencyMutants().find((m) => mutantPart !== undefined && m.name.includes(mutantPart));
  const proxy = mutant ? await startMutantProxy(mock.url, mutant.mutation) : undefined;
  try {
    return await runReproScript(script, { ...accountVariables(DEMO_A, DEMO_B), BASE_URL: proxy?.url ?? mock.url });
  } finally {
    await proxy?.close();
    await mock.close(200);
  }
}

describe("racing reproduction scripts", () => {
  const cases: Array<{ what: string; scenario: RaceScenario; mutant: string }> = [
    { what: "two creates of one name", scenario: { setup: [], clients: [[create()], [create()]], after: ["own"] }, mutant: "two overlapping creates" },
    { what: "two checks of one domain", scenario: { setup: [create()], clients: [[check()], [check()]], after: ["own"] }, mutant: "overlapping checks" },
    { what: "an update and a check of one domain", scenario: { setup: [create()], clients: [[update("after")], [check()]], after: ["own"] }, mutant: "an update writes back the statuses" },
    { what: "two deletes of one domain", scenario: { setup: [create()], clients: [[onDomain("deleteEmailDomain", "DELETE", ITEM)], [onDomain("deleteEmailDomain", "DELETE", ITEM)]], after: ["own"] }, mutant: "two overlapping deletes" },
  ];
  for (const c of cases) {
    it(`${c.what}: exit 0 against the mock (every try explained), 1 against "${c.mutant}"`, async () => {
      const mock = await startMock({ port: 0, host: "127.0.0.1" });
      const accounts = await accountsOf(mock).finally(() => mock.close(200));
      const script = await writeScript(c.scenario, accounts, `${c.mutant.replace(/\W+/g, "-")}.sh`, 5);
      const text = readFileSync(script, "utf8");
      expect(text).not.toContain(DEMO_A.apiKey);
      const good = await runAgainst(script, undefined);
      expect(good.code, good.stdout + good.stderr).toBe(0);
      const bad = await runAgainst(script, c.mutant);
      expect(bad.code, bad.stdout + bad.stderr).toBe(1);
      expect(bad.stdout).toMatch(/no order of the calls explains this try/);
    });
  }
});
