// A failed test's calls -> its reproduction script under <reports>/repro/, and the sequence in a few lines
// for the JUnit report and the Markdown summary (attached to the test as a "reproduction" annotation).
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { API_KEY_HEADER } from "../spec.js";
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

/** One line per step: the call, what the contract expects, what the server answered (marked where they differ). */
export function sequenceLines(steps: ReproStep[]): string[] {
  return steps.map((step, i) => {
    const expected = step.expected ? `expected ${step.expected.status.join("/")}` : "set-up";
    const actual = step.actual ? `, answered ${step.actual.status}` : "";
    const differs = step.expected && step.actual && !step.expected.status.includes(step.actual.status) ? "  <- differs" : "";
    return `${i + 1}. ${step.call.method} ${step.call.path} (${keyLabel(step)}): ${expected}${actual}${differs}`;
  });
}

export function scriptName(test: FailedTest): string {
  const slug = `${basename(test.file).replace(/\.test\.ts$/, "")}--${test.name}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80);
  const hash = createHash("sha256").update(`${test.file}\n${test.name}`).digest("hex").slice(0, 8);
  return `${slug}-${hash}.sh`;
}

/** Writes the script of a Repro; returns its path relative to the reports folder and the annotation's text. */
export function writeReproScript(repro: Repro, test: FailedTest, where: { reportsDir: string; secrets: string[] }): { script: string; annotation: string } {
  const script = join(REPRO_DIR, scriptName(test));
  mkdirSync(join(where.reportsDir, REPRO_DIR), { recursive: true });
  writeFileSync(join(where.reportsDir, script), reproScript(repro, { apiKeyHeader: API_KEY_HEADER, secrets: where.secrets }), { mode: 0o755 });
  const replay = repro.replay ? [`replay in the suite: --seed ${repro.replay.seed} --replay ${repro.replay.path}`] : [];
  const annotation = [`${script} (sh + curl; exit 1 while the server breaks the rule, 0 once it keeps it)`, ...replay, ...sequenceLines(repro.steps)].join("\n");
  return { script, annotation };
}

/** A failed test's recorded calls, judged by the engine as oracle, as a reproduction script. */
export async function writeReproduction(
  calls: RecordedCall[],
  test: FailedTest,
  where: { baseUrl: string; reportsDir: string; accounts: Accounts },
): Promise<{ script: string; annotation: string }> {
  const { steps, foreignIds } = abstractCalls(calls, where.accounts);
  const repro: Repro = {
    title: `${test.file}: ${test.name}`,
    rule: test.message.split("\n").find((l) => l.trim() !== "")?.trim() ?? "(no message)",
    baseUrl: where.baseUrl,
    steps: await judgeSteps(steps, foreignIds),
  };
  return writeReproScript(repro, test, { reportsDir: where.reportsDir, secrets: secretsOf(where.accounts) });
}

export const secretsOf = (accounts: Accounts): string[] => [accounts.own.apiKey, ...(accounts.other ? [accounts.other.apiKey] : [])];
