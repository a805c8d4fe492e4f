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

function variablesNeeded(repro: Repro): string[] {
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
    for (const f of expected.shape ?? []) out.push(`expect_field ${quote(ere(f.name))} ${quote(f.types.join(" "))} ${quote((f.enum ?? []).map(ere).join("|"))} ${quote(shapeLabel(f))}`);
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

const redact = (text: string, secrets: string[]) => secrets.filter((s) => s.length > 0).reduce((t, s) => t.split(s).join("<redacted>"), text);

/** The steps whose created id some text refers to. */
function createdRefs(repro: Repro): number[] {
  const steps = repro.steps.flatMap(textsOf).flatMap(placeholdersIn).flatMap((name) => /^created:(\d+)$/.exec(name)?.[1] ?? []);
  return [...new Set(steps.map(Number))].sort((a, b) => a - b);
}

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
    // 8 characters, so that a name keeps the length it had when the suite ran (a length limit stays where it was).
    "RUN=$(awk -v p=$$ 'BEGIN { srand(); printf \"%08x\", (int(rand() * 2147483647) + p) % 2147483648 }')",
    'WORK="${TMPDIR:-/tmp}/contract-repro.$$"',
    'mkdir "$WORK" || exit 2',
    "CREATED=''",
    // Every id a step may refer to is defined, also when its create failed (the step that needs it then says so).
    ...createdRefs(repro).map((n) => `ID_${n}=''`),
    "STATUS=''",
    "BROKEN=0",
    RUNTIME,
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
  set -- -sS -o "$WORK/answer" -D "$WORK/headers" -w '%{http_code} %{content_type}' --max-time 30 -X "$method"
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
  tabulate "$WORK/answer" > "$WORK/table"
}

# tabulate FILE: the top-level properties of a JSON object, or of each object of a JSON array, one per line:
# <element> TAB <name> TAB <value as compact JSON> (blanks outside strings dropped; nested values kept whole).
tabulate() {
  tr -d '\r\n' < "$1" | awk '
    function emit() {
      if (match(m, /^"([^"\\]|\\.)*":/)) print el "\t" substr(m, 2, RLENGTH - 3) "\t" substr(m, RLENGTH + 1)
      m = ""
    }
    { s = s $0 }
    END {
      n = length(s); d = 0; ins = 0; esc = 0; el = -1; kd = 0; m = ""
      for (i = 1; i <= n; i++) {
        c = substr(s, i, 1)
        if (ins) { if (esc) esc = 0; else if (c == "\\") esc = 1; else if (c == "\"") ins = 0; if (kd && d >= kd) m = m c; continue }
        if (c == " " || c == "\t") continue
        if (c == "\"") { ins = 1; if (kd && d >= kd) m = m c; continue }
        if (c == "{" || c == "[") {
          d++
          if (d == 1) { kd = c == "{" ? 1 : 2; if (kd == 1) el = 0 }
          else if (d == 2 && kd == 2) { if (c == "{") el++; m = "" }
          else m = m c
          continue
        }
        if (c == "}" || c == "]") { if (d == kd) emit(); else if (d > kd) m = m c; d--; continue }
        if (c == "," && d == kd) { emit(); continue }
        if (kd && d >= kd) m = m c
      }
    }'
}

# keep STEP: this answer's table, for later steps that compare with it.
keep() {
  cp "$WORK/table" "$WORK/table-$1"
}

# value_of TABLE ID FIELD: the field's value in the domain with that id (exit 1 when there is none).
value_of() {
  awk -F '\t' -v id="\"$2\"" -v f="$3" '{ e[NR] = $1; k[NR] = $2; v[NR] = $3; if ($2 == "id" && $3 == id) hit[$1] = 1 }
    END { for (i = 1; i <= NR; i++) if ((e[i] in hit) && k[i] == f) { print v[i]; exit 0 } exit 1 }' "$1"
}

# ids_of TABLE: the ids of the answer's domains, in order, one per line.
ids_of() {
  awk -F '\t' '$2 == "id" { print substr($3, 2, length($3) - 2) }' "$1"
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

# expect_only NAMES: no top-level property but these.
expect_only() {
  extra=$(awk -F '\t' -v names=" $1 " 'index(names, " " $2 " ") == 0 { print $2 }' "$WORK/table" | sort -u | tr '\n' ' ')
  [ -z "$extra" ] && return 0
  echo "  BROKEN: properties the schema does not have: $extra"
  BROKEN=1
}

# expect_value ID FIELD JSON: the field of that domain has this value.
expect_value() {
  if ! got=$(value_of "$WORK/table" "$1" "$2"); then echo "  BROKEN: no domain $1 with a $2 in the answer"; BROKEN=1; return 0; fi
  [ "$got" = "$3" ] && return 0
  echo "  BROKEN: $2 of $1 is $got, expected $3"
  BROKEN=1
}

# expect_same ID FIELD STEP: the field of that domain is what step STEP answered (when that step showed it).
expect_same() {
  before=$(value_of "$WORK/table-$3" "$1" "$2") || return 0
  if ! got=$(value_of "$WORK/table" "$1" "$2"); then echo "  BROKEN: no domain $1 with a $2 in the answer"; BROKEN=1; return 0; fi
  [ "$got" = "$before" ] && return 0
  echo "  BROKEN: $2 of $1 is $got, step $3 answered $before, and this call leaves it as it was"
  BROKEN=1
}

# expect_order ID...: those of these ids the answer shows, it shows in this order.
expect_order() {
  shown=$(ids_of "$WORK/table" | while read -r id; do for want in "$@"; do [ "$id" = "$want" ] && printf '%s ' "$id"; done; done)
  wanted=$(for want in "$@"; do [ -n "$want" ] && case " $shown" in *" $want "*) printf '%s ' "$want" ;; esac; done)
  [ "$shown" = "$wanted" ] && return 0
  echo "  BROKEN: the list shows them in the order $shown; expected $wanted"
  BROKEN=1
}

