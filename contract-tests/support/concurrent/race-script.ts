// The racing reproduction of a concurrent failure (issue 25, item 4), in the form of every reproduction script
// of the kit (POSIX sh + curl, BASE_URL and the CONTRACT_* variables, its own data created and deleted, no key
// written): a few set-up calls, then the overlapping calls, each client's in order, released together from a
// barrier, then the accounts read whole. A race does not show every time: it tries up to `tries` times, each try
// with names of its own, and judges each try by the outcomes the engine computed for every order the calls
// may take (race-outcomes.ts): the try is explained when one outcome's facts all hold.
// Exit 1 at the first try no order explains, 0 when every try was explained, 2 when it could not run.
//
// Facts are lines `LABEL FIELD VALUE` about one answer: s1.. the set-up calls, c1.1.. client 1's calls, a1..
// the reads after. FIELD is `status`, `id` (a symbol: the label of the call that created the domain), a field
// of the answer's domain (compact JSON, the try's name token written {run}), `ids` (a list's domains of this
// try, as sorted symbols), or `SYMBOL FIELD` for one domain of a whole-account read (`a1#c2.1 description`).
// An outcome holds a fact's value (`=`), or says it is the value another answer showed (`~`): where the spec
// leaves the outcome of a DNS check to the server, the statuses a read shows are the last check's.
import type { KeyUse, ReproCall } from "../repro/format.js";
import { scriptRuntime } from "../repro/script-runtime.js";
import { quote, word } from "../repro/shell.js";
import { bodyCommands, keyLabel, keyWords, redact, scriptHead, variablesNeeded, type ScriptOptions } from "../repro/write-script.js";

export type OutcomeFact = { at: string; field: string; equals: string } | { at: string; field: string; sameAs: { at: string; field: string } };

/** One order's outcome: facts that must all hold. */
export type Outcome = OutcomeFact[];

export interface RaceRepro {
  title: string;
  rule: string;
  baseUrl: string;
  /** Accounts emptied before each try (the failing run deleted their own domains first, to race for the first default). */
  startEmpty: { collection: string; key: KeyUse }[];
  /** Accounts that must hold a domain when a try starts (they did when the race ran); else the script cannot run (exit 2). */
  startHeld: { collection: string; key: KeyUse }[];
  /** Sequential calls before the race; `{created:N}` in a later path is the id set-up call N created. */
  setup: ReproCall[];
  /** The overlapping calls, per client, in each client's order. */
  clients: ReproCall[][];
  /** Accounts read whole after the race (the state it left). */
  after: { collection: string; key: KeyUse }[];
  /** Every outcome some allowed order gives (deduplicated). */
  outcomes: Outcome[];
  /** Fields of a domain the facts are about (the domain answers' other fields are the server's: ids, times, tokens). */
  fields: string[];
  tries: number;
  /** The failing history for a person: who sent what, when, what came back (comment lines). */
  timeline: string[];
}

export const setupLabel = (n: number) => `s${n}`;
export const raceLabel = (client: number, call: number) => `c${client}.${call}`;
export const afterLabel = (n: number) => `a${n}`;

