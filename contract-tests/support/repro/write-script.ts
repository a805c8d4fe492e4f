// Turns a Repro (format.ts) into the fixed reproduction script of the contract kit: POSIX sh and curl only.
//   - BASE_URL (default: the server it failed against); keys and account ids from CONTRACT_API_KEY,
//     CONTRACT_ACCOUNT_ID, CONTRACT_OTHER_API_KEY, CONTRACT_OTHER_ACCOUNT_ID (only those the steps use);
//     no key is ever written into the script;
//   - every step prints the call, what the contract expects, what the server answered when the suite ran
//     and what it answers now;
//   - a domain a step creates (a POST answered 2xx with an "id") is deleted when the script ends, however it ends;
//   - exit 1 when the server still breaks the rule, 0 when it keeps it, 2 when the script could not run.
import { INVARIANT_FACTS } from "../invariants.js";
import type { BodyPart, FieldShape, KeyUse, Repro, ReproExpectation, ReproStep } from "./format.js";
import { SHOWN, scriptRuntime } from "./script-runtime.js";
import { comment, placeholdersIn, quote, variableOf, word } from "./shell.js";

export interface ScriptOptions {
  /** The header that carries the API key (from the spec's security scheme). */
  apiKeyHeader: string;
  /** Values that must never appear in the script (the run's API keys): replaced by `<redacted>`. */
  secrets: string[];
}


const keyVar: Record<"A" | "B", string> = { A: "CONTRACT_API_KEY", B: "CONTRACT_OTHER_API_KEY" };
export const keyWords = (key: KeyUse): string => {
  if (key.who === "none") return "0 ''";
  if (key.who === "wrong") return `1 ${word(key.value)}`;
  return `1 "\${${keyVar[key.who]}}"`;
};
export const keyLabel = (key: KeyUse): string =>
  key.who === "A" ? "account A's key ($CONTRACT_API_KEY)" : key.who === "B" ? "account B's key ($CONTRACT_OTHER_API_KEY)" : key.who === "none" ? "no key" : "a key of no account";

export function bodyCommands(parts: BodyPart[], file: string): string[] {
  const out = [`: > ${file}`];
  for (const part of parts) {
    if (typeof part === "string") out.push(`printf '%s' ${word(part)} >> ${file}`);
    else out.push(`repeat ${quote(part.repeat)} ${part.times} >> ${file}`);
  }
  return out;
}

const bodyPreview = (parts: BodyPart[]): string =>
  parts.map((p) => (typeof p === "string" ? p : `<${p.times} x ${JSON.stringify(p.repeat)}>`)).join("").slice(0, SHOWN);

/** The texts of a step's call that may hold placeholders: they can only name ids of earlier steps. */
function callTexts(step: ReproStep): string[] {
  const body = (step.call.body ?? []).flatMap((p) => (typeof p === "string" ? [p] : []));
  return [step.call.path, ...body];
}

/** The texts of a step's expectation that may hold placeholders: they may also name the id the step itself created. */
function expectationTexts(step: ReproStep): string[] {
  const e = step.expected;
  const facts = (e?.fields ?? []).flatMap((f) => [f.id, ...(f.equals === undefined ? [] : [f.equals])]);
  return [...(e?.contains ?? []), ...(e?.lacks ?? []), ...facts, ...(e?.order ?? [])];
}

const textsOf = (step: ReproStep): string[] => [...callTexts(step), ...expectationTexts(step)];

/** The earlier steps an expectation compares with. */
const stepsReferred = (e: ReproExpectation | undefined): number[] => [...(e?.fields ?? []).flatMap((f) => (f.sameAsStep === undefined ? [] : [f.sameAsStep])), ...(e?.sliceOf ? [e.sliceOf.step] : []), ...(e?.sameIdsAs ? [e.sameIdsAs] : [])];

/** The CONTRACT_* variables a Repro's calls use (its keys and placeholders), in their usual order. */
export function variablesNeeded(repro: Pick<Repro, "steps" | "startFrom">): string[] {
  const needed = new Set<string>();
  for (const step of repro.steps) {
    for (const text of textsOf(step)) for (const name of placeholdersIn(text)) if (!name.startsWith("created:") && name !== "run") needed.add(variableOf(name));
    if (step.call.key.who === "A" || step.call.key.who === "B") needed.add(keyVar[step.call.key.who]);
  }
  for (const start of repro.startFrom ?? []) {
    for (const name of placeholdersIn(start.collection)) if (!name.startsWith("created:") && name !== "run") needed.add(variableOf(name));
    if (start.key.who === "A" || start.key.who === "B") needed.add(keyVar[start.key.who]);
  }
  const order = ["CONTRACT_API_KEY", "CONTRACT_ACCOUNT_ID", "CONTRACT_OTHER_API_KEY", "CONTRACT_OTHER_ACCOUNT_ID"];
  return order.filter((v) => needed.has(v));
}

