// The kit's own rules, for breaks that `redocly diff` does not see because it compares the resolved
// operations, not the names the generated code is keyed by. Both were found by the edit table in
// breaking-gate.test.ts, where redocly rated them patch:
// - kit/generated-type-removed: a named component (schema, parameter, response, request body, header,
//   path item) removed or renamed. openapi-typescript emits one type per component
//   (`components["schemas"]["EmailDomain"]`), src/api-types.ts aliases them, and consumers import them;
//   a rename with an unchanged shape leaves every operation equal, so redocly sees no change.
// - kit/path-template-renamed: a path template whose parameter was renamed (`{id}` -> `{domainId}`).
//   The URLs on the wire are the same, so redocly matches the paths, but openapi-fetch keys its
//   methods by the literal template and `params.path` by the names: every call of that path stops compiling.
// (redocly diff does catch a renamed operationId and a renamed security header; see the table.)
import type { Change } from "./gate.js";
import { describeLocation } from "./describe-change.js";
import { toPointer, type Json } from "./spec-pointer.js";

/** The component sections openapi-typescript turns into exported types. */
const GENERATED_SECTIONS = ["schemas", "parameters", "responses", "requestBodies", "headers", "pathItems"];

function record(v: Json): Record<string, Json> {
  return typeof v === "object" && v !== null ? (v as Record<string, Json>) : {};
}

function generatedTypeRemoved(base: Json, revision: Json): Change[] {
  const changes: Change[] = [];
  const baseComponents = record(record(base)["components"]);
  const revComponents = record(record(revision)["components"]);
  for (const section of GENERATED_SECTIONS) {
    const before = record(baseComponents[section]);
    const after = record(revComponents[section]);
    for (const [name, value] of Object.entries(before)) {
      if (name in after) continue;
      // The same definition under a new name, when there is one, is a rename.
      const json = JSON.stringify(value);
      const renamedTo = Object.keys(after).find((n) => !(n in before) && JSON.stringify(after[n]) === json);
      const pointer = toPointer(["components", section, name]);
      changes.push({
        breaking: true,
        impact: "major",
        rule: "kit/generated-type-removed",
        where: describeLocation(pointer, [base]),
        pointer,
        what: renamedTo
          ? `\`components.${section}.${name}\` was renamed to \`${renamedTo}\``
          : `\`components.${section}.${name}\` was removed`,
        why: `openapi-typescript exports it as \`components["${section}"]["${name}"]\` (src/api-types.ts and consumers name it), so code that uses the type stops compiling; redocly diff compares resolved operations and does not see a renamed component`,
      });
    }
  }
  return changes;
}

/** `/a/{id}/b` -> `/a/{}/b`: the shape of the URL, as a server matches it. */
function shape(template: string): string {
  return template.replace(/\{[^}]*\}/g, "{}");
}

function pathTemplateRenamed(base: Json, revision: Json): Change[] {
  const before = Object.keys(record(record(base)["paths"]));
  const after = Object.keys(record(record(revision)["paths"]));
  const changes: Change[] = [];
  for (const template of before) {
    if (after.includes(template)) continue;
    // A path whose shape is gone too is reported by redocly as path-removed.
    const renamed = after.find((t) => shape(t) === shape(template) && !before.includes(t));
    if (!renamed) continue;
    const pointer = toPointer(["paths", template]);
    changes.push({
      breaking: true,
      impact: "major",
      rule: "kit/path-template-renamed",
      where: `path ${template}`,
      pointer,
      what: `path template \`${template}\` became \`${renamed}\` (same URLs, other parameter names)`,
      why: "openapi-fetch keys the client's methods by the literal path template and `params.path` by the parameter names, so every call of this path stops compiling; redocly diff matches paths by URL shape and sees no change",
    });
  }
  return changes;
}

export function kitRules(base: Json, revision: Json): Change[] {
  return [...generatedTypeRemoved(base, revision), ...pathTemplateRenamed(base, revision)];
}