/** The functions the racing scripts add to the shared runtime. */
const raceRuntime = String.raw`
LC_ALL=C; export LC_ALL

# new_run TRY: a name token of this try's own (8 characters, as the suite's names were long).
new_run() {
  RUN=$(awk -v p=$$ -v t="$1" 'BEGIN { srand(); printf "%08x", (int(rand() * 2147483647) + p * 7919 + t * 104729) % 2147483648 }')
}

# race_send OUT METHOD PATH HAS_KEY KEY CONTENT_TYPE BODY_FILE: one call of a racing client (a background job):
# the status into OUT.status, the answer into OUT.answer.
race_send() {
  out=$1; method=$2; url="$BASE_URL$3"; has_key=$4; key=$5; ctype=$6; body=$7
  set -- -sS -o "$out.answer" -w '%{http_code}' --max-time 30 -X "$method"
  if [ "$has_key" = 1 ]; then
    if [ -n "$key" ]; then set -- "$@" -H "$KEY_HEADER: $key"; else set -- "$@" -H "$KEY_HEADER;"; fi
  fi
  if [ -n "$ctype" ]; then set -- "$@" -H "content-type: $ctype"; fi
  if [ -n "$body" ]; then set -- "$@" --data-binary "@$body"; fi
  : > "$out.answer"
  curl "$@" "$url" > "$out.status" 2> "$out.error" || echo 000 > "$out.status"
}

# barrier: the client jobs said they are ready (a file each); holding the FIFO's write end open releases every
# job waiting to open it at once (and lets a late one through).
release() {
  n=0
  while [ "$(ls "$T" | grep -c '^ready-')" -lt "$1" ] && [ $n -lt 400 ]; do sleep 0.01 2>/dev/null || sleep 1; n=$((n + 1)); done
  exec 3> "$T/go"
  wait
  exec 3>&-
}

# took LABEL: the answer of a racing call, as send leaves one ($STATUS, $WORK/answer); exit 2 when it got none.
took() {
  STATUS=$(cat "$T/$1.status"); cp "$T/$1.answer" "$WORK/answer"
  if [ "$STATUS" = 000 ]; then echo "  $1: could not reach the server: $(cat "$T/$1.error")" >&2; exit 2; fi
  echo "  $1 answered $STATUS $(tr '\r\n' '  ' < "$WORK/answer" | cut -c 1-300)"
}

# name_created SYMBOL WHO COLLECTION_PATH: after a create answered 2xx, its id stands for SYMBOL in the facts
# (unless an earlier answer gave it already), and it is deleted after the try.
name_created() {
  case "$STATUS" in 2??) ;; *) return 0 ;; esac
  id=$(compact | tr ',' '\n' | sed -n 's/^[{[:space:]]*"id":"\([^"]*\)".*/\1/p' | head -n 1)
  [ -n "$id" ] || return 0
  grep -q "^$id	" "$T/ids" || printf '%s\t%s\n' "$id" "$1" >> "$T/ids"
  printf '%s\t%s\n' "$2" "$3/$id" >> "$T/made"
  CREATED="$CREATED $2:$3/$id"
}

# facts LABEL MODE: the facts of the answer in $WORK/answer (MODE one: a domain; list: its domains of this try;
# all: each of them, field by field) into $T/facts.
facts() {
  printf '%s\tstatus\t%s\n' "$1" "$STATUS" >> "$T/facts"
  tabulate "$WORK/answer" > "$WORK/table"
  facts_of "$1" "$2" "$WORK/table"
}

facts_of() {
  awk -F '\t' -v label="$1" -v mode="$2" -v run="$RUN" -v fields="$FIELDS" '
    function symbol(id, name) { if (id in sym) return sym[id]; if (index(name, run) > 0) return "?"; return "" }
    function unrun(x) { gsub(run, "{run}", x); return x }
    FNR == NR { sym["\"" $1 "\""] = $2; next }
    { if (!(($1) in seen)) { seen[$1] = 1; order[++n] = $1 } v[$1 SUBSEP $2] = $3 }
    END {
      nf = split(fields, F, " ")
      if (mode == "one") {
        el = order[1]
        if (n == 0 || !((el SUBSEP "id") in v)) exit 0
        print label "\tid\t" symbol(v[el SUBSEP "id"], v[el SUBSEP "domain"])
        for (f = 1; f <= nf; f++) if ((el SUBSEP F[f]) in v) print label "\t" F[f] "\t" unrun(v[el SUBSEP F[f]])
        exit 0
      }
      m = 0
      for (i = 1; i <= n; i++) { s = symbol(v[order[i] SUBSEP "id"], v[order[i] SUBSEP "domain"]); if (s != "") { list[++m] = s; of[s] = order[i] } }
      for (i = 2; i <= m; i++) { x = list[i]; for (j = i - 1; j >= 1 && list[j] > x; j--) list[j + 1] = list[j]; list[j + 1] = x }
      ids = ""; for (i = 1; i <= m; i++) ids = ids (i > 1 ? " " : "") list[i]
      print label "\tids\t" ids
      if (mode != "all") exit 0
      for (i = 1; i <= m; i++) for (f = 1; f <= nf; f++) if ((of[list[i]] SUBSEP F[f]) in v) print label "#" list[i] "\t" F[f] "\t" unrun(v[of[list[i]] SUBSEP F[f]])
    }' "$T/ids" "$3" >> "$T/facts"
}

# read_all LABEL COLLECTION HAS_KEY KEY: every page of an account, kept as one answer (right after the race: a
# lagging read shows there); all_facts LABEL then gives its facts (mode all).
read_all() {
  : > "$T/$1.all"; ra_start=0; ra_pages=0; echo 200 > "$T/$1.status"
  while [ $ra_pages -lt 200 ]; do
    send GET "$2?start=$ra_start" "$3" "$4" '' ''
    if [ "$STATUS" != 200 ]; then echo "$STATUS" > "$T/$1.status"; break; fi
    tabulate "$WORK/answer" > "$WORK/table"
    ra_n=$(awk -F '\t' '{ print $1 }' "$WORK/table" | sort -u | wc -l | tr -d ' ')
    [ "$ra_n" -gt 0 ] || break
    awk -F '\t' -v off=$ra_start 'BEGIN { OFS = "\t" } { $1 = $1 + off; print }' "$WORK/table" >> "$T/$1.all"
    ra_start=$((ra_start + ra_n)); ra_pages=$((ra_pages + 1))
  done
}

all_facts() {
  printf '%s\tstatus\t%s\n' "$1" "$(cat "$T/$1.status")" >> "$T/facts"
  facts_of "$1" all "$T/$1.all"
}

# explained: the number of the first outcome whose facts all hold in $T/facts; else prints where the closest
# outcome differs and fails.
explained() {
  awk -F '\t' '
    FNR == NR { seen[$1 SUBSEP $2] = $3; next }
    function got(at, f) { return ((at SUBSEP f) in seen) ? seen[at SUBSEP f] : "(nothing)" }
    $0 == "--" {
      if (bad == 0) { print "  explained by the order of outcome " k; found = 1; exit 0 }
      if (best == "" || bad < bestn) { best = why; bestn = bad }
      k++; bad = 0; why = ""; next
    }
    {
      want = $1 == "=" ? $4 : got($4, $5)
      if (got($2, $3) != want) { bad++; why = why "\n  BROKEN: " $2 " " $3 " is " got($2, $3) ", this order gives " want ($1 == "~" ? " (as " $4 " showed)" : "") }
    }
    BEGIN { k = 1 }
    END { if (!found) { print "  no order of the calls explains this try; the closest differs in:" best; exit 1 } }
  ' "$T/facts" "$WORK/outcomes"
}

# not_empty COLLECTION HAS_KEY KEY: the account holds a domain, as it did when the race ran (whether a create
# becomes the default depends on it); exit 2 when it holds none.
not_empty() {
  send GET "$1?start=0" "$2" "$3" '' ''
  if [ "$STATUS" != 200 ] || [ -z "$(ids_of "$WORK/table")" ]; then echo "  cannot start: the account of $1 held domains when the race ran, and holds none now (answered $STATUS)" >&2; exit 2; fi
}

# forget_try: delete what this try created.
forget_try() {
  while IFS='	' read -r who path; do
    if [ "$who" = B ]; then key=${"${CONTRACT_OTHER_API_KEY:-}"}; else key=${"${CONTRACT_API_KEY:-}"}; fi
    curl -sS -o /dev/null --max-time 30 -X DELETE -H "$KEY_HEADER: $key" "$BASE_URL$path" || true
  done < "$T/made"
}
`;

