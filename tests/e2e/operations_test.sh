# Operating mdmd: a SIGTERM during an import drains it (the import is told
# what was not applied, mdmd exits 0 with the WAL checkpointed, and a re-run
# completes it); an online backup taken while an import runs restores into
# a database that passes the invariant checker; a SIGTERM right after start
# exits 0.
source "$(dirname "$0")/lib.sh"

# 30,000 synthetic people, every fifth a copy of an earlier one.
rows=30000
synthetic_people "$WORK/people.csv" $rows

import() {
  $MDMCTL import --type=person --source=crm --rejects="$WORK/rejects.csv" \
    "$WORK/people.csv"
}

# wait_for_sequence N: until the feed holds more than N events.
wait_for_sequence() {
  for _ in $(seq 1 600); do
    local head
    head=$($MDMCTL changes --from=1 --limit=1 2>&1 >/dev/null |
           sed -n 's/head sequence \([0-9]*\).*/\1/p')
    [ "${head:-0}" -gt "$1" ] && return 0
    sleep 0.05
  done
  fail "the feed did not pass sequence $1"
}

# 1. SIGTERM during an import.
start_server "$WORK/mdm.db"
set +e
import >"$WORK/import1.out" 2>&1 &
import_pid=$!
set -e
wait_for_sequence 2000
stop_server  # fails unless mdmd exits 0
set +e
wait $import_pid
import_status=$?
set -e
cat "$WORK/import1.out"
[ $import_status -eq 6 ] || fail "interrupted import exited $import_status, expected 6 (server unavailable)"
grep -q "^mdmctl import: mdmd shut down: [0-9,]* rows applied; when it is back, re-run the same command" \
  "$WORK/import1.out" || fail "the import was not told the server shut down"
grep -q "draining calls" "$SERVER_LOG" || fail "mdmd did not drain"
grep -q "stopped" "$SERVER_LOG" || fail "mdmd did not stop cleanly"
[ ! -s "$WORK/mdm.db-wal" ] || fail "WAL not checkpointed at exit ($(stat -c %s "$WORK/mdm.db-wal") bytes)"
"$MDM_BIN/mdmd" --verify="$WORK/mdm.db" || fail "invariants broken after a drained stop"

start_server "$WORK/mdm.db"
out=$(import) || fail "re-run import exited with $?"
echo "$out"
$MDMCTL export xrefs >"$WORK/xrefs.csv"
[ "$(tail -n +2 "$WORK/xrefs.csv" | wc -l)" -eq $rows ] || fail "records lost across the drained stop"
check_feed_matches_xrefs "$WORK/xrefs.csv"

# 2. An online backup while an import runs.
sed 's/@example.org/@example.net/' "$WORK/people.csv" >"$WORK/people2.csv"
set +e
$MDMCTL import --type=person --source=erp "$WORK/people2.csv" >"$WORK/import2.out" 2>&1 &
import_pid=$!
set -e
wait_for_sequence $((rows + 3000))
$MDMCTL admin backup "$WORK/backup.db" | tee "$WORK/backup.out"
grep -q "backup written to" "$WORK/backup.out" || fail "no backup written"
kill -0 $import_pid 2>/dev/null || echo "note: the import finished before the backup did"
status=0
$MDMCTL admin backup "$WORK/backup.db" >/dev/null 2>&1 || status=$?
[ $status -eq 2 ] || fail "a second backup over an existing file exited $status, expected 2"
wait $import_pid || fail "import during backup failed: $(cat "$WORK/import2.out")"
$MDMCTL admin verify || fail "live verify failed"
stop_server

ls "$WORK" | grep -q "mdm-backup" && fail "staged backup left behind"
"$MDM_BIN/mdmd" --verify="$WORK/backup.db" || fail "the backup breaks an invariant"

# Restore as docs/operations.md says: with mdmd stopped, put the backup in
# place of the database (and remove any WAL beside it), then start mdmd.
mkdir "$WORK/restored"
cp "$WORK/backup.db" "$WORK/restored/mdm.db"
rm -f "$WORK/restored/mdm.db-wal" "$WORK/restored/mdm.db-shm"
start_server "$WORK/restored/mdm.db"
$MDMCTL export xrefs >"$WORK/restored.csv"
restored=$(($(wc -l <"$WORK/restored.csv") - 1))
echo "restored: $restored records"
[ "$restored" -ge $rows ] && [ "$restored" -le $((2 * rows)) ] ||
  fail "restored database holds $restored records"
$MDMCTL resolve crm P1 >/dev/null || fail "restored database does not resolve crm:P1"
check_feed_matches_xrefs "$WORK/restored.csv"
$MDMCTL upsert --type=person --source=crm --id=after-restore \
  --attr full_name="New Person" >/dev/null || fail "restored database refuses writes"
stop_server

# 3. SIGTERM soon after start (while it loads 60,000 records, or just
# after): exit 0 whether or not it was serving yet.
"$MDM_BIN/mdmd" --listen=127.0.0.1:0 --db="$WORK/mdm.db" >"$WORK/early.log" 2>&1 &
early_pid=$!
# Once it says it is starting it handles signals (before, nothing can).
for _ in $(seq 1 300); do
  grep -q "starting: " "$WORK/early.log" && break
  sleep 0.01
done
kill -TERM $early_pid
status=0
wait $early_pid || status=$?
[ $status -eq 0 ] || fail "mdmd exited $status on an early SIGTERM: $(cat "$WORK/early.log")"
echo "PASS"
