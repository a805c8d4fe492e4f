// What one concurrent run does, drawn by fast-check from the model stage's step arbitrary (so a step means the
// same call in both stages): a short sequential prefix of creates (the domains the clients then race on), and
// K short sequences, one per client. With CONTRACT_MODEL_DELETE_EXISTING=1 a run may first empty the account
// (its pre-existing domains deleted, defaults included), so that overlapping first creates race for the default.
import fc from "fast-check";
import { describeSpec, type BodySpec, type StepSpec } from "../model/steps.js";
import { operations, type OperationId } from "../spec.js";
import { isValidBody, stepArbitrary } from "../model/arbitraries.js";
import { isWrite, onOneDomain, roles } from "../spec-roles.js";
import { CALLS_PER_CLIENT, PREFIX_LENGTH } from "./settings.js";

export interface ParallelPlan {
  /** Delete the own account's pre-existing domains first (only with deleteExisting). */
  emptyFirst: boolean;
  prefix: StepSpec[];
  clients: StepSpec[][];
}

/** Fresh-name slots the focus uses: above the step arbitrary's (0-3), so the prefix never takes them first. */
const FOCUS_SLOT = 4;
/** The operations that act on one thing a focus names: the create (on one name), and each operation on one domain. */
const ON_ONE_DOMAIN = operations.filter((op) => onOneDomain(op) && !op.requestBody?.required).map((op) => op.operationId);
const WRITES_ON_ONE_DOMAIN = operations.filter((op) => onOneDomain(op) && isWrite(op.operationId)).map((op) => op.operationId);
const FOCUS_OPS = [roles.create, ...operations.filter((op) => onOneDomain(op)).map((op) => op.operationId)];
/**
 * The pairs that race on one thing, from the spec: two creates of one name (uniqueness), every two writes on
 * one domain (lost updates both ways, counters, double deletes), and a delete beside each read of the domain.
 */
const FOCUS_PAIRS: ReadonlyArray<readonly [OperationId, OperationId]> = [
  [roles.create, roles.create],
  ...WRITES_ON_ONE_DOMAIN.flatMap((a) => WRITES_ON_ONE_DOMAIN.map((b) => [a, b] as const)),
  ...ON_ONE_DOMAIN.filter((op) => !isWrite(op)).map((read) => [roles.remove, read] as const),
];

/** A focus step: the op on the focus (one created domain, or one fresh name), with a body of its own drawn values. */
const focusStep = (op: OperationId, target: { index: number; slot: number }, drawn: StepSpec | undefined, client: number): StepSpec => {
  const on = { op, account: "own" as const, who: "owner" as const };
  // A create's host names all become the focus's one fresh name.
  const named = (fields: BodySpec["fields"]) => Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.kind === "fresh" || f.kind === "reuse" ? { kind: "fresh" as const, slot: FOCUS_SLOT + target.slot, label: undefined } : f]));
  if (op === roles.create) return { ...on, body: { fields: named(drawn?.body?.fields ?? {}), extra: false } };
  const body = drawn?.body ? { body: { fields: labelled(drawn.body.fields, client), extra: false } } : {};
  return { ...on, id: { kind: "created", index: target.index, foreign: false }, ...body };
};

/** The drawn body's texts say which client sent them (a lost update then shows whose write was lost). */
const labelled = (fields: BodySpec["fields"], client: number): BodySpec["fields"] =>
  Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.kind === "text" || f.kind === "null" ? { kind: "text", value: `client ${client + 1}` } : f]));

/**
 * A focus: every client's first call is about one thing (one created domain, or one name no one holds yet),
 * the first two clients with a pair of operations that race (FOCUS_PAIRS), the others with any, so that the
 * calls released together race on it. Random sequences alone rarely line that up. Bodies are the step
 * arbitrary's valid ones (owner, own account), so a focus on an operation the spec gains sends what it takes.
 */
function focusArbitrary(clients: number, valid: (op: OperationId) => fc.Arbitrary<StepSpec>): fc.Arbitrary<StepSpec[]> {
  return fc
    .record({ index: fc.nat({ max: 2 }), slot: fc.nat({ max: 1 }), pair: fc.constantFrom(...FOCUS_PAIRS), more: fc.array(fc.constantFrom(...FOCUS_OPS), { minLength: clients - 2, maxLength: clients - 2 }) })
    .chain(({ index, slot, pair, more }) => {
      const ops = [...pair, ...more];
      return fc.tuple(...ops.map((op) => valid(op))).map((drawn) => ops.map((op, client) => focusStep(op, { index, slot }, drawn[client], client)));
    });
}

export function planArbitrary(hasOther: boolean, deleteExisting: boolean, clients: number): fc.Arbitrary<ParallelPlan> {
  const step = stepArbitrary(hasOther, deleteExisting);
  const valid = (op: OperationId) => stepArbitrary(false, false).filter((s) => s.op === op && s.who === "owner" && isValidBody(s));
  const create = valid(roles.create);
  const sequences = fc.array(fc.array(step, { minLength: 1, maxLength: CALLS_PER_CLIENT }), { minLength: clients, maxLength: clients });
  const focus = fc.option(focusArbitrary(clients, valid), { freq: 3, nil: undefined });
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
