// The shell functions every reproduction script shares (write-script.ts puts them after its variables):
// sending a call, reading the answer (a small JSON tabulator in awk: one line per top-level property of the
// answer's object, or of each object of its array), and the checks each kind of expectation becomes.
// POSIX sh, curl, awk, sed, grep and tr only.

/** How much of an answer a script prints. */
export const SHOWN = 2_000;

// The functions every script shares. `send` leaves the status in $STATUS and the answer in $WORK/answer.
export const scriptRuntime = String.raw`
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

# expect_fields NAME TYPES ENUM LABEL [NAME TYPES ENUM LABEL ...]: each a top-level property of that type (and
# one of the enum's values) in the answer's object, or in every object of its array (each element of a list).
# One awk over the answer's table for them all.
expect_fields() {
  : > "$WORK/fields"
  while [ $# -ge 4 ]; do
    pattern=''
    for t in $2; do
      case $t in
        string) if [ -n "$3" ]; then p="\"($3)\"\$"; else p='"'; fi ;;
        number) p='-?[0-9]' ;;
        boolean) p='(true|false)$' ;;
        null) p='null$' ;;
        object) p='[{]' ;;
        array) p='[[]' ;;
        *) p='' ;;
      esac
      pattern="${"${pattern:+$pattern|}"}$p"
    done
    printf '%s\t^(%s)\t%s\n' "$1" "$pattern" "$4" >> "$WORK/fields"
    shift 4
  done
  # An object answer is element 0 even when it has no property at all.
  case $(tr -d ' \t\r\n' < "$WORK/answer" | cut -c 1) in "{") first=0 ;; *) first='' ;; esac
  problems=$(awk -F '\t' -v first="$first" '
    FILENAME == ARGV[1] { n++; name[n] = $1; pat[n] = $2; label[n] = $3; next }
    { els[$1] = 1; val[$1 SUBSEP $2] = $3; has[$1 SUBSEP $2] = 1 }
    END {
      if (first != "") els[first] = 1
      for (i = 1; i <= n; i++) {
        bad = ""; count = 0
        for (e in els) if (!((e SUBSEP name[i]) in has) || val[e SUBSEP name[i]] !~ pat[i]) { bad = bad " " e; count++ }
        if (count == 0) continue
        if (first != "") printf "no field %s\n", label[i]
        else printf "no field %s in %d element(s):%s\n", label[i], count, bad
      }
    }' "$WORK/fields" "$WORK/table")
  [ -z "$problems" ] && return 0
  printf '%s\n' "$problems" | sed 's/^/  BROKEN: /'
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
