# What `mdmctl import` reports and refuses: a full database stops the import
# once (not a rejected row each) and is logged by mdmd; Ctrl-C and a
# missing role say what happened and exit with their own codes; the rejects
# file is checked before rows are sent and lives beside the input;
# contradictory mapping flags are errors; a file with fewer columns
# replaces the stored record unless --partial; GBK, semicolons and UTF-16
# are read with the right flags, and a GBK file without --encoding is one
# error with a hint; duplicate ids are reported.
source "$(dirname "$0")/lib.sh"

# expect_exit CODE OUT_FILE COMMAND...: runs COMMAND with standard output and
# error to OUT_FILE and checks its exit code.
expect_exit() {
  local code=$1 out=$2 status=0
  shift 2
  "$@" >"$out" 2>&1 || status=$?
  [ $status -eq "$code" ] || { cat "$out" >&2; fail "'$*' exited $status, expected $code"; }
}

# 1. A full database: mdmd --max-db-bytes stands in for a full disk.
synthetic_people "$WORK/people.csv" 20000
start_server "$WORK/mdm.db" --max-db-bytes=$((3 << 20))
expect_exit 1 "$WORK/full.out" $MDMCTL import --type=person --source=crm "$WORK/people.csv"
cat "$WORK/full.out"
grep -q "^mdmctl import: database disk is full: [0-9,]* rows applied; free space on the server (or raise mdmd --max-db-bytes), then re-run the same command" \
  "$WORK/full.out" || fail "no single clear disk-full report"
[ "$(grep -c "database disk is full" "$WORK/full.out")" -eq 1 ] || fail "disk full reported more than once"
acked=$(sed -n 's/^stopped importing .*: \([0-9]*\) rows acknowledged.*/\1/p' "$WORK/full.out")
[ -n "$acked" ] && [ "$acked" -gt 0 ] && [ "$acked" -lt 20000 ] || fail "acknowledged count '$acked'"
grep -q " 0 rejected" "$WORK/full.out" || fail "disk full counted as rejected rows"
[ ! -e "$WORK/people.csv.rejects.csv" ] || fail "disk full wrote rejected rows"
[ "$(grep -c "database disk is full" "$SERVER_LOG")" -eq 1 ] || fail "mdmd did not log the full disk once"
stop_server
# With room again, the same command completes the import.
start_server "$WORK/mdm.db"
out=$($MDMCTL import --type=person --source=crm "$WORK/people.csv") || fail "re-run exited $?"
echo "$out" | grep -q " $acked unchanged" || fail "re-run did not find the $acked applied rows: $out"

# 2. Ctrl-C stops reading, waits for the answers, reports and exits 130.
synthetic_people "$WORK/more.csv" 60000
sed -i 's/@example.org/@example.net/' "$WORK/more.csv"
feed_head() {
  $MDMCTL changes --from=1 --limit=1 2>&1 >/dev/null | sed -n 's/head sequence \([0-9]*\).*/\1/p'
}
base=$(feed_head)
$MDMCTL import --type=person --source=erp "$WORK/more.csv" >"$WORK/int.out" 2>&1 &
pid=$!
for _ in $(seq 1 400); do
  [ "$(feed_head)" -gt $((base + 3000)) ] && break
  sleep 0.05
done
kill -INT $pid
status=0
wait $pid || status=$?
cat "$WORK/int.out"
[ $status -eq 130 ] || fail "interrupted import exited $status, expected 130"
grep -q "^mdmctl import: interrupted: [0-9,]* rows applied; re-run the same command to continue" \
  "$WORK/int.out" || fail "no report of the interruption"
acked=$(sed -n 's/^stopped importing .*: \([0-9]*\) rows acknowledged.*/\1/p' "$WORK/int.out")
[ -n "$acked" ] && [ "$acked" -lt 60000 ] || fail "interrupted import acknowledged '$acked' rows"
$MDMCTL resolve erp "P$acked" >/dev/null || fail "the last acknowledged row erp:P$acked is not stored"

# 3. The rejects file: beside the input by default, checked before sending.
mkdir -p "$WORK/in" "$WORK/elsewhere"
printf '{"id": "R-1", "full_name": "Rae Roe"}\n{"id": "R-2", "hair": "red"}\n{"id": "R-3", "full_name": "Rob \n' \
  >"$WORK/in/rows.jsonl"
expect_exit 1 "$WORK/rej.out" env -C "$WORK/elsewhere" $MDMCTL import --type=person --source=rej "$WORK/in/rows.jsonl"
[ -f "$WORK/in/rows.jsonl.rejects.csv" ] || fail "rejects file not beside the input"
[ -z "$(ls "$WORK/elsewhere")" ] || fail "rejects file written in the current directory"
grep -q "^2,R-2,attributes.hair," "$WORK/in/rows.jsonl.rejects.csv" || fail "unknown attribute not rejected"
grep -q '^3,,,"is not JSON: byte [0-9]* of the line (byte [0-9]* of the file): ' \
  "$WORK/in/rows.jsonl.rejects.csv" || fail "JSON error without its byte: $(cat "$WORK/in/rows.jsonl.rejects.csv")"
expect_exit 2 "$WORK/rej2.out" $MDMCTL import --type=person --source=rej2 \
  --rejects="$WORK/no/such/dir/r.csv" "$WORK/in/rows.jsonl"
grep -q "cannot create the rejects file $WORK/no/such/dir/r.csv" "$WORK/rej2.out" || fail "$(cat "$WORK/rej2.out")"
expect_exit 3 /dev/null $MDMCTL resolve rej2 R-1

