# kill -9 the server in the middle of an import, restart it and re-run the
# import: no record is lost or duplicated, and the change feed agrees with the
# state.
source "$(dirname "$0")/lib.sh"

# 60,000 synthetic people, 48,000 of them distinct.
rows=60000
synthetic_people "$WORK/people.csv" $rows

start_server "$WORK/mdm.db"
set +e
$MDMCTL import --type=person --source=crm --rejects="$WORK/rejects.csv" \
  "$WORK/people.csv" >"$WORK/import1.out" 2>&1 &
import_pid=$!
# Wait until part of the file is committed, then crash the server.
for _ in $(seq 1 300); do
  committed=$($MDMCTL changes --from=1 --limit=1 2>&1 >/dev/null | sed -n 's/head sequence \([0-9]*\).*/\1/p')
  [ "${committed:-0}" -gt 2000 ] && break
  sleep 0.05
done
kill9_server
wait $import_pid
import_status=$?
set -e
cat "$WORK/import1.out"
[ $import_status -eq 6 ] || fail "interrupted import exited $import_status, expected 6 (server unavailable)"
grep -q "^mdmctl import: lost the connection to mdmd at .*: [0-9,]* rows applied; when mdmd is back, re-run the same command" \
  "$WORK/import1.out" || fail "no advice to re-run"

start_server "$WORK/mdm.db"
$MDMCTL export xrefs >"$WORK/partial.csv"
partial=$(($(wc -l <"$WORK/partial.csv") - 1))
echo "committed before the crash: $partial rows"
[ "$partial" -gt 0 ] && [ "$partial" -lt $rows ] || fail "crash did not land mid-import ($partial rows)"
check_feed_matches_xrefs "$WORK/partial.csv"

out=$($MDMCTL import --type=person --source=crm --rejects="$WORK/rejects.csv" \
      "$WORK/people.csv") || fail "second import exited with $?"
echo "$out"
echo "$out" | grep -q "$partial unchanged" || fail "committed rows were not unchanged on re-run"
$MDMCTL export xrefs >"$WORK/xrefs.csv"
[ "$(tail -n +2 "$WORK/xrefs.csv" | wc -l)" -eq $rows ] || fail "records lost"
[ "$(tail -n +2 "$WORK/xrefs.csv" | cut -d, -f3 | sort -u | wc -l)" -eq $rows ] \
  || fail "records duplicated"
# Every fifth person is a copy of an earlier one: 48,000 golden ids.
[ "$(tail -n +2 "$WORK/xrefs.csv" | cut -d, -f4 | sort -u | wc -l)" -eq 48000 ] \
  || fail "wrong number of golden records"
check_feed_matches_xrefs "$WORK/xrefs.csv"
stop_server
echo "PASS"
