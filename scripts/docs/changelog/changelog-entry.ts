// One changelog entry from the gate's changes between two specs, or the first release's entry (nothing to
// compare with: its operations, each linked).
import type { Change } from "../../breaking/gate.js";
import { operations, type Json } from "../../breaking/spec-pointer.js";
import { OVERVIEW_ANCHOR, operationAnchor } from "../anchors.js";
import { changeLinks } from "./change-links.js";
import type { ChangelogChange, ChangelogEntry } from "./changelog-types.js";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The kit's example rule lists a whole example added or removed that redocly already listed at the same pointer. */
function withoutRepeats(changes: Change[]): Change[] {
  return changes.filter((c, i) => !(c.rule === "kit/example-changed" && changes.slice(0, i).some((d) => d.pointer === c.pointer && d.breaking === c.breaking)));
}

export function diffEntry(title: string, version: string, released: boolean, comparedWith: string, changes: Change[], specs: { base: Json; revision: Json }): ChangelogEntry {
  const listed: ChangelogChange[] = withoutRepeats(changes).map((c) => ({
    breaking: c.breaking,
    where: c.where,
    what: c.what,
    why: c.why,
    links: changeLinks(c, [specs.revision, specs.base]),
  }));
  const breaking = listed.filter((c) => c.breaking).length;
  const summary = listed.length === 0
    ? `No change to the contract since ${comparedWith}.`
    : `${plural(breaking, "breaking change")}, ${plural(listed.length - breaking, "non-breaking change")} since ${comparedWith}.`;
  return { title, version, released, comparedWith, summary, changes: listed };
}

export function firstReleaseEntry(version: string, spec: Json): ChangelogEntry {
  const ops = operations(spec);
  return {
    title: version,
    version,
    released: true,
    comparedWith: null,
    summary: `First release of the contract: ${plural(ops.length, "operation")}.`,
    changes: ops.map((op) => {
      const id = op.operationId ?? `${op.method.toUpperCase()} ${op.path}`;
      return {
        breaking: false,
        where: `${op.method.toUpperCase()} ${op.path}${op.operationId ? ` (${op.operationId})` : ""}`,
        what: "operation added",
        why: "first release",
        links: [op.operationId ? { label: id, anchor: operationAnchor(op.operationId) } : { label: "overview", anchor: OVERVIEW_ANCHOR }],
      };
    }),
  };
}
