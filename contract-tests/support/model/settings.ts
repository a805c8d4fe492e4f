// The model stage's settings, parsed with all others by the one settings parser (../settings.ts; the CLI's
// --model-runs, --model-length, --seed, --replay, else these variables):
//   CONTRACT_MODEL_RUNS    sequences per stage (default 12; 0 turns the stage off)
//   CONTRACT_MODEL_LENGTH  calls per sequence at most (default 24)
//   CONTRACT_SEED          fast-check's seed: an integer, or `random` (printed); default fixed, so CI runs repeat
//   CONTRACT_REPLAY        a fast-check path printed with a failure: replays that one shrunk sequence (needs the seed)
// Why these defaults: each sequence costs 2-4 list reads, its calls and a delete per domain it made, all one
// after another (the accounts are shared state). 12 x 24 is about 400 requests: ~0.3 s in-process, ~17 s at
// 40 ms a request, inside issue 17's 60 s for the whole CLI run against a remote server. Every mutant of the
// runner is caught within these defaults (the mutant runner uses them).
import { settingsFromEnv } from "../settings.js";

export interface ModelSettings {
  runs: number;
  length: number;
  seed: number;
  /** True when the seed was drawn here: print it. */
  seedIsRandom: boolean;
  replay: string | undefined;
}

export const DEFAULT_MODEL_RUNS = 12;
export const DEFAULT_MODEL_LENGTH = 24;
export const DEFAULT_MODEL_SEED = 20261204;

/** The model settings of an environment (the suite reads suiteSettings.model, which the CLI may provide). */
export function modelSettings(env: NodeJS.ProcessEnv = process.env): ModelSettings {
  return settingsFromEnv(env).model;
}
