// npm test's scheduling: side by side only what shares nothing, in the list's order, never past a stage that runs alone.
import { describe, expect, it } from "vitest";
import { nextStage } from "./next-stage.js";
import type { Stage } from "./stages.js";

const stage = (name: string, extra: Partial<Stage> = {}): Stage => ({ name, script: name, what: name, ...extra });
const names = (s: Stage | undefined) => s?.name;

describe("nextStage", () => {
  const unit = stage("unit");
  const contract = stage("contract", { uses: ["reports/"] });
  const fetchStage = stage("contract-fetch", { uses: ["reports/"] });
  const lint = stage("lint");
  const generated = stage("generated", { alone: true });

  it("starts the first waiting stage while a slot is free, and none when the slots are full", () => {
    expect(names(nextStage([unit, lint], [], 2))).toBe("unit");
    expect(names(nextStage([lint], [unit], 2))).toBe("lint");
    expect(nextStage([lint], [unit, contract], 2)).toBeUndefined();
    expect(nextStage([lint], [unit], 1)).toBeUndefined();
  });

  it("lets a stage wait while another holds its resource, and starts a later one that shares nothing", () => {
    expect(names(nextStage([fetchStage, lint], [contract], 2))).toBe("lint");
    expect(nextStage([fetchStage], [contract], 2)).toBeUndefined();
    expect(names(nextStage([fetchStage], [unit], 2))).toBe("contract-fetch");
  });

  it("runs an alone stage with nothing beside it, and starts nothing listed after it before it", () => {
    expect(nextStage([generated, lint], [unit], 2)).toBeUndefined();
    expect(names(nextStage([generated, lint], [], 2))).toBe("generated");
    expect(nextStage([lint], [generated], 2)).toBeUndefined();
  });
});
