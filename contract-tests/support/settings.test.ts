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
