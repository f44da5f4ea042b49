#!/usr/bin/env bash
# Installs what building and testing iameval needs; safe to run again (it only installs what
# is missing). Native side from Debian 12 packages (see ../shared/style/BUILD_NOTES.md), Python
# side from PyPI. Node.js is for the differential oracle (../shared/oracle), not the build.
#
#   bash tools/install_deps.sh          # PYTHON=/path/to/python3 to pick the interpreter
set -euo pipefail
# pip warns about running as root on every call; in CI and containers that is expected.
export PIP_ROOT_USER_ACTION=${PIP_ROOT_USER_ACTION:-ignore}

PYTHON=${PYTHON:-python3}
APT_PACKAGES=(g++ cmake ninja-build pkg-config libre2-dev libabsl-dev nlohmann-json3-dev
              libgtest-dev libgmock-dev libbenchmark-dev python3-dev)
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

# pip skips what is already satisfied; --disable-pip-version-check keeps the output short.
"$PYTHON" -m pip install -q --disable-pip-version-check "${PIP_PACKAGES[@]}"
echo "install_deps: Python packages present ($("$PYTHON" --version))"
