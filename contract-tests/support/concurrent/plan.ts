// What one concurrent run does, drawn by fast-check from the model stage's step arbitrary (so a step means the
// same call in both stages): a short sequential prefix of creates (the domains the clients then race on), and
// K short sequences, one per client. With CONTRACT_MODEL_DELETE_EXISTING=1 a run may first empty the account
// (its pre-existing domains deleted, defaults included), so that overlapping first creates race for the default.
import fc from "fast-check";
import { stepArbitrary } from "../model/arbitraries.js";
import { describeSpec, type StepSpec } from "../model/steps.js";
import { CALLS_PER_CLIENT, PREFIX_LENGTH } from "./settings.js";

export interface ParallelPlan {
  /** Delete the own account's pre-existing domains first (only with deleteExisting). */
  emptyFirst: boolean;
  prefix: StepSpec[];
  clients: StepSpec[][];
}

export function planArbitrary(hasOther: boolean, deleteExisting: boolean, clients: number): fc.Arbitrary<ParallelPlan> {
  const step = stepArbitrary(hasOther, deleteExisting);
  const create = stepArbitrary(hasOther, false).filter((s) => s.op === "createEmailDomain" && s.who === "owner" && s.name.kind !== "invalid");
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ emptyFirst: fc.constant(false), prefix: fc.array(create, { minLength: 1, maxLength: PREFIX_LENGTH }) }) },
    { weight: deleteExisting ? 1 : 0, arbitrary: fc.record({ emptyFirst: fc.constant(true), prefix: fc.constant<StepSpec[]>([]) }) },
  ).chain((start) => fc.array(fc.array(step, { minLength: 1, maxLength: CALLS_PER_CLIENT }), { minLength: clients, maxLength: clients }).map((c): ParallelPlan => ({ ...start, clients: c })));
}

/** `seed` and `runs` as the stage's settings give them: the same plans each time for one seed. */
export const samplePlans = (arbitrary: fc.Arbitrary<ParallelPlan>, seed: number, runs: number): ParallelPlan[] => fc.sample(arbitrary, { seed, numRuns: runs });

/** The plan as drawn, for messages. */
export function describePlan(plan: ParallelPlan): string {
  const clients = plan.clients.map((c, i) => `client ${i + 1}: ${c.map(describeSpec).join("; ")}`);
  return [`${plan.emptyFirst ? "empty A first; " : ""}prefix: ${plan.prefix.map(describeSpec).join("; ") || "none"}`, ...clients].join("\n");
}
