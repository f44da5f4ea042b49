#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (build-fuzz/) and runs each for a bounded time.
#
#   tools/fuzz.sh                       # every target, 60 s each
#   FUZZ_SECONDS=600 tools/fuzz.sh fuzz_matchers
#
# Environment: FUZZ_SECONDS (per target, default 60), FUZZ_BUILD_DIR (default build-fuzz),
# FUZZ_CORPUS_DIR (default fuzz-corpus, git-ignored; seeded by tools/make_fuzz_corpus.py and
# grown by the runs), FUZZ_JOBS (build parallelism, default 2), FUZZ_ARGS (extra libFuzzer
# flags). Prints executions and coverage per target; exits non-zero when a target crashed,
# leaked, timed out or broke an invariant (the reproducer is under $FUZZ_CORPUS_DIR/artifacts/).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECONDS_EACH=${FUZZ_SECONDS:-60}
BUILD=${FUZZ_BUILD_DIR:-build-fuzz}
CORPUS=${FUZZ_CORPUS_DIR:-fuzz-corpus}
JOBS=${FUZZ_JOBS:-2}
ALL_TARGETS=(fuzz_policy_parser fuzz_evaluator fuzz_matchers fuzz_authorization_details)
if [ $# -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL_TARGETS[@]}"); fi

CXX=${CXX_FUZZ:-$(command -v clang++ || command -v clang++-14 || true)}
if [ -z "$CXX" ]; then
  echo "fuzz.sh: clang++ not found (Debian: apt-get install clang libclang-rt-14-dev)" >&2
  exit 2
fi

# Symbolized stack traces in crash reports: clang's sanitizer runtimes look for
# llvm-symbolizer on PATH; Debian 12 installs it as /usr/lib/llvm-14/bin/llvm-symbolizer
# (package llvm-14) and only the `llvm` package adds the unversioned link.
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ]; then
  for s in "$(command -v llvm-symbolizer || true)" /usr/lib/llvm-14/bin/llvm-symbolizer; do
    if [ -n "$s" ] && [ -x "$s" ]; then export ASAN_SYMBOLIZER_PATH=$s; break; fi
  done
fi

cmake -S . -B "$BUILD" -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DIAMEVAL_BUILD_FUZZERS=ON >"$BUILD.configure.log" 2>&1 || { cat "$BUILD.configure.log"; exit 2; }
cmake --build "$BUILD" -j"$JOBS" --target "${TARGETS[@]}"

# Seed corpora: made once from ../shared/data (then grown by the runs); FUZZ_REGEN_CORPUS=1
# adds the seeds again.
regen=${FUZZ_REGEN_CORPUS:-}
for t in "${TARGETS[@]}"; do [ -d "$CORPUS/$t" ] || regen=1; done
if [ -n "$regen" ]; then
  python3 tools/make_fuzz_corpus.py --out "$CORPUS" || echo "fuzz.sh: no seed corpus; hand seeds only" >&2
fi

failed=0
printf '%-28s %8s %12s %8s %8s  %s\n' target seconds executions cov ft result
for t in "${TARGETS[@]}"; do
  mkdir -p "$CORPUS/$t" "$CORPUS/artifacts/$t"
  log="$CORPUS/artifacts/$t/last-run.log"
  rc=0
  # -rss_limit_mb / -timeout: a hang or a memory blow-up is a finding too.
  # shellcheck disable=SC2086
  "$BUILD/tests/fuzz/$t" "$CORPUS/$t" "tests/fuzz/seeds/$t" \
    -dict=tests/fuzz/iam.dict -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$CORPUS/artifacts/$t/" -print_final_stats=1 ${FUZZ_ARGS:-} \
    >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  if [ "$rc" -eq 0 ]; then
    result=ok
  else
    result="FAILED (exit $rc, log $log)"
    failed=1
  fi
  printf '%-28s %8s %12s %8s %8s  %s\n' "$t" "$SECONDS_EACH" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$result"
  if [ "$rc" -ne 0 ]; then
    grep -E 'ERROR|SUMMARY|Test unit written|deadly signal' "$log" | head -20 || true
  fi
done
exit $failed
