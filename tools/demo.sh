#!/usr/bin/env bash
# A first look: install the dependencies and the package, then validate the policies in
# policies/ (drop your own *.json there) and print what the embedded catalog holds.
set -euo pipefail
# pip warns about running as root on every call; in CI and containers that is expected.
export PIP_ROOT_USER_ACTION=${PIP_ROOT_USER_ACTION:-ignore}
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
bash tools/install_deps.sh
echo "==> pip install . (builds the C++ library and the extension; a few minutes the first time)"
"$PYTHON" -m pip install -q --disable-pip-version-check .

# The console script of *this* interpreter (pyenv shims may not know it yet).
IAMEVAL="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/iameval"

echo "==> iameval audit policies/identity/example-account-authorization-details.json (a bundled sample account)"
"$IAMEVAL" audit policies/identity/example-account-authorization-details.json
echo "==> iameval validate policies/"
"$IAMEVAL" validate policies/
echo "==> iameval test policies/ (the guardrail pack and its tests)"
"$IAMEVAL" test policies/ | tail -n 3
echo "==> iameval catalog"
"$IAMEVAL" catalog
