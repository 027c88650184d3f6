# kill -9 the server repeatedly, at random moments, while a streaming import,
# a client of unary upserts and deletes, and a steward (approve, reject,
# merge, split, move) write concurrently. After each crash the invariant
# checker (`mdmd --verify`) passes on the database as the crash left it, and
# after each restart every acknowledged write is there:
#   - every row the import had an answer for (and, once a pass over the
#     file completes, every row of it) is a record;
#   - each upserted or deleted key is in the state its last acknowledged
#     write left (a write that failed may or may not have been applied, so
#     the state of any failed write issued after it is accepted as well);
#   - each pair a steward acted on is together after an acknowledged
#     approve, merge or move, and apart after an acknowledged reject or
#     split (again allowing the effect of a later failed action).
# The kill delays and every client's choices come from one seed, printed
# first; MDM_KILL9_SEED=N repeats them (the moments the kills land still
# vary with timing). MDM_KILL9_ROUNDS and MDM_KILL9_ROWS change the number of
# kills and the size of the import; under AddressSanitizer the import is
# smaller by default.
source "$(dirname "$0")/lib.sh"

"$MDM_BIN/mdmd" --help | grep -q -- "--verify" \
  || fail "mdmd has no --verify flag: the invariant checker is needed"

SEED=${MDM_KILL9_SEED:-$RANDOM}
RANDOM=$SEED
echo "seed $SEED (repeat with MDM_KILL9_SEED=$SEED)"
ROUNDS=${MDM_KILL9_ROUNDS:-5}
if grep -q __asan_init "$MDM_BIN/mdmd"; then
  ROWS=${MDM_KILL9_ROWS:-4000}
else
  ROWS=${MDM_KILL9_ROWS:-15000}
fi
UPSERT_KEYS=24  # ups:u1 .. ups:u24, upserted and deleted at random
PAIRS=8         # stw:a1/stw:b1 .. stw:a8/stw:b8, judged by the steward
DB="$WORK/mdm.db"
# Status codes with which the server refuses a write without applying it;
# any other failure (UNAVAILABLE above all) leaves it unknown.
REFUSED="NOT_FOUND INVALID_ARGUMENT FAILED_PRECONDITION ALREADY_EXISTS"

# A word of syllables from a number (as in lib.sh synthetic_people); the
# clients' names start with letters the import's names never use, so that
# their records match nothing but each other.
word() {
  awk -v x="$1" -v len="$2" 'BEGIN {
    s = "";
    for (k = 0; k < len; k++) { s = s substr("bcdfghjklmnprstvwz", x % 18 + 1, 1) substr("aeiou", int(x / 18) % 5 + 1, 1); x = int(x / 90); }
    print s;
  }'
}

# The import: synthetic people, every fifth a copy of an earlier one.
synthetic_people "$WORK/people.csv" "$ROWS"

# The clients find the server through $WORK/port, rewritten at each start.
publish_port() {
  echo "$PORT" >"$WORK/port.tmp"
  mv "$WORK/port.tmp" "$WORK/port"
}
ctl() { "$MDM_BIN/mdmctl" --server="127.0.0.1:$(cat "$WORK/port")" "$@"; }

# The status code of a failed mdmctl call, from its "... (CODE)" line.
status_code() {
  local code
  code=$(printf '%s\n' "$1" | sed -n 's/.*(\([A-Z_]*\))$/\1/p' | tail -n 1)
  echo "${code:-UNKNOWN}"
}

running() { [ -d "$WORK" ] && [ ! -e "$WORK/stop" ]; }

# Clients call this before each operation: while $WORK/pause names a round,
# they wait, and say so in $WORK/paused.CLIENT.ROUND.
wait_if_paused() {
  local round
  while running && [ -e "$WORK/pause" ]; do
    round=$(cat "$WORK/pause" 2>/dev/null) || true
    [ -z "$round" ] || touch "$WORK/paused.$1.$round"
    sleep 0.05
  done
}

# Imports the file under source imp1, then imp2, ... (each pass links its
# records into the golden records of the earlier ones), re-running an
# interrupted pass until it completes; after $WORK/stop it finishes the pass
# it is in. import.log: "PASS answered N" for each interrupted run (answers
# come in file order, each after its commit), "PASS done" at the end.
import_client() {
  local pass=1 run=0 status answered
  while [ -d "$WORK" ]; do
    run=$((run + 1))
    status=0
    ctl import --type=person --source="imp$pass" --rejects="$WORK/rejects.csv" \
      "$WORK/people.csv" >"$WORK/import.$run.out" 2>&1 || status=$?
    if [ $status -eq 0 ]; then
      echo "$pass done" >>"$WORK/import.log"
      [ ! -e "$WORK/stop" ] || return 0
      pass=$((pass + 1))
      continue
    fi
    if [ $status -ne 6 ]; then
      echo "$pass exit $status" >>"$WORK/import.log"
      return 0
    fi
    answered=$(sed -n 's/^stopped importing .*: \([0-9]*\) rows acknowledged.*/\1/p' \
      "$WORK/import.$run.out")
    echo "$pass answered ${answered:-0}" >>"$WORK/import.log"
    sleep 0.2
  done
}

