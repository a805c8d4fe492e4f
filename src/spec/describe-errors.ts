// Turns Ajv's error objects into messages a person can act on. Pure: shared by the runtime-compiled
// validators (Node) and the precompiled ones (browser).
import type { ErrorObject } from "ajv";

/** One readable line per Ajv error, naming where (`body/domain`, `query/start`) and the rule that failed. */
export function describeErrors(where: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const at = where + e.instancePath;
    if (e.keyword === "additionalProperties") {
      return `${at} must NOT have additional property "${String(e.params["additionalProperty"])}"`;
    }
    if (e.keyword === "required") return `${at} must have required property "${String(e.params["missingProperty"])}"`;
    return `${at} ${e.message ?? "is invalid"}`;
  });
}
