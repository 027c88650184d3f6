# Source names through the real binaries: a new source the configuration
# does not name is accepted with one warning per import; a name that
# differs only by case from a known source, or holds ':', is refused once,
# up front, before any row is sent; --new-source confirms a look-alike; a
# source named with ':' before that rule stays readable, resolvable and
# writable, and mdmctl names its records as [SOURCE]:ID.
source "$(dirname "$0")/lib.sh"

people() {  # people FILE PREFIX: five rows
  {
    echo "id,given_name,family_name,email"
    for i in 1 2 3 4 5; do echo "$2$i,Given$i,Family$i,$2$i@example.org"; done
  } >"$1"
}
people "$WORK/crm.csv" c

# A database written before ':' was refused: a configuration naming the
# source let its records in.
cat >"$WORK/legacy.textproto" <<'EOF'
# proto-file: mdm/v1/config.proto
# proto-message: mdm.v1.MdmConfig
include_built_in_types: true
sources { name: "erp:eu" trust: 0.5 }
EOF
start_server "$WORK/mdm.db" --config="$WORK/legacy.textproto"
$MDMCTL upsert --type=person --source=erp:eu --id=42 --attr given_name=Eu \
  --attr family_name=Ropa --attr email=eu@example.org >/dev/null 2>"$WORK/err" \
  || fail "legacy upsert: $(cat "$WORK/err")"
[ ! -s "$WORK/err" ] || fail "a configured source warned: $(cat "$WORK/err")"
stop_server

# From here on, the built-in configuration, which names no source.
start_server "$WORK/mdm.db"

# A new source: accepted, with one warning for the whole import.
set +e
$MDMCTL import --type=person --source=crm "$WORK/crm.csv" >"$WORK/out" 2>"$WORK/err"
status=$?
set -e
cat "$WORK/out" "$WORK/err"
[ $status -eq 0 ] || fail "import from a new source exited $status"
grep -q "5 rows.* 0 rejected" "$WORK/out" || fail "rows not imported"
[ "$(grep -c "warning: source 'crm' is new and not in the configuration: the default source settings apply" "$WORK/err")" -eq 1 ] \
  || fail "expected exactly one warning: $(cat "$WORK/err")"
# Known now: no warning the second time.
$MDMCTL import --type=person --source=crm "$WORK/crm.csv" >/dev/null 2>"$WORK/err" || fail "re-import"
[ ! -s "$WORK/err" ] || fail "a known source warned: $(cat "$WORK/err")"

