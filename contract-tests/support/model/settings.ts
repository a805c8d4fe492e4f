// The model stage's settings, from the agreed variables (b2-repro folds them into the one settings parser):
//   CONTRACT_MODEL_RUNS    sequences per stage (default 20; 0 turns the stage off)
//   CONTRACT_MODEL_LENGTH  calls per sequence at most (default 30)
//   CONTRACT_SEED          fast-check's seed: an integer, or `random` (printed); default fixed, so CI runs repeat
//   CONTRACT_REPLAY        printed with a failure: replays that one shrunk sequence (needs the seed). fast-check's
//                          path, then `@` and the commands' replay path (fc.commands needs both to rebuild it)
// Why these defaults: a sequence's length is drawn up to the maximum (15 calls on average), plus 2-4 list
// reads and a delete per domain it made, all one after another (the accounts are shared state): 20 x 30 is
// about 500 requests, ~3 s against the in-process host and ~20 s at 40 ms a request, inside issue 17's 60 s
// for the whole CLI run against a remote server. Every mutant of the runner is caught within these defaults
// (the mutant runner runs the suite as it is).
export interface ModelSettings {
  runs: number;
  length: number;
  seed: number;
  /** True when the seed was drawn here: print it. */
  seedIsRandom: boolean;
  replay: { path: string; commands: string | undefined } | undefined;
}

export const DEFAULT_MODEL_RUNS = 20;
export const DEFAULT_MODEL_LENGTH = 30;
export const DEFAULT_MODEL_SEED = 20261204;

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be a whole number from ${min}, got ${JSON.stringify(raw)}`);
  return value;
}

export function modelSettings(env: NodeJS.ProcessEnv = process.env): ModelSettings {
  const rawSeed = env["CONTRACT_SEED"]?.trim();
  const seedIsRandom = rawSeed === "random";
  const seed = seedIsRandom ? Math.floor(Math.random() * 2 ** 31) : whole(env, "CONTRACT_SEED", DEFAULT_MODEL_SEED, -(2 ** 31));
  const rawReplay = env["CONTRACT_REPLAY"]?.trim() || undefined;
  const m = rawReplay === undefined ? undefined : /^(\d+(?::\d+)*)(?:@([A-Za-z0-9+/:]*))?$/.exec(rawReplay);
  if (rawReplay !== undefined && !m) throw new Error(`CONTRACT_REPLAY must be what a failure printed, such as 3:0:1@AAB:b, got ${JSON.stringify(rawReplay)}`);
  const replay = m ? { path: m[1]!, commands: m[2] } : undefined;
  if (replay !== undefined && (rawSeed === undefined || seedIsRandom)) throw new Error("CONTRACT_REPLAY needs the CONTRACT_SEED it was printed with");
  return { runs: whole(env, "CONTRACT_MODEL_RUNS", DEFAULT_MODEL_RUNS, 0), length: whole(env, "CONTRACT_MODEL_LENGTH", DEFAULT_MODEL_LENGTH, 1), seed, seedIsRandom, replay };
}
