"""The one error type incluster raises, and its stable codes."""

from typing import Literal

#: Every way incluster can refuse to produce a kubeconfig. The codes are stable: match on them, not on messages.
ErrorCode = Literal[
    # Neither KUBERNETES_SERVICE_HOST nor KUBERNETES_SERVICE_PORT is set: this process is not in a Pod.
    "NOT_IN_CLUSTER",
    # The service variables are set but wrong: one missing, an empty host, a bad port.
    "INVALID_ENVIRONMENT",
    # The variables are set but the service-account files are not there.
    "SERVICE_ACCOUNT_NOT_MOUNTED",
    # A service-account file exists but cannot be read.
    "UNREADABLE_FILE",
    # The token file is empty.
    "EMPTY_TOKEN",
    # ca.crt holds no PEM certificate.
    "INVALID_CERTIFICATE_AUTHORITY",
    # The namespace is not a DNS-1123 label.
    "INVALID_NAMESPACE",
    # A render option is invalid or asks for data that discovery did not read.
    "INVALID_OPTION",
]

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
        return str(self)

    def __repr__(self) -> str:
        return f"InClusterConfigError({self.code!r}, {str(self)!r})"
