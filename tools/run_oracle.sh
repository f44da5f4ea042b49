#!/usr/bin/env bash
# Runs simulation cases through the peer oracle (../shared/oracle/oracle.mjs), which calls the
# npm package @cloud-copilot/iam-simulate. The peer is AGPL-3.0: it is installed at run time
# into a cache directory outside the product (never vendored, never committed) and only called
# as an external process.
#
# Usage:
#   tools/run_oracle.sh [--mode core|sim] < cases.jsonl > verdicts.jsonl
#   tools/run_oracle.sh --install-only        # install the peer into the cache and exit
#   tools/run_oracle.sh --bench [N]           # the oracle's built-in speed measurement
# Any other arguments are passed to oracle.mjs.
#
# Environment:
#   IAMEVAL_PEER_DIR      peer install directory (default: ${XDG_CACHE_HOME:-~/.cache}/iameval-peer)
#   IAMEVAL_PEER_VERSION  peer version (default 0.1.173, the version the oracle was written for)
#   IAMEVAL_SHARED_DIR    the shared reference folder (default: <repo>/../shared)
#
# Exit status: 0 on success; 3 when node or npm is missing; 4 when the npm install failed;
# 5 when oracle.mjs is not found; anything else is the oracle's own status.
set -euo pipefail

readonly PEER_PACKAGE="@cloud-copilot/iam-simulate"
readonly PEER_VERSION="${IAMEVAL_PEER_VERSION:-0.1.173}"
readonly REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly SHARED_DIR="${IAMEVAL_SHARED_DIR:-${REPO_DIR}/../shared}"
# Resolved: oracle.mjs runs only when invoked by its real path (a symlinked shared/ folder
# would make node see another path and print nothing).
readonly ORACLE="$(realpath -m "${SHARED_DIR}/oracle/oracle.mjs")"
readonly PEER_DIR="${IAMEVAL_PEER_DIR:-${XDG_CACHE_HOME:-${HOME}/.cache}/iameval-peer}"

die() {
  local status="$1"
  shift
  echo "run_oracle.sh: $*" >&2
  exit "${status}"
}

peer_installed_version() {
  local manifest="${PEER_DIR}/node_modules/${PEER_PACKAGE}/package.json"
  [[ -f "${manifest}" ]] || return 1
  node -e 'process.stdout.write(require(process.argv[1]).version)' "${manifest}"
}

install_peer() {
  if [[ "$(peer_installed_version 2>/dev/null || true)" == "${PEER_VERSION}" ]]; then
    return 0
  fi
  mkdir -p "${PEER_DIR}"
  # A private package.json keeps npm from walking up into some other project.
  if [[ ! -f "${PEER_DIR}/package.json" ]]; then
    printf '{"name":"iameval-peer-cache","private":true}\n' > "${PEER_DIR}/package.json"
  fi
  echo "run_oracle.sh: installing ${PEER_PACKAGE}@${PEER_VERSION} into ${PEER_DIR}" >&2
  if ! (cd "${PEER_DIR}" && npm install --no-audit --no-fund --loglevel=error \
          "${PEER_PACKAGE}@${PEER_VERSION}" >&2); then
    die 4 "npm install of ${PEER_PACKAGE}@${PEER_VERSION} failed"
  fi
  [[ "$(peer_installed_version 2>/dev/null || true)" == "${PEER_VERSION}" ]] ||
    die 4 "npm install finished but ${PEER_PACKAGE}@${PEER_VERSION} is not in ${PEER_DIR}"
}

main() {
  command -v node > /dev/null 2>&1 || die 3 "node is not installed"
  command -v npm > /dev/null 2>&1 || die 3 "npm is not installed"
  [[ -f "${ORACLE}" ]] || die 5 "oracle not found at ${ORACLE} (set IAMEVAL_SHARED_DIR)"
  install_peer
  if [[ "${1:-}" == "--install-only" ]]; then
    echo "${PEER_DIR}"
    return 0
  fi
  exec node "${ORACLE}" --peer "${PEER_DIR}" "$@"
}

main "$@"
