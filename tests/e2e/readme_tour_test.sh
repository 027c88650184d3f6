# The README's five-minute tour, run from the README itself: every "$ "
# line of the tour's sh blocks is run, in order, against a fresh mdmd from
# the repository's root, and the lines the README shows after it must be
# what the command prints (stdout, then stderr). In the README's output,
# "..." stands for any number of lines; times, durations and rates may
# differ. A command must exit 0, unless the README shows its output and
# that output is an error mdmctl printed ("mdmctl COMMAND: ..."); `watch`
# is stopped with SIGINT after a few seconds and must exit 130.
source "$(dirname "$0")/lib.sh"

readme="${MDM_SOURCE_DIR:?set MDM_SOURCE_DIR to the repository}/README.md"
[ -f "$readme" ] || fail "no README at $readme"
steps="$WORK/steps"
mkdir -p "$steps"

# Splits the tour into steps/N.cmd (the command) and steps/N.out (what the
# README shows it printing).
awk -v dir="$steps" '
  /^## / { in_tour = ($0 == "## A five-minute tour") ; next }
  !in_tour { next }
  /^```sh/ { in_block = 1; next }
  /^```/ { in_block = 0; next }
  !in_block { next }
  /^\$ / { n++; printf "%s\n", substr($0, 3) > (dir "/" n ".cmd"); printf "" > (dir "/" n ".out"); next }
  n { print > (dir "/" n ".out") }
' "$readme"
count=$(ls "$steps"/*.cmd 2>/dev/null | wc -l)
[ "$count" -ge 10 ] || fail "found only $count tour commands in the README"

# The same text with what legitimately varies made equal.
normalize() {
  sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/TIME/g' \
    -e 's/in [0-9]+(\.[0-9]+)?s \([0-9]+ rows\/s\)/in Ts (R rows\/s)/g' \
    -e 's/[[:space:]]+$//' "$1"
}

# matches EXPECTED ACTUAL: each expected line in order, "..." skipping any
# number of actual lines.
matches() {
  awk '
    NR == FNR { expected[++e] = $0; next }
    { actual[++a] = $0 }
    END {
      i = 1; skip = 0
      for (x = 1; x <= e; x++) {
        if (expected[x] == "...") { skip = 1; continue }
        if (skip) {
          while (i <= a && actual[i] != expected[x]) i++
        }
        if (i > a || actual[i] != expected[x]) {
          print "expected: " expected[x]; print "got:      " (i <= a ? actual[i] : "(end of output)"); exit 1
        }
        i++; skip = 0
      }
      if (!skip && i <= a) { print "unexpected: " actual[i]; exit 1 }
    }' "$1" "$2"
}

start_server "$WORK/mdm.db"
cd "$MDM_SOURCE_DIR"
for n in $(seq 1 "$count"); do
  cmd=$(cat "$steps/$n.cmd")
  case "$cmd" in
    build/bin/mdmctl*) ;;
    *) fail "tour step $n does not run build/bin/mdmctl: $cmd" ;;
  esac
  run="$MDM_BIN/mdmctl --server=127.0.0.1:$PORT${cmd#build/bin/mdmctl}"
  echo "\$ $cmd"
  status=0
  case "$cmd" in
    *" watch "*|*" watch")
      timeout --preserve-status -s INT 3 bash -c "$run" >"$steps/$n.stdout" 2>"$steps/$n.stderr" || status=$?
      [ $status -eq 130 ] || fail "tour step $n (watch) exited $status on Ctrl-C, expected 130" ;;
    *)
      bash -c "$run" >"$steps/$n.stdout" 2>"$steps/$n.stderr" || status=$? ;;
  esac
  cat "$steps/$n.stdout" "$steps/$n.stderr" >"$steps/$n.actual"
  cat "$steps/$n.actual"
  if [ -s "$steps/$n.out" ]; then
    normalize "$steps/$n.out" >"$steps/$n.expected.norm"
    normalize "$steps/$n.actual" >"$steps/$n.actual.norm"
    diffs=$(matches "$steps/$n.expected.norm" "$steps/$n.actual.norm") ||
      fail "tour step $n printed other than the README shows: $cmd
$diffs"
  fi
  case "$cmd" in *" watch "*|*" watch") continue ;; esac
  if [ $status -ne 0 ]; then
    head -n 1 "$steps/$n.out" | grep -q "^mdmctl " ||
      fail "tour step $n exited $status: $cmd"
  fi
done
cd - >/dev/null
"$MDM_BIN/mdmctl" --server=127.0.0.1:$PORT admin verify >/dev/null ||
  fail "invariants broken after the tour"
stop_server
echo "PASS: $count tour commands"
