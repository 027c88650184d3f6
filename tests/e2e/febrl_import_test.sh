# Imports febrl dataset 3 through the real binaries, restarts the server, and
# checks that the xrefs are identical and that the change feed accounts for
# every golden id that exists. Re-importing changes nothing.
source "$(dirname "$0")/lib.sh"
need_datasets febrl

start_server "$WORK/mdm.db"
out=$($MDMCTL import --type=person --source=febrl $FEBRL_MAP \
      --rejects="$WORK/rejects.csv" "$MDM_DATASETS/febrl/febrl_dataset3.csv") \
  || fail "import exited with $?"
echo "$out"
echo "$out" | grep -q "5000 rows" || fail "import did not read 5000 rows"
echo "$out" | grep -q " 0 rejected" || fail "rows were rejected"
$MDMCTL export xrefs >"$WORK/xrefs1.csv" || fail "export failed"
[ "$(tail -n +2 "$WORK/xrefs1.csv" | wc -l)" -eq 5000 ] || fail "export has wrong row count"
head -n 1 "$WORK/xrefs1.csv" | grep -qx "entity_type,source,source_id,golden_id" \
  || fail "export header"

again=$($MDMCTL import --type=person --source=febrl $FEBRL_MAP \
        --rejects="$WORK/rejects.csv" "$MDM_DATASETS/febrl/febrl_dataset3.csv")
echo "$again" | grep -q "5000 unchanged" || fail "re-import changed something: $again"
head_before=$($MDMCTL changes --from=1 --limit=1 2>&1 >/dev/null | sed -n 's/head sequence \([0-9]*\).*/\1/p')

stop_server
start_server "$WORK/mdm.db"
$MDMCTL export xrefs >"$WORK/xrefs2.csv"
cmp -s "$WORK/xrefs1.csv" "$WORK/xrefs2.csv" || fail "xrefs differ after restart"
head_after=$($MDMCTL changes --from=1 --limit=1 2>&1 >/dev/null | sed -n 's/head sequence \([0-9]*\).*/\1/p')
[ "$head_before" = "$head_after" ] || fail "feed head moved from $head_before to $head_after"
check_feed_matches_xrefs "$WORK/xrefs2.csv"

# A record resolves to the golden id the export gave it, and the golden record
# lists it among its xrefs.
line=$(grep ",rec-1496-org," "$WORK/xrefs2.csv")
golden=${line##*,}
[ "$($MDMCTL resolve febrl rec-1496-org)" = "$golden" ] || fail "resolve disagrees with export"
shown=$($MDMCTL get "$golden")
echo "$shown" | grep -q "rec-1496-org" || fail "get does not list the xref"
stop_server
echo "PASS"