const collection = (call: ReproCall) => call.path.replace(/\?.*$/, "");
const whoOf = (key: KeyUse) => (key.who === "B" ? "B" : "A");

/** The lines of one call: its body into a file, and the words `send` and `race_send` take after the path. */
function callWords(call: ReproCall, file: string): { body: string[]; words: string } {
  const body = call.body === undefined ? [] : bodyCommands(call.body, file);
  return { body, words: `${keyWords(call.key)} ${quote(call.contentType ?? "")} ${call.body === undefined ? "''" : file}` };
}

const isCreate = (call: ReproCall) => call.method === "POST";
const isList = (call: ReproCall) => call.method === "GET" && !/\/email-domains\/[^/?]+/.test(call.path);

function setupLines(repro: RaceRepro): string[] {
  return repro.setup.flatMap((call, i) => {
    const n = i + 1;
    const { body, words } = callWords(call, `"$T/body-s${n}"`);
    return [
      `echo ${quote(`${setupLabel(n)}: ${call.method} `)}"$BASE_URL"${word(call.path)} ${quote(`(${keyLabel(call.key)})`)}`,
      ...body,
      `send ${quote(call.method)} ${word(call.path)} ${words}`,
      ...(isCreate(call) ? [`capture_id ${n} POST ${word(collection(call))} ${whoOf(call.key)}`, `name_created ${setupLabel(n)} ${whoOf(call.key)} ${word(collection(call))}`] : []),
      `echo "$STATUS" > "$T/${setupLabel(n)}.status"; cp "$WORK/answer" "$T/${setupLabel(n)}.answer"`,
    ];
  });
}

/** The set-up answers' facts, once the race is over: nothing slow stands between the set-up and the race. */
const setupFacts = (repro: RaceRepro): string[] => repro.setup.map((call, i) => `took ${setupLabel(i + 1)} > /dev/null; facts ${setupLabel(i + 1)} ${isList(call) ? "list" : "one"}`);

