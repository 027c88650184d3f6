# Data stewardship through the real binaries: a rejected pair stays apart
# when re-imported with changes that raise its score; an approved pair makes
# a third record join automatically; manual merge and split give the
# expected ids, redirects and feed events; the audit log says who merged
# what and why.
source "$(dirname "$0")/lib.sh"
start_server "$WORK/mdm.db"
ANN="$MDMCTL --actor=ann"

golden() { $MDMCTL resolve "$1" "$2" | cut -d' ' -f1; }

# Two uncertain pairs: same name, one record with a city, one with an e-mail.
cat >"$WORK/crm.csv" <<'CSV'
id,given_name,family_name,city
h1,Hal,Ito,Oakland
g1,Gus,Hall,Oakland
CSV
cat >"$WORK/web.csv" <<'CSV'
id,given_name,family_name,email
h2,Hal,Ito,hal@y.org
g2,Gus,Hall,gus@y.org
CSV
$MDMCTL import --type=person --source=crm "$WORK/crm.csv" >/dev/null || fail "import crm"
$MDMCTL import --type=person --source=web "$WORK/web.csv" >/dev/null || fail "import web"

queue=$($MDMCTL candidates list --type=person)
echo "$queue"
echo "$queue" | grep -Eq '^crm:h1 +web:h2 +0\.' || fail "crm:h1/web:h2 should be a review candidate"
echo "$queue" | grep -Eq '^crm:g1 +web:g2 +0\.' || fail "crm:g1/web:g2 should be a review candidate"
shown=$($MDMCTL candidates show crm:h1 web:h2)
echo "$shown" | grep -Eq '^ +given_name +Hal +Hal' || fail "show: side by side values"
echo "$shown" | grep -q "match weight" || fail "show: explanation"

# Reject, then re-import both with everything in common: they stay apart.
$ANN candidates reject crm:h1 web:h2 --reason="father and son" >/dev/null || fail "reject"
cat >"$WORK/crm2.csv" <<'CSV'
id,given_name,family_name,city,email
h1,Hal,Ito,Oakland,hal@y.org
CSV
cat >"$WORK/web2.csv" <<'CSV'
id,given_name,family_name,city,email
h2,Hal,Ito,Oakland,hal@y.org
CSV
$MDMCTL import --type=person --source=crm "$WORK/crm2.csv" >/dev/null || fail "re-import crm"
$MDMCTL import --type=person --source=web "$WORK/web2.csv" >/dev/null || fail "re-import web"
explained=$($MDMCTL explain crm:h1 web:h2)
echo "$explained" | grep -q "decision LINK" || fail "the re-imported pair should score as a link"
[ "$(golden crm h1)" != "$(golden web h2)" ] || fail "a rejected pair was joined"

# Approve, then a third record sharing web:g2's e-mail joins automatically.
approved=$($ANN candidates approve crm:g1 web:g2 --reason="same customer, checked by phone") \
  || fail "approve"
echo "$approved"
g_before_web=$(echo "$approved" | cut -d' ' -f1)
[ "$(golden web g2)" = "$(golden crm g1)" ] || fail "approve should merge"
merged_away=$(echo "$approved" | sed -n 's/.*merged: \([A-Z0-9-]*\).*/\1/p')
[ -n "$merged_away" ] || fail "approve should report the merged golden id"
$MDMCTL upsert --type=person --source=erp --id=g3 --attr email=gus@y.org \
  --attr phone='+1 650 253 0000' >/dev/null || fail "upsert erp:g3"
[ "$(golden erp g3)" = "$(golden crm g1)" ] || fail "erp:g3 should join the approved golden record"

# Manual merge: the golden record with the older records survives; the other
# redirects; the feed says so.
$MDMCTL upsert --type=person --source=crm --id=p1 --attr email=pat@x.org >/dev/null
$MDMCTL upsert --type=person --source=crm --id=p2 --attr email=patricia@x.org >/dev/null
p1=$(golden crm p1)
p2=$(golden crm p2)
[ "$p1" != "$p2" ] || fail "p1 and p2 should start apart"
head_before=$($MDMCTL changes --from=1 --limit=10000 | tail -n 1 | cut -d' ' -f1)
$ANN merge "$p2" "$p1" --reason="Pat is Patricia" >/dev/null || fail "merge"
[ "$(golden crm p2)" = "$p1" ] || fail "the older golden record should survive the merge"
$MDMCTL resolve "$p2" | grep -q "redirected from $p2" || fail "$p2 should redirect"
feed=$($MDMCTL changes --from=$((head_before + 1)))
echo "$feed"
echo "$feed" | grep -q "GOLDEN_MERGED  $p2 -> $p1" || fail "feed: GOLDEN_MERGED $p2 -> $p1"

