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
# Each policy is validated as the kind it is (listed in policies/README.md): the kind decides
# which elements are allowed (a bucket policy needs a Principal, an identity policy must not
# have one).
echo "==> iameval validate policies/ (each file as its kind)"
# The policies of a folder, without the test files and account snapshots next to them.
policies_in() { for f in "$@"; do [[ $f == *.test.json || $f == *authorization-details* ]] || echo "$f"; done; }
cd policies
"$IAMEVAL" validate --kind identity $(policies_in identity/*.json) boundary/developer-iam-delegation.json \
  cross-account/pipeline-ingest-writer.json cross-account/pipeline-etl-processor.json \
  cross-account/pipeline-analytics-reader.json
"$IAMEVAL" validate --kind boundary boundary/developer-boundary.json
"$IAMEVAL" validate --kind scp $(policies_in scp/*.json tags/*.json)
"$IAMEVAL" validate --kind rcp $(policies_in rcp/*.json)
"$IAMEVAL" validate --kind resource cross-account/pipeline-raw-bucket-policy.json \
  cross-account/pipeline-curated-bucket-policy.json
"$IAMEVAL" validate --kind trust cross-account/auditor-trust-policy.json
"$IAMEVAL" validate --kind vpc-endpoint $(policies_in vpc-endpoint/*.json)
cd ..
echo "==> iameval test policies/ (the guardrail pack and its tests)"
"$IAMEVAL" test policies/ | tail -n 3
echo "==> iameval catalog"
"$IAMEVAL" catalog
