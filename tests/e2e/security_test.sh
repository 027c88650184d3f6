# Access control end to end: mdmd with TLS and a tokens file, driven by
# mdmctl with --tls-ca and --token-file. Each role reaches its commands and
# is denied the others; unknown and expired tokens and plaintext clients are
# refused; with a client CA, a client without a certificate is refused; the
# audit log names the token; SIGHUP re-reads the tokens file; a
# non-loopback address is refused without tokens, and without TLS.
source "$(dirname "$0")/lib.sh"

command -v openssl >/dev/null || { echo "SKIPPED: needs openssl"; exit 77; }

# A CA, a server certificate for 127.0.0.1, and a client certificate.
cd "$WORK"
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 \
  -subj "/CN=mdm test CA" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr \
  -subj "/CN=localhost" 2>/dev/null
printf "subjectAltName=DNS:localhost,IP:127.0.0.1\n" >server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
  -out server.pem -days 2 -extfile server.ext 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr \
  -subj "/CN=crm-sync" 2>/dev/null
openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
  -out client.pem -days 2 2>/dev/null
cd - >/dev/null

# new_token NAME ROLES [EXPIRES]: appends the line to the tokens file and
# writes the token to $WORK/NAME.token.
new_token() {
  local out
  out=$("$MDM_BIN/mdmctl" admin new-token --name="$1" --roles="$2" ${3:+--expires=$3})
  echo "$out" | sed -n 2p | tr -d ' ' >"$WORK/$1.token"
  echo "$out" | sed -n 4p | sed "s/^ *//" >>"$WORK/tokens"
  grep -q "^mdm_[0-9a-f]\{64\}$" "$WORK/$1.token" || fail "no token printed for $1"
}
: >"$WORK/tokens"
new_token reader reader
new_token writer writer
new_token steward steward,reader
new_token admin admin
# new-token refuses an expiry in the past and an unknown role, writing
# nothing; a lapsed token is made by editing the expiry of a line.
status=0
"$MDM_BIN/mdmctl" admin new-token --name=old --roles=reader \
  --expires=2020-01-01T00:00:00Z >"$WORK/out" 2>"$WORK/err" || status=$?
[ $status -eq 2 ] || fail "new-token with a past expiry exited $status, not 2"
grep -q "is in the past" "$WORK/err" || fail "no reason for the past expiry: $(cat "$WORK/err")"
[ ! -s "$WORK/out" ] || fail "new-token printed a token for a past expiry"
status=0
"$MDM_BIN/mdmctl" admin new-token --name=bad --roles=reader,stewrd \
  >"$WORK/out" 2>"$WORK/err" || status=$?
[ $status -eq 2 ] || fail "new-token with an unknown role exited $status, not 2"
grep -q "unknown role 'stewrd'" "$WORK/err" || fail "unknown role not named: $(cat "$WORK/err")"
new_token lapsed reader,writer,steward,admin 2099-01-01T00:00:00Z
sed -i 's/expires=2099-01-01T00:00:00Z/expires=2020-01-01T00:00:00Z/' "$WORK/tokens"
grep -q "expires=2020-01-01T00:00:00Z" "$WORK/tokens" || fail "could not age the lapsed token"
grep -q "mdm_" "$WORK/tokens" && fail "the tokens file holds a token, not a digest"

start_server "$WORK/mdm.db" --tokens="$WORK/tokens" \
  --tls-cert="$WORK/server.pem" --tls-key="$WORK/server.key"
grep -q "5 tokens from .*, TLS)" "$SERVER_LOG" || fail "start-up line does not describe access"
as() {
  local name=$1
  shift
  $MDMCTL --tls-ca="$WORK/ca.pem" --token-file="$WORK/$name.token" "$@"
}

# expect_denied CODE NAME COMMAND...: the command fails with gRPC code CODE.
expect_denied() {
  local code=$1 name=$2
  shift 2
  local out status=0
  out=$(as "$name" "$@" 2>&1) || status=$?
  [ $status -eq 5 ] || fail "'$name: $*' exited $status, expected 5 (denied): $out"
  echo "$out" | grep -q "($code)" || fail "'$name: $*' gave '$out', expected $code"
}

as writer upsert --type=person --source=crm --id=1 \
  --attr full_name="Ann Lee" --attr email=ann@x.org >/dev/null ||
  fail "writer cannot upsert"
as writer upsert --type=person --source=erp --id=7 \
  --attr full_name="Bob Stone" --attr email=bob@y.org >/dev/null ||
  fail "writer cannot upsert"
golden_a=$(as reader resolve crm 1 | awk '{print $1}' | grep -m1 '^PER-') ||
  fail "reader cannot resolve"
golden_b=$(as reader resolve erp 7 | awk '{print $1}' | grep -m1 '^PER-') ||
  fail "reader cannot resolve"
as reader get "$golden_a" >/dev/null || fail "reader cannot get"
as reader changes --from=1 >/dev/null || fail "reader cannot read the feed"

