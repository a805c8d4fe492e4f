// The model-based stage (issue 17): random sequences of the six operations, with valid and invalid input,
// across both accounts, each answer judged against the kit's engine run in-process as the model. See
// support/model/ for the parts; the settings are CONTRACT_MODEL_RUNS, CONTRACT_MODEL_LENGTH, CONTRACT_SEED
// and CONTRACT_REPLAY (support/model/settings.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatFailure, runModel } from "./support/model/run-model.js";
import { suiteSettings } from "./support/suite-settings.js";
import { target } from "./support/target.js";

const settings = suiteSettings.model;
const budgetMs = Math.max(60_000, settings.runs * settings.length * 4 * target.timeoutMs);

describe("model-based: random call sequences judged by the engine as oracle", () => {
  it.skipIf(settings.runs === 0)(
    `${settings.runs} sequence(s) of up to ${settings.length} calls agree with the model (seed ${settings.seed}${settings.replay ? `, replaying ${settings.replay}` : ""})`,
    async () => {
      if (settings.seedIsRandom) console.log(`model stage: random seed ${settings.seed} (replay with CONTRACT_SEED=${settings.seed})`);
      const result = await runModel(settings, { own: target.own, other: target.other, exact: target.inProcessMock });
      if (result.failure) {
        // The shrunk sequence as data, for the reports and the reproduction script.
        const dir = join(target.reportsDir, "model");
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, `model-failure-${result.failure.seed}.json`), JSON.stringify(result.failure, null, 2));
        expect.fail(formatFailure(result.failure));
      }
      expect(result.runs).toBe(settings.runs);
    },
    budgetMs,
  );
});
