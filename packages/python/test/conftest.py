"""Fixtures shared by the tests; the helpers they share (golden_vectors.py, pods.py) live beside them."""

import os
import sys
from pathlib import Path

import pytest

TEST_DIR = Path(__file__).resolve().parent
SRC = TEST_DIR.parent / "src"
sys.path.insert(0, str(TEST_DIR))


@pytest.fixture
def package_environment():
    """What a child Python needs to import the package from src/ (the wheel tests install it instead)."""
    return {"PYTHONPATH": str(SRC), "PYTHONDONTWRITEBYTECODE": "1", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}

from hypothesis import settings

# A shared two-core machine: a slow example is the machine's doing, not the code's.
settings.register_profile("incluster", deadline=None)
settings.load_profile("incluster")
