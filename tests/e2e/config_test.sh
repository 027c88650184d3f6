# --config replaces the built-in configuration; a broken file is refused with
# FILE:LINE:COLUMN; a type that allows extra attributes keeps and shows them.
source "$(dirname "$0")/lib.sh"

cat >"$WORK/broken.textproto" <<'CONFIG'
entity_types {
  name: "supplier"
  id_prefx: "SUP"
}
CONFIG
set +e
"$MDM_BIN/mdmd" --listen=127.0.0.1:0 --db="$WORK/x.db" --config="$WORK/broken.textproto" \
  >"$WORK/broken.log" 2>&1
status=$?
set -e
[ $status -ne 0 ] || fail "mdmd accepted a broken configuration"
grep -q "broken.textproto:3:" "$WORK/broken.log" || fail "no FILE:LINE in: $(cat "$WORK/broken.log")"

cat >"$WORK/meaning.textproto" <<'CONFIG'
entity_types {
  name: "supplier"
  id_prefix: "SUP"
  attributes { name: "name" kind: ORGANIZATION_NAME }
  blocking_rules { name: "by_vat" attributes: "vat" }
}
CONFIG
set +e
"$MDM_BIN/mdmd" --listen=127.0.0.1:0 --db="$WORK/x.db" --config="$WORK/meaning.textproto" \
  >"$WORK/meaning.log" 2>&1
set -e
grep -q "blocking rule 'by_vat': unknown attribute 'vat'" "$WORK/meaning.log" \
  || fail "semantic error not named: $(cat "$WORK/meaning.log")"

cat >"$WORK/suppliers.textproto" <<'CONFIG'
# proto-file: mdm/v1/config.proto
# proto-message: mdm.v1.MdmConfig
entity_types {
  name: "supplier"
  id_prefix: "SUP"
  allow_extra_attributes: true
  attributes { name: "name" kind: ORGANIZATION_NAME }
  attributes { name: "vat" kind: IDENTIFIER }
  blocking_rules { name: "vat" attributes: "vat" }
  comparisons {
    name: "vat"
    attribute: "vat"
    levels { label: "exact" exact {} m: 0.95 u: 0.0000001 }
    levels { label: "different" else {} m: 0.05 u: 0.9999999 }
  }
}
CONFIG
start_server "$WORK/mdm.db" --config="$WORK/suppliers.textproto"
grep -q "configuration $WORK/suppliers.textproto" "$SERVER_LOG" || fail "config not named in the ready line"
printf 'id,name,vat,payment_terms\nS1,Acme GmbH,DE 123 456 789,30 days\n' >"$WORK/erp.csv"
printf 'id,name,vat\nV9,ACME,de123456789\n' >"$WORK/crm.csv"
$MDMCTL import --type=supplier --source=erp "$WORK/erp.csv" >/dev/null || fail "erp import"
$MDMCTL import --type=supplier --source=a-source-nobody-configured "$WORK/crm.csv" >/dev/null \
  || fail "unconfigured source refused"
golden=$($MDMCTL resolve erp S1)
case "$golden" in SUP-*) ;; *) fail "golden id $golden lacks the configured prefix" ;; esac
[ "$($MDMCTL resolve a-source-nobody-configured V9)" = "$golden" ] || fail "vat did not link"
shown=$($MDMCTL get "$golden")
echo "$shown" | grep -q "payment_terms *30 days" || fail "extra attribute not shown"
# The built-in types are gone: the file replaced the configuration.
set +e
err=$($MDMCTL upsert --type=person --source=crm --id=1 --attr=full_name=x 2>&1)
set -e
echo "$err" | grep -q "unknown entity type 'person'" || fail "$err"
stop_server
echo "PASS"
