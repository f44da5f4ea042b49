#!/usr/bin/env bash
# The full check, as CI runs it (.ci/run): dependencies, C++ build with warnings as errors
# (the library, its tests and the Python extension), CTest (GoogleTest suites + the
# installed-package consumer), `pip install .`, pytest.
# Stops at the first failure; the last line says what passed or where it failed.
#
#   bash tools/test.sh        # BUILD_DIR=build-ci JOBS=2 PYTHON=python3 by default
set -euo pipefail
# pip warns about running as root on every call; in CI and containers that is expected.
export PIP_ROOT_USER_ACTION=${PIP_ROOT_USER_ACTION:-ignore}
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
BUILD_DIR=${BUILD_DIR:-build-ci}
JOBS=${JOBS:-2}
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
