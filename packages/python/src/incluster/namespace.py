"""The Pod's namespace, found in kubectl's order and checked as the API server checks it."""

from __future__ import annotations

import re

from .errors import InClusterConfigError
from .js_text import js_trim, quoted
from .service_account_files import read_optional_service_account_file

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import Tuple

    from .types import Environment, FileReader, NamespaceSource, PathOrigin

_DNS_1123_LABEL = re.compile(r"[a-z0-9](?:[-a-z0-9]*[a-z0-9])?")

DNS_1123_LABEL_RULE = 'use at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit'


def discover_namespace(
    env: Environment, reader: FileReader, namespace_path: str, origin: PathOrigin = "default"
) -> Tuple[str, NamespaceSource]:
    """The Pod's namespace in kubectl's order: $POD_NAMESPACE, else the namespace file (trimmed), else ``default``.
    ``origin`` says where the file's directory came from, for the fix an unreadable file gets."""
    from_env = env.get("POD_NAMESPACE")
    if from_env:
        return validate_namespace(from_env, "POD_NAMESPACE"), "POD_NAMESPACE"
    from_file = read_optional_service_account_file(reader, namespace_path, origin)
    if from_file is not None and js_trim(from_file):
        return validate_namespace(js_trim(from_file), namespace_path), "namespace-file"
    return "default", "default"


def is_dns_1123_label(name: str) -> bool:
    return len(name) <= 63 and _DNS_1123_LABEL.fullmatch(name) is not None


def validate_namespace_option(namespace: object) -> str:
    """Checks a namespace the caller chose: a wrong one is the caller's mistake, INVALID_OPTION, whatever the Pod holds."""
    if not (isinstance(namespace, str) and is_dns_1123_label(namespace)):
        raise InClusterConfigError(
            "INVALID_OPTION",
            f"The namespace option {quoted(namespace) if isinstance(namespace, str) else repr(namespace)} is not a valid DNS-1123 label: {DNS_1123_LABEL_RULE}.",
        )
    return namespace


def validate_namespace(namespace: str, origin: str) -> str:
    """Checks that the Pod's namespace is a DNS-1123 label, as the API server requires; ``origin`` says where it came from."""
    if not is_dns_1123_label(namespace):
        raise InClusterConfigError(
            "INVALID_NAMESPACE",
            f"The namespace {quoted(namespace)} from {origin} is not a valid DNS-1123 label: {DNS_1123_LABEL_RULE}.",
        )
    return namespace
