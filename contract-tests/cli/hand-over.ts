// Before the CLI reports a reproduction script it checks it (support/repro/verify.ts): against the target
// (exit 1) and against the kit's engine with the same accounts (exit 0), several at a time. A script that
// does not pass is withheld: deleted from the reports folder, and its failure says "no standalone
// reproduction" with the reason instead (the calls it made stay listed).
import { rmSync } from "node:fs";
import { join } from "node:path";
import { NO_REPRODUCTION } from "../support/repro/on-failure.js";
import { verifyReproductions, type VerifyOptions } from "../support/repro/verify.js";
import type { SuiteOutcome } from "../support/reports/outcome.js";

/** Scripts checked at the same time: each is a few short processes per call, against two servers. */
const CONCURRENT_SCRIPTS = 6;

export interface HandOver {
  /** Scripts checked, handed over (they hold) and withheld. */
  checked: number;
  handedOver: number;
  withheld: number;
  ms: number;
}

const scriptOf = (reproduction: string | undefined) => /^(\S+\.sh) /.exec(reproduction ?? "")?.[1];

export async function handOverScripts(outcome: SuiteOutcome, reportDir: string, verify: VerifyOptions): Promise<HandOver> {
  const started = Date.now();
  const failures = outcome.tests.filter((t) => t.state === "failed" && scriptOf(t.reproduction) !== undefined);
  const scripts = [...new Set(failures.map((t) => scriptOf(t.reproduction)!))];
  const verdicts = await verifyReproductions(scripts.map((s) => join(reportDir, s)), verify, CONCURRENT_SCRIPTS);
  const withheld = new Map<string, string>();
  scripts.forEach((script, i) => {
    const verdict = verdicts[i]!;
    if (verdict.holds) return;
    withheld.set(script, verdict.reason ?? "it does not hold");
    rmSync(verdict.script, { force: true });
  });
  for (const t of failures) {
    const reason = withheld.get(scriptOf(t.reproduction)!);
    if (reason === undefined) continue;
    const [, ...calls] = t.reproduction!.split("\n");
    t.reproduction = [`${NO_REPRODUCTION}: the script of these calls was withheld: ${reason}`, ...calls].join("\n");
  }
  return { checked: scripts.length, handedOver: scripts.length - withheld.size, withheld: withheld.size, ms: Date.now() - started };
}
