// The response self-check remembers deep-frozen values that passed (stored domains are deep-frozen and
// replaced on change), so a domain is checked once, not on every GET and list page. These tests pin
// that the shortcut never lets a broken response through.
import { describe, expect, it } from "vitest";
import { demoSeedFile, loadSeedFile } from "../seed/load-seed.js";
import { loadBundledSpec } from "../spec/load-spec.js";
import { listOperations, type SpecOperation } from "../spec/operations.js";
import { createSchemaValidators } from "../spec/schema-validator.js";
import { systemEnvironment } from "../storage/environment.js";
import { createMemoryStore } from "../domain/stores.js";
import type { EmailDomain } from "../storage/types.js";
import { ContractViolation, createResponseChecker } from "./response-check.js";

const spec = loadBundledSpec();
const validators = createSchemaValidators(spec);
const operations = listOperations(spec);
const seed = loadSeedFile(demoSeedFile, validators);
const ACCOUNT = "a0000000-0000-4000-8000-000000000001";
const op = (id: string): SpecOperation => operations.find((o) => o.operationId === id)!;

async function storedDomains(): Promise<EmailDomain[]> {
  return createMemoryStore(seed, systemEnvironment()).list(ACCOUNT, 0, 50);
}

function violation(fn: () => void): ContractViolation {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContractViolation) return error;
    throw error;
  }
  throw new Error("expected a ContractViolation");
}

describe("the response self-check, on values it has seen before", () => {
  it("passes a stored (deep-frozen) domain every time, alone and in a list page", async () => {
    const checker = createResponseChecker(spec, operations, validators);
    const domains = await storedDomains();
    expect(Object.isFrozen(domains[0])).toBe(true);
    for (let i = 0; i < 3; i++) {
      checker.assertDocumented(op("getEmailDomain"), 200, domains[0]);
      checker.assertDocumented(op("listEmailDomains"), 200, domains);
    }
  });

  it("fails a frozen domain that breaks the schema every time, not only the first", async () => {
    const checker = createResponseChecker(spec, operations, validators);
    const broken = Object.freeze({ ...(await storedDomains())[0]!, dkimStatus: "pending" });
    for (let i = 0; i < 2; i++) {
      expect(violation(() => checker.assertDocumented(op("getEmailDomain"), 200, broken)).message).toContain("dkimStatus");
    }
  });

  it("checks again a frozen domain whose nested object can still change", async () => {
    const checker = createResponseChecker(spec, operations, validators);
    const tokens: Record<string, unknown> = { ...(await storedDomains())[0]!.dkimTokens };
    const domain = Object.freeze({ ...(await storedDomains())[0]!, dkimTokens: tokens });
    checker.assertDocumented(op("getEmailDomain"), 200, domain);
    tokens["vx1._domainkey"] = 42;
    expect(violation(() => checker.assertDocumented(op("getEmailDomain"), 200, domain)).message).toContain("dkimTokens");
  });

  it("names the broken item of a list page as checking the whole array would", async () => {
    const checker = createResponseChecker(spec, operations, validators);
    const domains = await storedDomains();
    checker.assertDocumented(op("listEmailDomains"), 200, domains);
    const page = [domains[0]!, Object.freeze({ ...domains[1]!, isVerified: "yes" }), domains[2]!];
    const error = violation(() => checker.assertDocumented(op("listEmailDomains"), 200, page));
    expect(error.problems).toEqual(['body/1/isVerified must be boolean [#/components/schemas/EmailDomainList: rule "type" at #/properties/isVerified/type]']);
  });

  it("fails a list answer that is not an array", async () => {
    const checker = createResponseChecker(spec, operations, validators);
    const [domain] = await storedDomains();
    expect(violation(() => checker.assertDocumented(op("listEmailDomains"), 200, domain)).problems).toEqual(['body must be array [#/components/schemas/EmailDomainList: rule "type" at #/type]']);
  });
});
