"""The service-account volume's three files: where they are, and reading them with errors that name the fix."""

from __future__ import annotations

import errno
import os
import posixpath
from collections import namedtuple

from .errors import InClusterConfigError
from .js_text import js_trim

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import Callable, Optional, TypeVar

    from .types import Environment, FileReader

    _T = TypeVar("_T")

DEFAULT_SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount"


class ServiceAccountPaths(namedtuple("ServiceAccountPaths", "dir token_path certificate_authority_path namespace_path")):
    """Where the service-account volume's three files are, as absolute paths (kubeconfig paths must be absolute)."""

    __slots__ = ()
    dir: str
    token_path: str
    certificate_authority_path: str
    namespace_path: str


def service_account_paths(env: Environment, service_account_dir: Optional[str] = None) -> ServiceAccountPaths:
    """The directory is the option, else $INCLUSTER_SERVICE_ACCOUNT_DIR, else the kubelet's mount point."""
    directory = _resolve(service_account_dir or env.get("INCLUSTER_SERVICE_ACCOUNT_DIR") or DEFAULT_SERVICE_ACCOUNT_DIR)
    return ServiceAccountPaths(
        dir=directory,
        token_path=posixpath.join(directory, "token"),
        certificate_authority_path=posixpath.join(directory, "ca.crt"),
        namespace_path=posixpath.join(directory, "namespace"),
    )


def _resolve(path: str) -> str:
    """Node.js's path.resolve(): absolute and normalised, where POSIX's two leading slashes are one."""
    resolved = posixpath.normpath(posixpath.join(os.getcwd(), path))
    return "/" + resolved.lstrip("/")


def require_service_account_file(reader: FileReader, path: str) -> None:
    """Checks that a service-account file is there and readable, without reading it."""
    _attempt(path, lambda: reader.check_readable(path))


def read_service_account_token(reader: FileReader, path: str) -> str:
    """Reads the bearer token, trimmed as client-go trims it."""
    token = js_trim(_attempt(path, lambda: reader.read_text(path)))
    if not token:
        raise InClusterConfigError(
            "EMPTY_TOKEN",
            f"The token file {path} is empty. The kubelet writes it when the Pod starts; check the Pod's projected "
            "service-account volume.",
        )
    return token


def read_certificate_authority(reader: FileReader, path: str) -> str:
    """Reads the CA bundle, which must hold at least one PEM certificate."""
    pem = _attempt(path, lambda: reader.read_text(path))
    if "-----BEGIN CERTIFICATE-----" not in pem:
        raise InClusterConfigError(
            "INVALID_CERTIFICATE_AUTHORITY",
            f'{path} holds no PEM certificate ("-----BEGIN CERTIFICATE-----"). Mount the cluster\'s CA bundle there, '
            "or do not embed the CA.",
        )
    return pem


def read_optional_service_account_file(reader: FileReader, path: str) -> Optional[str]:
    """Reads an optional service-account file: None when it does not exist, an error when it cannot be read."""
    try:
        return reader.read_text(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _unreadable(path, error) from None


def _attempt(path: str, operation: Callable[[], _T]) -> _T:
    """Runs a file operation and turns its failure into an InClusterConfigError that names the file and the fix."""
    try:
        return operation()
    except FileNotFoundError:
        raise InClusterConfigError(
            "SERVICE_ACCOUNT_NOT_MOUNTED",
            f"{path} does not exist: the service account is not mounted. "
            "Set automountServiceAccountToken: true on the Pod or its ServiceAccount, "
            "or point INCLUSTER_SERVICE_ACCOUNT_DIR at the directory that holds token, ca.crt and namespace.",
        ) from None
    except OSError as error:
        raise _unreadable(path, error) from None


def _unreadable(path: str, error: OSError) -> InClusterConfigError:
    reason = errno.errorcode.get(error.errno, error.strerror) if error.errno is not None else str(error)
    return InClusterConfigError(
        "UNREADABLE_FILE",
        f"{path} cannot be read ({reason}). Give the container's user read access to it (runAsUser, fsGroup or the "
        "volume's defaultMode), or point INCLUSTER_SERVICE_ACCOUNT_DIR elsewhere.",
    )
