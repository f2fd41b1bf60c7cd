"""incluster: a rotation-safe kubeconfig for code running inside a Kubernetes Pod.

- :func:`discover_pod_environment` reads the environment and the service-account files: the only I/O here;
- :func:`render_kubeconfig` turns that data into a kubeconfig, purely;
- :func:`load_in_cluster_kubeconfig` does both;
- :func:`to_json` and :func:`to_yaml` write the result out;
- :mod:`incluster.pulumi` makes a Pulumi Kubernetes provider of it (``pip install "incluster[pulumi]"``);
- ``python -m incluster`` prints it, like ``incluster-kubeconfig render``.

The standard library is its only dependency.
"""

from ._version import __version__
from .credential import CREDENTIAL_MODES, DEFAULT_CREDENTIAL_MODE, carries_secret
from .discovery import discover_pod_environment
from .errors import ERROR_CODES, FileProblem, InClusterConfigError
from .exec_credential import EXEC_CREDENTIAL_LIFETIME_SECONDS, EXEC_CREDENTIAL_SCRIPT
from .file_reader import memory_file_reader, os_file_reader
from .load import load_in_cluster_kubeconfig
from .pod_environment import PodEnvironment
from .render import DEFAULT_ENTRY_NAME, render_kubeconfig
from .render_options import RenderOptions, validate_render_options
from .serialize import to_json, to_yaml
from .service_account_files import DEFAULT_SERVICE_ACCOUNT_DIR

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from .kubeconfig import Cluster, Context, ExecConfig, Kubeconfig, NamedCluster, NamedContext, NamedUser, User
    from .types import CredentialMode, Environment, ErrorCode, FileReader, NamespaceSource, PathOrigin

#: The type names, imported on first use: they need typing, which costs a third of the package's import time.
_TYPES = {
    **{name: "kubeconfig" for name in ("Cluster", "Context", "ExecConfig", "Kubeconfig", "NamedCluster", "NamedContext", "NamedUser", "User")},
    **{name: "types" for name in ("CredentialMode", "Environment", "ErrorCode", "FileReader", "NamespaceSource", "PathOrigin")},
}


def __getattr__(name: str) -> object:
    if name in _TYPES:
        import importlib

        return getattr(importlib.import_module(f".{_TYPES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CREDENTIAL_MODES",
    "DEFAULT_CREDENTIAL_MODE",
    "DEFAULT_ENTRY_NAME",
    "DEFAULT_SERVICE_ACCOUNT_DIR",
    "ERROR_CODES",
    "EXEC_CREDENTIAL_LIFETIME_SECONDS",
    "EXEC_CREDENTIAL_SCRIPT",
    "Cluster",
    "Context",
    "CredentialMode",
    "Environment",
    "ErrorCode",
    "ExecConfig",
    "FileProblem",
    "FileReader",
    "InClusterConfigError",
    "Kubeconfig",
    "NamedCluster",
    "NamedContext",
    "NamedUser",
    "NamespaceSource",
    "PathOrigin",
    "PodEnvironment",
    "RenderOptions",
    "User",
    "__version__",
    "carries_secret",
    "discover_pod_environment",
    "load_in_cluster_kubeconfig",
    "memory_file_reader",
    "os_file_reader",
    "render_kubeconfig",
    "to_json",
    "to_yaml",
    "validate_render_options",
]