expect_denied PERMISSION_DENIED reader upsert --type=person --source=crm --id=2 --attr full_name=X
expect_denied PERMISSION_DENIED reader merge "$golden_a" "$golden_b"
expect_denied PERMISSION_DENIED writer resolve crm 1
expect_denied PERMISSION_DENIED writer merge "$golden_a" "$golden_b"
expect_denied PERMISSION_DENIED steward upsert --type=person --source=crm --id=2 --attr full_name=X
expect_denied PERMISSION_DENIED steward admin verify
expect_denied PERMISSION_DENIED admin resolve crm 1
expect_denied UNAUTHENTICATED lapsed resolve crm 1
echo "mdm_$(printf '%064d' 0)" >"$WORK/unknown.token"
expect_denied UNAUTHENTICATED unknown resolve crm 1
# Refusals are logged with the caller's address (at most one a second).
grep -q "refused a call from ipv4:127.0.0.1:[0-9]*: token 'reader' lacks the writer role" \
  "$SERVER_LOG" || fail "the first refusal was not logged"

# The steward's merge is audited under the token's name, whatever --actor says.
as steward --actor=mallory merge "$golden_a" "$golden_b" --reason="same person" \
  >/dev/null || fail "steward cannot merge"
as steward audit --golden="$golden_a" | grep -q "steward" ||
  fail "audit log does not name the token"
as steward audit --golden="$golden_a" | grep -q "mallory" &&
  fail "audit log took the claimed actor"
as admin admin verify | grep -q "every invariant holds" || fail "admin cannot verify"

# Plaintext to a TLS port fails; a token alone is not enough.
status=0
$MDMCTL --token-file="$WORK/reader.token" resolve crm 1 >/dev/null 2>&1 || status=$?
[ $status -eq 6 ] || fail "plaintext client was served (exit $status)"

# SIGHUP re-reads the tokens file: a new token works without a restart, and
# one removed stops working.
new_token late reader
grep -v "^reader " "$WORK/tokens" >"$WORK/tokens.new" && mv "$WORK/tokens.new" "$WORK/tokens"
kill -HUP "$SERVER_PID"
for _ in $(seq 1 50); do grep -q "SIGHUP: 5 tokens" "$SERVER_LOG" && break; sleep 0.1; done
grep -q "SIGHUP: 5 tokens" "$SERVER_LOG" || fail "SIGHUP did not reload the tokens"
as late resolve crm 1 >/dev/null || fail "token added by SIGHUP refused"
expect_denied UNAUTHENTICATED reader resolve crm 1
# A line with an unknown role is reported at SIGHUP, naming the file and
# line, and the tokens in use stay.
cp "$WORK/tokens" "$WORK/tokens.good"
echo "typo sha256:$(printf '%064d' 7) reader,stewrd" >>"$WORK/tokens"
bad_line=$(wc -l <"$WORK/tokens")
kill -HUP "$SERVER_PID"
for _ in $(seq 1 50); do grep -q "SIGHUP: keeping the tokens in use" "$SERVER_LOG" && break; sleep 0.1; done
grep -q "SIGHUP: keeping the tokens in use: .*tokens file $WORK/tokens:$bad_line: token 'typo': unknown role 'stewrd'" \
  "$SERVER_LOG" || fail "SIGHUP did not report the bad line: $(tail -n 3 "$SERVER_LOG")"
as late resolve crm 1 >/dev/null || fail "tokens in use dropped after a bad SIGHUP"
mv "$WORK/tokens.good" "$WORK/tokens"
stop_server

# Mutual TLS: a client without a certificate is refused; with one, served.
start_server "$WORK/mdm.db" --tokens="$WORK/tokens" \
  --tls-cert="$WORK/server.pem" --tls-key="$WORK/server.key" \
  --tls-client-ca="$WORK/ca.pem"
grep -q "mutual TLS" "$SERVER_LOG" || fail "start-up line does not say mutual TLS"
status=0
as late resolve crm 1 >/dev/null 2>&1 || status=$?
[ $status -eq 6 ] || fail "client without a certificate was served (exit $status)"
as late --tls-cert="$WORK/client.pem" --tls-key="$WORK/client.key" \
  resolve crm 1 >/dev/null || fail "client with a certificate refused"
stop_server

# Exposure without protection is refused at start-up.
refused() {
  local status=0
  "$MDM_BIN/mdmd" --db="$WORK/other.db" "$@" >"$WORK/refused.log" 2>&1 || status=$?
  [ $status -eq 1 ] || fail "mdmd $* exited $status, expected 1"
}
refused --listen=0.0.0.0:0
grep -q "without authentication" "$WORK/refused.log" || fail "no reason given: $(cat "$WORK/refused.log")"
refused --listen=0.0.0.0:0 --tokens="$WORK/tokens"
grep -q "without TLS" "$WORK/refused.log" || fail "no reason given: $(cat "$WORK/refused.log")"
refused --listen=127.0.0.1:0 --tokens="$WORK/missing-tokens"
grep -q "cannot read tokens file" "$WORK/refused.log" || fail "no reason given: $(cat "$WORK/refused.log")"
# ... and so is a tokens file with an unknown role, naming the line.
cp "$WORK/tokens" "$WORK/tokens.bad"
echo "typo sha256:$(printf '%064d' 7) reader,stewrd" >>"$WORK/tokens.bad"
bad_line=$(wc -l <"$WORK/tokens.bad")
refused --listen=127.0.0.1:0 --tokens="$WORK/tokens.bad"
grep -q "tokens file $WORK/tokens.bad:$bad_line: token 'typo': unknown role 'stewrd'" \
  "$WORK/refused.log" || fail "bad role not reported at start: $(cat "$WORK/refused.log")"
echo "PASS"
