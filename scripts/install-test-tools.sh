#!/usr/bin/env bash
# Installs the test tools that do not come from npm: today, the official Kubernetes Python client from Debian
# (python3-kubernetes), which the testkit's conformance suite and the Python example's test run with /usr/bin/python3,
# and PyYAML (python3-yaml, which the client reads kubeconfigs with), one of the core's serializer oracles.
# Idempotent: it does nothing when the client is already importable. As root it runs apt-get; as anyone else it
# prints the command to run and exits non-zero, so a missing tool never goes unnoticed.
set -euo pipefail

PYTHON=/usr/bin/python3
PACKAGES=(python3 python3-kubernetes python3-yaml)

if [ -x "$PYTHON" ] && "$PYTHON" -c 'import kubernetes, yaml' 2>/dev/null; then
  echo "install-test-tools: python3-kubernetes $("$PYTHON" -c 'import kubernetes; print(kubernetes.__version__)') is installed for $PYTHON"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-tools: the Kubernetes Python client is missing for $PYTHON. Install it as root:" >&2
  echo "  apt-get update && apt-get install -y --no-install-recommends ${PACKAGES[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${PACKAGES[@]}"
"$PYTHON" -c 'import kubernetes; print("install-test-tools: python3-kubernetes", kubernetes.__version__, "installed for '"$PYTHON"'")'