# Upserts (city=vN, N the operation's number) and deletes keys at random.
# ups.log: "try N KEY upsert vN" or "try N KEY delete -" before the call,
# then "ok N" (acknowledged) or "err N CODE".
upsert_client() {
  RANDOM=$((SEED + 1))
  local n=0 i out log="$WORK/ups.log"
  while running; do
    wait_if_paused ups
    running || break
    n=$((n + 1))
    i=$((RANDOM % UPSERT_KEYS + 1))
    if [ $((RANDOM % 5)) -eq 0 ]; then
      echo "try $n u$i delete -" >>"$log"
      if out=$(ctl delete --type=person ups "u$i" 2>&1); then
        echo "ok $n" >>"$log"
      else
        echo "err $n $(status_code "$out")" >>"$log"
        sleep 0.05
      fi
    else
      echo "try $n u$i upsert v$n" >>"$log"
      if out=$(ctl upsert --type=person --source=ups --id="u$i" \
          --attr given_name="Qu${UPSERT_GIVEN[$i]}" \
          --attr family_name="Ox${UPSERT_FAMILY[$i]}" --attr city="v$n" 2>&1); then
        echo "ok $n" >>"$log"
      else
        echo "err $n $(status_code "$out")" >>"$log"
        sleep 0.05
      fi
    fi
  done
}

# Judges the pairs stw:aI/stw:bI: when apart, approve, merge, move or
# reject; when together, reject, split or approve. Each action's effect on
# the pair is a must-link (together) or a cannot-link (apart), the only
# judgement either record has, so the last one holds.
# stw.log: "try N I ACTION together|apart", then "ok N" or "err N CODE".
steward_client() {
  RANDOM=$((SEED + 2))
  local n=0 i ga gb action effect out status log="$WORK/stw.log"
  while running; do
    wait_if_paused stw
    running || break
    i=$((RANDOM % PAIRS + 1))
    if ! ga=$(ctl resolve stw "a$i" 2>/dev/null | cut -d' ' -f1) \
        || ! gb=$(ctl resolve stw "b$i" 2>/dev/null | cut -d' ' -f1) \
        || [ -z "$ga" ] || [ -z "$gb" ]; then
      sleep 0.1
      continue
    fi
    if [ "$ga" = "$gb" ]; then
      action=$(echo reject split approve | cut -d' ' -f$((RANDOM % 3 + 1)))
    else
      action=$(echo approve merge move reject | cut -d' ' -f$((RANDOM % 4 + 1)))
    fi
    case $action in approve | merge | move) effect=together ;; *) effect=apart ;; esac
    n=$((n + 1))
    echo "try $n $i $action $effect" >>"$log"
    status=0
    case $action in
      approve | reject)
        out=$(ctl --actor=steward candidates "$action" "stw:a$i" "stw:b$i" \
              --reason="n$n" 2>&1) || status=$? ;;
      merge) out=$(ctl --actor=steward merge "$ga" "$gb" --reason="n$n" 2>&1) || status=$? ;;
      split) out=$(ctl --actor=steward split "$ga" "stw:b$i" --reason="n$n" 2>&1) || status=$? ;;
      move) out=$(ctl --actor=steward move "stw:a$i" "$gb" --reason="n$n" 2>&1) || status=$? ;;
    esac
    if [ $status -eq 0 ]; then
      echo "ok $n" >>"$log"
    else
      echo "err $n $(status_code "$out")" >>"$log"
      sleep 0.05
    fi
  done
}

# Pauses the upsert and steward clients between two operations (the import
# goes on: its rows never change, so what it acknowledged stays true).
pause_clients() {
  local round=$1 waited=0
  echo "$round" >"$WORK/pause.tmp"
  mv "$WORK/pause.tmp" "$WORK/pause"
  while [ ! -e "$WORK/paused.ups.$round" ] || [ ! -e "$WORK/paused.stw.$round" ]; do
    sleep 0.05
    waited=$((waited + 1))
    [ $waited -lt 1200 ] || fail "round $round: the clients did not pause within 60 s"
  done
}
resume_clients() { rm -f "$WORK/pause"; }

