// The seam of the concurrent stage (issue 25): a history of overlapping calls as plain data, and what the
// checker says of it. The runner (run-clients.ts) records it; the checker (check-history.ts) judges it against
// the engine for every order that respects real time; the racing reproduction (race-script.ts) replays a
// shrunk one. Calls are the model stage's concrete calls (support/model/steps.ts), so one call format serves
// the sequential stage, the concurrent one and the scripts.
import type { Answer, ConcreteCall } from "../model/steps.js";

/** One call of a concurrent history, with its real-time window. */
export interface TimedCall {
  /** Unique in its history; the order the runner issued them in (ties broken by client). */
  id: number;
  /** Which client sent it: 0..K-1 in the parallel part; -1 for a sequential call (prefix or the reads after). */
  client: number;
  call: ConcreteCall;
  /** ms (performance.now() of the runner) just before the request's bytes were released. */
  sentAt: number;
  /** ms when the whole answer was read; undefined when no answer came (timeout, reset): it may have taken effect at any time after sentAt, or never. */
  answeredAt?: number;
  /** The answer; undefined exactly when answeredAt is. */
  answer?: Answer;
}

/** A history as the checker takes it: the calls (prefix, parallel part, the reads after) in any order. */
export type History = readonly TimedCall[];

/** How a part of the history was split off: per account, or finer where no rule crosses the parts. */
export interface Partition {
  /** e.g. `account 0b1e…` */
  name: string;
  calls: TimedCall[];
}

export type Verdict =
  | {
      kind: "linearizable";
      /** One order that explains every answer: call ids, per partition in turn. */
      order: number[];
      /** States explored by the search, summed over the partitions. */
      explored: number;
    }
  | {
      kind: "violation";
      /** The partition no order explains. */
      partition: string;
      /** Its calls, for the timeline. */
      calls: TimedCall[];
      /** The rule no order keeps, for a person: the call whose answer no order explains, what it answered, and what the model answers in the best order found. */
      explanation: string;
      explored: number;
    }
  | {
      kind: "undecided";
      partition: string;
      /** Why the search stopped (its budget), never a failure. */
      reason: string;
      explored: number;
    };

export interface CheckBudget {
  /** States the search may visit per partition before it says "undecided". */
  maxStates?: number;
  /** Wall time per history before it says "undecided". */
  maxMs?: number;
}
