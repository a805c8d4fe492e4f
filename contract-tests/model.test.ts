// The model-based stage (issue 17): random sequences of the six operations, with valid and invalid input,
// across both accounts, each answer judged against the kit's engine run in-process as the model. See
// support/model/ for the parts; the settings are CONTRACT_MODEL_RUNS, CONTRACT_MODEL_LENGTH, CONTRACT_SEED,
// CONTRACT_REPLAY and CONTRACT_MODEL_DELETE_EXISTING (support/model/settings.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { supplyReproduction } from "./support/repro/recorder.js";
import { formatFailure, runModel } from "./support/model/run-model.js";
import { suiteSettings } from "./support/suite-settings.js";
import { toRepro } from "./support/model/to-repro.js";
import { target } from "./support/target.js";

const settings = suiteSettings.model;
const budgetMs = Math.max(60_000, settings.runs * settings.length * 4 * target.timeoutMs);

describe("model-based: random call sequences judged by the engine as oracle", () => {
  it.skipIf(settings.runs === 0)(
    `${settings.runs} sequence(s) of up to ${settings.length} calls agree with the model (seed ${settings.seed}${settings.replay ? `, replaying ${settings.replay.path}` : ""})`,
    { timeout: budgetMs, meta: { skipReason: "no model runs asked for (CONTRACT_MODEL_RUNS=0 or --model-runs 0)" } },
    async () => {
      if (settings.seedIsRandom) console.log(`model stage: random seed ${settings.seed} (replay with CONTRACT_SEED=${settings.seed})`);
      const started = performance.now();
      const result = await runModel(settings, { own: target.own, other: target.other, exact: target.inProcessMock });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`model stage: ${result.runs} sequence(s), ${result.calls} calls, ${result.adopted} DNS outcome(s) of the target taken over, ${result.reached.firstDefaults} first domain(s) made the default and ${result.reached.heirs} default(s) handed on${settings.deleteExisting ? " (pre-existing domains deleted too)" : ""}, ${result.failure ? "a disagreement" : "no disagreement"} in ${seconds} s (${target.inProcessMock ? "exact: the mock itself" : "a server: room where the spec leaves it"})`);
      const failure = result.failure;
      if (failure) {
        // The shrunk sequence as data and as a standalone script, in the reports.
        const dir = join(target.reportsDir, "model");
        mkdirSync(dir, { recursive: true });
        const name = `model-failure-${failure.seed}`;
        const repro = toRepro(expect.getState().currentTestName ?? "model-based stage", failure.steps, {
          baseUrl: target.baseUrl,
          accounts: { own: target.own.accountId, other: target.other?.accountId },
          runToken: failure.runToken,
          seed: failure.seed,
          path: failure.path,
          ...(settings.deleteExisting ? { startIds: failure.startIds } : {}),
        });
        writeFileSync(join(dir, `${name}.json`), JSON.stringify({ ...failure, repro }, null, 2));
        // The report (JUnit, summary) carries this shrunk sequence rather than every call the stage made: its
        // script goes under repro/ with the others, where the CLI checks it before handing it over.
        supplyReproduction(repro);
        expect.fail(`${formatFailure(failure)}\nsequence: ${join(dir, `${name}.json`)}`);
      }
      expect(result.runs).toBe(settings.runs);
    },
  );
});
