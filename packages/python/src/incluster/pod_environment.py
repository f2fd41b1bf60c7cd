"""Where a Pod finds its API server and its service account: what discovery finds and rendering consumes."""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import Optional

    from .types import NamespaceSource


class PodEnvironment(
    namedtuple(
        "PodEnvironment",
        ["host", "port", "service_account_dir", "token_path", "certificate_authority_path", "namespace", "namespace_source", "token", "certificate_authority_data"],
        defaults=(None, None),
    )
):
    """The Pod, as :func:`incluster.discover_pod_environment` finds it. Immutable; build one by hand for tests."""

    __slots__ = ()
    #: KUBERNETES_SERVICE_HOST: an IPv4 or IPv6 address, or a host name.
    host: str
    #: KUBERNETES_SERVICE_PORT.
    port: int
    #: Absolute path of the service-account directory.
    service_account_dir: str
    #: Absolute path of the bearer token; the kubelet replaces the file's content as the token rotates.
    token_path: str
    #: Absolute path of the cluster's CA bundle.
    certificate_authority_path: str
    namespace: str
    namespace_source: NamespaceSource
    #: The token itself, present only when discovery was asked to read it (for an embedded credential).
    token: Optional[str]
    #: The CA bundle's PEM text, present only when discovery was asked to read it (to embed it).
    certificate_authority_data: Optional[str]
