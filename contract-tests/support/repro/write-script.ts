// Turns a Repro (format.ts) into the fixed reproduction script of the contract kit: POSIX sh and curl only.
//   - BASE_URL (default: the server it failed against); keys and account ids from CONTRACT_API_KEY,
//     CONTRACT_ACCOUNT_ID, CONTRACT_OTHER_API_KEY, CONTRACT_OTHER_ACCOUNT_ID (only those the steps use);
//     no key is ever written into the script;
//   - every step prints the call, what the contract expects, what the server answered when the suite ran
//     and what it answers now;
//   - a domain a step creates (a POST answered 2xx with an "id") is deleted when the script ends, however it ends;
//   - exit 1 when the server still breaks the rule, 0 when it keeps it, 2 when the script could not run.
import type { BodyPart, FieldShape, KeyUse, Repro, ReproStep } from "./format.js";
import { comment, placeholdersIn, quote, variableOf, word } from "./shell.js";

export interface ScriptOptions {
  /** The header that carries the API key (from the spec's security scheme). */
  apiKeyHeader: string;
  /** Values that must never appear in the script (the run's API keys): replaced by `<redacted>`. */
  secrets: string[];
}

const SHOWN = 2_000;

const keyVar: Record<"A" | "B", string> = { A: "CONTRACT_API_KEY", B: "CONTRACT_OTHER_API_KEY" };
const keyWords = (key: KeyUse): string => {
  if (key.who === "none") return "0 ''";
  if (key.who === "wrong") return `1 ${word(key.value)}`;
  return `1 "\${${keyVar[key.who]}}"`;
};
const keyLabel = (key: KeyUse): string =>
  key.who === "A" ? "account A's key ($CONTRACT_API_KEY)" : key.who === "B" ? "account B's key ($CONTRACT_OTHER_API_KEY)" : key.who === "none" ? "no key" : "a key of no account";

function bodyCommands(parts: BodyPart[], file: string): string[] {
  const out = [`: > ${file}`];
  for (const part of parts) {
    if (typeof part === "string") out.push(`printf '%s' ${word(part)} >> ${file}`);
    else out.push(`repeat ${quote(part.repeat)} ${part.times} >> ${file}`);
  }
  return out;
}

const bodyPreview = (parts: BodyPart[]): string =>
  parts.map((p) => (typeof p === "string" ? p : `<${p.times} x ${JSON.stringify(p.repeat)}>`)).join("").slice(0, SHOWN);

/** Every text of a step that may hold placeholders. */
function textsOf(step: ReproStep): string[] {
  const body = (step.call.body ?? []).flatMap((p) => (typeof p === "string" ? [p] : []));
  return [step.call.path, ...body, ...(step.expected?.contains ?? []), ...(step.expected?.lacks ?? [])];
}

function variablesNeeded(repro: Repro): string[] {
  const needed = new Set<string>();
  for (const step of repro.steps) {
    for (const text of textsOf(step)) for (const name of placeholdersIn(text)) if (!name.startsWith("created:") && name !== "run") needed.add(variableOf(name));
    if (step.call.key.who === "A" || step.call.key.who === "B") needed.add(keyVar[step.call.key.who]);
  }
  const order = ["CONTRACT_API_KEY", "CONTRACT_ACCOUNT_ID", "CONTRACT_OTHER_API_KEY", "CONTRACT_OTHER_ACCOUNT_ID"];
  return order.filter((v) => needed.has(v));
}

