// What a reproduction script can say of one domain of an answer, from the oracle's (or the model's) view of
// it, in terms any server that keeps the contract satisfies:
//   - the fields the client chose (name, description, the path's ids) and the attempt counters: their value;
//   - every other field the oracle left as it was since an earlier step showed the domain: the same value as
//     the server answered then (a token, createdAt, an error of a failed check, ...).
// Never a value the server picks (timestamps, tokens), and nothing a DNS check may decide differently (a
// check's outcome fields, when a check ran in between); the default flag only when the oracle started from
// the target's own records (the model), since it depends on what else the account holds.
import { FIELDS, GROUPS } from "../model/fields.js";
import { INVARIANT_FACTS } from "../invariants.js";
import type { FieldFact } from "./format.js";

type Domain = Record<string, unknown>;

/** Fields a DNS check may set otherwise on a real server (the spec leaves its outcome to the provider). */
const CHECK_OUTCOME = new Set<string>([...GROUPS.flatMap((g) => [g.status, g.error, g.completedAt].filter((f): f is string => f !== undefined)), INVARIANT_FACTS.isVerified]);

export interface Earlier {
  /** The step (1-based) that showed the domain last, and the domain as the oracle had it then. */
  step: number;
  domain: Domain;
  /** Whether a check of this domain ran since that step (its outcome fields are then the server's). */
  checkedSince: boolean;
}

export interface FactOptions {
  /** The oracle started from the target's own records (the model stage): its default flag is the target's too. */
  sameWorld: boolean;
  /** The id as the script writes it (a placeholder such as {created:2}). */
  idText: string;
  /** A value as the script writes it (ids and account ids as placeholders). */
  abstract: (text: string) => string;
}

export function domainFacts(now: Domain, earlier: Earlier | undefined, options: FactOptions): FieldFact[] {
  const facts: FieldFact[] = [];
  for (const { name, kind, clientChosen } of FIELDS) {
    if (name === "id" || !(name in now)) continue;
    if (clientChosen || kind === "counter") {
      facts.push({ id: options.idText, field: name, equals: options.abstract(JSON.stringify(now[name])) });
      continue;
    }
    if (!earlier || (earlier.checkedSince && CHECK_OUTCOME.has(name)) || (name === "isDefault" && !options.sameWorld)) continue;
    if (JSON.stringify(earlier.domain[name]) === JSON.stringify(now[name])) facts.push({ id: options.idText, field: name, sameAsStep: earlier.step });
  }
  return facts;
}
