// Which uses of the given consumers a change breaks: its targets (change-targets.ts) matched against each
// consumer's manifest (written by `npx email-domains-usage` in the consumer's project).
import type { CallUsage, ReadField, SentField, UsageManifest } from "../../src/usage/usage-manifest.js";
import { targetsOf, type Target } from "./change-targets.js";
import type { Change } from "./gate.js";
import { componentPlaces } from "./schema-places.js";
import type { Json } from "./spec-pointer.js";

/** One use a change breaks: "storefront 2.3.0: src/settings/domain-list.ts:41 reads `dkimStatus`". */
export interface BrokenUse {
  consumer: string;
  file: string;
  line: number;
  operationId: string;
  what: string;
}

export const consumerLabel = (m: UsageManifest): string => `${m.consumer.name} ${m.consumer.version}`;
export const useText = (u: BrokenUse): string => `${u.consumer}: ${u.file}:${u.line} ${u.what}`;

/** `a.b` is under `a`, and `a` is under `""` (the whole body). */
const under = (field: string, parent: string): boolean => parent === "" || field === parent || field.startsWith(`${parent}.`);

const isSuccess = (status: string): boolean => /^2/.test(status);

function statusMatches(status: number, documented: string): boolean {
  if (/^\dXX$/i.test(documented)) return String(status)[0] === documented[0];
  return String(status) === documented;
}

function callsOf(manifest: UsageManifest, target: Target): CallUsage[] {
  return manifest.calls.filter((c) => (target.op.operationId ? c.operationId === target.op.operationId : c.method === target.op.method && c.path === target.op.path));
}

function readWhat(r: ReadField): string {
  const of = r.of === "error" ? " of an error body" : "";
  if (!r.every) return `reads \`${r.field}\`${of}`;
  return `uses every field${r.field ? ` of \`${r.field}\`` : ""}${of} (${r.how ?? "escapes"})`;
}

function sendWhat(s: SentField): string {
  const where = s.in === "body" ? "" : `${s.in} parameter `;
  if (!s.every) return `sends ${where}\`${s.field}\``;
  return `sends every ${s.in === "body" ? "body" : s.in} property${s.field ? ` of \`${s.field}\`` : ""} (${s.how ?? "built elsewhere"})`;
}

/** The uses in one manifest that `target` breaks. */
function usesIn(manifest: UsageManifest, target: Target): BrokenUse[] {
  const consumer = consumerLabel(manifest);
  const uses: BrokenUse[] = [];
  for (const call of callsOf(manifest, target)) {
    const use = (at: { file: string; line: number }, what: string) => uses.push({ consumer, file: at.file, line: at.line, operationId: call.operationId, what });
    const wholeCall = () => use(call, `calls \`${call.operationId}\` (${call.callee})`);
    switch (target.kind) {
      case "operation":
        wholeCall();
        break;
      case "status":
        if (isSuccess(target.status)) wholeCall();
        else for (const s of call.statuses) if (statusMatches(s.status, target.status)) use(s, `tells apart status ${s.status}`);
        break;
      case "request":
        for (const s of call.sends) {
          if (s.in !== target.in) continue;
          if (under(s.field, target.field) || under(target.field, s.field) || (s.every && under(target.field, s.field))) use(s, sendWhat(s));
        }
        break;
      case "response": {
        const of = isSuccess(target.status) ? "data" : "error";
        for (const r of call.reads) {
          if (r.of !== of) continue;
          if (under(r.field, target.field) || (r.every && under(target.field, r.field))) use(r, readWhat(r));
        }
        break;
      }
    }
  }
  return uses;
}

/** Every use that any of `targets` breaks, across the manifests, each once, in file order per consumer. */
export function brokenUses(manifests: UsageManifest[], targets: Target[]): BrokenUse[] {
  const found = new Map<string, BrokenUse>();
  for (const manifest of manifests) {
    for (const target of targets) for (const use of usesIn(manifest, target)) found.set(useText(use), use);
  }
  return [...found.values()].sort((a, b) => a.consumer.localeCompare(b.consumer) || a.file.localeCompare(b.file) || a.line - b.line || a.what.localeCompare(b.what));
}

/** The changes, each breaking one with the uses of the given consumers it breaks. */
export function attachUses(changes: Change[], specs: { base: Json; revision: Json }, manifests: UsageManifest[]): Change[] {
  const places = componentPlaces(specs.base);
  return changes.map((c) => (c.breaking ? { ...c, uses: brokenUses(manifests, targetsOf(c, specs, places)) } : c));
}
