"""The Python API reference, written by pydoc from the package's docstrings into docs/api/python/ (not committed).

    "$(python3 scripts/dev_env.py)" scripts/api_docs.py
"""

import os
import pydoc
import sys

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(PACKAGE_DIR, "..", "..", "docs", "api", "python")
MODULES = ["incluster", "incluster.pulumi", "incluster.types", "incluster.kubeconfig", "incluster.cli"]

sys.path.insert(0, os.path.join(PACKAGE_DIR, "src"))
os.makedirs(OUT, exist_ok=True)
os.chdir(OUT)
for module in MODULES:
    # pydoc.writedoc reports a failure and carries on; the reference must be whole.
    if pydoc.locate(module) is None:
        sys.exit(f"api-docs: cannot import {module}")
    pydoc.writedoc(module)
print(f"api-docs: {len(MODULES)} modules into {os.path.normpath(OUT)}")
