"""incluster.pulumi: an explicit, rotation-safe in-cluster Kubernetes provider for Pulumi programs.

The counterpart of ``@incluster/pulumi-adapter``; needs ``pip install "incluster[pulumi]"``::

    from incluster.pulumi import create_in_cluster_provider
    provider = create_in_cluster_provider("k8s")
"""

from typing import Any, Optional, Tuple, TypedDict, Union

try:
    import pulumi
    import pulumi_kubernetes as k8s
except ImportError as error:
    raise ModuleNotFoundError(
        f'incluster.pulumi needs {error.name}, which incluster installs only when asked: pip install "incluster[pulumi]"',
        name=error.name,
    ) from error

from .credential import carries_secret
from .errors import InClusterConfigError
from .load import load_in_cluster_kubeconfig
from .serialize import to_json
from .types import CredentialMode, Environment, FileReader

__all__ = ["ExplicitKubeconfig", "OutsideCluster", "create_in_cluster_provider", "in_cluster_kubeconfig"]

_ExplicitKubeconfigRequired = TypedDict("_ExplicitKubeconfigRequired", {"kubeconfig": str})


class ExplicitKubeconfig(_ExplicitKubeconfigRequired, total=False):
    """A kubeconfig from elsewhere (its contents or its path), and the context to use in it."""

    context: str


#: What to do when the program is not running in a Pod:
#:
#: - ``"fail"`` (the default): raise NOT_IN_CLUSTER before any resource is registered;
#: - ``"ambient"``: let the provider use $KUBECONFIG or ~/.kube/config, and say so in the Pulumi log;
#: - ``{"kubeconfig": ..., "context": ...}``: use this kubeconfig (contents or path), and say so in the Pulumi log.
OutsideCluster = Union[str, ExplicitKubeconfig]

#: The provider arguments that point it at a cluster: this module sets them, so none may be passed.
_SET_HERE = ("kubeconfig", "context", "cluster")


def create_in_cluster_provider(
    resource_name: str,
    *,
    outside_cluster: OutsideCluster = "fail",
    opts: Optional[pulumi.ResourceOptions] = None,
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
    **provider_args: Any,
) -> k8s.Provider:
    """A Kubernetes provider for the cluster this program runs in, authenticated as the Pod's service account.

    Its kubeconfig references the rotating token (nothing secret in state), needs no shell, and keeps a cluster entry
    that never changes, so the provider is not replaced. It is a plain string, known at preview, and the context is set
    explicitly. Outside a Pod it raises NOT_IN_CLUSTER unless ``outside_cluster`` says otherwise.

    The keyword arguments of :func:`incluster.load_in_cluster_kubeconfig` shape the kubeconfig (``namespace`` is its
    context's namespace); every other keyword argument goes to ``pulumi_kubernetes.Provider`` unchanged.
    """
    taken = [name for name in _SET_HERE if name in provider_args]
    if taken:
        raise InClusterConfigError(
            "INVALID_OPTION",
            f"create_in_cluster_provider sets the provider's {', '.join(taken)} itself. To use another kubeconfig "
            'outside a Pod, pass outside_cluster={"kubeconfig": ..., "context": ...}.',
        )
    kubeconfig, context = _connect_to_cluster(
        resource_name,
        outside_cluster,
        dict(
            env=env,
            reader=reader,
            service_account_dir=service_account_dir,
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
    return k8s.Provider(resource_name, opts=opts, kubeconfig=kubeconfig, context=context, **provider_args)


def in_cluster_kubeconfig(**options: Any) -> str:
    """The Pod's kubeconfig as JSON text, for other providers (helm, pulumi_command) or ``pulumi.export``. The
    options are :func:`incluster.load_in_cluster_kubeconfig`'s. With the embedded credential it holds a token: wrap it
    in ``pulumi.Output.secret`` before it reaches state."""
    return to_json(load_in_cluster_kubeconfig(**options))


def _connect_to_cluster(
    resource_name: str, outside_cluster: OutsideCluster, options: dict[str, Any]
) -> Tuple[Optional[pulumi.Input[str]], Optional[str]]:
    """The Pod's kubeconfig, or, outside a Pod, the fallback the program opted into. Only NOT_IN_CLUSTER falls back: a
    Pod with a broken service account fails loudly rather than deploying elsewhere."""
    _check_outside_cluster(outside_cluster)
    try:
        kubeconfig = load_in_cluster_kubeconfig(**options)
    except InClusterConfigError as error:
        if error.code != "NOT_IN_CLUSTER" or outside_cluster == "fail":
            raise
        if outside_cluster == "ambient":
            import os

            ambient = f"$KUBECONFIG ({os.environ['KUBECONFIG']})" if os.environ.get("KUBECONFIG") else "~/.kube/config"
            pulumi.log.info(f"{resource_name}: not running in a Pod; outside_cluster is 'ambient', so the provider uses {ambient}.")
            return None, None
        assert isinstance(outside_cluster, dict)
        pulumi.log.info(f"{resource_name}: not running in a Pod; the provider uses the kubeconfig given in outside_cluster.")
        # A kubeconfig from elsewhere usually holds credentials: it is kept out of the state in plain text.
        return pulumi.Output.secret(outside_cluster["kubeconfig"]), outside_cluster.get("context")
    text = to_json(kubeconfig)
    return (pulumi.Output.secret(text) if carries_secret(kubeconfig) else text), kubeconfig["current-context"]


def _check_outside_cluster(outside_cluster: OutsideCluster) -> None:
    if outside_cluster in ("fail", "ambient"):
        return
    if isinstance(outside_cluster, dict) and isinstance(outside_cluster.get("kubeconfig"), str):
        return
    raise InClusterConfigError(
        "INVALID_OPTION",
        f"outside_cluster {outside_cluster!r} must be 'fail', 'ambient' or {{\"kubeconfig\": ..., \"context\": ...}}.",
    )
