"""The package is typed (py.typed): mypy --strict accepts it, and the type names are there when asked for. (That they
cost nothing at import is test_wheel.py's.) CPython only: mypy is not in PyPy's test environment."""

import os
import subprocess
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]


def test_mypy_strict_accepts_the_package():
    cache = os.path.join(sys.prefix, "mypy-cache")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", cache, "src/incluster"], cwd=PACKAGE_DIR, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_type_names_are_there_when_asked_for():
    import incluster

    assert incluster.Kubeconfig.__annotations__["current-context"] in (str, "str")
    assert "NOT_IN_CLUSTER" in incluster.ErrorCode.__args__
    assert hasattr(incluster.FileReader, "read_text")
