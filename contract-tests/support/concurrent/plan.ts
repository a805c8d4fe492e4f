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

/** Fresh-name slots the focus uses: above the step arbitrary's (0-3), so the prefix never takes them first. */
const FOCUS_SLOT = 4;
const FOCUS_OPS = ["createEmailDomain", "updateEmailDomain", "checkEmailDomainDkimStatus", "deleteEmailDomain", "getEmailDomain"] as const;
type FocusOp = (typeof FOCUS_OPS)[number];
/** The pairs that race on one thing: uniqueness, lost updates (both ways), counters, double deletes, a read of a delete. */
const FOCUS_PAIRS: ReadonlyArray<readonly [FocusOp, FocusOp]> = [
  ["createEmailDomain", "createEmailDomain"],
  ["updateEmailDomain", "checkEmailDomainDkimStatus"],
  ["checkEmailDomainDkimStatus", "updateEmailDomain"],
  ["checkEmailDomainDkimStatus", "checkEmailDomainDkimStatus"],
  ["updateEmailDomain", "updateEmailDomain"],
  ["deleteEmailDomain", "deleteEmailDomain"],
  ["deleteEmailDomain", "getEmailDomain"],
];

/**
 * A focus: every client's first call is about one thing (one created domain, or one name no one holds yet),
 * the first two clients with a pair of operations that race (FOCUS_PAIRS), the others with any, so that the
 * calls released together race on it. Random sequences alone rarely line that up.
 */
function focusArbitrary(clients: number): fc.Arbitrary<StepSpec[]> {
  return fc
    .record({ index: fc.nat({ max: 2 }), slot: fc.nat({ max: 1 }), pair: fc.constantFrom(...FOCUS_PAIRS), more: fc.array(fc.constantFrom(...FOCUS_OPS), { minLength: clients - 2, maxLength: clients - 2 }) })
    .map(({ index, slot, pair, more }) =>
      [...pair, ...more].map((op, client): StepSpec => {
        const on = { account: "own" as const, who: "owner" as const };
        const id = { kind: "created" as const, index, foreign: false };
        switch (op) {
          case "createEmailDomain":
            return { ...on, op, name: { kind: "fresh", slot: FOCUS_SLOT + slot, label: undefined }, description: { kind: "text", value: `client ${client + 1}` }, extra: false };
          case "updateEmailDomain":
            return { ...on, op, id, description: { kind: "text", value: `client ${client + 1}` }, missing: false, extra: false };
          default:
            return { ...on, op, id };
        }
      }),
    );
}

export function planArbitrary(hasOther: boolean, deleteExisting: boolean, clients: number): fc.Arbitrary<ParallelPlan> {
  const step = stepArbitrary(hasOther, deleteExisting);
  const create = stepArbitrary(hasOther, false).filter((s) => s.op === "createEmailDomain" && s.who === "owner" && s.name.kind !== "invalid");
  const sequences = fc.array(fc.array(step, { minLength: 1, maxLength: CALLS_PER_CLIENT }), { minLength: clients, maxLength: clients });
  const focus = fc.option(focusArbitrary(clients), { freq: 3, nil: undefined });
  return fc
    .record({
      start: fc.oneof(
        { weight: 3, arbitrary: fc.record({ emptyFirst: fc.constant(false), prefix: fc.array(create, { minLength: 1, maxLength: PREFIX_LENGTH }) }) },
        { weight: deleteExisting ? 1 : 0, arbitrary: fc.record({ emptyFirst: fc.constant(true), prefix: fc.constant<StepSpec[]>([]) }) },
      ),
      focus,
      sequences,
    })
    // With a focus, it is each client's first call, and the sequences are one call shorter.
    .map(({ start, focus: first, sequences: rest }): ParallelPlan => ({ ...start, clients: rest.map((s, k) => (first ? [first[k]!, ...s.slice(0, CALLS_PER_CLIENT - 1)] : s)) }));
}

/** `seed` and `runs` as the stage's settings give them: the same plans each time for one seed. */
export const samplePlans = (arbitrary: fc.Arbitrary<ParallelPlan>, seed: number, runs: number): ParallelPlan[] => fc.sample(arbitrary, { seed, numRuns: runs });

/** The plan as drawn, for messages. */
export function describePlan(plan: ParallelPlan): string {
  const clients = plan.clients.map((c, i) => `client ${i + 1}: ${c.map(describeSpec).join("; ")}`);
  return [`${plan.emptyFirst ? "empty A first; " : ""}prefix: ${plan.prefix.map(describeSpec).join("; ") || "none"}`, ...clients].join("\n");
}