# Refused once, up front: nothing is sent and no rejects file is written.
refused() {  # refused EXPECTED_MESSAGE mdmctl-args...
  local expected=$1 status=0
  shift
  rm -f "$WORK"/*.rejects.csv
  (cd "$WORK" && $MDMCTL "$@") >"$WORK/out" 2>"$WORK/err" || status=$?
  [ $status -eq 4 ] || fail "mdmctl $* exited $status, expected 4: $(cat "$WORK/err")"
  [ "$(wc -l <"$WORK/err")" -eq 1 ] || fail "expected one line of error: $(cat "$WORK/err")"
  grep -q -- "$expected" "$WORK/err" || fail "mdmctl $*: $(cat "$WORK/err")"
  ! ls "$WORK"/*.rejects.csv >/dev/null 2>&1 || fail "mdmctl $* wrote rejects"
}
people "$WORK/shout.csv" s
refused "--source: source 'CRM' differs only by case from source 'crm'; use 'crm', or confirm 'CRM' as a new source (mdmctl --new-source)" \
  import --type=person --source=CRM "$WORK/shout.csv"
refused "--source: source 'erp:us' holds ':', which separates source and id in SOURCE:ID; choose a name without it, such as 'erp.us'" \
  import --type=person --source=erp:us "$WORK/shout.csv"
refused "--source: source 'bad name' must be 1..64 characters of A-Z, a-z, 0-9, _ . -" \
  import --type=person --source="bad name" "$WORK/shout.csv"
refused "differs only by case" \
  upsert --type=person --source=Crm --id=1 --attr given_name=X
for source in CRM erp:us; do
  if $MDMCTL resolve "$source" s1 >/dev/null 2>&1; then fail "$source:s1 was imported"; fi
done
# A local usage error comes first: the file, not the server's verdict on
# the name.
status=0
$MDMCTL import --type=person --source=CRM "$WORK/missing.csv" >"$WORK/out" 2>"$WORK/err" || status=$?
[ $status -eq 2 ] || fail "import of a missing file exited $status, expected 2: $(cat "$WORK/err")"
[ "$(cat "$WORK/err")" = "mdmctl import: cannot open $WORK/missing.csv" ] \
  || fail "expected only the file error: $(cat "$WORK/err")"

# Confirmed as new, the look-alike is accepted (and warned about once).
$MDMCTL import --type=person --source=CRM --new-source "$WORK/shout.csv" >"$WORK/out" 2>"$WORK/err" \
  || fail "import --new-source: $(cat "$WORK/err")"
grep -q "5 rows.* 0 rejected" "$WORK/out" || fail "confirmed rows not imported"
[ "$(grep -c "warning: source 'CRM' is new" "$WORK/err")" -eq 1 ] || fail "$(cat "$WORK/err")"
$MDMCTL resolve CRM s1 >/dev/null || fail "CRM:s1 not resolvable"
# --new-source does not let ':' in.
status=0
$MDMCTL upsert --type=person --source=erp:us --new-source --id=1 --attr given_name=X \
  >/dev/null 2>&1 || status=$?
[ $status -eq 4 ] || fail "--new-source let ':' in (exit $status)"

# A source whose last record is deleted is forgotten: new again (warned
# about), and its other spellings are free.
$MDMCTL upsert --type=person --source=web --id=w1 --attr email=w1@example.org \
  >/dev/null 2>"$WORK/err" || fail "upsert web: $(cat "$WORK/err")"
grep -q "source 'web' is new" "$WORK/err" || fail "no new-source warning: $(cat "$WORK/err")"
refused "differs only by case from source 'web'" \
  upsert --type=person --source=WEB --id=w1 --attr email=w1@example.org
$MDMCTL delete --type=person web w1 >/dev/null || fail "delete web:w1"
$MDMCTL upsert --type=person --source=WEB --id=w1 --attr email=w1@example.org \
  >/dev/null 2>"$WORK/err" || fail "WEB refused after web was emptied: $(cat "$WORK/err")"
grep -q "source 'WEB' is new" "$WORK/err" || fail "no new-source warning: $(cat "$WORK/err")"

# The legacy source: resolvable with SOURCE SOURCE_ID, writable, and named
# [erp:eu]:42 by commands that take or print SOURCE:ID.
golden=$($MDMCTL resolve erp:eu 42) || fail "legacy record not resolvable"
$MDMCTL upsert --type=person --source=erp:eu --id=42 --attr given_name=Eu \
  --attr family_name=Ropa --attr email=eu@example.org --attr city=Brussels \
  >"$WORK/out" 2>"$WORK/err" || fail "legacy source refused: $(cat "$WORK/err")"
grep -q "UPDATED" "$WORK/out" || fail "legacy record not updated: $(cat "$WORK/out")"
[ ! -s "$WORK/err" ] || fail "a held source warned: $(cat "$WORK/err")"
$MDMCTL get "$golden" | grep -q "\[erp:eu\]:42" || fail "get does not bracket the legacy key"
explained=$($MDMCTL explain "[erp:eu]:42" crm:c1) || fail "explain with [SOURCE]:ID"
echo "$explained" | head -n 1 | grep -q "\[erp:eu\]:42 ($golden)" || fail "$explained"
$MDMCTL history "$golden" | grep -q "upsert of \[erp:eu\]:42" || fail "history key"
stop_server
echo "PASS"
