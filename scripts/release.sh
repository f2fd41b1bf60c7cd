#!/usr/bin/env bash
# The release, in one command (docs/releasing.md):
#
#   npm run release              for a maintainer with npm credentials (`npm whoami` answers), on an up-to-date main
#   npm run release -- --dry-run every step but the last two, with no credentials: CI runs it (.ci/run)
#
# It works in a throwaway clone of HEAD, never in this checkout: there lerna versions the changed packages from their
# Conventional Commits (commit and tags), the packages are built, tested (the dry run skips the tests: CI has just run
# them on the same commit) and packed, and the tarballs are installed together into an empty project and run. Then,
# for real only, exactly those tarballs are published, dependencies first, and the release commit and tags are pushed.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DRY_RUN=false
case "${1:-}" in
  --dry-run) DRY_RUN=true ;;
  "") ;;
  *) echo "usage: $0 [--dry-run]" >&2; exit 2 ;;
esac

say() { echo "release: $*" >&2; }
fail() { echo "release: error: $*" >&2; exit 1; }

# 1. Preconditions: a real release starts from main as it is on the remote, by someone npm knows.
if ! $DRY_RUN; then
  [ "$(git -C "$ROOT" rev-parse --abbrev-ref HEAD)" = main ] || fail "release from main (git switch main)"
  [ -z "$(git -C "$ROOT" status --porcelain)" ] || fail "the checkout has uncommitted changes: commit or stash them"
  git -C "$ROOT" fetch --quiet --tags origin main
  [ "$(git -C "$ROOT" rev-parse HEAD)" = "$(git -C "$ROOT" rev-parse FETCH_HEAD)" ] || fail "main is not origin/main: pull or push first"
  npm whoami >/dev/null 2>&1 || fail "npm does not know you: npm login (with publish rights to the @incluster scope)"
  REMOTE="$(git -C "$ROOT" remote get-url origin)"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/incluster-release-XXXXXX")"
if $DRY_RUN; then
  trap 'rm -rf "$WORK"' EXIT
else
  say "working in $WORK (kept if anything fails)"
fi
CLONE="$WORK/repository"

# 2. A clone of HEAD, on a branch (lerna refuses a detached HEAD), with the tags of earlier releases.
say "cloning $(git -C "$ROOT" rev-parse --short HEAD) into a throwaway directory"
git clone --quiet --local "$ROOT" "$CLONE"
git -C "$CLONE" checkout --quiet -B release "$(git -C "$ROOT" rev-parse HEAD)"
if $DRY_RUN && [ -z "$(git -C "$CLONE" config user.email || true)" ]; then
  git -C "$CLONE" config user.name 'incluster release dry run'
  git -C "$CLONE" config user.email 'release-dry-run@invalid'
fi
cd "$CLONE"
say "installing (npm ci)"
npm ci --prefer-offline --no-audit --no-fund --loglevel=error >&2

# 3. Versions and changelogs from the commits since each package's last tag; a release commit and tags, not pushed.
say "versioning the changed packages (lerna version)"
npx lerna version --conventional-commits --yes --no-push --loglevel=warn >&2
# The root's `version` script re-synthesises with projen and stages what that changed: nothing may be left over.
[ -z "$(git status --porcelain)" ] || fail "lerna version left changes behind: $(git status --porcelain | tr '\n' ' ')"
TAGS="$(git tag --points-at HEAD)"
[ -n "$TAGS" ] || { say "nothing to release: no package changed since its last release"; exit 0; }
say "would release: $(echo "$TAGS" | tr '\n' ' ')"

# 4. Build (and, for real, test), then pack every package.
if $DRY_RUN; then
  say "compiling (the tests ran in CI on this commit)"
  npm run compile --silent >&2
else
  say "testing (npm test)"
  npm test >&2
fi
say "packing (npm run package)"
npm run package --silent >&2

# 5. The tarballs, installed together into an empty project as a user installs them, and run.
SMOKE="$WORK/smoke"
mkdir -p "$SMOKE/sa"
printf 'a-token' >"$SMOKE/sa/token"
printf '%s\n' '-----BEGIN CERTIFICATE-----' '-----END CERTIFICATE-----' >"$SMOKE/sa/ca.crt"
# The testkit is left out: it is for tests, and brings kubectl (about 100 MB). Peers (Pulumi, client-node) too.
say "installing the tarballs into an empty project"
TARBALLS=()
for tarball in "$CLONE"/packages/*/dist/js/*.tgz; do
  case "$(basename "$tarball")" in incluster-testkit-*) ;; *) TARBALLS+=("$tarball") ;; esac
done
(cd "$SMOKE" && npm init --yes >/dev/null && npm install --prefer-offline --no-audit --no-fund --loglevel=error --legacy-peer-deps "${TARBALLS[@]}" >&2)
CLI_VERSION="$(node -p "require('$CLONE/packages/cli/package.json').version")"
[ "$("$SMOKE/node_modules/.bin/incluster-kubeconfig" --version)" = "$CLI_VERSION" ] || fail "the installed incluster-kubeconfig is not $CLI_VERSION"
KUBERNETES_SERVICE_HOST=10.96.0.1 KUBERNETES_SERVICE_PORT=443 INCLUSTER_SERVICE_ACCOUNT_DIR="$SMOKE/sa" \
  "$SMOKE/node_modules/.bin/incluster-kubeconfig" render -o json >"$SMOKE/kubeconfig.json"
(cd "$SMOKE" && node -e "
  const { loadInClusterKubeconfig } = require('@incluster/core');
  const rendered = require('./kubeconfig.json');
  const expected = loadInClusterKubeconfig({ env: { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443', INCLUSTER_SERVICE_ACCOUNT_DIR: 'sa' } });
  if (JSON.stringify(rendered) !== JSON.stringify(expected)) throw new Error('the installed CLI and core disagree');
") || fail "the installed packages do not work together"
say "the tarballs install and run: incluster-kubeconfig $CLI_VERSION renders what @incluster/core renders"

# 6. Publish what was tested, dependencies first; only the packages lerna tagged.
PUBLISH=()
while IFS= read -r location; do
  name="$(node -p "require('$location/package.json').name")"
  version="$(node -p "require('$location/package.json').version")"
  if echo "$TAGS" | grep -qx "$name@$version"; then
    PUBLISH+=("$(ls "$location"/dist/js/*-"$version".tgz)")
  fi
done < <(npx lerna list --toposort --parseable --loglevel=warn)
for tarball in "${PUBLISH[@]}"; do
  if $DRY_RUN; then
    npm publish --dry-run --access public "$tarball" >/dev/null 2>&1 || fail "npm publish --dry-run $tarball failed"
    say "would publish $(basename "$tarball")"
  else
    npm publish --access public "$tarball" >&2
  fi
done

# 7. The release commit and tags, to the remote and back into this checkout.
if $DRY_RUN; then
  say "dry run done: would publish ${#PUBLISH[@]} package(s), then push the release commit and $(echo "$TAGS" | wc -l) tag(s)"
  exit 0
fi
git push --follow-tags "$REMOTE" release:main
git -C "$ROOT" pull --ff-only --tags origin main
rm -rf "$WORK"
say "released: $(echo "$TAGS" | tr '\n' ' ')"
