// The model stage's steps: every operation of the spec, with what its path, query and body take, valid and
// not; deletes of pre-existing domains (or of an account's default) are drawn only with
// CONTRACT_MODEL_DELETE_EXISTING=1 (the default is off).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { operations, parameterAccepts } from "../spec.js";
import { onOneDomain } from "../spec-roles.js";
import { isValidBody, stepArbitrary } from "./arbitraries.js";
import { describeSpec, namesExisting } from "./steps.js";

const sample = (deleteExisting?: boolean) => fc.sample(deleteExisting === undefined ? stepArbitrary(true) : stepArbitrary(true, deleteExisting), { seed: 42, numRuns: 2000 });

describe("stepArbitrary", () => {
  it("never names a domain the run did not create without the setting, which is off by default", () => {
    expect(sample(false).filter(namesExisting)).toEqual([]);
    expect(sample()).toEqual(sample(false));
  });

  it("with the setting, deletes an account's default or a pre-existing domain, in both accounts", () => {
    const drawn = sample(true).filter(namesExisting);
    expect(drawn.length).toBeGreaterThan(100);
    expect(drawn.every((s) => s.op === "deleteEmailDomain")).toBe(true);
    expect(new Set(drawn.map((s) => s.account))).toEqual(new Set(["own", "other"]));
    const texts = new Set(drawn.map((s) => describeSpec(s).replace(/#\d+/, "#n")));
    expect(texts).toContain("delete(A, its default)");
    expect(texts).toContain("delete(B, existing#n (held before the run))");
  });
});

describe("stepArbitrary draws from the spec", () => {
  const drawn = sample();

  it("draws every operation the spec documents, each with the parts its path, query and body take", () => {
    expect(new Set(drawn.map((s) => s.op))).toEqual(new Set(operations.map((op) => op.operationId)));
    for (const op of operations) {
      const steps = drawn.filter((s) => s.op === op.operationId);
      expect(steps.every((s) => (s.id !== undefined) === onOneDomain(op)), op.operationId).toBe(true);
      expect(steps.every((s) => (s.body !== undefined) === (op.requestBody !== undefined)), op.operationId).toBe(true);
      if (op.parameters.some((p) => p.in === "query")) expect(steps.some((s) => s.query !== undefined && Object.keys(s.query).length > 0), op.operationId).toBe(true);
    }
  });

  it("sends each body operation bodies its request schema accepts and bodies it refuses", () => {
    for (const op of operations.filter((o) => o.requestBody)) {
      const steps = drawn.filter((s) => s.op === op.operationId);
      expect(steps.filter(isValidBody).length, `${op.operationId}: valid bodies`).toBeGreaterThan(steps.length / 2);
      expect(steps.filter((s) => !isValidBody(s)).length, `${op.operationId}: refused bodies`).toBeGreaterThan(0);
      expect(steps.some((s) => s.body?.missing !== undefined) || !op.requestBody?.content["application/json"]?.schema.required, `${op.operationId}: a required property left out`).toBe(true);
    }
  });

  it("sends query values the parameter's schema refuses, checked against it", () => {
    for (const op of operations) {
      for (const p of op.parameters.filter((p) => p.in === "query")) {
        const values = drawn.filter((s) => s.op === op.operationId && s.query?.[p.name] !== undefined).map((s) => String(s.query![p.name]));
        expect(values.some((v) => parameterAccepts(op.operationId, p.name, v)), `${op.operationId} ${p.name}`).toBe(true);
        expect(values.some((v) => !parameterAccepts(op.operationId, p.name, v)), `${op.operationId} ${p.name}`).toBe(true);
      }
    }
  });
});
