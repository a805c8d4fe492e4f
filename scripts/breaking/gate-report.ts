// One run of the gate on two bundled specs: the changes, with --usage the uses of the given consumers each
// breaks and what none of them uses, and the verdict. Used by check-breaking.ts and, in-process, by tests.
import { readFile } from "node:fs/promises";
import type { UsageManifest } from "../../src/usage/usage-manifest.js";
import { diffSpecs, judge } from "./gate.js";
import type { GateReport, SpecLabel } from "./report.js";
import type { Json } from "./spec-pointer.js";
import { unusedApi } from "./unused-api.js";
import { attachUses, consumerLabel } from "./usage-impact.js";

export interface UsageInput {
  manifests: UsageManifest[];
  /** Unused breaking changes block too. */
  strict: boolean;
}

export async function gateReport(files: { base: string; revision: string }, labels: { base: SpecLabel; revision: SpecLabel }, workDir: string, usage?: UsageInput): Promise<GateReport> {
  const changes = await diffSpecs(files.base, files.revision, workDir);
  if (!usage) return { ...labels, verdict: judge(changes, labels.base.version, labels.revision.version), changes };
  const [base, revision] = (await Promise.all([files.base, files.revision].map(async (f) => JSON.parse(await readFile(f, "utf8"))))) as [Json, Json];
  const consumers = [...new Set(usage.manifests.map(consumerLabel))];
  const withUses = attachUses(changes, { base, revision }, usage.manifests);
  return {
    ...labels,
    verdict: judge(withUses, labels.base.version, labels.revision.version, { consumers, strict: usage.strict }),
    changes: withUses,
    usage: { consumers, strict: usage.strict, unused: unusedApi(revision, usage.manifests) },
  };
}
