# mdmctl's command-line habits: documented exit codes, help and version as
# in git and kubectl, a suggestion for a mistyped command, errors in the
# words of the command line, one line when the server cannot be reached,
# TLS files checked up front, and --json for export, backup and new-token.
source "$(dirname "$0")/lib.sh"

CTL="$MDM_BIN/mdmctl"

# expect_exit CODE OUT_FILE COMMAND...: runs COMMAND with standard output and
# error to OUT_FILE and checks its exit code.
expect_exit() {
  local code=$1 out=$2 status=0
  shift 2
  "$@" >"$out" 2>&1 || status=$?
  [ $status -eq "$code" ] || { cat "$out" >&2; fail "'$*' exited $status, expected $code"; }
}

# Help, version, mistyped commands (no server needed).
expect_exit 0 "$WORK/version" $CTL --version
grep -Eq "^mdmctl [0-9]+\.[0-9]+\.[0-9]+$" "$WORK/version" || fail "version: $(cat "$WORK/version")"
expect_exit 0 "$WORK/help" $CTL help
grep -q "Exit codes:" "$WORK/help" || fail "help lists no exit codes"
for code in "  4    invalid argument" "  6    server unavailable" "  130  interrupted"; do
  grep -q "$code" "$WORK/help" || fail "help lacks '$code'"
done
expect_exit 0 "$WORK/help_import" $CTL help import
grep -q -- "--partial" "$WORK/help_import" || fail "help import lacks --partial"
grep -q "Global flags" "$WORK/help_import" || fail "help import lacks the global flags"
grep -q -- "--server" "$WORK/help_import" || fail "help import lacks --server"
expect_exit 0 "$WORK/help_list" $CTL candidates list --help
grep -q -- "--token-file" "$WORK/help_list" || fail "candidates list --help lacks the global flags"
expect_exit 2 "$WORK/typo" $CTL imprt --type=person x.csv
grep -q "^mdmctl: 'imprt' is not an mdmctl command; did you mean import?" "$WORK/typo" || fail "$(cat "$WORK/typo")"
expect_exit 2 "$WORK/typo" $CTL candidates aprove crm:1 crm:2
grep -q "did you mean approve?" "$WORK/typo" || fail "$(cat "$WORK/typo")"
expect_exit 2 "$WORK/range" $CTL changes --limit=20000
grep -q -- "--limit" "$WORK/range" || fail "range error does not name --limit: $(cat "$WORK/range")"

# The server cannot be reached: one line, no gRPC internals, exit 6.
port=1  # nothing listens on tcpmux
expect_exit 6 "$WORK/down" $CTL --server=127.0.0.1:$port resolve crm 1
cat "$WORK/down"
[ "$(wc -l <"$WORK/down")" -eq 1 ] || fail "unreachable server: more than one line"
grep -qx "mdmctl resolve: cannot reach mdmd at 127.0.0.1:$port (connection refused): is it running? start it with ./tools/dev.sh serve or mdmd --listen=127.0.0.1:$port" \
  "$WORK/down" || fail "unexpected message"
expect_exit 6 "$WORK/down" $CTL --server=127.0.0.1:$port import --type=person --source=crm x.csv
grep -q "cannot reach mdmd at 127.0.0.1:$port (connection refused)" "$WORK/down" || fail "$(cat "$WORK/down")"

# TLS files are checked before connecting, naming the file and the reason.
expect_exit 2 "$WORK/tls" $CTL --tls-ca="$WORK/missing.pem" resolve crm 1
grep -q -- "--tls-ca $WORK/missing.pem: cannot read it: No such file or directory" "$WORK/tls" || fail "$(cat "$WORK/tls")"
echo "not a certificate" >"$WORK/bad.pem"
expect_exit 2 "$WORK/tls" $CTL --tls-ca="$WORK/bad.pem" resolve crm 1
grep -q -- "--tls-ca $WORK/bad.pem: no PEM certificate in it" "$WORK/tls" || fail "$(cat "$WORK/tls")"

start_server "$WORK/mdm.db"
$MDMCTL upsert --type=person --source=crm --id=1 --attr full_name="Ann Lee" \
  --attr email=ann@example.org >/dev/null || fail "upsert"
golden=$($MDMCTL resolve crm 1)

# Exit codes by cause, and errors naming the flag.
expect_exit 3 "$WORK/e" $MDMCTL resolve crm nobody
expect_exit 3 "$WORK/e" $MDMCTL get "$(echo "$golden" | sed 's/^PER-/ORG-/')"
expect_exit 4 "$WORK/e" $MDMCTL upsert --type=person --source=crm --id=2 --attr shoe_size=38
grep -q "^mdmctl upsert: --attr shoe_size: " "$WORK/e" || fail "error does not name the flag: $(cat "$WORK/e")"
grep -q "\[field:" "$WORK/e" && fail "error names the request field: $(cat "$WORK/e")"
expect_exit 4 "$WORK/e" $MDMCTL upsert --type=spaceship --source=crm --id=2 --attr name=x
grep -q "^mdmctl upsert: --type: record crm:2: unknown entity type 'spaceship'" "$WORK/e" || fail "$(cat "$WORK/e")"

# export xrefs: an unknown type is an error, and --json gives JSON Lines.
expect_exit 4 "$WORK/e" $MDMCTL export xrefs --type=UNKNOWN
grep -q "unknown entity type 'UNKNOWN'" "$WORK/e" || fail "$(cat "$WORK/e")"
$MDMCTL export xrefs --type=UNKNOWN 2>/dev/null | grep -q . && fail "a refused export wrote output"
$MDMCTL --json export xrefs --type=person >"$WORK/xrefs.jsonl" || fail "export --json"
grep -qx "{\"entity_type\":\"person\",\"source\":\"crm\",\"source_id\":\"1\",\"golden_id\":\"$golden\"}" \
  "$WORK/xrefs.jsonl" || fail "export --json: $(cat "$WORK/xrefs.jsonl")"

# admin backup --json.
$MDMCTL --json admin backup "$WORK/backup.db" >"$WORK/backup.json" || fail "backup --json"
grep -q "^{\"bytes\":[0-9]*,\"file\":\"$WORK/backup.db\",\"sha256\":\"[0-9a-f]\{64\}\"}$" "$WORK/backup.json" ||
  fail "backup --json: $(cat "$WORK/backup.json")"
expect_exit 2 "$WORK/e" $MDMCTL admin backup "$WORK/backup.db"
stop_server

# A server that stopped while a command was running counts as unavailable.
expect_exit 6 "$WORK/e" $MDMCTL resolve crm 1
echo "PASS"
