"""The one error type incluster raises, and its stable codes."""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import Optional

    from .types import ErrorCode, PathOrigin

#: Every code an :class:`InClusterConfigError` can carry (their meanings: :data:`incluster.types.ErrorCode`).
ERROR_CODES = (
    "NOT_IN_CLUSTER",
    "INVALID_ENVIRONMENT",
    "SERVICE_ACCOUNT_NOT_MOUNTED",
    "UNREADABLE_FILE",
    "EMPTY_TOKEN",
    "INVALID_CERTIFICATE_AUTHORITY",
    "INVALID_NAMESPACE",
    "INVALID_OPTION",
)


class FileProblem(namedtuple("FileProblem", "path origin errno", defaults=(None,))):
    """The service-account file an error is about, so that a caller can phrase its own advice (a command naming the
    flag that gave the path)."""

    __slots__ = ()
    path: str
    #: Where the path came from: ``option`` (the caller's service_account_dir), ``INCLUSTER_SERVICE_ACCOUNT_DIR``,
    #: or ``default``, the kubelet's mount point.
    origin: PathOrigin
    #: The failed access's errno name, as Node.js names it: ``ENOENT``, ``EACCES``, ``EISDIR`` (not a regular
    #: file)...; None when the file was read but its content is wrong (an empty token, a CA without a certificate).
    errno: Optional[str]


class InClusterConfigError(Exception):
    """Raised for every refusal. ``code`` is one of :data:`ERROR_CODES`; the message names what is wrong and how to
    fix it, and never contains a token. ``file`` is the :class:`FileProblem` of an error about a service-account
    file, else None."""

    code: ErrorCode
    file: Optional[FileProblem]

    def __init__(self, code: ErrorCode, message: str, file: Optional[FileProblem] = None) -> None:
        super().__init__(message)
        self.code = code
        self.file = file

    @property
    def message(self) -> str:
        """The message alone, without the code."""
        return str(self.args[0])

    def __str__(self) -> str:
        # A printed traceback (an unhandled exception in a Pulumi program, say) names the code, as the TypeScript
        # error's stack does: "InClusterConfigError: [NOT_IN_CLUSTER] ...".
        return f"[{self.code}] {self.message}"

    def __repr__(self) -> str:
        file = "" if self.file is None else f", file={self.file!r}"
        return f"InClusterConfigError({self.code!r}, {self.message!r}{file})"
