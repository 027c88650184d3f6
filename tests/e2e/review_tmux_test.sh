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
    --attr family_name="$family" --attr city=Oakland >/dev/null
  $MDMCTL upsert --type=person --source=web --id="$given" --attr given_name="$given" \
    --attr family_name="$family" --attr email="$given@y.org" >/dev/null
done
[ "$($MDMCTL candidates list --type=person | wc -l)" -eq 3 ] || fail "expected two candidates"

SESSION="mdm-review-$$"
SOCKET="$WORK/tmux.sock"
tmux_() { tmux -S "$SOCKET" "$@"; }
trap 'tmux_ kill-server 2>/dev/null || true; cleanup' EXIT
tmux_ new-session -d -s "$SESSION" -x 160 -y 50 \
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

wait_for "pair 1 of 2"
wait_for "\[a\]pprove"
screen | grep -q "match weight" || fail "the explanation is not shown"
first=$(screen | sed -n 's/^person  \(crm:[A-Za-z]*\)  vs  \(web:[A-Za-z]*\).*/\1 \2/p')
[ -n "$first" ] || { screen >&2; fail "no pair on screen"; }
tmux_ send-keys -t "$SESSION" a
wait_for "reason"
tmux_ send-keys -t "$SESSION" "same person" Enter
wait_for "pair 2 of 2"
second=$(screen | sed -n 's/^person  \(crm:[A-Za-z]*\)  vs  \(web:[A-Za-z]*\).*/\1 \2/p')
tmux_ send-keys -t "$SESSION" r
wait_for "reason"
tmux_ send-keys -t "$SESSION" Enter
wait_for "Queue done: approved 1, rejected 1, unsure 0, skipped 0"
wait_for "REVIEW-EXIT=0"

set -- $first
[ "$($MDMCTL resolve ${1%%:*} ${1#*:} | cut -d' ' -f1)" = \
  "$($MDMCTL resolve ${2%%:*} ${2#*:} | cut -d' ' -f1)" ] || fail "$first should be merged"
set -- $second
[ "$($MDMCTL resolve ${1%%:*} ${1#*:} | cut -d' ' -f1)" != \
  "$($MDMCTL resolve ${2%%:*} ${2#*:} | cut -d' ' -f1)" ] || fail "$second should stay apart"
audit=$($MDMCTL audit --actor=tess)
echo "$audit"
echo "$audit" | grep -q ' tess  approve  .*"same person"' || fail "audit: approve by tess"
echo "$audit" | grep -q ' tess  reject  ' || fail "audit: reject by tess"
[ "$($MDMCTL candidates list --type=person)" = "no review candidates" ] || fail "queue not empty"
stop_server
echo "PASS"
