#!/usr/bin/env bash
# The full check, as CI runs it (.ci/run): dependencies, C++ build with warnings as errors
# (the library, its tests and the Python extension), CTest (GoogleTest suites + the
# installed-package consumer), `pip install .`, pytest (hypothesis property tests included),
# then the slow steps: sanitize (tools/sanitize.sh: the whole C++ suite under ASan+UBSan, the
# concurrency tests under TSan) and fuzz (tools/fuzz.sh: every libFuzzer target for
# FUZZ_SECONDS, default 30 here; a crash, leak, timeout or broken invariant fails the run).
# Stops at the first failure; the last line says what passed or where it failed, with the
# time of each step.
#
#   bash tools/test.sh                   # everything (what CI runs)
#   IAMEVAL_QUICK=1 bash tools/test.sh   # skip sanitize and fuzz (local edit-test loops)
#
# Environment: BUILD_DIR (build-ci), JOBS (2), PYTHON (python3), IAMEVAL_QUICK (unset),
# FUZZ_SECONDS (30 per target). The sanitizer and fuzz build trees are build-asan, build-tsan
# and build-fuzz; reruns reuse them (only changed files recompile).
#
# Durations, cold (clean clone, no build trees). Measured on the project's shared 2-core
# machine while other builds ran (1-minute load average 4-10), which is ~3x slower than CI's
# unloaded 2-core Debian 12 machine; CPU seconds in brackets:
#   deps..pytest  CI: 326 s before sanitize/fuzz; the property tests add ~90 s here [20 s]
#   sanitize      ASan+UBSan build 2,480 s + ctest 300 s here (load 7.4) [1,320 s],
#                 TSan build + 4 tests 211 s here (load 4.7) [213 s]      => CI ~12-16 min
#   fuzz          clang build ~180 s + 4 targets x 30 s, 303 s here (load 4.2) [307 s]
#                                                                         => CI ~3-5 min
#   total         CI ~22-27 min, far inside its 90-minute limit; IAMEVAL_QUICK=1 ~6 min
set -euo pipefail
# pip warns about running as root on every call; in CI and containers that is expected.
export PIP_ROOT_USER_ACTION=${PIP_ROOT_USER_ACTION:-ignore}
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
BUILD_DIR=${BUILD_DIR:-build-ci}
JOBS=${JOBS:-2}
QUICK=${IAMEVAL_QUICK:-}
if [[ $QUICK == 0 ]]; then QUICK=; fi
step="start"
timings=()

finish() {
  local rc=$?
  if ((rc == 0)); then
    echo "test.sh: PASSED in ${SECONDS}s (${timings[*]})"
  else
    echo "test.sh: FAILED at step '${step}' (exit ${rc}) after ${SECONDS}s"
  fi
}
trap finish EXIT

run_step() {
  step=$1
  shift
  local started=$SECONDS
  echo "==> ${step}"
  "$@"
  timings+=("${step} $((SECONDS - started))s")
}

run_step deps bash tools/install_deps.sh
# The extension is built here too only to compile the bindings with -Werror; the wheel that
# pytest uses comes from `pip install .` below.
run_step configure cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DIAMEVAL_BUILD_TESTS=ON -DIAMEVAL_WERROR=ON -DIAMEVAL_BUILD_PYTHON=ON \
  -DPython_EXECUTABLE="$("$PYTHON" -c 'import sys; print(sys.executable)')" \
  -Dpybind11_DIR="$("$PYTHON" -m pybind11 --cmakedir)"
run_step build cmake --build "$BUILD_DIR" -j "$JOBS"
run_step ctest ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS"
run_step pip-install "$PYTHON" -m pip install -q --disable-pip-version-check .
run_step pytest "$PYTHON" -m pytest tests/python -q
if [[ -n $QUICK ]]; then
  echo "==> sanitize, fuzz: skipped (IAMEVAL_QUICK=${IAMEVAL_QUICK})"
  timings+=("sanitize skipped" "fuzz skipped")
else
  run_step sanitize env SANITIZE_JOBS="$JOBS" bash tools/sanitize.sh
  run_step fuzz env FUZZ_SECONDS="${FUZZ_SECONDS:-30}" FUZZ_JOBS="$JOBS" bash tools/fuzz.sh
fi
