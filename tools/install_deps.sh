#!/usr/bin/env bash
# Installs what building and testing iameval needs; safe to run again (it only installs what
# is missing). Native side from Debian 12 packages (see ../shared/style/BUILD_NOTES.md), Python
# side from PyPI (hypothesis: tests/python/test_properties.py). Node.js is for the differential
# oracle (../shared/oracle), not the build.
#
#   bash tools/install_deps.sh          # PYTHON=/path/to/python3 to pick the interpreter
set -euo pipefail
# pip warns about running as root on every call; in CI and containers that is expected.
export PIP_ROOT_USER_ACTION=${PIP_ROOT_USER_ACTION:-ignore}

PYTHON=${PYTHON:-python3}
APT_PACKAGES=(g++ cmake ninja-build pkg-config libre2-dev libabsl-dev nlohmann-json3-dev
              libgtest-dev libgmock-dev libbenchmark-dev python3-dev)
# Sanitizer and fuzz steps of tools/test.sh: tools/sanitize.sh uses g++'s ASan/UBSan/TSan
# runtimes (libasan8, libubsan1, libtsan2: dependencies of g++ already); tools/fuzz.sh needs
# clang with libFuzzer and clang's sanitizer runtimes, which Debian 12 ships in
# libclang-rt-14-dev (only a Recommends of clang, so it is named here), and llvm-14 for
# llvm-symbolizer (symbolized stack traces in crash reports).
APT_PACKAGES+=(clang libclang-rt-14-dev llvm-14)
PIP_PACKAGES=("scikit-build-core>=0.10" "pybind11>=2.13" pytest hypothesis pandas jsonschema pyyaml
              nbclient ipykernel nbformat "dask[dataframe]" distributed tqdm matplotlib mypy)

if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo); fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi

if ((${#missing[@]})); then
  echo "install_deps: apt-get install ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
else
  echo "install_deps: Debian packages present"
fi

# Fast path: every requirement already installed at a matching version (a second or so, where
# pip needs several to resolve). Extras are not checked; any doubt falls through to pip, which
# skips what is already satisfied (--disable-pip-version-check keeps its output short).
pip_satisfied() {
  "$PYTHON" - "${PIP_PACKAGES[@]}" <<'EOF' 2>/dev/null
import sys
from importlib.metadata import version
from packaging.requirements import Requirement
for spec in sys.argv[1:]:
    req = Requirement(spec)
    if not req.specifier.contains(version(req.name), prereleases=True):
        sys.exit(1)
EOF
}
if ! pip_satisfied; then
  "$PYTHON" -m pip install -q --disable-pip-version-check "${PIP_PACKAGES[@]}"
fi
echo "install_deps: Python packages present ($("$PYTHON" --version))"
