# `model train` on too little data (10 records) is refused with a message,
# and the active model stays.
source "$(dirname "$0")/lib.sh"
start_server "$WORK/mdm.db"
{
  echo "id,given_name,family_name,email"
  for i in $(seq 1 10); do echo "p$i,Given$i,Family$i,p$i@example.org"; done
} >"$WORK/ten.csv"
$MDMCTL import --type=person --source=crm "$WORK/ten.csv" >/dev/null 2>&1 || fail "import"
status=0
$MDMCTL model train --type=person >"$WORK/out" 2>"$WORK/err" || status=$?
cat "$WORK/out" "$WORK/err"
[ $status -eq 4 ] || fail "training on 10 records exited $status, expected 4"
grep -q "cannot train person: too little data to learn from: 10 records" "$WORK/err" \
  || fail "no reason given: $(cat "$WORK/err")"
grep -q "training needs at least 50; the configuration's defaults stay active (FAILED_PRECONDITION)" \
  "$WORK/err" || fail "the message does not say what stays: $(cat "$WORK/err")"
[ ! -s "$WORK/out" ] || fail "a model was reported: $(cat "$WORK/out")"
shown=$($MDMCTL model show --type=person)
echo "$shown" | grep -q "runs on its configuration's defaults" || fail "the model changed: $shown"
stop_server
echo "PASS"
