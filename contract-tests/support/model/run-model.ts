// The model stage: `runs` random sequences of up to `length` calls, each run in a fresh world (the target's
// visible state read first, the model started from it, what the run created deleted at the end). On a
// failure fast-check shrinks the sequence; the result carries the shortest failing one as recorded steps,
// with the seed and path that replay it.
import fc from "fast-check";
import type { ModelSettings } from "./settings.js";
import { describeCall, describeSpec, type RecordedStep, type StepSpec } from "./steps.js";
import { stepArbitrary } from "./arbitraries.js";
import { startWorld, type Reached, type World, type WorldSettings } from "./world.js";

export interface ModelFailure {
  seed: number;
  /** fast-check's path of the shrunk counterexample: CONTRACT_REPLAY. */
  path: string;
  /** The shrunk sequence as drawn (what fast-check printed). */
  sequence: string[];
  /** The token of the names that run created. */
  runToken: string;
  /** What the accounts held when that run started (earlier runs may have changed them). */
  startedFrom: string;
  /** The calls of that sequence as sent, with both answers; the last one failed. */
  steps: RecordedStep[];
  message: string;
}

export interface ModelResult {
  runs: number;
  /** Calls sent to the target by all runs (shrinking included), and how many DNS outcomes the model took over. */
  calls: number;
  adopted: number;
  /** How often the default rules were reached (summed over all runs, shrinking included). */
  reached: Reached;
  failure: ModelFailure | undefined;
}

/** fast-check's model is the world itself: it knows which domains a step may name. */
class StepCommand implements fc.AsyncCommand<World, World> {
  constructor(readonly spec: StepSpec) {}
  check = (world: Readonly<World>) => world.canRun(this.spec);
  run = (_model: World, world: World) => world.execute(this.spec);
  toString = () => describeSpec(this.spec);
}

/** `world`: where the sequences run; whether they may delete pre-existing domains is the model setting's. */
export async function runModel(settings: ModelSettings, where: Omit<WorldSettings, "deleteExisting">): Promise<ModelResult> {
  const world: WorldSettings = { ...where, deleteExisting: settings.deleteExisting };
  const commands = fc.commands([stepArbitrary(world.other !== undefined, settings.deleteExisting).map((spec) => new StepCommand(spec))], { maxCommands: settings.length, size: "max", ...(settings.replay?.commands ? { replayPath: settings.replay.commands } : {}) });
  let lastFailing: { steps: RecordedStep[]; sequence: string[]; runToken: string; startedFrom: string } | undefined;
  let runs = 0;
  let calls = 0;
  let adopted = 0;
  const reached: Reached = { firstDefaults: 0, heirs: 0 };
  const property = fc.asyncProperty(commands, async (cmds) => {
    runs++;
    const w = await startWorld(world);
    try {
      await fc.asyncModelRun(() => ({ model: w, real: w }), cmds);
    } catch (error) {
      lastFailing = { steps: [...w.steps], sequence: w.steps.map((s) => s.spec), runToken: w.runToken, startedFrom: w.startedFrom };
      throw error;
    } finally {
      calls += w.steps.length;
      adopted += w.adopted;
      reached.firstDefaults += w.reached.firstDefaults;
      reached.heirs += w.reached.heirs;
      await w.cleanup();
    }
  });
  const details = await fc.check(property, {
    seed: settings.seed,
    numRuns: settings.runs,
    ...(settings.replay ? { path: settings.replay.path, endOnFailure: true } : {}),
  });
  if (!details.failed) return { runs, calls, adopted, reached, failure: undefined };
  const steps = lastFailing?.steps ?? [];
  const sequence = lastFailing?.sequence ?? [];
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return {
    runs,
    calls,
    adopted,
    reached,
    failure: {
      seed: details.seed,
      // CONTRACT_REPLAY: fast-check's path, and the commands' own replay path (printed in their toString).
      path: [details.counterexamplePath ?? "", /replayPath="([^"]*)"/.exec(String(details.counterexample?.[0]))?.[1]].filter((p) => p !== undefined).join("@"),
      sequence,
      runToken: lastFailing?.runToken ?? "",
      startedFrom: lastFailing?.startedFrom ?? "",
      steps,
      message: error,
    },
  };
}

/** The failure as a test message: the shrunk calls, what differed, and how to replay it. */
export function formatFailure(f: ModelFailure): string {
  const calls = f.steps.map((s, i) => {
    const got = "status" in s.actual ? s.actual.status : "no answer";
    return `  ${i + 1}. ${describeCall(s.call)} -> ${got} (model: ${s.expected.status})${s.problems.length > 0 ? `\n     ${s.problems.join("\n     ")}` : ""}`;
  });
  if (f.steps.length === 0) return `the model stage failed before its first call: ${f.message.split("\n").slice(0, 6).join("\n")}\nreplay: CONTRACT_SEED=${f.seed} CONTRACT_REPLAY=${f.path}`;
  return [
    `the target disagrees with the model after ${f.steps.length} call(s) (shrunk)${f.startedFrom ? `; at the start ${f.startedFrom}` : ""}:`,
    ...calls,
    `replay: CONTRACT_SEED=${f.seed} CONTRACT_REPLAY=${f.path}`,
  ].join("\n");
}
