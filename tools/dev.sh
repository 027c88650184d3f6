#!/usr/bin/env bash
# Developer entry point: install what is missing, build, then serve or test.
#
#   ./tools/dev.sh serve   build and start mdmd on 127.0.0.1:50051 (var/mdm.db)
#   ./tools/dev.sh test    build and run every test, then again under
#                          AddressSanitizer and UndefinedBehaviorSanitizer,
#                          then each libFuzzer target briefly (clang)
#   ./tools/dev.sh build   build only (build/bin/mdmd, build/bin/mdmctl)
#
# Packages come from Debian 12. As root the script installs missing ones with
# apt-get; otherwise it prints the exact command to run and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  cmake ninja-build g++ pkg-config
  libgrpc++-dev protobuf-compiler-grpc protobuf-compiler libprotobuf-dev
  libsqlite3-dev libabsl-dev libre2-dev libicu-dev libphonenumber-dev
  libxxhash-dev libcli11-dev nlohmann-json3-dev libgoogle-perftools-dev
  libgtest-dev libgmock-dev libbenchmark-dev tmux libssl-dev openssl
  clang libclang-rt-14-dev
)
JOBS=$(nproc 2>/dev/null || echo 2)

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages. Install them as root, then run this again:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Optimized; with debug info for `build` and `serve`, without it for `test`,
# whose plain tree compiles a quarter faster so.
WITH_DEBUG_INFO=(-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g -DNDEBUG")
WITHOUT_DEBUG_INFO=(-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -DNDEBUG")

# build DIR [cmake args...]
build() {
  local dir=$1
  shift
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS"
}

# run_tests DIR [ctest args...]
run_tests() {
  local dir=$1
  shift
  (cd "$dir" && ctest -j "$JOBS" --output-on-failure --timeout 900 "$@")
}

# Seconds each fuzz target runs in `test`.
FUZZ_SECONDS=${FUZZ_SECONDS:-20}

# fuzz_target NAME: runs $FUZZ_BUILD/fuzz/NAME for FUZZ_SECONDS on a scratch
# copy of tests/fuzz/corpus/NAME, so new inputs stay out of the source tree.
# A crash, leak, timeout or failed invariant leaves its input in
# $FUZZ_BUILD/artifacts and fails.
fuzz_target() {
  local name=$1
  local scratch=$FUZZ_BUILD/scratch/$name
  local log=$FUZZ_BUILD/logs/$name.log
  rm -rf "$scratch"
  mkdir -p "$scratch" "$FUZZ_BUILD"/artifacts "$FUZZ_BUILD"/logs
  cp tests/fuzz/corpus/"$name"/* "$scratch"/
  local dict=()
  [ -f tests/fuzz/"$name".dict ] && dict=(-dict=tests/fuzz/"$name".dict)
  if "$FUZZ_BUILD"/fuzz/"$name" "${dict[@]}" -max_total_time="$FUZZ_SECONDS" \
      -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$FUZZ_BUILD"/artifacts/"$name"- "$scratch" >"$log" 2>&1; then
    echo "$name: $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" |
      grep -o '[0-9]*$') runs, no failure"
  else
    echo "$name FAILED; input in $FUZZ_BUILD/artifacts; log $log:" >&2
    tail -n 60 "$log" >&2
    return 1
  fi
}
export -f fuzz_target
export FUZZ_SECONDS
# The tree whose fuzz/ holds the libFuzzer binaries.
export FUZZ_BUILD=build-asan

case "${1:-}" in
  build)
    install_packages
    build build "${WITH_DEBUG_INFO[@]}"
    ;;
  serve)
    install_packages
    build build "${WITH_DEBUG_INFO[@]}"
    mkdir -p var
    exec build/bin/mdmd --listen=127.0.0.1:50051 --db=var/mdm.db
    ;;
  test)
    install_packages
    build build "${WITHOUT_DEBUG_INFO[@]}"
    run_tests build
    # One clang tree serves both the sanitized tests and the fuzz targets:
    # MDM_FUZZ instruments every object with ASan, UBSan and the coverage
    # libFuzzer reads, so the library is compiled once for both.
    echo "== again under AddressSanitizer and UndefinedBehaviorSanitizer (clang) =="
    CC=clang CXX=clang++ build build-asan -DMDM_SANITIZE=ON -DMDM_FUZZ=ON \
      -DMDM_BUILD_BENCHMARKS=OFF
    # The accuracy run is minutes of matching; the plain build covers it.
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
      UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 run_tests build-asan -LE accuracy
    echo "== fuzz targets, ${FUZZ_SECONDS}s each =="
    ls tests/fuzz/corpus | xargs -P "$JOBS" -I{} bash -c 'fuzz_target {}'
    echo "All tests passed (plain and sanitized builds, fuzz targets)."
    ;;
  *)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
