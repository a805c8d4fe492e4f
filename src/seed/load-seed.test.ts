// A bad seed stops the mock with a message naming the file, the field and the problem.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadBundledSpec } from "../spec/load-spec.js";
import { createSchemaValidators, ERROR_MESSAGE_KEYWORD } from "../spec/schema-validator.js";
import { demoSeedFile, loadSeedFile, SeedError } from "./load-seed.js";

const spec = loadBundledSpec();
const validators = createSchemaValidators(spec);
// The words of the rules, as the spec states them.
const hostnameRule = String((spec.components?.schemas?.["Hostname"] as Record<string, unknown>)[ERROR_MESSAGE_KEYWORD]);
const dkimValues = (spec.components?.schemas?.["DkimStatus"]?.enum ?? []).map((v) => JSON.stringify(v)).join(", ");
const dir = mkdtempSync(join(tmpdir(), "seed-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const account = { accountId: "a0000000-0000-4000-8000-000000000001", organizationId: "0a000000-0000-4000-8000-000000000001", creatorId: "c0000000-0000-4000-8000-000000000001", apiKeys: ["demo-key-1"] };

function problemsOf(content: unknown, raw?: string): { file: string; message: string } {
  const file = join(dir, `seed-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, raw ?? JSON.stringify(content));
  try {
    loadSeedFile(file, validators);
  } catch (error) {
    expect(error).toBeInstanceOf(SeedError);
    return { file, message: (error as Error).message };
  }
  throw new Error("the seed was accepted");
}

describe("loading a seed", () => {
  it("accepts the demo seed", () => {
    expect(loadSeedFile(demoSeedFile, validators).accounts).toHaveLength(2);
  });

  it.each([
    ["a domain that is not a hostname", { accounts: [{ ...account, domains: [{ domain: "localhost" }] }] }, "/accounts/0/domains/0/domain", hostnameRule],
    ["an unknown status", { accounts: [{ ...account, domains: [{ domain: "a.example.com", dkimStatus: "done" }] }] }, "/accounts/0/domains/0/dkimStatus", `must be one of ${dkimValues}`],
    ["an unknown field", { accounts: [{ ...account, colour: "red" }] }, "/accounts/0", "colour"],
    ["a missing key list", { accounts: [{ ...account, apiKeys: undefined }] }, "/accounts/0", "apiKeys"],
    ["the same name twice in an account", { accounts: [{ ...account, domains: [{ domain: "a.example.com" }, { domain: "A.example.com" }] }] }, "/accounts/0/domains/1/domain", "twice"],
    ["a leap-second createdAt", { accounts: [{ ...account, domains: [{ domain: "a.example.com", createdAt: "2016-12-31T23:59:60Z" }] }] }, "/accounts/0/domains/0/createdAt", "not a time this mock can store"],
    ["one key for two accounts", { accounts: [account, { ...account, accountId: "b0000000-0000-4000-8000-000000000002" }] }, "/accounts/1/apiKeys/0", "twice"],
  ])("rejects %s, naming the file, field and rule", (_name, seed, field, rule) => {
    const { file, message } = problemsOf(seed);
    expect(message).toContain(file);
    expect(message).toContain(field);
    expect(message).toContain(rule);
  });

  it("rejects a file that is not JSON, and one that does not exist", () => {
    expect(problemsOf(undefined, "{ accounts: [").message).toContain("not valid JSON");
    expect(() => loadSeedFile(join(dir, "missing.json"), validators)).toThrow(/missing\.json[\s\S]*ENOENT/);
  });
});
