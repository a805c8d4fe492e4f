// The model stage's settings, parsed with all others by the one settings parser (../settings.ts; the CLI's
// --model-runs, --model-length, --model-delete-existing, --seed, --replay, else these variables):
//   CONTRACT_MODEL_RUNS    sequences per stage (default: 100 calls' worth per operation the spec documents,
//                          20 for its six; 0 turns the stage off)
//   CONTRACT_MODEL_LENGTH  calls per sequence at most (default 30)
//   CONTRACT_MODEL_DELETE_EXISTING  1: the sequences may also delete the domains the accounts held before the
//                          run (their defaults too, so an account can be emptied): only then are "the first
//                          domain becomes the default" and "the oldest remaining inherits the default" reached
//                          on accounts that start with a domain. Off by default: it destroys data the suite did
//                          not create (the CLI's --model-delete-existing); for scratch accounts and the mock
//   CONTRACT_SEED          fast-check's seed: an integer, or `random` (printed); default fixed, so CI runs repeat
//   CONTRACT_REPLAY        printed with a failure: replays that one shrunk sequence (needs the seed): fast-check's
//                          path, then `@` and the commands' replay path (fc.commands needs both to rebuild it)
// Why these defaults: a sequence's length is drawn up to the maximum (15 calls on average), plus 2-4 list
// reads, a delete per domain it made, and a read after each write answered 2xx (read-your-writes: about one
// call in four), all one after another (the accounts are shared state): 20 x 30 is about 500-600 requests, ~3 s against the in-process host and ~20 s at 40 ms a request, inside issue 17's 60 s
// for the whole CLI run against a remote server. Every mutant of the runner is caught within these defaults
// (the mutant runner runs the suite as it is).
// Why the runs grow with the operations: each step draws its operation evenly from the spec's, so a fixed
// number of sequences gives each operation fewer calls when the spec gains one. The setDefault probe (issue 27,
// seven operations) showed it: at 20 sequences two DNS-check mutants were no longer reached; at 24 they were.
import { OPERATION_ROUTES } from "../../../src/generated/spec-values.js";
import { settingsFromEnv } from "../settings.js";

export interface ModelSettings {
  runs: number;
  length: number;
  /** The sequences may delete the accounts' pre-existing domains (CONTRACT_MODEL_DELETE_EXISTING=1). */
  deleteExisting: boolean;
  seed: number;
  /** True when the seed was drawn here: print it. */
  seedIsRandom: boolean;
  replay: Replay | undefined;
}

export interface Replay {
  /** fast-check's counterexample path. */
  path: string;
  /** fc.commands' own replay path, when given. */
  commands: string | undefined;
}

/** `3:0:1@AAB:b` (as a failure prints it) -> its two paths; undefined when it is not of that form. */
export function parseReplay(text: string): Replay | undefined {
  const m = /^(\d+(?::\d+)*)(?:@([A-Za-z0-9+/:]*))?$/.exec(text);
  return m ? { path: m[1]!, commands: m[2] } : undefined;
}

export const DEFAULT_MODEL_LENGTH = 30;
/** The model stage's default budget, in calls of the default length per operation the spec documents. */
export const MODEL_CALLS_PER_OPERATION = 100;
/** The default number of sequences for a spec of `operationCount` operations (20 for today's six). */
export const defaultModelRuns = (operationCount: number): number => Math.ceil((operationCount * MODEL_CALLS_PER_OPERATION) / DEFAULT_MODEL_LENGTH);
export const DEFAULT_MODEL_RUNS = defaultModelRuns(Object.keys(OPERATION_ROUTES).length);
export const DEFAULT_MODEL_SEED = 20261204;

/** The model settings of an environment (the suite reads suiteSettings.model, which the CLI may provide). */
export function modelSettings(env: NodeJS.ProcessEnv = process.env): ModelSettings {
  return settingsFromEnv(env).model;
}
