// A failed test's calls -> its reproduction script under <reports>/repro/, and the sequence in a few lines
// for the JUnit report and the Markdown summary (attached to the test as a "reproduction" annotation).
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { API_KEY_HEADER } from "../spec.js";
import { brokenMark, violationOf } from "./broken-step.js";
import type { Repro, ReproStep } from "./format.js";
import { judgeSteps } from "./oracle.js";
import type { RecordedCall } from "./recorder.js";
import { abstractCalls, type Accounts } from "./to-repro.js";
import { reproScript } from "./write-script.js";

export const REPRO_DIR = "repro";
/** The name of the extra error a failed test carries: its reproduction. */
export const REPRO_ERROR_NAME = "Reproduction";

export interface FailedTest {
  /** Suite file, e.g. `isolation.test.ts`. */
  file: string;
  name: string;
  message: string;
}

const keyLabel = (step: ReproStep) => (step.call.key.who === "wrong" ? "a wrong key" : step.call.key.who === "none" ? "no key" : `key ${step.call.key.who}`);

/** The step (1-based) that broke the contract, and how (broken-step.ts). */
export interface BrokenStep {
  step: number;
  text: string;
}

/**
 * One line per step: the call, what the contract expects, what the server answered, marked where they differ
 * and, on the step that broke the contract, with the field and the rule.
 */
export function sequenceLines(steps: ReproStep[], broken?: BrokenStep): string[] {
  return steps.map((step, i) => {
    const expected = step.expected ? `expected ${step.expected.status.join("/")}` : "set-up";
    const actual = step.actual ? `, answered ${step.actual.status}` : "";
    const differs = step.expected && step.actual && !step.expected.status.includes(step.actual.status) ? "  <- differs" : "";
    const mark = broken?.step === i + 1 ? `  <- ${broken.text}` : differs;
    return `${i + 1}. ${step.call.method} ${step.call.path} (${keyLabel(step)}): ${expected}${actual}${mark}`;
  });
}

/** The first line of the annotation of a failure that has no script, and why. */
export const NO_REPRODUCTION = "no standalone reproduction";

export function scriptName(test: FailedTest): string {
  const slug = `${basename(test.file).replace(/\.test\.ts$/, "")}--${test.name}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80);
  const hash = createHash("sha256").update(`${test.file}\n${test.name}`).digest("hex").slice(0, 8);
  return `${slug}-${hash}.sh`;
}

/**
 * Writes the script of a Repro; returns its path relative to the reports folder (undefined: no script, the
 * annotation says why) and the annotation's text.
 */
export function writeReproScript(
  repro: Repro,
  test: FailedTest,
  where: { reportsDir: string; secrets: string[]; broken?: BrokenStep },
): { script: string | undefined; annotation: string } {
  const replay = repro.replay ? [`replay in the suite: --seed ${repro.replay.seed} --replay ${repro.replay.path}`] : [];
  // A script without a call would say "the server keeps the rule" whatever the server does.
  if (repro.steps.length === 0) return { script: undefined, annotation: [`${NO_REPRODUCTION}: the test failed before it made a call`, ...replay].join("\n") };
  const script = join(REPRO_DIR, scriptName(test));
  mkdirSync(join(where.reportsDir, REPRO_DIR), { recursive: true });
  writeFileSync(join(where.reportsDir, script), reproScript(repro, { apiKeyHeader: API_KEY_HEADER, secrets: where.secrets }), { mode: 0o755 });
  const annotation = [`${script} (sh + curl; exit 1 while the server breaks the rule, 0 once it keeps it)`, ...replay, ...sequenceLines(repro.steps, where.broken)].join("\n");
  return { script, annotation };
}

/** The recorded call that broke the contract (a violation stops the test at that call: its last), and how. */
function brokenStep(calls: RecordedCall[], message: string): BrokenStep | undefined {
  const violation = violationOf(message);
  const last = calls.at(-1);
  if (!violation || !last || last.method !== violation.method || last.status !== violation.status) return undefined;
  return { step: calls.length, text: brokenMark(violation, last.answer) };
}

/** A failed test's recorded calls, judged by the engine as oracle, as a reproduction script. */
export async function writeReproduction(
  calls: RecordedCall[],
  test: FailedTest,
  where: { baseUrl: string; reportsDir: string; accounts: Accounts },
): Promise<{ script: string | undefined; annotation: string }> {
  const { steps, foreignIds } = abstractCalls(calls, where.accounts);
  const repro: Repro = {
    title: `${test.file}: ${test.name}`,
    rule: test.message.split("\n").find((l) => l.trim() !== "")?.trim() ?? "(no message)",
    baseUrl: where.baseUrl,
    steps: await judgeSteps(steps, foreignIds),
  };
  const broken = brokenStep(calls, test.message);
  return writeReproScript(repro, test, { reportsDir: where.reportsDir, secrets: secretsOf(where.accounts), ...(broken ? { broken } : {}) });
}

export const secretsOf = (accounts: Accounts): string[] => [accounts.own.apiKey, ...(accounts.other ? [accounts.other.apiKey] : [])];
