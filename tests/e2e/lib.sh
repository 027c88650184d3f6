# Shared helpers for the end-to-end tests: start the real mdmd, drive it with
# the real mdmctl. Source this file; it sets `set -euo pipefail`.
#
#   source "$(dirname "$0")/lib.sh"
#   start_server "$WORK/mdm.db"
#   $MDMCTL resolve crm 42
#   stop_server
set -euo pipefail

MDM_BIN=${MDM_BIN:?set MDM_BIN to the folder holding mdmd and mdmctl}
MDM_DATASETS=${MDM_DATASETS:-}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mdm-e2e-XXXXXX")
SERVER_PID=""
SERVER_LOG=""
PORT=""
MDMCTL=""
STARTS=0

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  if [ -n "$SERVER_LOG" ] && [ -f "$SERVER_LOG" ]; then
    echo "--- server log ---" >&2
    tail -n 20 "$SERVER_LOG" >&2
  fi
  exit 1
}

# Skips the test (exit 77) when the shared datasets are not present.
need_datasets() {
  if [ -z "$MDM_DATASETS" ] || [ ! -d "$MDM_DATASETS/$1" ]; then
    echo "SKIPPED: needs the dataset folder ${MDM_DATASETS:-(unset)}/$1, which is not present"
    exit 77
  fi
}

# start_server DB [extra mdmd flags]: starts mdmd on a free port and waits
# until it logs that it is ready.
start_server() {
  local db=$1
  shift
  STARTS=$((STARTS + 1))
  SERVER_LOG="$WORK/mdmd.$STARTS.log"
  : >"$SERVER_LOG"
  "$MDM_BIN/mdmd" --listen=127.0.0.1:0 --db="$db" "$@" >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  local waited=0
  while ! grep -q "ready: " "$SERVER_LOG"; do
    kill -0 "$SERVER_PID" 2>/dev/null || fail "mdmd exited during start-up"
    sleep 0.1
    waited=$((waited + 1))
    [ $waited -lt 300 ] || fail "mdmd did not become ready in 30 s"
  done
  PORT=$(sed -n 's/.*serving mdm.v1 on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$SERVER_LOG" | head -n 1)
  [ -n "$PORT" ] || fail "no port in the ready line"
  MDMCTL="$MDM_BIN/mdmctl --server=127.0.0.1:$PORT"
}

# Stops the server with SIGTERM and checks that it exits 0.
stop_server() {
  kill -TERM "$SERVER_PID"
  local status=0
  wait "$SERVER_PID" || status=$?
  SERVER_PID=""
  [ $status -eq 0 ] || fail "mdmd exited with $status after SIGTERM"
}

kill9_server() {
  kill -9 "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# Writes the whole change feed, one event a line, to $1.
read_feed() {
  local out=$1 from=1 page
  : >"$out"
  while true; do
    page=$($MDMCTL changes --from="$from" --limit=10000 2>/dev/null)
    [ -n "$page" ] || break
    printf '%s\n' "$page" >>"$out"
    [ "$(printf '%s\n' "$page" | wc -l)" -eq 10000 ] || break
    from=$(( $(printf '%s\n' "$page" | tail -n 1 | cut -d' ' -f1) + 1 ))
  done
}

# Checks that the feed's sequence numbers are 1..N without gaps and that the
# golden ids it created and did not retire or merge away are exactly the
# golden ids of the exported xrefs ($1, a CSV from `mdmctl export xrefs`).
check_feed_matches_xrefs() {
  local xrefs=$1 feed="$WORK/feed.txt"
  read_feed "$feed"
  awk '{ if ($1 != NR) { print "gap at line " NR ": sequence " $1; exit 1 } }' "$feed" \
    || fail "change feed sequence is not dense"
  awk '$3 == "GOLDEN_CREATED" || $3 == "GOLDEN_RESTORED" { live[$4] = 1 }
       $3 == "GOLDEN_MERGED" || $3 == "GOLDEN_RETIRED" { delete live[$4] }
       END { for (id in live) print id }' "$feed" | sort >"$WORK/feed_live.txt"
  tail -n +2 "$xrefs" | cut -d, -f4 | sort -u >"$WORK/xref_goldens.txt"
  if ! cmp -s "$WORK/feed_live.txt" "$WORK/xref_goldens.txt"; then
    diff "$WORK/feed_live.txt" "$WORK/xref_goldens.txt" | head -n 10 >&2
    fail "golden ids in the feed differ from those in the xrefs"
  fi
}

# The febrl person columns mapped to the built-in person attributes.
FEBRL_MAP="--trim --id-column=rec_id --map=surname=family_name,date_of_birth=birth_date,soc_sec_id=national_id,address_1=address_line,suburb=city,postcode=postal_code,state=region --ignore=street_number,address_2"

# synthetic_people FILE N: a CSV of N synthetic people
# (id,given_name,family_name,email,birth_date); every fifth is a copy of an
# earlier one under a new id, so N*4/5 golden records result. Names and
# dates are spread by a multiplicative hash so that different people are far
# apart.
synthetic_people() {
  awk -v n="$2" '
function word(x, len,   s, k) {
  s = "";
  for (k = 0; k < len; k++) { s = s substr("bcdfghjklmnprstvwz", x % 18 + 1, 1) substr("aeiou", int(x / 18) % 5 + 1, 1); x = int(x / 90); }
  return toupper(substr(s, 1, 1)) substr(s, 2);
}
BEGIN {
  print "id,given_name,family_name,email,birth_date";
  for (i = 1; i <= n; i++) {
    b = (i % 5 == 0) ? i - 3 : i;
    h = (b * 2654435761) % 4294967296;
    g = word(h, 3); f = word(int(h / 7) + b, 4);
    printf "P%d,%s,%s,%s.%s%d@example.org,19%02d-%02d-%02d\n",
           i, g, f, tolower(g), tolower(f), b, 30 + h % 70, 1 + int(h / 70) % 12,
           1 + int(h / 840) % 28;
  }
}' >"$1"
}