# 4. Contradictory mapping flags are errors, and nothing is sent.
printf 'id,surname,family_name,email\nM-1,Lee,Li,m1@example.org\n' >"$WORK/map.csv"
expect_exit 2 "$WORK/map.out" $MDMCTL import --type=person --source=map --map=surname=family_name "$WORK/map.csv"
grep -q "targets 'family_name', which is also a column of the file" "$WORK/map.out" || fail "$(cat "$WORK/map.out")"
expect_exit 2 "$WORK/map.out" $MDMCTL import --type=person --source=map --map=id=full_name "$WORK/map.csv"
grep -q "maps the id column (--id-column=id)" "$WORK/map.out" || fail "$(cat "$WORK/map.out")"
expect_exit 2 "$WORK/map.out" $MDMCTL import --type=person --source=map \
  --map=surname=given_name --ignore=surname "$WORK/map.csv"
grep -q "name the same column" "$WORK/map.out" || fail "$(cat "$WORK/map.out")"
expect_exit 3 /dev/null $MDMCTL resolve map M-1

# 5. A file is the source's whole record; --partial merges.
printf 'id,full_name,email,phone\nF-1,Fay Fox,fay@example.org,+1 415 555 0199\n' >"$WORK/full.csv"
printf 'id,email\nF-1,fay.fox@example.org\n' >"$WORK/email.csv"
$MDMCTL import --type=person --source=part "$WORK/full.csv" >/dev/null || fail "full import"
$MDMCTL import --type=person --source=part --partial "$WORK/email.csv" >/dev/null || fail "partial import"
golden=$($MDMCTL resolve part F-1)
$MDMCTL --json get "$golden" >"$WORK/get.json"
grep -q '"phone":"+1 415 555 0199"' "$WORK/get.json" || fail "--partial lost the phone: $(cat "$WORK/get.json")"
grep -q '"email":"fay.fox@example.org"' "$WORK/get.json" || fail "--partial did not update the e-mail"
$MDMCTL import --type=person --source=part "$WORK/email.csv" >/dev/null || fail "whole-record import"
$MDMCTL --json get "$golden" >"$WORK/get.json"
grep -q '"phone"' "$WORK/get.json" && fail "a whole-record import kept the phone the file lacks"

# 6. Encodings and delimiters.
printf 'id;full_name;city\nG-1;\xcd\xf5\xce\xb0;\xb1\xb1\xbe\xa9\nG-2;\xc0\xee\xc4\xc8;\xc9\xcf\xba\xa3\n' >"$WORK/erp_gbk.csv"
expect_exit 2 "$WORK/gbk.out" $MDMCTL import --type=person --source=gbk "$WORK/erp_gbk.csv"
cat "$WORK/gbk.out"
[ "$(wc -l <"$WORK/gbk.out")" -eq 1 ] || fail "a GBK file without --encoding got more than one line"
grep -q "is not UTF-8: line 2 .*--encoding=GBK" "$WORK/gbk.out" || fail "no hint to give --encoding"
[ ! -e "$WORK/erp_gbk.csv.rejects.csv" ] || fail "GBK rows were rejected one by one"
$MDMCTL import --type=person --source=gbk --encoding=GBK "$WORK/erp_gbk.csv" >/dev/null ||
  fail "GBK import with --encoding failed"
$MDMCTL --json get "$($MDMCTL resolve gbk G-1)" | grep -q '"full_name":"王伟"' || fail "GBK name not decoded"
printf '\xff\xfe' >"$WORK/u16.csv"
printf 'id\tfull_name\nU-1\tUma Urs\n' | iconv -f UTF-8 -t UTF-16LE >>"$WORK/u16.csv"
$MDMCTL import --type=person --source=u16 "$WORK/u16.csv" >/dev/null || fail "UTF-16 with BOM, tab-separated"
$MDMCTL resolve u16 U-1 >/dev/null || fail "UTF-16 row not imported"

# 7. Duplicate source ids: reported; the last row is kept.
printf 'id,full_name\nD-1,First Name\nD-2,Dee Two\nD-1,Last Name\n' >"$WORK/dups.csv"
out=$($MDMCTL import --type=person --source=dup "$WORK/dups.csv") || fail "duplicate import exited $?"
echo "$out" | grep -q "1 source id is on more than one row; the last row of each was kept: D-1 (lines 2, 4)" ||
  fail "duplicates not reported: $out"
$MDMCTL --json get "$($MDMCTL resolve dup D-1)" | grep -q '"full_name":"Last Name"' || fail "the last row was not kept"
stop_server

# 8. A token without the reader role: says which role, never "cannot reach".
$MDMCTL --json admin new-token --name=loader --roles=writer >"$WORK/token.json"
token=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' "$WORK/token.json")
sed -n 's/.*"tokens_file_line":"\([^"]*\)".*/\1/p' "$WORK/token.json" >"$WORK/tokens"
[ -n "$token" ] && [ -s "$WORK/tokens" ] || fail "admin new-token --json: $(cat "$WORK/token.json")"
start_server "$WORK/mdm.db" --tokens="$WORK/tokens"
echo "$token" >"$WORK/loader.token"
expect_exit 5 "$WORK/role.out" $MDMCTL --token-file="$WORK/loader.token" import --type=person --source=crm "$WORK/dups.csv"
cat "$WORK/role.out"
grep -q "lacks the reader role" "$WORK/role.out" || fail "the missing role is not named"
grep -q "cannot reach" "$WORK/role.out" && fail "a missing role reported as unreachable"
stop_server
echo "PASS"
