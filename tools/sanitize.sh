#!/usr/bin/env bash
# Sanitizer runs of the C++ test suite:
#   1. build-asan: the whole suite with AddressSanitizer + UndefinedBehaviorSanitizer, ctest;
#   2. build-tsan: ThreadSanitizer, running the concurrency tests (tests/cpp/concurrency_test.cc
#      and EvaluatorTest.ConcurrentDecisionsAgree).
#
#   tools/sanitize.sh            # both
#   tools/sanitize.sh asan       # or: tsan
#
# Environment: SANITIZE_JOBS (build and ctest parallelism, default 2), CXX (compiler; the
# default toolchain is fine). Exits non-zero on any build failure, test failure or sanitizer
# report (reports abort the test: -fno-sanitize-recover=all and halt_on_error).
set -euo pipefail

cd "$(dirname "$0")/.."
JOBS=${SANITIZE_JOBS:-2}
WHICH=${1:-all}

# Leak checking stays on for ASan; a leak is a bug in a library meant to run in servers.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}

configure_and_build() {  # dir sanitizers targets...
  local dir=$1 sanitizers=$2
  shift 2
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIAMEVAL_BUILD_TESTS=ON \
    -DIAMEVAL_SANITIZE="$sanitizers" >"$dir.configure.log" 2>&1 \
    || { cat "$dir.configure.log"; return 1; }
  cmake --build "$dir" -j"$JOBS" "$@"
}

if [ "$WHICH" = all ] || [ "$WHICH" = asan ]; then
  echo "== AddressSanitizer + UndefinedBehaviorSanitizer: whole suite (build-asan)"
  start=$(date +%s)
  configure_and_build build-asan address,undefined
  # The installed-package check (label integration) rebuilds the library without
  # sanitizers; it is covered by the normal CI run.
  ctest --test-dir build-asan -j"$JOBS" --output-on-failure -LE integration
  echo "== asan: $(( $(date +%s) - start )) s"
fi

if [ "$WHICH" = all ] || [ "$WHICH" = tsan ]; then
  echo "== ThreadSanitizer: concurrency tests (build-tsan)"
  start=$(date +%s)
  configure_and_build build-tsan thread --target concurrency_test evaluator_test
  ctest --test-dir build-tsan -j"$JOBS" --output-on-failure -R '^(Concurrency|EvaluatorTest\.Concurrent)'
  echo "== tsan: $(( $(date +%s) - start )) s"
fi
