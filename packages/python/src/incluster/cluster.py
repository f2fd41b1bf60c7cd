"""The cluster entry. Its default form is a compatibility promise: pulumi-kubernetes replaces its provider, and every
resource with it, when this entry changes. Fields are therefore always written in the same order and form."""

from __future__ import annotations

import base64

from .carried_text import require_carriable_path
from .errors import InClusterConfigError
from .js_text import quoted
from .server_address import server_url

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from .kubeconfig import Cluster
    from .pod_environment import PodEnvironment
    from .render_options import RenderOptions


def render_cluster(pod: PodEnvironment, options: RenderOptions) -> Cluster:
    """The cluster entry, from options :func:`validate_render_options` has accepted."""
    cluster: Cluster = {"server": server_url(pod.host, pod.port) if options.server is None else options.server}
    if options.embed_certificate_authority:
        if pod.certificate_authority_data is None:
            raise InClusterConfigError(
                "INVALID_OPTION",
                "embed_certificate_authority needs the CA bundle, which was not read: discover the Pod with "
                "read_certificate_authority=True.",
            )
        cluster["certificate-authority-data"] = base64.b64encode(pod.certificate_authority_data.encode("utf-8")).decode("ascii")
    else:
        cluster["certificate-authority"] = absolute_path("certificate_authority_path", pod.certificate_authority_path)
    if options.tls_server_name is not None:
        cluster["tls-server-name"] = options.tls_server_name
    if options.proxy_url is not None:
        cluster["proxy-url"] = options.proxy_url
    return cluster


def absolute_path(field: str, path: str) -> str:
    """Kubeconfig paths must be absolute: client-go resolves relative ones against the kubeconfig file's own directory.
    Any other character a file name may hold is carried, escaped where YAML needs it."""
    require_carriable_path(field, path)
    if not path.startswith("/"):
        raise InClusterConfigError(
            "INVALID_OPTION",
            f"{field} {quoted(path)} must be an absolute path: clients resolve relative paths against the kubeconfig's location.",
        )
    return path