function raceLines(repro: RaceRepro): string[] {
  // Bodies are written before the release, so that nothing but curl stands between the barrier and the request.
  const bodies: string[] = [];
  const jobs = repro.clients.map((calls, k) => {
    const lines = calls.map((call, i) => {
      const label = raceLabel(k + 1, i + 1);
      const { body, words } = callWords(call, `"$T/body-${label}"`);
      bodies.push(...body);
      return `race_send "$T/${label}" ${quote(call.method)} ${word(call.path)} ${words}`;
    });
    return [`( touch "$T/ready-${k + 1}"; : < "$T/go"`, ...lines.map((l) => `  ${l}`), ") &"];
  });
  const answers = repro.clients.flatMap((calls, k) =>
    calls.flatMap((call, i) => {
      const label = raceLabel(k + 1, i + 1);
      return [`took ${label}`, ...(isCreate(call) ? [`name_created ${label} ${whoOf(call.key)} ${word(collection(call))}`] : []), `facts ${label} ${isList(call) ? "list" : "one"}`];
    }),
  );
  const described = repro.clients.flatMap((calls, k) => calls.map((call, i) => `echo ${quote(`${raceLabel(k + 1, i + 1)} (client ${k + 1}): ${call.method} `)}"$BASE_URL"${word(call.path)} ${quote(`(${keyLabel(call.key)})`)}`));
  // The accounts are read right after the race (a read that lags shows there), the answers judged after that.
  const reads = repro.after.map((a, i) => `echo ${quote(`${afterLabel(i + 1)}: every page of `)}"$BASE_URL"${word(a.collection)}; read_all ${afterLabel(i + 1)} ${word(a.collection)} ${keyWords(a.key)}`);
  const readFacts = repro.after.map((_, i) => `all_facts ${afterLabel(i + 1)}`);
  return ["echo 'released together:'", ...described, ...bodies, 'mkfifo "$T/go" || exit 2', ...jobs.flat(), `release ${repro.clients.length}`, ...reads, ...answers, ...readFacts];
}

const factLine = (f: OutcomeFact) => ("equals" in f ? ["=", f.at, f.field, f.equals] : ["~", f.at, f.field, f.sameAs.at, f.sameAs.field]).join("\t");

/** The script's text for a racing reproduction. */
export function raceScript(repro: RaceRepro, options: ScriptOptions): string {
  const calls = [...repro.setup, ...repro.clients.flat()];
  const reads = [...repro.after, ...repro.startEmpty, ...repro.startHeld].map((a) => ({ call: { method: "GET", path: a.collection, key: a.key } }));
  const vars = variablesNeeded({ steps: [...calls.map((call) => ({ call })), ...reads] });
  const created = repro.setup.flatMap((c, i) => (isCreate(c) ? [`ID_${i + 1}=''`] : []));
  const outcomes = repro.outcomes.flatMap((o) => [...o.map(factLine), "--"]);
  const head = [
    ...scriptHead({
      title: `Racing reproduction of a concurrent failure: ${repro.title}`,
      rule: repro.rule,
      baseUrl: repro.baseUrl,
      vars,
      apiKeyHeader: options.apiKeyHeader,
      comments: ["", `It sends ${repro.clients.flat().length} calls of ${repro.clients.length} clients released together, up to ${repro.tries} times; each try is judged`, `by the ${repro.outcomes.length} outcomes the engine gives for the orders the calls may take. The failing history:`, ...repro.timeline],
    }),
    "STATUS=''",
    "BROKEN=0",
    scriptRuntime,
    raceRuntime,
    `FIELDS=${quote(repro.fields.join(" "))}`,
    `TRIES=\${CONTRACT_RACE_TRIES:-${repro.tries}}`,
    "# The outcomes: facts (= LABEL FIELD VALUE, or ~ LABEL FIELD LIKE_LABEL LIKE_FIELD), one outcome per block ending in --.",
    `cat > "$WORK/outcomes" <<'OUTCOMES'`,
    ...outcomes,
    "OUTCOMES",
  ];
  const body = [
    "try=1",
    'while [ "$try" -le "$TRIES" ]; do',
    '  new_run "$try"; T="$WORK/try-$try"; mkdir "$T" || exit 2; : > "$T/facts"; : > "$T/ids"; : > "$T/made"',
    ...created.map((l) => `  ${l}`),
    '  echo "try $try of $TRIES (names with $RUN):"',
    ...repro.startEmpty.map((e) => `  start_from ${word(e.collection)} ${keyWords(e.key)} ''`),
    ...repro.startHeld.map((e) => `  not_empty ${word(e.collection)} ${keyWords(e.key)}`),
    ...[...setupLines(repro), ...raceLines(repro), ...setupFacts(repro)].map((l) => `  ${l}`),
    "  if ! explained; then forget_try; echo \"the server still breaks the rule (try $try): exit 1\"; exit 1; fi",
    "  forget_try",
    "  try=$((try + 1))",
    "done",
    'echo "every try was explained by some order of the calls: exit 0"',
    "exit 0",
    "",
  ];
  return redact([...head, "", ...body].join("\n"), options.secrets);
}
