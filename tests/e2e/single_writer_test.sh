# One writer per database (design invariant 9): a second mdmd on a database
# another serves is refused at start, naming the first one's pid; a restart
# that overlaps the old process waits for it with --lock-wait; a server
# killed with SIGKILL leaves no stale lock; --verify reads a live database.
# Then the state the lock prevents, built by removing the lock file behind
# a running server's back: the checker reports it.
source "$(dirname "$0")/lib.sh"

db="$WORK/mdm.db"

# upsert CTL SOURCE ID EMAIL: one person.
upsert() {
  $1 upsert --type=person --source="$2" --id="$3" --attr=full_name="Ann Lee" \
    --attr=email="$4" >/dev/null
}

# 1. A second mdmd on the same database is refused and names the first.
start_server "$db"
first_pid=$SERVER_PID
first_ctl=$MDMCTL
upsert "$first_ctl" erp E1 ann@example.org
set +e
"$MDM_BIN/mdmd" --listen=127.0.0.1:0 --db="$db" >"$WORK/second.log" 2>&1
second_status=$?
set -e
cat "$WORK/second.log"
[ $second_status -eq 1 ] || fail "second mdmd exited $second_status, expected 1"
grep -q "in use by another mdmd (pid $first_pid)" "$WORK/second.log" ||
  fail "the refusal does not name the holder's pid $first_pid"
! grep -q "ready: " "$WORK/second.log" || fail "the second mdmd became ready"
[ "$($first_ctl resolve erp E1)" != "" ] || fail "the first server stopped answering"

# --verify reads the live database without the lock.
"$MDM_BIN/mdmd" --verify="$db" >"$WORK/verify1.out" ||
  fail "--verify on the live database: $(cat "$WORK/verify1.out")"
grep -q "every invariant holds" "$WORK/verify1.out" || fail "no verdict from --verify"

# 2. An overlapping restart: the new process starts before the old one has
# exited, and waits for it.
golden=$($first_ctl resolve erp E1)
kill -TERM "$first_pid"
start_server "$db" --lock-wait=30
kill -0 "$first_pid" 2>/dev/null && fail "the new server was ready before the old one exited"
wait "$first_pid" || fail "the old server did not exit 0 on SIGTERM"
[ "$($MDMCTL resolve erp E1)" = "$golden" ] || fail "E1 lost across the overlapping restart"
upsert "$MDMCTL" crm C1 ann@example.org
[ "$($MDMCTL resolve crm C1)" = "$golden" ] || fail "C1 did not join E1's golden record"

# 3. A server killed with SIGKILL leaves no stale lock: the next one starts at
# once, and every acknowledged write is there.
kill9_server
start_server "$db"
[ "$($MDMCTL resolve crm C1)" = "$golden" ] || fail "C1 lost across kill -9"
stop_server
"$MDM_BIN/mdmd" --verify="$db" >/dev/null || fail "invariants broken after the restarts"

# 4. What the lock prevents: with the lock file removed behind a running
# server's back, a second server starts, and each knows only its own records.
db2="$WORK/two.db"
start_server "$db2"
a_pid=$SERVER_PID
a_ctl=$MDMCTL
rm "$db2-lock"
start_server "$db2"
b_pid=$SERVER_PID
b_ctl=$MDMCTL
upsert "$b_ctl" erp E1 bo@example.org
upsert "$a_ctl" crm C1 bo@example.org
set +e
$a_ctl resolve erp E1 >/dev/null 2>&1
resolve_status=$?
set -e
[ $resolve_status -ne 0 ] || fail "the first server resolved a record it never saw"
[ "$($a_ctl resolve crm C1)" != "$($b_ctl resolve erp E1)" ] ||
  fail "the two records share a golden record although no process compared them"
kill -TERM "$b_pid"
wait "$b_pid" || true
SERVER_PID=$a_pid
stop_server
set +e
"$MDM_BIN/mdmd" --verify="$db2" >"$WORK/verify2.out"
verify_status=$?
set -e
cat "$WORK/verify2.out"
[ $verify_status -eq 1 ] || fail "--verify exited $verify_status on two writers' database, expected 1"
grep -q "^scored_pairs erp:E1, crm:C1: .*never scored against each other" "$WORK/verify2.out" ||
  fail "the checker did not report the pair no process compared"
echo "PASS"
