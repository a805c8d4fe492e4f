// The one settings parser: the model stage's switch to delete pre-existing domains, off unless asked for, and
// named as the user gave it when it is wrong.
import { describe, expect, it } from "vitest";
import { parseSettings, settingsFromEnv, SettingsError } from "./settings.js";

describe("CONTRACT_MODEL_DELETE_EXISTING", () => {
  it("is off unless set to 1", () => {
    expect(settingsFromEnv({}).model.deleteExisting).toBe(false);
    expect(settingsFromEnv({ CONTRACT_MODEL_DELETE_EXISTING: "0" }).model.deleteExisting).toBe(false);
    expect(settingsFromEnv({ CONTRACT_MODEL_DELETE_EXISTING: " " }).model.deleteExisting).toBe(false);
    expect(settingsFromEnv({ CONTRACT_MODEL_DELETE_EXISTING: "1" }).model.deleteExisting).toBe(true);
  });

  it("refuses any other value, naming the variable (a switch that destroys data is not guessed at)", () => {
    expect(() => settingsFromEnv({ CONTRACT_MODEL_DELETE_EXISTING: "yes" })).toThrow(SettingsError);
    expect(() => settingsFromEnv({ CONTRACT_MODEL_DELETE_EXISTING: "yes" })).toThrow('CONTRACT_MODEL_DELETE_EXISTING must be 1 (on) or 0 (off), got "yes"');
  });

  it("is named as the caller names it", () => {
    const names = { ...settingsFromEnv({}).names, modelDeleteExisting: "--model-delete-existing" };
    expect(() => parseSettings({ modelDeleteExisting: "true" }, names)).toThrow(/^--model-delete-existing must be 1/);
  });
});

describe("CONTRACT_PARALLEL_RUNS and CONTRACT_PARALLEL_CLIENTS", () => {
  it("default to a bounded concurrent stage that is on", () => {
    const { parallel } = settingsFromEnv({});
    expect(parallel.runs).toBeGreaterThan(0);
    expect(parallel.clients).toBe(3);
  });

  it("take whole numbers; 0 runs turns the stage off", () => {
    expect(settingsFromEnv({ CONTRACT_PARALLEL_RUNS: "0", CONTRACT_PARALLEL_CLIENTS: "5" }).parallel).toEqual({ runs: 0, clients: 5 });
    expect(settingsFromEnv({ CONTRACT_PARALLEL_RUNS: "200" }).parallel.runs).toBe(200);
  });

  it("refuses fewer than 2 clients (nothing would overlap), more than 8, and what is not a whole number, naming the variable", () => {
    expect(() => settingsFromEnv({ CONTRACT_PARALLEL_CLIENTS: "1" })).toThrow("CONTRACT_PARALLEL_CLIENTS must be a whole number from 2 to 8, got \"1\"");
    expect(() => settingsFromEnv({ CONTRACT_PARALLEL_CLIENTS: "9" })).toThrow(SettingsError);
    expect(() => settingsFromEnv({ CONTRACT_PARALLEL_RUNS: "-1" })).toThrow("CONTRACT_PARALLEL_RUNS must be a whole number from 0");
    expect(() => settingsFromEnv({ CONTRACT_PARALLEL_RUNS: "many" })).toThrow(SettingsError);
  });
});