# expect_slice STEP FROM: this list continues step STEP's list from its index FROM (as far as that one goes).
expect_slice() {
  ids_of "$WORK/table" > "$WORK/ids-now"
  ids_of "$WORK/table-$1" | tail -n +"$(($2 + 1))" > "$WORK/ids-then"
  now=$(wc -l < "$WORK/ids-now"); then=$(wc -l < "$WORK/ids-then")
  if [ "$now" -gt "$then" ]; then common=$then; else common=$now; fi
  if [ "$now" -eq 0 ] && [ "$then" -gt 0 ]; then echo "  BROKEN: an empty page, but step $1's list goes on from index $2"; BROKEN=1; return 0; fi
  [ "$(head -n "$common" "$WORK/ids-now")" = "$(head -n "$common" "$WORK/ids-then")" ] && return 0
  echo "  BROKEN: the page lists $(tr '\n' ' ' < "$WORK/ids-now"); step $1's list from index $2 on: $(tr '\n' ' ' < "$WORK/ids-then")"
  BROKEN=1
}

# expect_same_ids STEP: this list shows exactly the domains step STEP's did, in the same order.
expect_same_ids() {
  [ "$(ids_of "$WORK/table")" = "$(ids_of "$WORK/table-$1")" ] && return 0
  echo "  BROKEN: the list shows $(ids_of "$WORK/table" | tr '\n' ' '); step $1 showed $(ids_of "$WORK/table-$1" | tr '\n' ' ')"
  BROKEN=1
}

# expect_header NAME VALUE...: the header lists each value (comma-separated, any order).
expect_header() {
  name=$1; shift
  line=$(tr -d '\r' < "$WORK/headers" | grep -i "^$name:" | tail -n 1 | sed 's/^[^:]*:[[:space:]]*//')
  for want in "$@"; do
    case ",$(printf '%s' "$line" | tr -d ' \t')," in *",$want,"*) ;; *) echo "  BROKEN: header $name is '$line', expected it to list $want"; BROKEN=1 ;; esac
  done
}

# expect_invariants VERIFIED ALL_VERIFIED PAIRS FINAL: for every domain of the answer, VERIFIED is true exactly
# when each status in ALL_VERIFIED is "verified", and each COMPLETED:STATUS pair's time is set once its status is final.
expect_invariants() {
  problems=$(awk -F '\t' -v verified="$1" -v all="$2" -v pairs="$3" -v final="$4" '
    { v[$1 SUBSEP $2] = $3; els[$1] = 1 }
    END {
      na = split(all, A, " "); np = split(pairs, P, " "); nf = split(final, F, " ")
      for (f = 1; f <= nf; f++) fin["\"" F[f] "\""] = 1
      for (e in els) {
        if (!((e SUBSEP verified) in v)) continue
        id = v[e SUBSEP "id"]; gsub(/"/, "", id)
        want = "true"; for (a = 1; a <= na; a++) if (v[e SUBSEP A[a]] != "\"verified\"") want = "false"
        if (v[e SUBSEP verified] != want) printf "domain %s: %s is %s, expected %s from %s\n", id, verified, v[e SUBSEP verified], want, all
        for (p = 1; p <= np; p++) { split(P[p], q, ":"); if ((v[e SUBSEP q[2]] in fin) && v[e SUBSEP q[1]] == "null") printf "domain %s: %s is %s but %s is null\n", id, q[2], v[e SUBSEP q[2]], q[1] }
      }
    }' "$WORK/table")
  [ -z "$problems" ] && return 0
  printf '%s\n' "$problems" | sed 's/^/  BROKEN: /'
  BROKEN=1
}

# start_from COLLECTION HAS_KEY KEY IDS: the account holds exactly the domains IDS, as when the sequence
# started; every other domain of it is deleted. Exit 2 when one of IDS is gone (the start cannot be had).
start_from() {
  sf_collection=$1; sf_has=$2; sf_key=$3; sf_keep=" $4 "
  echo "start: the account of $sf_collection is to hold exactly: ${"${4:-no domain}"}"
  : > "$WORK/held"; sf_start=0; sf_pages=0
  while [ $sf_pages -lt 200 ]; do
    send GET "$sf_collection?start=$sf_start" "$sf_has" "$sf_key" '' ''
    if [ "$STATUS" != 200 ]; then echo "  cannot read the account's domains (answered $STATUS)" >&2; exit 2; fi
    ids_of "$WORK/table" > "$WORK/page"
    sf_n=$(wc -l < "$WORK/page" | tr -d ' ')
    [ "$sf_n" -gt 0 ] || break
    cat "$WORK/page" >> "$WORK/held"; sf_start=$((sf_start + sf_n)); sf_pages=$((sf_pages + 1))
  done
  for sf_id in $(cat "$WORK/held"); do
    case "$sf_keep" in *" $sf_id "*) ;; *) send DELETE "$sf_collection/$sf_id" "$sf_has" "$sf_key" '' '' ;; esac
  done
  for sf_id in $4; do
    if ! grep -qx "$sf_id" "$WORK/held"; then echo "  cannot start: domain $sf_id, which the account held when the suite ran, is gone" >&2; exit 2; fi
  done
}

verdict() {
  if [ "$BROKEN" = 1 ]; then echo "the server still breaks the rule: exit 1"; exit 1; fi
  echo "  ok"
}`;
