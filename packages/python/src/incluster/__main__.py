"""``python -m incluster``: the kubeconfig of the current Pod, like ``incluster-kubeconfig render``."""

import sys

from .cli import main

sys.exit(main())
