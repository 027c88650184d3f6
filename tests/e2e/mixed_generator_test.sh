# `mdm-gen --type=mixed` writes every built-in type in the proportions of a
# CRM and ERP master (40% persons, 30% organizations, 30% products of the
# entities), each in its own folder with its ground truth; every file loads
# through `mdmctl import` without a rejected row into one server, and the
# checker passes on the result.
source "$(dirname "$0")/lib.sh"

"$MDM_BIN/mdm-gen" --type=mixed --entities=2000 --seed=5 --out="$WORK/mixed" \
  >/dev/null 2>"$WORK/gen.err" || { cat "$WORK/gen.err" >&2; fail "mdm-gen"; }

start_server "$WORK/mdm.db"
for type in person organization product; do
  dir="$WORK/mixed/$type"
  [ "$(cat "$dir/type.txt")" = "$type" ] || fail "$dir/type.txt is not $type"
  case $type in
    person) want=800 ;;
    *) want=600 ;;
  esac
  entities=$(tail -n +2 "$dir/truth.csv" | cut -d, -f3 | sort -u | wc -l)
  [ "$entities" -eq "$want" ] || fail "$type: $entities entities, not $want"
  records=$(($(wc -l <"$dir/truth.csv") - 1))
  [ "$records" -gt "$want" ] || fail "$type: no duplicates in $records records"
  for source in crm erp; do
    $MDMCTL import --type="$type" --source="$source" \
      --rejects="$WORK/rejects.csv" "$dir/$source.csv" >"$WORK/import.out" \
      2>"$WORK/import.err" \
      || { cat "$WORK/import.err" >&2; fail "import $type $source"; }
    [ ! -e "$WORK/rejects.csv" ] || fail "$type $source: rows rejected"
  done
done
stop_server
"$MDM_BIN/mdmd" --verify="$WORK/mdm.db" >"$WORK/verify.out" 2>&1 \
  || { cat "$WORK/verify.out" >&2; fail "--verify after the mixed load"; }
echo PASS
