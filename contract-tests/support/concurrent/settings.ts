// The concurrent stage's settings, parsed with all others by the one settings parser (../settings.ts; the CLI's
// --parallel-runs and --parallel-clients, else these variables):
//   CONTRACT_PARALLEL_RUNS     concurrent runs (default below; 0 turns the stage off)
//   CONTRACT_PARALLEL_CLIENTS  clients released together in each run (default 3; 2 to 8)
// The seed (CONTRACT_SEED) is the model stage's: it draws the same plans again (a race itself may not repeat).
// Why these defaults: a run is the accounts listed, a prefix of up to 3 calls, K clients of up to
// CALLS_PER_CLIENT calls each in parallel, the accounts listed again and what it made deleted: about 15
// round trips one after another, so 30 runs are ~450 requests, a few seconds against a local mock and ~20 s at
// 40 ms a round trip (issue 25: at most 30 s more for the CLI locally, 90 s in all at 40 ms; BENCHMARKS.md).
export interface ParallelSettings {
  runs: number;
  clients: number;
}

export const DEFAULT_PARALLEL_RUNS = 30;
export const DEFAULT_PARALLEL_CLIENTS = 3;
export const MIN_PARALLEL_CLIENTS = 2;
export const MAX_PARALLEL_CLIENTS = 8;
/** Calls each client makes at most in the parallel part (quickcheck-state-machine's advice: <= 10 in all). */
export const CALLS_PER_CLIENT = 3;
/** Calls of the sequential prefix at most (creates: the domains the clients then race on). */
export const PREFIX_LENGTH = 3;
