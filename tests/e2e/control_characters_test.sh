# Control characters in stored values (ESC, NUL, other C0 and C1 controls,
# bidirectional overrides) are printed escaped by every mdmctl command that
# shows them, and JSON output escapes them as JSON does: source data cannot
# clear, redraw or fake a steward's screen. (`review` is covered by
# review_tmux_test.sh.)
source "$(dirname "$0")/lib.sh"
start_server "$WORK/mdm.db"

# given_name clears the screen and homes the cursor; family_name holds NUL
# and a line break that would start a fake line; city holds C1 CSI and a
# right-to-left override; the source id holds ESC too.
attrs='{"given_name":"Eve\u001b[2J\u001b[H","family_name":"Fox\u0000\nPER-000009Z  person  LIVE","city":"Oak\u009b31mland\u202eevil","email":"eve@example.org"}'
id=$'E\e[1m1'
$MDMCTL upsert --type=person --source=crm --id="$id" --attributes-json="$attrs" \
  >"$WORK/upsert.out" || fail "upsert"
golden=$(cut -d' ' -f1 "$WORK/upsert.out")
$MDMCTL upsert --type=person --source=web --id=w1 \
  --attributes-json='{"given_name":"Eve\u001b[2J\u001b[H","family_name":"Fox","phone":"+1 415 555 0101"}' \
  >/dev/null || fail "upsert web"

# no_controls FILE: no byte that a terminal acts on, other than newlines.
no_controls() {
  local bad
  bad=$(tr -d '\n' <"$1" | LC_ALL=C tr -d '\040-\176\200-\377' | wc -c)
  [ "$bad" -eq 0 ] || { od -c "$1" | head -n 20 >&2; fail "$2: $bad control bytes printed"; }
  if LC_ALL=C grep -q $'\xc2[\x80-\x9f]' "$1"; then fail "$2: a C1 control printed"; fi
  if LC_ALL=C grep -q $'\xe2\x80\xae' "$1"; then fail "$2: a bidi override printed"; fi
}

run() {  # run NAME mdmctl-args...: output to $WORK/NAME.out, checked
  local name=$1
  shift
  $MDMCTL "$@" >"$WORK/$name.out" 2>&1 || fail "mdmctl $* failed: $(cat "$WORK/$name.out")"
  no_controls "$WORK/$name.out" "mdmctl $*"
}
run get get "$golden"
grep -q 'Eve\\x1b\[2J\\x1b\[H' "$WORK/get.out" || fail "get: ESC not shown escaped"
grep -q 'Fox\\x00\\nPER-000009Z' "$WORK/get.out" || fail "get: NUL and line break not shown escaped"
grep -q 'Oak\\u009b31mland\\u202eevil' "$WORK/get.out" || fail "get: C1 and bidi not shown escaped"
grep -q 'crm:E\\x1b\[1m1' "$WORK/get.out" || fail "get: source id not shown escaped"
[ "$(grep -c 'PER-000009Z' "$WORK/get.out")" -eq 1 ] || fail "get: the fake line is a line"
run history history "$golden"
grep -q 'Eve\\x1b\[2J' "$WORK/history.out" || fail "history: not escaped"
run search search --type=person Eve Fox eve@example.org
run changes changes --from=1
grep -q 'crm:E\\x1b\[1m1' "$WORK/changes.out" || fail "changes: key not escaped"
run watch watch --from=1 --max-events=2
run list candidates list --type=person
run explain explain "crm:$id" web:w1
grep -q 'crm:E\\x1b\[1m1 (' "$WORK/explain.out" || fail "explain: key not escaped"
run show candidates show "crm:$id" web:w1
run reject candidates reject "crm:$id" web:w1 --reason=$'see\e[2Jnote'
run audit audit
grep -q 'see\\x1b\[2Jnote' "$WORK/audit.out" || fail "audit: reason not escaped"
# An error that quotes the source id.
status=0
$MDMCTL delete --type=person crm $'nope\e[2J' >"$WORK/error.out" 2>&1 || status=$?
[ $status -ne 0 ] || fail "deleting an unknown record succeeded"
no_controls "$WORK/error.out" "an error message"

# JSON escapes them as JSON does.
run json --json get "$golden"
grep -q 'Eve\\u001b\[2J\\u001b\[H' "$WORK/json.out" || fail "json: ESC not \\u001b"
grep -q 'Fox\\u0000\\nPER' "$WORK/json.out" || fail "json: NUL or line break"
grep -q 'Oak\\u009b31mland\\u202eevil' "$WORK/json.out" || fail "json: C1 or bidi"
stop_server
echo "PASS"
