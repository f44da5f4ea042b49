#!/usr/bin/env bash
# Runs a command against the Python package of this source tree and the extension module of a
# CMake build directory, without `pip install .` (fast edit-test loop; several checkouts or
# build trees side by side). The tests normally use the installed wheel; this only puts
# BUILD_DIR/pydev first on PYTHONPATH.
#
#   cmake -S . -B build-dev -G Ninja -DIAMEVAL_BUILD_PYTHON=ON -DIAMEVAL_BUILD_TESTS=ON \
#     -Dpybind11_DIR="$(python3 -m pybind11 --cmakedir)"
#   cmake --build build-dev --target _core
#   BUILD_DIR=build-dev bash tools/pydev.sh python3 -m pytest tests/python -q
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${BUILD_DIR:-build-dev}" 2>/dev/null && pwd)" || {
  echo "pydev.sh: build directory ${BUILD_DIR:-build-dev} not found" >&2
  exit 2
}
core=$(find "$build/python" -maxdepth 1 -name '_core*.so' | head -n 1)
if [[ -z "$core" ]]; then
  echo "pydev.sh: no _core*.so in $build/python (build the _core target)" >&2
  exit 2
fi
stage="$build/pydev/iameval"
mkdir -p "$stage"
# Symlink every source entry (new files included) and the extension module.
for entry in "$root"/python/iameval/*; do
  ln -sfn "$entry" "$stage/$(basename "$entry")"
done
ln -sfn "$core" "$stage/$(basename "$core")"
export PYTHONPATH="$build/pydev${PYTHONPATH:+:$PYTHONPATH}"
exec "$@"
