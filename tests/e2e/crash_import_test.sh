# kill -9 the server in the middle of an import, restart it and re-run the
# import: no record is lost or duplicated, and the change feed agrees with the
# state.
source "$(dirname "$0")/lib.sh"

# 60,000 synthetic people; every fifth is a copy of an earlier one under a
# new id, so that 48,000 golden records result. Names and dates are spread by
# a multiplicative hash so that different people are far apart.
rows=60000
awk -v n=$rows '
function word(x, len,   s, k) {
  s = "";
  for (k = 0; k < len; k++) { s = s substr("bcdfghjklmnprstvwz", x % 18 + 1, 1) substr("aeiou", int(x / 18) % 5 + 1, 1); x = int(x / 90); }
  return toupper(substr(s, 1, 1)) substr(s, 2);
}
BEGIN {
  print "id,given_name,family_name,email,birth_date";
  for (i = 1; i <= n; i++) {
    b = (i % 5 == 0) ? i - 3 : i;
    h = (b * 2654435761) % 4294967296;
    g = word(h, 3); f = word(int(h / 7) + b, 4);
    printf "P%d,%s,%s,%s.%s%d@example.org,19%02d-%02d-%02d\n",
           i, g, f, tolower(g), tolower(f), b, 30 + h % 70, 1 + int(h / 70) % 12,
           1 + int(h / 840) % 28;
  }
}' >"$WORK/people.csv"

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
[ $import_status -eq 3 ] || fail "interrupted import exited $import_status, expected 3"
grep -q "Re-run the same command" "$WORK/import1.out" || fail "no advice to re-run"

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
