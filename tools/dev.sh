#!/usr/bin/env bash
# Developer entry point: install what is missing, build, then serve or test.
#
#   ./tools/dev.sh serve   build and start mdmd on 127.0.0.1:50051 (var/mdm.db)
#   ./tools/dev.sh test    build and run every test, then again under
#                          AddressSanitizer and UndefinedBehaviorSanitizer
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
  libgtest-dev libgmock-dev libbenchmark-dev tmux
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

case "${1:-}" in
  build)
    install_packages
    build build
    ;;
  serve)
    install_packages
    build build
    mkdir -p var
    exec build/bin/mdmd --listen=127.0.0.1:50051 --db=var/mdm.db
    ;;
  test)
    install_packages
    build build
    run_tests build
    echo "== again under AddressSanitizer and UndefinedBehaviorSanitizer =="
    build build-asan -DMDM_SANITIZE=ON -DMDM_BUILD_BENCHMARKS=OFF
    # The accuracy run is minutes of matching; the plain build covers it.
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
      UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 run_tests build-asan -LE accuracy
    echo "All tests passed (plain and sanitized builds)."
    ;;
  *)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