# Split p2 out again: the part with the oldest record (p1) keeps the id,
# and p2, which formed the golden record merged away, gets that id back.
head_before=$($MDMCTL changes --from=1 --limit=10000 | tail -n 1 | cut -d' ' -f1)
split=$($ANN split "$p1" crm:p2 --reason="two people after all") || fail "split"
echo "$split"
echo "$split" | grep -q "restored: $p2" || fail "the split should say it restored $p2"
[ "$(golden crm p1)" = "$p1" ] || fail "p1 should keep $p1"
[ "$(golden crm p2)" = "$p2" ] || fail "p2 should get its id $p2 back, got $(golden crm p2)"
[ "$($MDMCTL resolve "$p2")" = "$p2" ] || fail "$p2 should resolve to itself, not redirect"
feed=$($MDMCTL changes --from=$((head_before + 1)))
echo "$feed"
echo "$feed" | grep -q "GOLDEN_RESTORED  $p2  crm:p2" || fail "feed: GOLDEN_RESTORED $p2"
echo "$feed" | grep -q "XREF_UNLINKED  $p1  crm:p2" || fail "feed: XREF_UNLINKED from $p1"
# The restored id survives a crash: killed, restarted, checked.
kill9_server
"$MDM_BIN/mdmd" --verify="$WORK/mdm.db" >/dev/null || fail "invariants broken after the restore and kill -9"
start_server "$WORK/mdm.db"
ANN="$MDMCTL --actor=ann"
[ "$($MDMCTL resolve "$p2")" = "$p2" ] || fail "$p2 should still resolve to itself after a restart"
[ "$(golden crm p2)" = "$p2" ] || fail "p2 should still be in $p2 after a restart"
# A fresh split-off part gets a new id.
$MDMCTL upsert --type=person --source=erp --id=p3 --attr email=pat@x.org >/dev/null
[ "$(golden erp p3)" = "$p1" ] || fail "erp:p3 should join $p1"
$ANN split "$p1" erp:p3 --reason="another Pat" >/dev/null || fail "split p3"
new_id=$(golden erp p3)
[ "$new_id" != "$p1" ] && [ "$new_id" != "$p2" ] || fail "p3 should get a new id, got $new_id"

# An automatic merge, for the audit.
$MDMCTL upsert --type=person --source=crm --id=q1 --attr email=quinn@x.org >/dev/null
$MDMCTL upsert --type=person --source=crm --id=q2 --attr national_id=Q-77 >/dev/null
q2=$(golden crm q2)
$MDMCTL upsert --type=person --source=erp --id=q3 --attr email=quinn@x.org \
  --attr national_id=Q77 >/dev/null
[ "$(golden crm q2)" = "$(golden crm q1)" ] || fail "q3 should merge q1 and q2"

# Who merged these, and why: every merge above is in the audit log.
audit=$($MDMCTL audit)
echo "$audit"
check_audit() {  # check_audit GOLDEN_ID PATTERN
  local entries
  entries=$($MDMCTL audit --golden="$1")
  echo "$entries" | grep -Eq "$2" || fail "audit of $1 lacks /$2/: $entries"
}
check_audit "$merged_away" ' ann  approve  .*"same customer, checked by phone"'
check_audit "$p2" ' ann  merge  .*"Pat is Patricia"'
check_audit "$p2" ' ann  split  .*crm:p2  "two people after all"'
check_audit "$new_id" ' ann  split  .*erp:p3  "another Pat"'
check_audit "$q2" ' mdm  auto_merge  .*p=[01]\.[0-9]+  model 0  "upsert of erp:q3"'
check_audit "$(golden crm h1)" ' ann  reject  .*"father and son"'
by_ann=$($MDMCTL audit --actor=ann | wc -l)
[ "$by_ann" -eq 5 ] || fail "ann made 5 decisions, the audit shows $by_ann"

# Undoing a pair's first decision leaves it undecided: back in the queue,
# not among the pairs judged unsure; undone once only.
$MDMCTL upsert --type=person --source=crm --id=k1 --attr given_name=Kit \
  --attr family_name=Lau --attr city=Oakland >/dev/null
$MDMCTL upsert --type=person --source=web --id=k2 --attr given_name=Kit \
  --attr family_name=Lau --attr email=kit@y.org >/dev/null
$MDMCTL candidates list --type=person | grep -Eq '^crm:k1 +web:k2 ' || fail "crm:k1/web:k2 should be a candidate"
decided=$($ANN candidates approve crm:k1 web:k2) || fail "approve k"
entry=$(echo "$decided" | sed -n 's/.*(audit \([0-9]*\)).*/\1/p')
[ -n "$entry" ] || fail "no audit entry in '$decided'"
$ANN candidates undo "$entry" --reason="wrong key" >/dev/null || fail "undo $entry"
[ "$(golden crm k1)" != "$(golden web k2)" ] || fail "the undone approval still holds"
$MDMCTL candidates list --type=person | grep -Eq '^crm:k1 +web:k2 ' \
  || fail "the undone pair is not back in the queue: $($MDMCTL candidates list --type=person)"
if $MDMCTL candidates list --type=person --unsure | grep -q "crm:k1"; then
  fail "the undone pair is listed as judged unsure"
fi
status=0
$ANN candidates undo "$entry" >"$WORK/out" 2>"$WORK/err" || status=$?
[ $status -eq 4 ] || fail "a second undo exited $status, expected 4"
grep -q "has been undone already (crm:k1 and web:k2 are undecided)" "$WORK/err" \
  || fail "second undo: $(cat "$WORK/err")"

stop_server
echo "PASS"
