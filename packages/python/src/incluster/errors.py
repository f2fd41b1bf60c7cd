"""The one error type incluster raises, and its stable codes."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from .types import ErrorCode

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


class InClusterConfigError(Exception):
    """Raised for every refusal. ``code`` is one of :data:`ERROR_CODES`; the message names what is wrong and how to
    fix it, and never contains a token."""

    code: ErrorCode

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code

    @property
    def message(self) -> str:
        """The message alone, without the code."""
        return str(self.args[0])

    def __str__(self) -> str:
        # A printed traceback (an unhandled exception in a Pulumi program, say) names the code, as the TypeScript
        # error's stack does: "InClusterConfigError: [NOT_IN_CLUSTER] ...".
        return f"[{self.code}] {self.message}"

    def __repr__(self) -> str:
        return f"InClusterConfigError({self.code!r}, {self.message!r})"
