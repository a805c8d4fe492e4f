// The model stage's default budget follows the spec: every operation it documents gets its share of calls, so
// an operation the spec gains does not thin out the calls that reach the others.
import { describe, expect, it } from "vitest";
import { operations } from "../spec.js";
import { DEFAULT_MODEL_LENGTH, DEFAULT_MODEL_RUNS, defaultModelRuns, MODEL_CALLS_PER_OPERATION } from "./settings.js";
import { settingsFromEnv } from "../settings.js";

describe("the model stage's default number of sequences", () => {
  it("gives every operation of the spec at least its share of calls", () => {
    expect(DEFAULT_MODEL_RUNS).toBe(defaultModelRuns(operations.length));
    expect((DEFAULT_MODEL_RUNS * DEFAULT_MODEL_LENGTH) / operations.length).toBeGreaterThanOrEqual(MODEL_CALLS_PER_OPERATION);
    expect(settingsFromEnv({}).model.runs).toBe(DEFAULT_MODEL_RUNS);
  });

  it("grows when the spec gains an operation, and a given number still wins", () => {
    expect(defaultModelRuns(operations.length + 1)).toBeGreaterThan(defaultModelRuns(operations.length));
    expect(((defaultModelRuns(operations.length + 1) * DEFAULT_MODEL_LENGTH) / (operations.length + 1))).toBeGreaterThanOrEqual(MODEL_CALLS_PER_OPERATION);
    expect(settingsFromEnv({ CONTRACT_MODEL_RUNS: "3" }).model.runs).toBe(3);
  });
});
