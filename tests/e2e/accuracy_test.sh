# Accuracy of the real service on the public datasets, with the acceptance
# levels of the matching engine: pairwise F1 over the service's clustering
# (no labels used: import, unsupervised training, export), and the share of
# labelled company-name pairs decided right; search before create on febrl 4.
source "$(dirname "$0")/lib.sh"
need_datasets febrl
need_datasets splink_fake_20000
need_datasets amazon_google
need_datasets dedupe_chicago_childhood
need_datasets company_names_mixed_zh_en

"$MDM_BIN/mdm-eval" --dataset=all --data="$MDM_DATASETS" >"$WORK/results.txt" 2>"$WORK/eval.err" \
  || { cat "$WORK/eval.err" >&2; fail "mdm-eval failed"; }
cat "$WORK/results.txt"

check() {  # check DATASET FIELD MINIMUM
  local value
  value=$(grep "^dataset=$1 " "$WORK/results.txt" | sed -n "s/.* $2=\([0-9.]*\).*/\1/p")
  [ -n "$value" ] || fail "no $2 for $1"
  awk -v v="$value" -v m="$3" 'BEGIN { exit !(v >= m) }' \
    || fail "$1: $2 $value is below $3"
}
check febrl3 f1 0.995
check febrl4 f1 0.995
check fake_20000 f1 0.85
check amazon_google f1 0.60
check chicago f1 0.92
check company_names accuracy 0.90
# Search before create: each febrl 4b record as a query against 4a.
check febrl4_search first_rank 0.98
above=$(grep "^dataset=febrl4_search " "$WORK/results.txt" | sed -n 's/.* above_auto_merge=\([0-9]*\).*/\1/p')
[ "$above" = "0" ] || fail "febrl4_search: $above queries without a match scored above auto_merge"
echo "PASS"
