"""The testkit's real kubectl (client-go's own kubeconfig loader), found the way the TypeScript tests find it."""

import functools
import json
import os
import subprocess
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[3]


@functools.lru_cache(maxsize=None)
def kubectl_path() -> str:
    program = "process.stdout.write(require('@incluster/testkit').kubectlPath())"
    result = subprocess.run(["node", "-e", program], cwd=REPOSITORY, capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(
            "the testkit's kubectl is not available: run npm ci and npm run compile at the repository's root first.\n"
            + result.stderr
        )
    return result.stdout


def kubectl_view(path: str, home: str) -> dict:
    """``kubectl config view --raw -o json`` of one kubeconfig file: what client-go read from it."""
    result = subprocess.run(
        [kubectl_path(), "config", "view", "--raw", "-o", "json", "--kubeconfig", path],
        env={"HOME": home, "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"kubectl refused {path}: {result.stderr}"
    return without_defaults(json.loads(result.stdout))


def without_defaults(value):
    """What kubectl adds when it writes a kubeconfig back out (``"env": null``, ``"preferences": {}``), removed."""
    if isinstance(value, dict):
        return {key: without_defaults(item) for key, item in value.items() if item is not None and not (key == "preferences" and item == {})}
    if isinstance(value, list):
        return [without_defaults(item) for item in value]
    return value
