// Judges one domain the target answered against the model's, field by field (classes in fields.ts):
// exact fields and counters must be equal; a timestamp must be set or null as the model's is when the
// domain is new, and afterwards move when the model's moves (never back) and stay put when it does not;
// an opaque value (token, other id, free-form object) must be set or null as the model's is, and stay put
// when the model's does. Values of timestamps and tokens are the server's: never compared with the model's.
import { isDeepStrictEqual } from "node:util";
import { FIELDS } from "./fields.js";

export type Domain = Record<string, unknown>;

export interface DomainPair {
  /** The target's and the model's answer for this domain now. */
  target: Domain;
  model: Domain;
  /** What each side showed for it last time; undefined when this call created it. */
  previousTarget: Domain | undefined;
  previousModel: Domain | undefined;
}

const text = (v: unknown) => (v === undefined ? "missing" : JSON.stringify(v));
const setOrNull = (v: unknown) => (v === null || v === undefined ? "null" : "set");
const sameInstant = (a: unknown, b: unknown) => a === b || (typeof a === "string" && typeof b === "string" && Date.parse(a) === Date.parse(b));

export function compareDomain(where: string, pair: DomainPair, skip: ReadonlySet<string> = new Set()): string[] {
  const { target: t, model: m, previousTarget: pt, previousModel: pm } = pair;
  const problems: string[] = [];
  for (const { name, kind, serverChoiceOnCreate } of FIELDS) {
    if (skip.has(name)) continue;
    const tv = t[name];
    const mv = m[name];
    switch (kind) {
      case "exact":
        if (!isDeepStrictEqual(tv, mv)) problems.push(`${where}: ${name} is ${text(tv)}, the model says ${text(mv)}`);
        break;
      case "counter":
        if (tv !== mv) problems.push(`${where}: ${name} is ${text(tv)}, the model counts ${text(mv)}`);
        break;
      case "timestamp":
      case "opaque": {
        if (pm === undefined || pt === undefined) {
          if (!serverChoiceOnCreate && setOrNull(tv) !== setOrNull(mv)) problems.push(`${where}: ${name} is ${setOrNull(tv)} on a new domain, the model's is ${setOrNull(mv)}`);
          break;
        }
        const modelChanged = kind === "timestamp" ? mv !== pm[name] : !isDeepStrictEqual(mv, pm[name]);
        if (modelChanged) {
          if (setOrNull(tv) !== setOrNull(mv)) problems.push(`${where}: ${name} is ${setOrNull(tv)} after this call, the model's is ${setOrNull(mv)}`);
          else if (kind === "timestamp" && typeof tv === "string" && typeof pt[name] === "string" && Date.parse(tv) < Date.parse(pt[name] as string)) {
            problems.push(`${where}: ${name} moved back, from ${text(pt[name])} to ${text(tv)}`);
          }
        } else {
          const same = kind === "timestamp" ? sameInstant(tv, pt[name]) : isDeepStrictEqual(tv, pt[name]);
          if (!same) problems.push(`${where}: ${name} changed from ${text(pt[name])} to ${text(tv)}, but this call leaves it as it was (the model's did not change)`);
        }
        break;
      }
    }
  }
  return problems;
}