function checkReferences(repro: Repro): void {
  repro.steps.forEach((step, i) => {
    for (const name of textsOf(step).flatMap(placeholdersIn)) {
      const n = /^created:(\d+)$/.exec(name)?.[1];
      if (n !== undefined && !(Number(n) >= 1 && Number(n) <= i)) throw new Error(`step ${i + 1} uses {${name}}, which is not an earlier step`);
    }
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
  }
  if (actual) out.push(`echo ${quote(`  when the suite ran: ${actual.status} ${actual.body.slice(0, SHOWN)}`.replace(/\s*\n\s*/g, " "))}`);
  out.push(`send ${quote(call.method)} ${word(call.path)} ${keyWords(call.key)} ${quote(call.contentType ?? "")} ${call.body === undefined ? "''" : file}`);
  out.push(`capture_id ${n} ${quote(call.method)} ${word(call.path.replace(/\?.*$/, ""))} ${call.key.who === "B" ? "B" : call.key.who === "A" ? "A" : "-"}`);
  if (expected) {
    out.push(`expect_status ${quote(expected.status.join(" "))}`);
    for (const c of expected.contains ?? []) out.push(`expect_body contains ${word(c)}`);
    for (const l of expected.lacks ?? []) out.push(`expect_body lacks ${word(l)}`);
    if (expected.mediaType) out.push(`expect_media ${quote(expected.mediaType.toLowerCase())}`);
    for (const f of expected.shape ?? []) out.push(`expect_field ${quote(ere(f.name))} ${quote(f.types.join(" "))} ${quote((f.enum ?? []).map(ere).join("|"))} ${quote(shapeLabel(f))}`);
    out.push("verdict");
  }
  return out;
}

const shapeLabel = (f: FieldShape) => `${f.name} (${f.enum ? `one of ${f.enum.join("|")}` : f.types.join(" or ")}${f.enum && f.types.length > 1 ? ` or ${f.types.filter((t) => t !== "string").join(" or ")}` : ""})`;
/** A literal for a POSIX extended regular expression. */
const ere = (text: string) => text.replace(/[\\.[\]{}()*+?^$|]/g, "\\$&");

const redact = (text: string, secrets: string[]) => secrets.filter((s) => s.length > 0).reduce((t, s) => t.split(s).join("<redacted>"), text);

/** The script's text for a Repro. Throws when a step refers to a later step's id. */
export function reproScript(repro: Repro, options: ScriptOptions): string {
  checkReferences(repro);
  const vars = variablesNeeded(repro);
  const total = repro.steps.length;
  const head = [
    "#!/bin/sh",
    comment(`Reproduction of a contract failure: ${repro.title}`),
    comment(`Rule broken: ${repro.rule}`),
    ...(repro.replay ? [comment(`Replay in the suite: email-domains-contract --seed ${repro.replay.seed} --replay '${repro.replay.path}'`)] : []),
    "#",
    "# Needs only sh and curl. Server: BASE_URL (default below). Accounts: " + (vars.length > 0 ? vars.join(", ") : "none") + ".",
    "# It creates what it needs and deletes it at the end. Exit 1: the server still breaks the rule;",
    "# 0: it keeps it; 2: the script could not run (a variable missing, the server unreachable).",
    "set -u",
    `FAILED_AGAINST=${word(repro.baseUrl)}`,
    'BASE_URL="${BASE_URL:-$FAILED_AGAINST}"',
    `BASE_URL="\${BASE_URL%/}"`,
    ...vars.map((v) => `if [ -z "\${${v}:-}" ]; then echo ${quote(`set ${v} (see the comments at the top of this script)`)} >&2; exit 2; fi`),
    `KEY_HEADER=${quote(options.apiKeyHeader)}`,
    'RUN="r$(date +%s)$$"',
    'WORK="${TMPDIR:-/tmp}/contract-repro.$$"',
    'mkdir "$WORK" || exit 2',
    "CREATED=''",
    "STATUS=''",
    "BROKEN=0",
    RUNTIME,
  ];
  const steps = repro.steps.flatMap((step, i) => stepLines(step, i + 1, total));
  const tail = ["", 'echo "the server keeps the rule: exit 0"', "exit 0", ""];
  return redact([...head, ...steps, ...tail].join("\n"), options.secrets);
}

// The functions every script shares. `send` leaves the status in $STATUS and the answer in $WORK/answer.
const RUNTIME = String.raw`
cleanup() {
  for entry in $CREATED; do
    who=${"${entry%%:*}"}; rest=${"${entry#*:}"}
    if [ "$who" = B ]; then key=${"${CONTRACT_OTHER_API_KEY:-}"}; else key=${"${CONTRACT_API_KEY:-}"}; fi
    curl -sS -o /dev/null --max-time 30 -X DELETE -H "$KEY_HEADER: $key" "$BASE_URL$rest" || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

# repeat TEXT N: TEXT N times, without a newline.
repeat() {
  awk 'BEGIN { s = ARGV[1]; n = ARGV[2] + 0; out = ""; while (n > 0) { if (n % 2) out = out s; s = s s; n = int(n / 2) } printf "%s", out }' "$1" "$2"
}

# send METHOD PATH HAS_KEY KEY CONTENT_TYPE BODY_FILE
send() {
  method=$1; url="$BASE_URL$2"; has_key=$3; key=$4; ctype=$5; body=$6
  set -- -sS -o "$WORK/answer" -w '%{http_code} %{content_type}' --max-time 30 -X "$method"
  if [ "$has_key" = 1 ]; then
    if [ -n "$key" ]; then set -- "$@" -H "$KEY_HEADER: $key"; else set -- "$@" -H "$KEY_HEADER;"; fi
  fi
  if [ -n "$ctype" ]; then set -- "$@" -H "content-type: $ctype"; fi
  if [ -n "$body" ]; then set -- "$@" --data-binary "@$body"; fi
  written=$(curl "$@" "$url" 2>"$WORK/curl-error") || written=000
  STATUS=${"${written%% *}"}
  MEDIA=$(printf '%s' "${"${written#* }"}" | sed 's/;.*//; s/[[:space:]]//g' | tr 'A-Z' 'a-z')
  if [ "$STATUS" = 000 ]; then
    echo "  could not reach $url: $(cat "$WORK/curl-error")" >&2
    exit 2
  fi
  echo "  now: $STATUS $(tr '\r\n' '  ' < "$WORK/answer" | cut -c 1-${SHOWN})"
}

# The answer on one line, without the blanks JSON allows around ':' and ','.
compact() {
  tr -d '\r\n' < "$WORK/answer" | sed 's/"[[:space:]]*:[[:space:]]*/":/g; s/[[:space:]]*,[[:space:]]*"/,"/g'
}

# capture_id STEP METHOD COLLECTION_PATH WHO: after a create answered 2xx, remember the new id (ID_<step>)
# and delete it at the end.
capture_id() {
  [ "$2" = POST ] || return 0
  case "$STATUS" in 2??) ;; *) return 0 ;; esac
  id=$(compact | tr ',' '\n' | sed -n 's/^[{[:space:]]*"id":"\([^"]*\)".*/\1/p' | head -n 1)
  [ -n "$id" ] || return 0
  eval "ID_$1=\$id"
  CREATED="$CREATED $4:$3/$id"
}

expect_status() {
  for s in $1; do [ "$STATUS" = "$s" ] && return 0; done
  echo "  BROKEN: answered $STATUS, expected $1"
  BROKEN=1
}

# expect_body contains|lacks FRAGMENT
expect_body() {
  if compact | grep -qF -- "$2"; then found=1; else found=0; fi
  if [ "$1" = contains ] && [ $found = 0 ]; then echo "  BROKEN: the body does not contain $2"; BROKEN=1; fi
  if [ "$1" = lacks ] && [ $found = 1 ]; then echo "  BROKEN: the body contains $2"; BROKEN=1; fi
}

expect_media() {
  [ "$MEDIA" = "$1" ] && return 0
  echo "  BROKEN: media type $MEDIA, expected $1"
  BROKEN=1
}

# expect_field NAME TYPES ENUM LABEL: a top-level property of that type (and one of the enum's values).
expect_field() {
  pattern=''
  for t in $2; do
    case $t in
      string) if [ -n "$3" ]; then p="\"($3)\""; else p='"'; fi ;;
      number) p='-?[0-9]' ;;
      boolean) p='(true|false)' ;;
      null) p='null' ;;
      object) p='[{]' ;;
      array) p='[[]' ;;
      *) p='' ;;
    esac
    pattern="${"${pattern:+$pattern|}"}$p"
  done
  if compact | grep -qE "\"$1\":($pattern)"; then return 0; fi
  echo "  BROKEN: no field $4"
  BROKEN=1
}

verdict() {
  if [ "$BROKEN" = 1 ]; then echo "the server still breaks the rule: exit 1"; exit 1; fi
  echo "  ok"
}`;
