# Bad input gets a clear error naming the row or field, and the rest of the
# batch is accepted: malformed CSV, unknown attribute, empty source id,
# oversized record, invalid UTF-8, unknown entity type, unknown golden id.
source "$(dirname "$0")/lib.sh"
start_server "$WORK/mdm.db"

big=$(head -c 40000 /dev/zero | tr "\\0" "x")
{
  printf 'id,full_name,email\n'
  printf '1,Ann Lee,ann@example.org\n'
  printf '2,"Bo "Chan,bo@example.org\n'              # text after closing quote
  printf '3,Cy Diaz\n'                               # too few fields
  printf ',Di Eng,di@example.org\n'                  # empty source id
  printf '5,%s,ed@example.org\n' "$big"              # value over 32 KiB
  printf '6,Fa\xff\xfeGo,fa@example.org\n'           # invalid UTF-8
  printf '7,"Gil\nHart",gil@example.org\n'           # quoted line break: fine
  printf '8,Ann Lee,ann@example.org\n'
} >"$WORK/bad.csv"

set +e
out=$($MDMCTL import --type=person --source=crm --rejects="$WORK/rejects.csv" "$WORK/bad.csv")
status=$?
set -e
echo "$out"
[ $status -eq 1 ] || fail "import with rejects exited $status, expected 1"
echo "$out" | grep -q "8 rows" || fail "not every row was read"
echo "$out" | grep -q " 5 rejected" || fail "expected 5 rejected rows"
cat "$WORK/rejects.csv"
grep -q '^3,,,unexpected character after closing quote in field 2' "$WORK/rejects.csv" \
  || fail "malformed quote not reported with its line"
grep -q '^4,,,has 2 fields; the header has 3' "$WORK/rejects.csv" || fail "short row"
grep -q '^5,,key.source_id,record crm:: source_id is empty' "$WORK/rejects.csv" \
  || fail "empty id"
grep -q '^6,5,attributes.full_name,record crm:5: attribute .full_name. is 40000 bytes; the limit is 32768' \
  "$WORK/rejects.csv" || fail "oversized value"
grep -q "^7,6,attributes.full_name,column 'full_name' is not valid UTF-8 (byte 2)" \
  "$WORK/rejects.csv" || fail "invalid UTF-8"
one=$($MDMCTL resolve crm 1)
[ "$($MDMCTL resolve crm 8)" = "$one" ] || fail "valid rows were not linked"
$MDMCTL resolve crm 7 >/dev/null || fail "row with a quoted line break was lost"

# An unknown column stops the import before anything is sent.
printf 'id,full_name,shoe_size\n9,Ivy,38\n' >"$WORK/unknown.csv"
set +e
err=$($MDMCTL import --type=person --source=crm "$WORK/unknown.csv" 2>&1)
status=$?
set -e
[ $status -eq 2 ] || fail "unknown column exited $status, expected 2"
echo "$err" | grep -q "column(s) shoe_size are not attributes of person" || fail "$err"
if $MDMCTL resolve crm 9 >/dev/null 2>&1; then fail "row 9 was imported"; fi

# JSON Lines: an unknown attribute rejects only its row.
printf '{"id": "j1", "full_name": "Jo Kim"}\n{"id": "j2", "hair": "red"}\n{"id": "j3", "email": "jk@example.org"}\n' \
  >"$WORK/people.jsonl"
set +e
out=$($MDMCTL import --type=person --source=crm --rejects="$WORK/rejects.json.csv" "$WORK/people.jsonl")
status=$?
set -e
[ $status -eq 1 ] || fail "jsonl import exited $status"
grep -q "^2,j2,attributes.hair,'hair' is not an attribute of person" "$WORK/rejects.json.csv" \
  || fail "unknown JSON attribute not reported"
$MDMCTL resolve crm j3 >/dev/null || fail "j3 lost"

# Unknown entity type.
set +e
err=$($MDMCTL import --type=spaceship --source=crm "$WORK/bad.csv" 2>&1)
status=$?
set -e
[ $status -eq 3 ] || fail "unknown type exited $status, expected 3 (not found)"
echo "$err" | grep -q "entity type 'spaceship' not found" || fail "$err"
set +e
err=$($MDMCTL upsert --type=spaceship --source=crm --id=1 --attr=name=x 2>&1)
set -e
echo "$err" | grep -q "unknown entity type 'spaceship'" || fail "$err"

# Oversized record through the unary upsert: 9 values of 8 KiB exceed 64 KiB.
args=()
for attr in full_name given_name family_name address_line city region email phone national_id; do
  args+=("--attr=$attr=$(head -c 8000 /dev/zero | tr '\0' 'y')")
done
set +e
err=$($MDMCTL upsert --type=person --source=crm --id=big "${args[@]}" 2>&1)
status=$?
set -e
[ $status -eq 4 ] || fail "oversized record exited $status, expected 4 (invalid argument)"
echo "$err" | grep -q "record crm:big: is 72.* bytes; the limit is 65536" || fail "$err"

# Unknown and mistyped golden ids.
set +e
err=$($MDMCTL get PER-00ZZZZ0 2>&1)
status=$?
set -e
[ $status -eq 4 ] || fail "mistyped golden id exited $status, expected 4 (invalid argument)"
echo "$err" | grep -q "check character" || fail "$err"
valid_unknown=$(echo "$one" | sed 's/^PER-/ORG-/')
status=0
err=$($MDMCTL get "$valid_unknown" 2>&1) || status=$?
[ $status -eq 3 ] || fail "unknown golden id exited $status, expected 3 (not found)"
echo "$err" | grep -q "golden record $valid_unknown not found (NOT_FOUND)" || fail "$err"
mistyped="${one%?}$( [ "${one: -1}" = "0" ] && echo 1 || echo 0 )"
err=$($MDMCTL get "$mistyped" 2>&1 || true)
echo "$err" | grep -q "wrong check character" || fail "$err"
stop_server
echo "PASS"