verify_database() {
  local out status=0
  out=$("$MDM_BIN/mdmd" --verify="$DB" 2>&1) || status=$?
  [ $status -eq 0 ] || fail "$1: the invariant checker failed (exit $status):
$out"
}

# For every key of ups.log, the states it may be in: that of its last
# acknowledged write ("absent" before any), or that of a later write which
# failed with a status that does not rule it out. Prints "KEY STATE..."
allowed_upsert_states() {
  awk -v refused=" $REFUSED " '
    $1 == "try" { key[$2] = $3; state[$2] = ($4 == "delete") ? "absent" : $5; next }
    $1 == "ok"  { k = key[$2]; last[k] = state[$2]; later[k] = ""; next }
    $1 == "err" { if (index(refused, " " $3 " ") == 0) { k = key[$2]; later[k] = later[k] " " state[$2] } }
    END {
      for (n in key) if (!(key[n] in last)) last[key[n]] = "absent";
      for (k in last) print k, last[k] later[k];
    }' "$WORK/ups.log"
}

# The same for the pairs of stw.log: "I EFFECT..."; a pair without an
# acknowledged action is left out (the matcher decides it).
allowed_pair_states() {
  awk -v refused=" $REFUSED " '
    $1 == "try" { pair[$2] = $3; effect[$2] = $5; next }
    $1 == "ok"  { p = pair[$2]; last[p] = effect[$2]; later[p] = ""; next }
    $1 == "err" { if (index(refused, " " $3 " ") == 0) { p = pair[$2]; later[p] = later[p] " " effect[$2] } }
    END { for (p in last) print p, last[p] later[p]; }' "$WORK/stw.log"
}

check_acknowledged_writes() {
  local when=$1 pass acked key allowed observed golden i ga gb missing
  # The acknowledgements first, then the state: each acknowledged write was
  # committed before the export's snapshot.
  # Rows acknowledged per pass: all of a pass that is done, else the most
  # any of its runs had answered.
  awk -v rows="$ROWS" '{ n[$1] += 0 }
       $2 == "done" { n[$1] = rows }
       $2 == "answered" && $3 > n[$1] && n[$1] < rows { n[$1] = $3 }
       END { for (p in n) print p, n[p] }' "$WORK/import.log" >"$WORK/import.acked"
  allowed_upsert_states >"$WORK/ups.allowed"
  allowed_pair_states >"$WORK/stw.allowed"
  ctl export xrefs >"$WORK/xrefs.csv" || fail "$when: export xrefs failed"

  while read -r pass acked; do
    missing=$(awk -F, -v src="imp$pass" -v n="$acked" '
      $2 == src { seen[$3] = 1 }
      END { for (i = 1; i <= n; i++) if (!(("P" i) in seen)) { printf " %s:P%d", src, i; if (++m == 10) break } }' \
      "$WORK/xrefs.csv")
    [ -z "$missing" ] || fail "$when: of the first $acked rows of import pass $pass, all acknowledged, these are missing:$missing"
  done <"$WORK/import.acked"
  echo "$when: acknowledged import rows present ($(awk '{ printf "%spass %s: %s", (NR > 1 ? ", " : ""), $1, $2 }' "$WORK/import.acked"))"

  # Each upserted key's city, from its source record in its golden record.
  : >"$WORK/ups.observed"
  for golden in $(awk -F, '$2 == "ups" { print $4 }' "$WORK/xrefs.csv" | sort -u); do
    ctl --json get "$golden" >"$WORK/golden.json" || fail "$when: get $golden failed"
    grep -o '"key":{"source":"ups","source_id":"[^"]*"},"attributes":{[^}]*}' "$WORK/golden.json" \
      | sed -n 's/.*"source_id":"\([^"]*\)".*"city":"\([^"]*\)".*/\1 \2/p' >>"$WORK/ups.observed"
  done
  while read -r key allowed; do
    observed=$(awk -v k="$key" '$1 == k { print $2 }' "$WORK/ups.observed")
    if [ -z "$observed" ]; then
      grep -q ",ups,$key," "$WORK/xrefs.csv" && fail "$when: ups:$key is exported but no city was read"
      observed=absent
    fi
    case " $allowed " in
      *" $observed "*) ;;
      *) fail "$when: ups:$key is $observed, expected ${allowed%% *} (its last acknowledged write)$(
           [ "$allowed" = "${allowed%% *}" ] || echo " or one of the unacknowledged writes after it:${allowed#* }"
         ); its writes: $(awk -v k="$key" '$1 == "try" && $3 == k { t[$2] = $0 } ($1 == "ok" || $1 == "err") && ($2 in t) { printf "[%s: %s] ", t[$2], $0 }' "$WORK/ups.log")" ;;
    esac
  done <"$WORK/ups.allowed"
  echo "$when: $(wc -l <"$WORK/ups.allowed") upserted keys as acknowledged ($(grep -c '^ok' "$WORK/ups.log") writes acknowledged)"

  while read -r i allowed; do
    ga=$(awk -F, -v k="a$i" '$2 == "stw" && $3 == k { print $4 }' "$WORK/xrefs.csv")
    gb=$(awk -F, -v k="b$i" '$2 == "stw" && $3 == k { print $4 }' "$WORK/xrefs.csv")
    [ -n "$ga" ] && [ -n "$gb" ] || fail "$when: stw:a$i or stw:b$i is missing"
    if [ "$ga" = "$gb" ]; then observed=together; else observed=apart; fi
    case " $allowed " in
      *" $observed "*) ;;
      *) fail "$when: stw:a$i ($ga) and stw:b$i ($gb) are $observed, expected ${allowed%% *}; actions: $(
           awk -v p="$i" '$1 == "try" && $3 == p { t[$2] = $0 } ($1 == "ok" || $1 == "err") && ($2 in t) { printf "[%s: %s] ", t[$2], $0 }' "$WORK/stw.log")" ;;
    esac
  done <"$WORK/stw.allowed"
  echo "$when: $(wc -l <"$WORK/stw.allowed") steward pairs as acknowledged ($(grep -c '^ok' "$WORK/stw.log") actions acknowledged)"
}

