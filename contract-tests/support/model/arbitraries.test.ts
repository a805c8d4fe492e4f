// The model stage's steps: deletes of pre-existing domains (or of an account's default) are drawn only with
// CONTRACT_MODEL_DELETE_EXISTING=1 (the default is off).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stepArbitrary } from "./arbitraries.js";
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
