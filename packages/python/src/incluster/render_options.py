"""The render options, checked each on its own before anything is discovered: a wrong option is the caller's mistake
(INVALID_OPTION), whatever state the Pod is in."""

from __future__ import annotations

import re
from collections import namedtuple

from .carried_text import require_ascii_host_name, require_carriable_text
from .credential import CREDENTIAL_MODES, unknown_credential
from .errors import InClusterConfigError
from .js_text import js_trim, quoted
from .namespace import validate_namespace_option

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import Optional

    from .types import CredentialMode

_NOT_IN_A_HOST_NAME = re.compile("[/:]")


class RenderOptions(
    namedtuple(
        "RenderOptions",
        ["credential", "cluster_name", "user_name", "context_name", "namespace", "server", "embed_certificate_authority", "tls_server_name", "proxy_url"],
        defaults=(None, None, None, None, None, None, False, None, None),
    )
):
    """What :func:`incluster.render_kubeconfig` takes as keyword arguments; every field is optional."""

    __slots__ = ()
    #: How the user authenticates; ``token-file`` by default.
    credential: Optional[CredentialMode]
    cluster_name: Optional[str]
    user_name: Optional[str]
    context_name: Optional[str]
    #: The context's namespace; defaults to the Pod's own, which is then not read (see discover_pod_environment).
    namespace: Optional[str]
    #: Replaces ``https://<KUBERNETES_SERVICE_HOST>:<KUBERNETES_SERVICE_PORT>``; must be an https URL.
    server: Optional[str]
    #: Embed ca.crt as certificate-authority-data instead of referencing its path.
    embed_certificate_authority: bool
    #: The server name to verify the API server certificate against.
    tls_server_name: Optional[str]
    #: An http, https or socks5 proxy, as client-go accepts.
    proxy_url: Optional[str]


def validate_render_options(options: RenderOptions) -> None:
    """Raises INVALID_OPTION for the first option that is wrong.

    A name may hold any Unicode text that is not blank, as client-go accepts any non-empty string: names that YAML 1.1
    would read as something else (``on``, ``1_000``) are quoted, line breaks and controls escaped. Only what no
    kubeconfig can carry is refused (carried_text.py).
    """
    for option in ("cluster_name", "user_name", "context_name"):
        value = getattr(options, option)
        if value is not None and (not isinstance(value, str) or js_trim(value) == ""):
            raise InClusterConfigError("INVALID_OPTION", f"{option} must not be empty.")
        if value is not None:
            require_carriable_text(option, value)
    if options.namespace is not None:
        validate_namespace_option(options.namespace)
    if options.credential is not None and options.credential not in CREDENTIAL_MODES:
        unknown_credential(options.credential)
    if options.server is not None:
        # Imported here: most Pods give no URL option, and its patterns take a millisecond to compile.
        from .url import validate_url

        validate_url("server", options.server, ["https"])
    tls_server_name = options.tls_server_name
    if isinstance(tls_server_name, str):
        require_ascii_host_name("tls_server_name", tls_server_name)
    if tls_server_name is not None and (
        not isinstance(tls_server_name, str) or not tls_server_name or _NOT_IN_A_HOST_NAME.search(tls_server_name)
    ):
        raise InClusterConfigError(
            "INVALID_OPTION",
            f"tls_server_name {_shown(tls_server_name)} must be a host name, such as kubernetes.default.svc.",
        )
    if options.proxy_url is not None:
        from .url import validate_url

        validate_url("proxy_url", options.proxy_url, ["http", "https", "socks5"])
    if not isinstance(options.embed_certificate_authority, bool):
        raise InClusterConfigError("INVALID_OPTION", "embed_certificate_authority must be True or False.")


def _shown(value: object) -> str:
    return quoted(value) if isinstance(value, str) else repr(value)
