"""The API server's address: validated as rest.InClusterConfig() takes it, and joined as Go's net.JoinHostPort does."""

from __future__ import annotations

import re

from .errors import InClusterConfigError
from .js_text import quoted

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import Optional, Union

_HOST_NAME_LABEL = re.compile(r"[A-Za-z0-9](?:[-A-Za-z0-9]*[A-Za-z0-9])?", re.ASCII)
_IPV4 = re.compile(r"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])")
_PORT_TEXT = re.compile(r"[0-9]{1,5}")


def server_url(host: str, port: int) -> str:
    """``https://`` + host:port, bracketing IPv6 exactly as Go's net.JoinHostPort does, like rest.InClusterConfig()."""
    return f"https://{join_host_port(validate_host(host), validate_port(port))}"


def join_host_port(host: str, port: Union[int, str]) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def validate_host(host: str) -> str:
    """Accepts an IPv4 address, an IPv6 address (no zone) or a DNS host name or FQDN (a trailing dot is allowed)."""
    # A zone (fe80::1%eth0) would need escaping in a URL; the service host never has one.
    if _IPV4.fullmatch(host) or (_is_ipv6(host) and "%" not in host) or _is_host_name(host):
        return host
    raise InClusterConfigError(
        "INVALID_ENVIRONMENT",
        f"KUBERNETES_SERVICE_HOST {quoted(host)} is not an IP address or a host name. "
        "Kubernetes sets it in every Pod; if you set it yourself, give the API server address without scheme or port.",
    )


def parse_port(text: str) -> int:
    """Parses a port the way the environment gives it: decimal digits only, 1 to 65535."""
    return validate_port(int(text) if _PORT_TEXT.fullmatch(text) else None, text)


def validate_port(port: Optional[int], text: Optional[str] = None) -> int:
    # bool is an int to Python, and no port.
    if not isinstance(port, int) or isinstance(port, bool) or not 1 <= port <= 65535:
        raise InClusterConfigError(
            "INVALID_ENVIRONMENT",
            f"KUBERNETES_SERVICE_PORT {quoted(str(port) if text is None else text)} is not a port number: "
            "it must be a whole number from 1 to 65535.",
        )
    return port


def _is_ipv6(host: str) -> bool:
    if ":" not in host:
        return False
    # Imported here: most Pods' service host is IPv4, and ipaddress is the slowest import of the package.
    import ipaddress

    try:
        ipaddress.IPv6Address(host)
    except ValueError:
        return False
    return True


def _is_host_name(host: str) -> bool:
    name = host[:-1] if host.endswith(".") else host
    return 0 < len(name) <= 253 and all(len(label) <= 63 and _HOST_NAME_LABEL.fullmatch(label) for label in name.split("."))