function checkReferences(repro: Repro): void {
  const check = (texts: string[], i: number, last: number) => {
    for (const name of texts.flatMap(placeholdersIn)) {
      const n = /^created:(\d+)$/.exec(name)?.[1];
      if (n !== undefined && !(Number(n) >= 1 && Number(n) <= last)) throw new Error(`step ${i + 1} uses {${name}}, which is not an earlier step`);
    }
  };
  repro.steps.forEach((step, i) => {
    check(callTexts(step), i, i);
    check(expectationTexts(step), i, i + 1);
    for (const n of stepsReferred(step.expected)) if (!(n >= 1 && n <= i)) throw new Error(`step ${i + 1} compares with step ${n}, which is not an earlier step`);
  });
}

function stepLines(step: ReproStep, n: number, total: number): string[] {
  const { call, expected, actual } = step;
  const file = `"$WORK/body-${n}"`;
  const out = ["", comment(`Step ${n}: ${call.method} ${call.path}`)];
  out.push(`echo ${quote(`step ${n}/${total}:`)} ${quote(`${call.method} `)}"$BASE_URL"${word(call.path)} ${quote(`(${keyLabel(call.key)})`)}`);
  if (call.body !== undefined) {
    out.push(...bodyCommands(call.body, file));
    out.push(`echo ${quote(`  body${call.contentType ? ` (${call.contentType})` : ""}:`)} ${word(bodyPreview(call.body))}`);
  }
  if (expected) {
    out.push(`echo ${quote(`  expected: ${expected.status.join(" or ")}${expected.rule ? `: ${expected.rule}` : ""}`)}`);
    for (const c of expected.contains ?? []) out.push(`echo ${quote("  expected body to contain:")} ${word(c)}`);
    for (const l of expected.lacks ?? []) out.push(`echo ${quote("  expected body not to contain:")} ${word(l)}`);
    if (expected.mediaType) out.push(`echo ${quote(`  expected media type: ${expected.mediaType}`)}`);
    if (expected.shape?.length) out.push(`echo ${quote(`  expected fields: ${expected.shape.map(shapeLabel).join(", ")}`)}`);
    if (expected.onlyFields) out.push(`echo ${quote(`  expected no fields but: ${expected.onlyFields.join(", ")}`)}`);
    if (expected.sameIdsAs) out.push(`echo ${quote(`  expected the same domains as step ${expected.sameIdsAs} (nothing was created or deleted since)`)}`);
    if (expected.sliceOf) out.push(`echo ${quote(`  expected the ids of step ${expected.sliceOf.step}'s list from its index ${expected.sliceOf.from} on, in order`)}`);
    for (const h of expected.headers ?? []) out.push(`echo ${quote(`  expected header ${h.name} to list: ${h.lists.join(", ")}`)}`);
    if (expected.invariants) out.push(`echo ${quote("  expected every domain to keep the invariants of the EmailDomain schema")}`);
  }
  if (actual) out.push(`echo ${quote(`  when the suite ran: ${actual.status} ${actual.body.slice(0, SHOWN)}`.replace(/\s*\n\s*/g, " "))}`);
  out.push(`send ${quote(call.method)} ${word(call.path)} ${keyWords(call.key)} ${quote(call.contentType ?? "")} ${call.body === undefined ? "''" : file}`);
  out.push(`capture_id ${n} ${quote(call.method)} ${word(call.path.replace(/\?.*$/, ""))} ${call.key.who === "B" ? "B" : call.key.who === "A" ? "A" : "-"}`);
  out.push(`keep ${n}`);
  if (expected) {
    out.push(`expect_status ${quote(expected.status.join(" "))}`);
    for (const c of expected.contains ?? []) out.push(`expect_body contains ${word(c)}`);
    for (const l of expected.lacks ?? []) out.push(`expect_body lacks ${word(l)}`);
    if (expected.mediaType) out.push(`expect_media ${quote(expected.mediaType.toLowerCase())}`);
    if (expected.shape?.length) out.push(`expect_fields ${expected.shape.map((f) => [f.name, f.types.join(" "), (f.enum ?? []).map(ere).join("|"), shapeLabel(f)].map(quote).join(" ")).join(" \\\n  ")}`);
    if (expected.onlyFields) out.push(`expect_only ${quote(expected.onlyFields.join(" "))}`);
    // Printed here, not with the rest: they may name the id this very step created.
    for (const f of expected.fields ?? []) {
      const what = f.equals !== undefined ? ` = ${f.equals}` : ` as in step ${f.sameAsStep}`;
      out.push(`echo ${quote("  expected")} ${word(`${f.field} of ${f.id}${what}`)}${f.why ? ` ${quote(`(${f.why})`)}` : ""}`);
    }
    if (expected.order?.length) out.push(`echo ${quote("  expected in this order:")} ${expected.order.map(word).join(" ")}`);
    for (const f of expected.fields ?? []) {
      if (f.equals !== undefined) out.push(`expect_value ${word(f.id)} ${quote(f.field)} ${word(f.equals)}`);
      else if (f.sameAsStep !== undefined) out.push(`expect_same ${word(f.id)} ${quote(f.field)} ${f.sameAsStep}`);
    }
    if (expected.order?.length) out.push(`expect_order ${expected.order.map(word).join(" ")}`);
    if (expected.sameIdsAs) out.push(`expect_same_ids ${expected.sameIdsAs}`);
    if (expected.sliceOf) out.push(`expect_slice ${expected.sliceOf.step} ${expected.sliceOf.from}`);
    for (const h of expected.headers ?? []) out.push(`expect_header ${quote(h.name)} ${h.lists.map(quote).join(" ")}`);
    if (expected.invariants) out.push(`expect_invariants ${[INVARIANT_FACTS.isVerified, INVARIANT_FACTS.verifiedWhenAll.join(" "), INVARIANT_FACTS.completedPairs.map((p) => `${p.completed}:${p.status}`).join(" "), INVARIANT_FACTS.finalStatuses.join(" ")].map(quote).join(" ")}`);
    out.push("verdict");
  }
  return out;
}

const shapeLabel = (f: FieldShape) => `${f.name} (${f.enum ? `one of ${f.enum.join("|")}` : f.types.join(" or ")}${f.enum && f.types.length > 1 ? ` or ${f.types.filter((t) => t !== "string").join(" or ")}` : ""})`;
/** A literal for a POSIX extended regular expression. */
const ere = (text: string) => text.replace(/[\\.[\]{}()*+?^$|]/g, "\\$&");

export const redact = (text: string, secrets: string[]) => secrets.filter((s) => s.length > 0).reduce((t, s) => t.split(s).join("<redacted>"), text);

/** The steps whose created id some text refers to. */
function createdRefs(repro: Repro): number[] {
  const steps = repro.steps.flatMap(textsOf).flatMap(placeholdersIn).flatMap((name) => /^created:(\d+)$/.exec(name)?.[1] ?? []);
  return [...new Set(steps.map(Number))].sort((a, b) => a - b);
}

/**
 * The lines every script starts with: what it reproduces, how to run it, BASE_URL and the account variables
 * (exit 2 when one is missing), the key header, RUN (8 characters unique to a run: a name keeps the length it had
 * when the suite ran), the work folder and the list of domains to delete at the end.
 */
export function scriptHead(h: { title: string; rule: string; baseUrl: string; vars: string[]; apiKeyHeader: string; comments: string[] }): string[] {
  return [
    "#!/bin/sh",
    comment(h.title),
    comment(`Rule broken: ${h.rule}`),
    ...h.comments.map(comment),
    "#",
    "# Needs only sh and curl. Server: BASE_URL (default below). Accounts: " + (h.vars.length > 0 ? h.vars.join(", ") : "none") + ".",
    "# It creates what it needs and deletes it at the end. Exit 1: the server still breaks the rule;",
    "# 0: it keeps it; 2: the script could not run (a variable missing, the server unreachable).",
    "set -u",
    `FAILED_AGAINST=${word(h.baseUrl)}`,
    'BASE_URL="${BASE_URL:-$FAILED_AGAINST}"',
    `BASE_URL="\${BASE_URL%/}"`,
    ...h.vars.map((v) => `if [ -z "\${${v}:-}" ]; then echo ${quote(`set ${v} (see the comments at the top of this script)`)} >&2; exit 2; fi`),
    `KEY_HEADER=${quote(h.apiKeyHeader)}`,
    `RUN=$(${NEW_RUN})`,
    'WORK="${TMPDIR:-/tmp}/contract-repro.$$"',
    'mkdir "$WORK" || exit 2',
    "CREATED=''",
  ];
}

/** A command printing 8 hex characters unique to one run (and, called again, to one try of it). */
export const NEW_RUN = "awk -v p=$$ 'BEGIN { srand(); printf \"%08x\", (int(rand() * 2147483647) + p) % 2147483648 }'";

/** The script's text for a Repro. Throws when a step refers to a later step's id. */
export function reproScript(repro: Repro, options: ScriptOptions): string {
  checkReferences(repro);
  const vars = variablesNeeded(repro);
  const total = repro.steps.length;
  const head = [
    ...scriptHead({ title: `Reproduction of a contract failure: ${repro.title}`, rule: repro.rule, baseUrl: repro.baseUrl, vars, apiKeyHeader: options.apiKeyHeader, comments: repro.replay ? [`Replay in the suite: email-domains-contract --seed ${repro.replay.seed} --replay '${repro.replay.path}'`] : [] }),
    // Every id a step may refer to is defined, also when its create failed (the step that needs it then says so).
    ...createdRefs(repro).map((n) => `ID_${n}=''`),
    "STATUS=''",
    "BROKEN=0",
    scriptRuntime,
  ];
  const start = (repro.startFrom ?? []).flatMap((f) => [
    "",
    comment("Start where the sequence started: it deleted domains the account held before (--model-delete-existing)."),
    `start_from ${word(f.collection)} ${keyWords(f.key)} ${quote(f.ids.join(" "))}`,
  ]);
  const steps = [...start, ...repro.steps.flatMap((step, i) => stepLines(step, i + 1, total))];
  const tail = ["", 'echo "the server keeps the rule: exit 0"', "exit 0", ""];
  return redact([...head, ...steps, ...tail].join("\n"), options.secrets);
}