CLIENT_PIDS=""
stop_clients() {
  [ ! -d "$WORK" ] || touch "$WORK/stop"
  for pid in $CLIENT_PIDS; do kill "$pid" 2>/dev/null || true; done
}
trap 'stop_clients; cleanup' EXIT

start_server "$DB"
publish_port
# The steward's pairs: the same name, one with a city, one with an e-mail,
# so that the matcher alone is unsure of them.
for i in $(seq 1 $PAIRS); do
  given="Yu$(word $((i * 37 + 11)) 2)"
  family="Ix$(word $((i * 53 + 5)) 3)"
  ctl upsert --type=person --source=stw --id="a$i" --attr given_name="$given" \
    --attr family_name="$family" --attr city=Oakland >/dev/null || fail "upsert stw:a$i"
  ctl upsert --type=person --source=stw --id="b$i" --attr given_name="$given" \
    --attr family_name="$family" --attr email="$(echo "$given.$family" | tr A-Z a-z)@y.org" \
    >/dev/null || fail "upsert stw:b$i"
done
UPSERT_GIVEN=("")
UPSERT_FAMILY=("")
for i in $(seq 1 $UPSERT_KEYS); do
  UPSERT_GIVEN+=("$(word $((i * 41 + 7)) 2)")
  UPSERT_FAMILY+=("$(word $((i * 59 + 3)) 3)")
done
: >"$WORK/ups.log"
: >"$WORK/stw.log"
: >"$WORK/import.log"

import_client &
IMPORT_PID=$!
upsert_client &
UPSERT_PID=$!
steward_client &
STEWARD_PID=$!
CLIENT_PIDS="$IMPORT_PID $UPSERT_PID $STEWARD_PID"

for round in $(seq 1 "$ROUNDS"); do
  delay_ms=$((500 + RANDOM % 2501))
  sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
  kill9_server
  echo "round $round: mdmd killed after $delay_ms ms (${SECONDS}s into the test)"
  # The checker reads the database as the crash left it, which is what the
  # restarted server opens; it runs while no server is up, since opening a
  # store while another process writes is not supported.
  verify_database "round $round, after the crash"
  start_server "$DB"
  publish_port
  pause_clients "$round"
  check_acknowledged_writes "round $round"
  resume_clients
done

# The last round: stop the unary clients, let the import finish, check
# everything with the server up, then once more the stopped database.
touch "$WORK/stop"
wait "$UPSERT_PID" || fail "the upsert client failed"
wait "$STEWARD_PID" || fail "the steward client failed"
wait "$IMPORT_PID" || fail "the import client failed"
CLIENT_PIDS=""
tail -n 1 "$WORK/import.log" | grep -q ' done$' \
  || fail "the import did not finish: $(tail -n 1 "$WORK/import.log"); $(tail -n 3 "$(ls -t "$WORK"/import.*.out | head -n 1)")"
echo "import runs: $(wc -l <"$WORK/import.log") in $(tail -n 1 "$WORK/import.log" | cut -d' ' -f1) passes"
check_acknowledged_writes "final"
$MDMCTL export xrefs >"$WORK/final_xrefs.csv"
check_feed_matches_xrefs "$WORK/final_xrefs.csv"
stop_server
verify_database "after a clean stop"
echo "PASS"
