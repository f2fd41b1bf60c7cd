"""The service-account volume's three files: where they are, and reading them with errors that name the fix."""

from __future__ import annotations

import errno
import os
import posixpath
from collections import namedtuple

from .errors import FileProblem, InClusterConfigError
from .js_text import js_trim

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import Callable, Optional, TypeVar

    from .types import Environment, FileReader, PathOrigin

    _T = TypeVar("_T")

DEFAULT_SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount"


class ServiceAccountPaths(namedtuple("ServiceAccountPaths", "dir origin token_path certificate_authority_path namespace_path")):
    """Where the service-account volume's three files are, as absolute paths (kubeconfig paths must be absolute)."""

    __slots__ = ()
    dir: str
    #: Where ``dir`` came from, for messages that say what to change.
    origin: PathOrigin
    token_path: str
    certificate_authority_path: str
    namespace_path: str


def service_account_paths(env: Environment, service_account_dir: Optional[str] = None) -> ServiceAccountPaths:
    """The directory is the option, else $INCLUSTER_SERVICE_ACCOUNT_DIR, else the kubelet's mount point."""
    from_env = env.get("INCLUSTER_SERVICE_ACCOUNT_DIR")
    origin: PathOrigin = "option" if service_account_dir else "INCLUSTER_SERVICE_ACCOUNT_DIR" if from_env else "default"
    directory = _resolve(service_account_dir or from_env or DEFAULT_SERVICE_ACCOUNT_DIR)
    return ServiceAccountPaths(
        dir=directory,
        origin=origin,
        token_path=posixpath.join(directory, "token"),
        certificate_authority_path=posixpath.join(directory, "ca.crt"),
        namespace_path=posixpath.join(directory, "namespace"),
    )


def _resolve(path: str) -> str:
    """Node.js's path.resolve(): absolute and normalised, where POSIX's two leading slashes are one."""
    resolved = posixpath.normpath(posixpath.join(os.getcwd(), path))
    return "/" + resolved.lstrip("/")


# The functions below take the path's origin (the kubelet's mount point unless told otherwise), so that their errors
# give the fix that applies: a path the caller passed is corrected where it was passed, not by
# INCLUSTER_SERVICE_ACCOUNT_DIR.


def require_service_account_file(reader: FileReader, path: str, origin: PathOrigin = "default") -> None:
    """Checks that a service-account file is there and readable, without reading it."""
    _attempt(path, origin, lambda: reader.check_readable(path))


def read_service_account_token(reader: FileReader, path: str, origin: PathOrigin = "default") -> str:
    """Reads the bearer token, trimmed as client-go trims it."""
    token = js_trim(_attempt(path, origin, lambda: reader.read_text(path)))
    if not token:
        raise InClusterConfigError(
            "EMPTY_TOKEN",
            f"The token file {path} is empty. The kubelet writes it when the Pod starts; check the Pod's projected "
            "service-account volume.",
            FileProblem(path, origin),
        )
    return token


def read_certificate_authority(reader: FileReader, path: str, origin: PathOrigin = "default") -> str:
    """Reads the CA bundle, which must hold at least one PEM certificate."""
    pem = _attempt(path, origin, lambda: reader.read_text(path))
    if "-----BEGIN CERTIFICATE-----" not in pem:
        raise InClusterConfigError(
            "INVALID_CERTIFICATE_AUTHORITY",
            f'{path} holds no PEM certificate ("-----BEGIN CERTIFICATE-----"). Mount the cluster\'s CA bundle there, '
            "or do not embed the CA.",
            FileProblem(path, origin),
        )
    return pem


def read_optional_service_account_file(reader: FileReader, path: str, origin: PathOrigin = "default") -> Optional[str]:
    """Reads an optional service-account file: None when it does not exist, an error when it cannot be read."""
    try:
        return reader.read_text(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _failure(path, origin, error) from None


#: How to point at other files, for each origin of the path.
_ELSEWHERE = {
    "default": "or point INCLUSTER_SERVICE_ACCOUNT_DIR at the directory that holds token, ca.crt and namespace",
    "INCLUSTER_SERVICE_ACCOUNT_DIR": "or point INCLUSTER_SERVICE_ACCOUNT_DIR at the directory that holds token, ca.crt and "
    "namespace (unset, it means the kubelet's mount point)",
    "option": "or correct the path passed as service_account_dir, which overrides INCLUSTER_SERVICE_ACCOUNT_DIR and the "
    "kubelet's mount point",
}


def _attempt(path: str, origin: PathOrigin, operation: Callable[[], _T]) -> _T:
    """Runs a file operation and turns its failure into an InClusterConfigError that names the file and the fix."""
    try:
        return operation()
    except OSError as error:
        raise _failure(path, origin, error) from None


def _failure(path: str, origin: PathOrigin, error: OSError) -> InClusterConfigError:
    name = errno.errorcode.get(error.errno) if error.errno is not None else None
    file = FileProblem(path, origin, name)
    if isinstance(error, FileNotFoundError):
        message = (
            f"{path} does not exist. Correct the path passed as service_account_dir, which overrides "
            "INCLUSTER_SERVICE_ACCOUNT_DIR and the kubelet's mount point."
            if origin == "option"
            else f"{path} does not exist: the service account is not mounted. Set automountServiceAccountToken: true "
            f"on the Pod or its ServiceAccount, {_ELSEWHERE[origin]}."
        )
        return InClusterConfigError("SERVICE_ACCOUNT_NOT_MOUNTED", message, file)
    if error.errno == errno.EISDIR:
        return InClusterConfigError(
            "UNREADABLE_FILE",
            f"{path} is not a regular file (EISDIR). Make it a regular file the container's user can read, "
            f"{_ELSEWHERE[origin]}.",
            file,
        )
    return InClusterConfigError(
        "UNREADABLE_FILE",
        f"{path} cannot be read ({name or error.strerror or error}). Give the container's user read access to it "
        f"(runAsUser, fsGroup or the volume's defaultMode), {_ELSEWHERE[origin]}.",
        file,
    )
