# Design invariant 4 through the real binaries, for every built-in entity
# type: the same generated records loaded four ways (file order, reversed,
# shuffled, and file order with some records deleted and sent again) give one
# partition; `mdmctl model rematch` (the batch path, re-scoring and
# re-clustering every record from scratch) moves nothing in any of them; and
# the checker's batch_partition rule agrees with each database.
#
# MDM_ORDER_ENTITIES sets the entities per type (default 2000, about 2,500
# records each); the acceptance run for issue 16 uses 40000 (50k records a
# type), see docs/benchmarks.md.
source "$(dirname "$0")/lib.sh"

ENTITIES=${MDM_ORDER_ENTITIES:-2000}
TYPES="person organization product"

for type in $TYPES; do
  "$MDM_BIN/mdm-gen" --type="$type" --entities="$ENTITIES" --seed=16 \
    --out="$WORK/gen_$type" >/dev/null || fail "mdm-gen --type=$type"
  for source in crm erp; do
    f="$WORK/gen_$type/$source.csv"
    [ "$(wc -l <"$f")" -gt 100 ] || fail "mdm-gen wrote too few $type rows"
    head -n 1 "$f" >"$WORK/gen_$type/$source.reversed.csv"
    tail -n +2 "$f" | tac >>"$WORK/gen_$type/$source.reversed.csv"
    head -n 1 "$f" >"$WORK/gen_$type/$source.shuffled.csv"
    tail -n +2 "$f" | shuf --random-source=<(yes 16) \
      >>"$WORK/gen_$type/$source.shuffled.csv"
  done
done

# import_all SUFFIX FIRST SECOND: every type's two sources, in that order.
import_all() {
  local suffix=$1 first=$2 second=$3
  for type in $TYPES; do
    for source in $first $second; do
      $MDMCTL import --type="$type" --source="$source" \
        --rejects="$WORK/rejects.csv" "$WORK/gen_$type/$source$suffix.csv" \
        >/dev/null 2>"$WORK/import.err" \
        || { cat "$WORK/import.err" >&2; fail "import $type $source$suffix"; }
    done
  done
}

# partition OUT: the live partition, one golden record a line as its sorted
# type:source:id keys, lines sorted; golden ids themselves do not count.
partition() {
  $MDMCTL export xrefs >"$WORK/xrefs.csv" || fail "export xrefs"
  tail -n +2 "$WORK/xrefs.csv" \
    | awk -F, '{ print $4 "," $1 ":" $2 ":" $3 }' | sort -t, -k1,1 -k2,2 \
    | awk -F, '$1 != golden { if (NR > 1) print line; golden = $1; line = $2; next }
               { line = line " " $2 } END { print line }' \
    | sort >"$1"
}

# verify DB: the invariant checker, batch_partition included, passes.
verify() {
  local out status=0
  out=$("$MDM_BIN/mdmd" --verify="$1" 2>&1) || status=$?
  [ $status -eq 0 ] || { echo "$out" | head -n 20 >&2; fail "--verify on $1 ($2)"; }
}

# load NAME: a fresh database loaded the NAME way; leaves its partition in
# $WORK/NAME.partition.
load() {
  local name=$1
  start_server "$WORK/$name.db"
  case $name in
    forward) import_all "" crm erp ;;
    reversed) import_all .reversed erp crm ;;
    shuffled) import_all .shuffled crm erp ;;
    resent)
      import_all "" crm erp
      # Delete every 20th record of each type's crm file, then send them
      # again: the deletes re-cluster around them, the re-sends come last.
      for type in $TYPES; do
        f="$WORK/gen_$type/crm.csv"
        head -n 1 "$f" >"$WORK/gen_$type/crm.resent.csv"
        tail -n +2 "$f" | awk 'NR % 20 == 0' >>"$WORK/gen_$type/crm.resent.csv"
        tail -n +2 "$WORK/gen_$type/crm.resent.csv" | cut -d, -f1 | while read -r id; do
          $MDMCTL delete --type="$type" crm "$id" >/dev/null || fail "delete $type crm:$id"
        done
        $MDMCTL import --type="$type" --source=crm --rejects="$WORK/rejects.csv" \
          "$WORK/gen_$type/crm.resent.csv" >/dev/null || fail "re-send $type"
      done
      ;;
  esac
  for type in $TYPES; do
    $MDMCTL model rematch --type="$type" >"$WORK/rematch.out" 2>&1 \
      || { cat "$WORK/rematch.out" >&2; fail "model rematch $type ($name)"; }
    grep -q "the partition was already the batch clustering" "$WORK/rematch.out" \
      || { cat "$WORK/rematch.out" >&2; fail "rematch moved $type records ($name)"; }
  done
  partition "$WORK/$name.partition"
  stop_server
  verify "$WORK/$name.db" "$name"
}

load forward
for type in $TYPES; do
  groups=$(grep -c "^$type:" "$WORK/forward.partition" || true)
  merged=$(grep "^$type:" "$WORK/forward.partition" | grep -c " " || true)
  echo "$type: $groups golden records, $merged with more than one record"
  [ "$merged" -gt 50 ] || fail "$type: implausibly few merges ($merged)"
done
for name in reversed shuffled resent; do
  load $name
  if ! cmp -s "$WORK/forward.partition" "$WORK/$name.partition"; then
    diff "$WORK/forward.partition" "$WORK/$name.partition" | head -n 10 >&2
    fail "the $name load gave another partition than the forward one"
  fi
done
echo "PASS"
