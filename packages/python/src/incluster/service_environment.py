"""The API server's address from KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT, as the kubelet sets them."""

from __future__ import annotations

from .errors import InClusterConfigError
from .server_address import parse_port, validate_host

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import Optional, Tuple

    from .types import Environment


def read_service_address(env: Environment) -> Tuple[str, int]:
    """The (host, port) of the API server, validated."""
    host: Optional[str] = env.get("KUBERNETES_SERVICE_HOST")
    port: Optional[str] = env.get("KUBERNETES_SERVICE_PORT")
    if host is None and port is None:
        raise InClusterConfigError(
            "NOT_IN_CLUSTER",
            "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set, so this process is not running in a "
            "Kubernetes Pod. Run it in a Pod, or set both variables (and INCLUSTER_SERVICE_ACCOUNT_DIR) to describe "
            "the cluster.",
        )
    problems = [
        f"{name} is {'not set' if value is None else 'empty'}"
        for name, value in (("KUBERNETES_SERVICE_HOST", host), ("KUBERNETES_SERVICE_PORT", port))
        if not value
    ]
    if len(problems) == 1:
        raise InClusterConfigError(
            "INVALID_ENVIRONMENT",
            f"{problems[0]} although the other service variable is set. Kubernetes sets both in every Pod: set both, "
            "or neither.",
        )
    if problems:
        raise InClusterConfigError(
            "INVALID_ENVIRONMENT",
            f"{' and '.join(problems)}. Kubernetes sets both in every Pod: set both to the API server's address and "
            "port, or unset both.",
        )
    assert host is not None and port is not None
    return validate_host(host), parse_port(port)
