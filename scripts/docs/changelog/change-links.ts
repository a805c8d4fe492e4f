// What a change of the gate touches, as links into the docs page: the operation its pointer lies in, the
// operations that use the shared component it edits, the schema itself, or the overview (info, servers,
// the document's security). Pure: works on the bundled specs.
import type { Change } from "../../breaking/gate.js";
import { get, operationsUsing, segments, type Json } from "../../breaking/spec-pointer.js";
import { OVERVIEW_ANCHOR, operationAnchor, schemaAnchor } from "../anchors.js";
import type { ChangelogLink } from "./changelog-types.js";

function operationIdAt(specs: Json[], path: string, method: string): string | undefined {
  for (const spec of specs) {
    const id = (get(spec, ["paths", path, method]) as { operationId?: unknown } | undefined)?.operationId;
    if (typeof id === "string") return id;
  }
  return undefined;
}

/** `specs`: the revision first, then the base (a removed thing is found in the base). */
export function changeLinks(change: Change, specs: Json[]): ChangelogLink[] {
  const links: ChangelogLink[] = [];
  const add = (label: string, anchor: string) => {
    if (!links.some((l) => l.anchor === anchor)) links.push({ label, anchor });
  };
  const segs = segments(change.pointer);
  const [kind, section, name] = segs;
  if (kind === "paths" && section !== undefined) {
    const method = segs[2];
    const id = method ? operationIdAt(specs, section, method) : undefined;
    if (id) add(id, operationAnchor(id));
    else for (const spec of specs) for (const op of Object.values((get(spec, ["paths", section]) ?? {}) as Record<string, { operationId?: unknown }>)) if (typeof op?.operationId === "string") add(op.operationId, operationAnchor(op.operationId));
  }
  const component = change.definedAt ?? (kind === "components" && section && name ? `#/components/${section}/${name}` : undefined);
  if (component) {
    const [, componentSection, componentName] = segments(component);
    if (componentSection === "schemas" && componentName) add(componentName, schemaAnchor(componentName));
    const users = change.usedBy?.length ? change.usedBy : [...new Set(specs.flatMap((spec) => operationsUsing(spec, component).map((op) => op.operationId)))];
    for (const user of users) if (user && !/\s/.test(user)) add(user, operationAnchor(user));
  }
  if (links.length === 0) add("overview", OVERVIEW_ANCHOR);
  return links;
}
