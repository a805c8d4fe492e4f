// How the model stage compares each field of an EmailDomain, derived from the EmailDomain schema so that a
// new field cannot slip through: a property this module cannot classify throws at load.
//   exact      the same value on both sides (enums, booleans, the name, the description, the path's ids)
//   counter    a number: the same value (the model starts from the target's own records)
//   timestamp  format date-time: set or null, moved or untouched, never moved back (values are the server's clock)
//   opaque     the server's own values (tokens, other ids, free-form objects): set or null, changed or untouched
// The verification groups (status, error, attempts, requestedAt, completedAt of one check) are read from the
// property names the schema uses: `<prefix>Status` with its `<prefix>Error`, `<prefix>Attempts`, ...
import type { OpenAPIV3_1 } from "openapi-types";
import { componentSchema, resolve, spec } from "../spec.js";

type Schema = OpenAPIV3_1.SchemaObject;
export type FieldClass = "exact" | "counter" | "timestamp" | "opaque";

const domainSchema = componentSchema("EmailDomain");
const properties: Array<[string, Schema]> = Object.entries(domainSchema.properties ?? {}).map(([name, s]) => [name, resolve<Schema>(spec, s as Schema)]);
const typesOf = (s: Schema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/** The fields whose value the client chose or the path fixes: the same on both sides. */
const CHOSEN_BY_CLIENT = new Set(["id", "accountId", "domain", "description"]);

function classify(name: string, s: Schema): FieldClass {
  const types = typesOf(s).filter((t) => t !== "null");
  if (s.format === "date-time") return "timestamp";
  if (CHOSEN_BY_CLIENT.has(name)) return "exact";
  if (s.enum !== undefined || types.every((t) => t === "boolean")) return "exact";
  if (types.every((t) => t === "number" || t === "integer")) return "counter";
  if (types.every((t) => t === "string" || t === "object")) return "opaque";
  throw new Error(`the model stage cannot classify EmailDomain.${name} (${JSON.stringify(s.type)})`);
}

/**
 * Opaque fields whose presence on a new domain the spec leaves to the server: `attributes` is "free-form
 * attributes attached to the domain, or null", with nothing said of a new one (a new domain's tokens, by
 * contrast, are "fresh", its timestamps "null if never", its errors null unless a check failed).
 */
const SERVER_CHOICE_ON_CREATE = new Set(["attributes"]);

export const FIELDS: ReadonlyArray<{ name: string; kind: FieldClass; nullable: boolean; serverChoiceOnCreate: boolean; clientChosen: boolean }> = properties.map(([name, s]) => ({
  name,
  kind: classify(name, s),
  clientChosen: CHOSEN_BY_CLIENT.has(name),
  nullable: typesOf(s).includes("null"),
  serverChoiceOnCreate: SERVER_CHOICE_ON_CREATE.has(name),
}));
if ([...SERVER_CHOICE_ON_CREATE].some((n) => !FIELDS.some((f) => f.name === n))) throw new Error("SERVER_CHOICE_ON_CREATE names a field EmailDomain no longer has");

export interface VerificationGroup {
  status: string;
  error: string | undefined;
  attempts: string | undefined;
  requestedAt: string | undefined;
  completedAt: string | undefined;
  /** The statuses the schema allows for this check (its enum, without null). */
  allowed: string[];
}

const names = new Set(properties.map(([n]) => n));
const sibling = (prefix: string, suffix: string) => (names.has(prefix + suffix) ? prefix + suffix : undefined);

export const GROUPS: ReadonlyArray<VerificationGroup> = properties
  .filter(([name, s]) => name.endsWith("Status") && Array.isArray(s.enum))
  .map(([name, s]) => {
    const prefix = name.slice(0, -"Status".length);
    return {
      status: name,
      error: sibling(prefix, "Error"),
      attempts: sibling(prefix, "Attempts"),
      requestedAt: sibling(prefix, "RequestedAt"),
      completedAt: sibling(prefix, "CompletedAt"),
      allowed: (s.enum ?? []).filter((v): v is string => typeof v === "string"),
    };
  });

if (GROUPS.length === 0 || GROUPS.some((g) => !g.attempts || !g.completedAt)) {
  throw new Error("the EmailDomain schema no longer has the verification groups the model stage compares");
}

/** Every field of the group (status, error, attempts, requestedAt, completedAt). */
export const groupFields = (g: VerificationGroup): string[] => [g.status, g.error, g.attempts, g.requestedAt, g.completedAt].filter((f): f is string => f !== undefined);
