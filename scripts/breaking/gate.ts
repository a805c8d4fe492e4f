// The breaking-change gate: the changes between two bundled specs, each judged breaking or not, and the
// verdict (a breaking change passes only when info.version raises the major above the base's).
import { readFile } from "node:fs/promises";
import { describeLocation, whatChanged, whyBreaking, whyNotBreaking } from "./describe-change.js";
import { kitRules } from "./kit-rules.js";
import { redoclyDiff, type Impact } from "./redocly-diff.js";
import { componentOf, operationsUsing, type Json } from "./spec-pointer.js";
import { parseVersion } from "./version.js";
import type { BrokenUse } from "./usage-impact.js";

export interface Change {
  breaking: boolean;
  impact: Impact;
  /** `redocly/<ruleId>` for a verdict of redocly diff, `redocly/<impact>` for a change without one, `kit/...` for the kit's own rules. */
  rule: string;
  /** Readable: operation, request or response, field. */
  where: string;
  /** JSON pointer of the change in the bundled spec (as redocly reports it: under the first operation using it). */
  pointer: string;
  /** Where the edit was made, when that is a shared component, and which operations use it. */
  definedAt?: string;
  usedBy?: string[];
  what: string;
  why: string;
  /** With --usage only: the uses of the given consumers this change breaks (empty: none of them uses it). */
  uses?: BrokenUse[];
}

function opName(op: { method: string; path: string; operationId?: string }): string {
  return op.operationId ?? `${op.method.toUpperCase()} ${op.path}`;
}

/** Every change from `baseFile` to `revisionFile` (bundled JSON specs), breaking first. */
export async function diffSpecs(baseFile: string, revisionFile: string, workDir: string): Promise<Change[]> {
  const [base, revision] = (await Promise.all([baseFile, revisionFile].map(async (f) => JSON.parse(await readFile(f, "utf8"))))) as [Json, Json];
  const report = await redoclyDiff(baseFile, revisionFile, workDir);
  const changes: Change[] = [];
  for (const c of report.changes) {
    // Names as consumers know them (the base's), unless the thing is new.
    const specs = c.kind === "added" ? [revision, base] : [base, revision];
    const where = describeLocation(c.path, specs);
    const shared = (pointer: string | undefined): Pick<Change, "definedAt" | "usedBy"> => {
      const component = pointer ? componentOf(pointer) : undefined;
      if (!pointer || !component) return {};
      const users = operationsUsing(c.kind === "removed" ? base : revision, component).map(opName);
      return { definedAt: pointer, usedBy: users };
    };
    const verdicts = c.verdicts.filter((v) => v.impact === "major");
    if (verdicts.length) {
      for (const v of verdicts) {
        changes.push({ breaking: true, impact: "major", rule: `redocly/${v.ruleId}`, where, pointer: c.path, ...shared(v.location?.pointer), what: v.message, why: whyBreaking(v, c.path) });
      }
    } else {
      const pointer = c.revision?.pointer ?? c.base?.pointer;
      changes.push({
        breaking: c.impact === "major",
        impact: c.impact,
        rule: `redocly/${c.impact}`,
        where,
        pointer: c.path,
        ...shared(pointer !== c.path ? pointer : undefined),
        what: c.verdicts[0]?.message ?? whatChanged(c, where),
        why: c.impact === "major" ? "redocly diff rates it a breaking (major) change" : whyNotBreaking(c),
      });
    }
  }
  changes.push(...kitRules(base, revision));
  return changes.sort((a, b) => Number(b.breaking) - Number(a.breaking));
}

export interface Verdict {
  pass: boolean;
  breaking: number;
  nonBreaking: number;
  majorBumped: boolean;
  /** One sentence: why it passes or fails, and what to do. */
  reason: string;
}

/** With --usage: the consumers the verdict speaks for, and whether an unused breaking change blocks too. */
export interface UsageJudgement {
  consumers: string[];
  strict: boolean;
}

/** A breaking change blocks the release unless --usage shows that no given consumer uses it (and not --strict). */
export function blocks(change: Change, usage?: UsageJudgement): boolean {
  return change.breaking && (!usage || usage.strict || (change.uses?.length ?? 0) > 0);
}

export function judge(changes: Change[], baseVersion: string, revisionVersion: string, usage?: UsageJudgement): Verdict {
  if (usage) return judgeWithUsage(changes, baseVersion, revisionVersion, usage);
  const breaking = changes.filter((c) => c.breaking).length;
  const nonBreaking = changes.length - breaking;
  const b = parseVersion(baseVersion);
  const r = parseVersion(revisionVersion);
  const majorBumped = !!b && !!r && r.major > b.major;
  const list = `${nonBreaking} non-breaking change${nonBreaking === 1 ? "" : "s"}`;
  if (breaking === 0) return { pass: true, breaking, nonBreaking, majorBumped, reason: `PASS: no breaking change (${list}).` };
  const n = `${breaking} breaking change${breaking === 1 ? "" : "s"}`;
  if (majorBumped) {
    return { pass: true, breaking, nonBreaking, majorBumped, reason: `PASS: ${n}, allowed because info.version ${revisionVersion} raises the major above ${baseVersion}.` };
  }
  const next = b ? `${b.major + 1}.0.0` : "a new major version";
  return {
    pass: false,
    breaking,
    nonBreaking,
    majorBumped,
    reason: `FAIL: ${n} (and ${list}); info.version ${revisionVersion} does not raise the major above ${baseVersion}. Undo ${breaking === 1 ? "it" : "them"}, or set info.version to ${next} to release them as a new major.`,
  };
}

function judgeWithUsage(changes: Change[], baseVersion: string, revisionVersion: string, usage: UsageJudgement): Verdict {
  const blocking = changes.filter((c) => blocks(c, usage));
  const unusedBreaking = changes.filter((c) => c.breaking && !c.uses?.length);
  const breaking = changes.filter((c) => c.breaking).length;
  const nonBreaking = changes.length - breaking;
  const b = parseVersion(baseVersion);
  const r = parseVersion(revisionVersion);
  const majorBumped = !!b && !!r && r.major > b.major;
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  const who = usage.consumers.join(", ") || "no consumer";
  const used = breaking - unusedBreaking.length;
  const unusedText = `${usage.strict ? " (blocking: --strict)" : " (not blocking)"}`;
  const breakingText =
    used === 0
      ? `${plural(breaking, "breaking change")}, none used by ${who}${unusedText}`
      : `${plural(used, "breaking change")} used by ${who}${unusedBreaking.length ? `, ${unusedBreaking.length} used by none of them${unusedText}` : ""}`;
  const tally = `${breakingText}; ${plural(nonBreaking, "non-breaking change")}`;
  const verdict = { breaking, nonBreaking, majorBumped };
  if (breaking === 0) return { pass: true, ...verdict, reason: `PASS: no breaking change (${plural(nonBreaking, "non-breaking change")}); uses read from ${who}.` };
  if (blocking.length === 0) return { pass: true, ...verdict, reason: `PASS: ${tally}.` };
  if (majorBumped) return { pass: true, ...verdict, reason: `PASS: ${tally}; allowed because info.version ${revisionVersion} raises the major above ${baseVersion}.` };
  const next = b ? `${b.major + 1}.0.0` : "a new major version";
  return {
    pass: false,
    ...verdict,
    reason: `FAIL: ${tally}; info.version ${revisionVersion} does not raise the major above ${baseVersion}. Undo ${blocking.length === 1 ? "it" : "them"}, or set info.version to ${next} to release them as a new major.`,
  };
}
