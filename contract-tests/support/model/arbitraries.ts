// The step specs fast-check draws: the six operations with valid and invalid input, across both accounts.
// Input edges come from the spec (the description's maxLength, invalid hostnames and `start` values judged
// by the spec's own schemas); failure labels are the mock's documented way to make a check fail (README).
import fc from "fast-check";
import { FAILURE_LABELS, STAYS_PENDING_LABEL } from "../../../src/domain/verification-simulation.js";
import { parameterAccepts, requestSchema, validators } from "../spec.js";
import { propertiesOf } from "../input-cases.js";
import type { AccountSlot, DescriptionSpec, IdRef, NameSpec, StepSpec, Who } from "./steps.js";

const createSchema = requestSchema("createEmailDomain");
const maxDescription: number = propertiesOf(createSchema).find(([n]) => n === "description")?.[1].maxLength ?? Number.NaN;
if (Number.isNaN(maxDescription)) throw new Error("the create body's description has no maxLength");
const validCreate = validators.compile(createSchema);

/** Names the Hostname schema refuses (checked here, not assumed). */
const INVALID_NAMES = ["not a host", "-contract.example.com", "192.0.2.1", "contract..example.com", "contract.example.com."].filter((n) => !validCreate({ domain: n }));
/** `start` values the spec's parameter schema refuses. */
const INVALID_STARTS = ["-1", "1.5", "abc"].filter((v) => !parameterAccepts("listEmailDomains", "start", v));
if (INVALID_NAMES.length === 0 || INVALID_STARTS.length === 0) throw new Error("the spec now accepts every 'invalid' value the model stage sends");

/** Out of 19 for the other steps: about one call in seven deletes a default or a pre-existing domain. */
const DELETE_EXISTING_WEIGHT = 3;

const LABELS = [...Object.keys(FAILURE_LABELS), STAYS_PENDING_LABEL];

/**
 * `deleteExisting` (CONTRACT_MODEL_DELETE_EXISTING=1) adds deletes of the path account's default or of a domain
 * it held before the run: then accounts lose their default and empty, and the rules "the first domain becomes
 * the default" and "the oldest remaining domain inherits the default" are reached on accounts that start with
 * data (the demo accounts: A holds five domains, B one). Without it the arbitrary is exactly what it was, so a
 * fixed seed draws the same sequences.
 */
export function stepArbitrary(hasOther: boolean, deleteExisting = false): fc.Arbitrary<StepSpec> {
  const account: fc.Arbitrary<AccountSlot> = hasOther ? fc.constantFrom<AccountSlot>("own", "own", "own", "other") : fc.constant("own");
  const who: fc.Arbitrary<Who> = fc.oneof(
    { weight: 14, arbitrary: fc.constant<Who>("owner") },
    { weight: hasOther ? 1 : 0, arbitrary: fc.constant<Who>("otherKey") },
    { weight: 1, arbitrary: fc.constantFrom<Who>("noKey", "unknownKey") },
  );
  const id = (reads: boolean): fc.Arbitrary<IdRef> =>
    fc.oneof(
      { weight: 10, arbitrary: fc.record({ kind: fc.constant("created" as const), index: fc.nat({ max: 7 }), foreign: hasOther ? fc.nat({ max: 4 }).map((n) => n === 0) : fc.constant(false) }) },
      { weight: reads ? 2 : 0, arbitrary: fc.record({ kind: fc.constant("seen" as const), index: fc.nat({ max: 15 }) }) },
      { weight: 1, arbitrary: fc.constant<IdRef>({ kind: "unknown" }) },
      { weight: 1, arbitrary: fc.constantFrom("not-a-uuid", "12345").map((value): IdRef => ({ kind: "malformed", value })) },
    );
  const name: fc.Arbitrary<NameSpec> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant("fresh" as const), slot: fc.nat({ max: 3 }), label: fc.option(fc.constantFrom(...LABELS), { freq: 2, nil: undefined }) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("reuse" as const), index: fc.nat({ max: 7 }), upper: fc.boolean() }) },
    { weight: 1, arbitrary: fc.constantFrom(...INVALID_NAMES).map((value): NameSpec => ({ kind: "invalid", value })) },
  );
  const description: fc.Arbitrary<DescriptionSpec> = fc.oneof(
    { weight: 2, arbitrary: fc.constant<DescriptionSpec>({ kind: "absent" }) },
    { weight: 2, arbitrary: fc.constant<DescriptionSpec>({ kind: "null" }) },
    { weight: 4, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }).map((value): DescriptionSpec => ({ kind: "text", value })) },
    { weight: 1, arbitrary: fc.constantFrom(maxDescription, maxDescription + 1).map((length): DescriptionSpec => ({ kind: "length", length })) },
  );
  const rarely = fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
  const start = fc.oneof({ weight: 6, arbitrary: fc.nat({ max: 8 }) }, { weight: 1, arbitrary: fc.constantFrom(...INVALID_STARTS) });

  const existing: fc.Arbitrary<IdRef> = fc.oneof(
    { weight: 3, arbitrary: fc.constant<IdRef>({ kind: "default" }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("existing" as const), index: fc.nat({ max: 7 }) }) },
  );
  const deletesExisting = deleteExisting ? [{ weight: DELETE_EXISTING_WEIGHT, arbitrary: fc.record({ op: fc.constant("deleteEmailDomain" as const), account, who, id: existing }) }] : [];

  return fc.oneof(
    ...deletesExisting,
    { weight: 3, arbitrary: fc.record({ op: fc.constant("listEmailDomains" as const), account, who, start }) },
    { weight: 5, arbitrary: fc.record({ op: fc.constant("createEmailDomain" as const), account, who, name, description, extra: rarely }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("getEmailDomain" as const), account, who, id: id(true) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant("updateEmailDomain" as const), account, who, id: id(false), description, missing: rarely, extra: rarely }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("deleteEmailDomain" as const), account, who, id: id(false) }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant("checkEmailDomainDkimStatus" as const), account, who, id: id(false) }) },
  );
}
