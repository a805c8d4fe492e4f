// The kit's own rules, for what `redocly diff` (2.77.0) does not see. It compares the resolved
// operations, not the names the generated code is keyed by, and skips example values. Each was found
// by the edit table in breaking-gate.test.ts, where redocly reported the edit as patch or not at all:
// - kit/generated-type-removed: a named component (schema, parameter, response, request body, header,
//   path item) removed or renamed. openapi-typescript emits one type per component
//   (`components["schemas"]["EmailDomain"]`), src/api-types.ts aliases them, and consumers import them;
//   a rename with an unchanged shape leaves every operation equal, so redocly sees no change.
// - kit/path-template-renamed: a path template whose parameter was renamed (`{id}` -> `{domainId}`).
//   The URLs on the wire are the same, so redocly matches the paths, but openapi-fetch keys its
//   methods by the literal template and `params.path` by the names: every call of that path stops compiling.
// - kit/example-changed (non-breaking, listed only): redocly diff ignores the values of media-type
//   examples (`example`, and `examples` entries, named or inline), so a changed example would pass unlisted.
// (redocly diff does catch a renamed operationId and a renamed security header; see the table.)
import type { Change } from "./gate.js";
import { describeLocation } from "./describe-change.js";
import { get, operations, segments, toPointer, type Json } from "./spec-pointer.js";

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

interface ExampleSeen {
  value: string;
  users: Set<string>;
}

/** Every example of a request or response media type, keyed by the named example it refers to
 *  (`#/components/examples/X`) or by its own pointer when inline, with the operations showing it. */
function mediaTypeExamples(spec: Json): Map<string, ExampleSeen> {
  const seen = new Map<string, ExampleSeen>();
  const add = (key: string, value: Json, user: string): void => {
    const entry = seen.get(key) ?? { value: JSON.stringify(value) ?? "", users: new Set<string>() };
    entry.users.add(user);
    seen.set(key, entry);
  };
  for (const op of operations(spec)) {
    const at = ["paths", op.path, op.method];
    const user = op.operationId ?? `${op.method.toUpperCase()} ${op.path}`;
    const bodies = [[...at, "requestBody"], ...Object.keys(record(get(spec, [...at, "responses"]))).map((code) => [...at, "responses", code])];
    for (const body of bodies) {
      for (const mediaType of Object.keys(record(get(spec, [...body, "content"])))) {
        const mt = [...body, "content", mediaType];
        const example = get(spec, [...mt, "example"]);
        if (example !== undefined) add(toPointer([...mt, "example"]), example, user);
        for (const [name, raw] of Object.entries(record(get(spec, [...mt, "examples"])))) {
          const ref = record(raw)["$ref"];
          const key = typeof ref === "string" ? ref : toPointer([...mt, "examples", name]);
          add(key, get(spec, [...mt, "examples", name]), user);
        }
      }
    }
  }
  return seen;
}

function exampleChanged(base: Json, revision: Json): Change[] {
  const before = mediaTypeExamples(base);
  const after = mediaTypeExamples(revision);
  const changes: Change[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(key);
    const a = after.get(key);
    if (b && a && b.value === a.value) continue;
    const what = !b ? "example added" : !a ? "example removed" : "example value changed";
    const named = segments(key)[0] === "components";
    changes.push({
      breaking: false,
      impact: "patch",
      rule: "kit/example-changed",
      where: describeLocation(key, named ? [revision, base] : a ? [revision] : [base]),
      pointer: key,
      ...(named ? { definedAt: key } : {}),
      usedBy: [...(a ?? b)!.users],
      what,
      why: "examples document the contract and feed the mock's answers, but change neither what a client may send nor the schema of what it receives (redocly diff does not compare example values; listed by the kit)",
    });
  }
  return changes;
}

export function kitRules(base: Json, revision: Json): Change[] {
  return [...generatedTypeRemoved(base, revision), ...pathTemplateRenamed(base, revision), ...exampleChanged(base, revision)];
}
