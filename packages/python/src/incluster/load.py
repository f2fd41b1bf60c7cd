"""Discovery and rendering in one step."""

from __future__ import annotations

from .discovery import discover_pod_environment
from .render import render_with_options
from .render_options import RenderOptions, validate_render_options

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import Optional

    from .kubeconfig import Kubeconfig
    from .types import CredentialMode, Environment, FileReader


def load_in_cluster_kubeconfig(
    *,
    env: Optional[Environment] = None,
    reader: Optional[FileReader] = None,
    service_account_dir: Optional[str] = None,
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
    """Discovers this Pod and renders its kubeconfig, reading the token or CA only when the options embed them.

    The options are checked first, so a wrong one is ``INVALID_OPTION`` whatever the state of the Pod. ``env``,
    ``reader`` and ``service_account_dir`` are :func:`discover_pod_environment`'s; the rest are
    :func:`render_kubeconfig`'s.
    """
    options = RenderOptions(
        credential=credential,
        cluster_name=cluster_name,
        user_name=user_name,
        context_name=context_name,
        namespace=namespace,
        server=server,
        embed_certificate_authority=embed_certificate_authority,
        tls_server_name=tls_server_name,
        proxy_url=proxy_url,
    )
    validate_render_options(options)
    pod = discover_pod_environment(
        env=env,
        reader=reader,
        service_account_dir=service_account_dir,
        read_token=credential == "embedded",
        read_certificate_authority=embed_certificate_authority is True,
        namespace=namespace,
    )
    return render_with_options(pod, options)
