"""The type names of incluster's API, for annotations: the error codes, the credential modes, the namespace sources,
the environment, and the FileReader protocol. The kubeconfig's own types are in :mod:`incluster.kubeconfig`.

The rest of the package imports this module (and typing) only for type checkers: typing alone would cost a third of
``import incluster``, which an init container pays on every Pod start (docs/python.md).
"""

from typing import Literal, Mapping, Protocol

#: Every way incluster can refuse to produce a kubeconfig. The codes are stable: match on them, not on messages.
#:
#: - NOT_IN_CLUSTER: neither KUBERNETES_SERVICE_HOST nor KUBERNETES_SERVICE_PORT is set: this process is not in a Pod.
#: - INVALID_ENVIRONMENT: the service variables are set but wrong: one missing, an empty host, a bad port.
#: - SERVICE_ACCOUNT_NOT_MOUNTED: the variables are set but the service-account files are not there.
#: - UNREADABLE_FILE: a service-account file exists but cannot be read.
#: - EMPTY_TOKEN: the token file is empty.
#: - INVALID_CERTIFICATE_AUTHORITY: ca.crt holds no PEM certificate.
#: - INVALID_NAMESPACE: the namespace is not a DNS-1123 label.
#: - INVALID_OPTION: a render option is invalid or asks for data that discovery did not read.
ErrorCode = Literal[
    "NOT_IN_CLUSTER",
    "INVALID_ENVIRONMENT",
    "SERVICE_ACCOUNT_NOT_MOUNTED",
    "UNREADABLE_FILE",
    "EMPTY_TOKEN",
    "INVALID_CERTIFICATE_AUTHORITY",
    "INVALID_NAMESPACE",
    "INVALID_OPTION",
]

#: How the kubeconfig's user authenticates (see :mod:`incluster.credential`).
CredentialMode = Literal["token-file", "exec", "token-file+exec", "embedded"]

#: Where the namespace came from, in kubectl's order of precedence: the caller's namespace option (kubectl's
#: --namespace), else $POD_NAMESPACE, else the namespace file, else ``default``.
NamespaceSource = Literal["option", "POD_NAMESPACE", "namespace-file", "default"]

#: Where a service-account path came from (:attr:`incluster.errors.FileProblem.origin`): the caller's
#: service_account_dir, $INCLUSTER_SERVICE_ACCOUNT_DIR, or the kubelet's mount point.
PathOrigin = Literal["option", "INCLUSTER_SERVICE_ACCOUNT_DIR", "default"]

#: The process environment, or any mapping that stands for it.
Environment = Mapping[str, str]


class FileReader(Protocol):
    """The only way discovery touches files, so that tests and other runtimes can inject their own. Failures are
    ``OSError``: ``FileNotFoundError`` means nothing is at the path; any other means it cannot be read."""

    def read_text(self, path: str) -> str:
        """Reads a file as UTF-8 text (invalid bytes become U+FFFD, as Node.js reads them)."""
        ...

    def check_readable(self, path: str) -> None:
        """Checks that a readable regular file is at the path, without reading it."""
        ...
