"""Rendering: a Pod's environment in, a kubeconfig out, purely."""

from __future__ import annotations

from .cluster import absolute_path, render_cluster
from .credential import DEFAULT_CREDENTIAL_MODE, render_user
from .namespace import validate_namespace
from .render_options import RenderOptions, validate_render_options

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import Optional

    from .kubeconfig import Kubeconfig
    from .pod_environment import PodEnvironment
    from .types import CredentialMode

#: The name of the cluster, user and context unless options say otherwise.
DEFAULT_ENTRY_NAME = "incluster"


def render_kubeconfig(
    pod: PodEnvironment,
    *,
    credential: Optional[CredentialMode] = None,
    cluster_name: Optional[str] = None,
    user_name: Optional[str] = None,
    context_name: Optional[str] = None,
    namespace: Optional[str] = None,
    server: Optional[str] = None,
    embed_certificate_authority: bool = False,
    tls_server_name: Optional[str] = None,
    proxy_url: Optional[str] = None,
) -> Kubeconfig:
    """Turns a Pod's environment into a kubeconfig that references the rotating token rather than copying it.

    Pure: the same pod and options always give the same kubeconfig, and nothing is read from the environment or
    disk. Raises :class:`InClusterConfigError` (``INVALID_OPTION``, ``INVALID_NAMESPACE``, ``INVALID_ENVIRONMENT``)
    for what it cannot render. The options are those of :class:`RenderOptions`.
    """
    return render_with_options(
        pod,
        RenderOptions(
            credential=credential,
            cluster_name=cluster_name,
            user_name=user_name,
            context_name=context_name,
            namespace=namespace,
            server=server,
            embed_certificate_authority=embed_certificate_authority,
            tls_server_name=tls_server_name,
            proxy_url=proxy_url,
        ),
    )


def render_with_options(pod: PodEnvironment, options: RenderOptions) -> Kubeconfig:
    validate_render_options(options)
    cluster_name = DEFAULT_ENTRY_NAME if options.cluster_name is None else options.cluster_name
    user_name = DEFAULT_ENTRY_NAME if options.user_name is None else options.user_name
    context_name = DEFAULT_ENTRY_NAME if options.context_name is None else options.context_name
    namespace = validate_namespace(pod.namespace, "the Pod environment") if options.namespace is None else options.namespace
    absolute_path("token_path", pod.token_path)
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": cluster_name, "cluster": render_cluster(pod, options)}],
        "users": [{"name": user_name, "user": render_user(pod, options.credential or DEFAULT_CREDENTIAL_MODE)}],
        "contexts": [{"name": context_name, "context": {"cluster": cluster_name, "user": user_name, "namespace": namespace}}],
        "current-context": context_name,
    }
