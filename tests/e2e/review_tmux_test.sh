# mdmctl review in a real terminal: tmux runs it, send-keys decides, and
# capture-pane reads the screen. Then the decisions are checked through the
# service.
source "$(dirname "$0")/lib.sh"
if ! command -v tmux >/dev/null; then
  echo "SKIPPED: tmux is not installed"
  exit 77
fi
start_server "$WORK/mdm.db"

# Without a terminal, review refuses and points to the scriptable commands.
status=0
$MDMCTL review --type=person </dev/null >"$WORK/out" 2>"$WORK/err" || status=$?
[ $status -eq 2 ] || fail "review without a terminal should exit 2, not $status"
grep -q "candidates" "$WORK/err" || fail "review should point to mdmctl candidates"

for who in "Gus Hall" "Hal Ito"; do
  given=${who% *}
  family=${who#* }
  $MDMCTL upsert --type=person --source=crm --id="$given" --attr given_name="$given" \
    --attr family_name="$family" --attr city=Oakland >/dev/null 2>&1
  $MDMCTL upsert --type=person --source=web --id="$given" --attr given_name="$given" \
    --attr family_name="$family" --attr email="$given@y.org" >/dev/null 2>&1
done
# crm:Gus also carries values that would not fit 80 columns, one of which
# tries to clear the screen; the web record has none of them, so they do
# not change the pair's score.
long="$(printf 'Long%.0s' $(seq 1 30))TAILMARK"
$MDMCTL upsert --type=person --source=crm --id=Gus --attr given_name=Gus \
  --attr family_name=Hall --attr city=Oakland --attr address_line="$long" \
  --attributes-json='{"region":"Clear\u001b[2J\u001b[Hscreen"}' >/dev/null
[ "$($MDMCTL candidates list --type=person | wc -l)" -eq 3 ] || fail "expected two candidates"

SESSION="mdm-review-$$"
SOCKET="$WORK/tmux.sock"
tmux_() { tmux -S "$SOCKET" "$@"; }
trap 'tmux_ kill-server 2>/dev/null || true; cleanup' EXIT
# The smallest terminal the view must fit: 80 columns, 24 lines.
tmux_ new-session -d -s "$SESSION" -x 80 -y 24 \
  "$MDMCTL --actor=tess review --type=person; echo REVIEW-EXIT=\$?; sleep 60"

screen() { tmux_ capture-pane -p -t "$SESSION"; }
wait_for() {  # wait_for PATTERN: until the screen shows it (10 s)
  local i
  for i in $(seq 1 100); do
    if screen | grep -q -- "$1"; then return 0; fi
    sleep 0.1
  done
  screen >&2
  fail "the screen never showed '$1'"
}
key() { tmux_ send-keys -t "$SESSION" "$@"; }
golden() { $MDMCTL resolve "$1" "$2" | cut -d' ' -f1; }

wait_for "pair 1 of 2"
wait_for "\[a\]pprove"
screen | grep -q "match weight" || fail "the explanation is not shown"
# It fits: the tally is still the first line (nothing scrolled away), the
# long value is cut with an ellipsis instead of wrapping onto another line,
# and the escape sequence is shown as text instead of clearing the screen.
screen | head -n 1 | grep -q "^Review person: pair 1 of 2" || { screen >&2; fail "the view scrolled"; }
screen | grep -q "…" || { screen >&2; fail "no ellipsis on a cut value"; }
if screen | grep -q "TAILMARK"; then screen >&2; fail "a long value wrapped"; fi
screen | grep -q 'Clear\\x1b\[2J\\x1b\[Hscreen' || { screen >&2; fail "ESC not shown escaped"; }
first=$(screen | sed -n 's/^person  \(crm:[A-Za-z]*\)  vs  \(web:[A-Za-z]*\).*/\1 \2/p')
[ "$first" = "crm:Gus web:Gus" ] || { screen >&2; fail "unexpected first pair '$first'"; }

# Esc cancels the reason prompt: nothing is recorded, the pair stays.
key a
wait_for "reason (Enter for none, Esc to cancel)"
key "oops"
key Escape
wait_for "approve cancelled; nothing recorded"
wait_for "pair 1 of 2"
$MDMCTL audit --actor=tess | grep -q "approve" && fail "a cancelled approve was recorded"
[ "$(golden crm Gus)" != "$(golden web Gus)" ] || fail "a cancelled approve merged"

# Approve, then undo it with z: the pair comes back and is apart again.
key a
wait_for "reason"
key "same person" Enter
wait_for "pair 2 of 2"
[ "$(golden crm Gus)" = "$(golden web Gus)" ] || fail "crm:Gus web:Gus should be merged"
key z
wait_for "undone: approve of crm:Gus web:Gus"
wait_for "pair 1 of 2"
screen | grep -q "^person  crm:Gus  vs  web:Gus" || { screen >&2; fail "the undone pair is not shown again"; }
[ "$(golden crm Gus)" != "$(golden web Gus)" ] || fail "undo did not separate the pair"
$MDMCTL audit --actor=tess | grep -q " tess  undo  .* crm:Gus web:Gus  undoes [0-9]" \
  || fail "undo not audited: $($MDMCTL audit --actor=tess)"

# Decide both for good.
key a
wait_for "reason"
key "same person" Enter
wait_for "pair 2 of 2"
second=$(screen | sed -n 's/^person  \(crm:[A-Za-z]*\)  vs  \(web:[A-Za-z]*\).*/\1 \2/p')
[ "$second" = "crm:Hal web:Hal" ] || { screen >&2; fail "unexpected second pair '$second'"; }
key r
wait_for "reason"
key Enter
wait_for "Queue done: approved 1, rejected 1, unsure 0, skipped 0"
wait_for "REVIEW-EXIT=0"

[ "$(golden crm Gus)" = "$(golden web Gus)" ] || fail "crm:Gus web:Gus should be merged"
[ "$(golden crm Hal)" != "$(golden web Hal)" ] || fail "crm:Hal web:Hal should stay apart"
audit=$($MDMCTL audit --actor=tess)
echo "$audit"
echo "$audit" | grep -q ' tess  approve  .*"same person"' || fail "audit: approve by tess"
echo "$audit" | grep -q ' tess  reject  ' || fail "audit: reject by tess"
[ "$(echo "$audit" | grep -c ' tess  approve  ')" -eq 2 ] || fail "audit: two approvals expected"
[ "$($MDMCTL candidates list --type=person)" = "no review candidates" ] || fail "queue not empty"

# Level labels agree with the values: both whole names are there, so not
# "missing"; the given and family names carried that evidence.
$MDMCTL upsert --type=person --source=crm --id=Ivy --attr given_name=Ivy \
  --attr family_name=Jones --attr full_name="Ivy Jones" --attr city=Oakland >/dev/null
$MDMCTL upsert --type=person --source=web --id=Ivy --attr given_name=Ivy \
  --attr family_name=Jones --attr full_name="Ivy Jones" --attr email=ivy@y.org >/dev/null
shown=$($MDMCTL candidates show crm:Ivy web:Ivy)
echo "$shown"
echo "$shown" | grep -Eq '^ +full_name +ivy jones +ivy jones +not counted \(given_name compared\) *$' \
  || fail "full_name level label"
echo "$shown" | grep -Eq '^ +email +ivy@y\.org +missing *$' || fail "email level label"
stop_server

# A failed call ends review with the exit code of its cause: mdmd is gone
# (6), not a generic failure.
tmux_ new-session -d -s "$SESSION-gone" -x 80 -y 24 \
  "$MDMCTL review; echo REVIEW-EXIT=\$?; sleep 60"
SESSION="$SESSION-gone"
wait_for "REVIEW-EXIT=6"
screen | grep -q "mdmctl review: cannot reach mdmd at 127.0.0.1:$PORT" || { screen >&2; fail "no unreachable line"; }
echo "PASS"
