// Turns Ajv's error objects into messages a person can act on. Pure: shared by the runtime-compiled
// validators (Node) and the precompiled ones (browser).
import type { ErrorObject } from "ajv";

/**
 * Spec extension on a schema: the text a UI can show when a value breaks the schema's `pattern`, instead of the
 * regular expression (for example "must be a host name such as mail.example.com").
 */
export const ERROR_MESSAGE_KEYWORD = "x-error-message";

/**
 * One readable line per Ajv error, naming where (`body/domain`, `query/start`) and the rule that failed, in words
 * a UI can show: a broken pattern says what the schema's x-error-message says, an enum lists its values.
 * With `source` (a schema's name, for a report rather than a UI) each line also says which rule of which
 * schema: `[#/components/schemas/EmailDomain: rule "required" at #/required]`.
 */
export function describeErrors(where: string, errors: ErrorObject[] | null | undefined, source?: string): string[] {
  return (errors ?? []).map((e) => {
    const line = `${where}${e.instancePath} ${ruleText(e)}`;
    // The schema path without the id the spec is registered under (everything before `#`).
    return source === undefined ? line : `${line} [${source}: rule "${e.keyword}" at ${e.schemaPath.replace(/^[^#]*/, "")}]`;
  });
}

function ruleText(e: ErrorObject): string {
  switch (e.keyword) {
    case "additionalProperties":
      return `must NOT have additional property "${String(e.params["additionalProperty"])}"`;
    case "required":
      return `must have required property "${String(e.params["missingProperty"])}"`;
    case "pattern": {
      const text: unknown = (e.parentSchema as Record<string, unknown> | undefined)?.[ERROR_MESSAGE_KEYWORD];
      return typeof text === "string" ? text : `must match pattern "${String(e.params["pattern"])}"`;
    }
    case "enum": {
      const allowed = e.params["allowedValues"] as unknown[];
      return `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`;
    }
    case "type":
      return `must be ${String(e.params["type"]).split(",").join(" or ")}`;
    default:
      return e.message ?? "is invalid";
  }
}
