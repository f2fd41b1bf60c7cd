"""The URL checks of the render options (``server``, ``proxy_url``).

The TypeScript core parses them with the WHATWG URL parser; the standard library has none, so this checks what
client-go needs of them, and is stricter than WHATWG where the two differ: an explicit ``scheme://``, an ASCII host
(a name, a dotted-quad IPv4 address or a bracketed IPv6 address), and an optional port from 0 to 65535.
"""

from __future__ import annotations

import re

from .carried_text import require_carriable_url
from .errors import InClusterConfigError
from .js_text import quoted

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import Sequence

_SCHEME_AND_AUTHORITY = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://([^/?#\\]*)(.*)", re.DOTALL)
_PORT = re.compile(r"[0-9]*")
_HOST_NAME = re.compile(r"[A-Za-z0-9_](?:[-A-Za-z0-9_]*)(?:\.[-A-Za-z0-9_]+)*\.?", re.ASCII)
_DOTTED_QUAD = re.compile(r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])){3}\.?")
_NUMERIC_LABEL = re.compile(r"(?:0[xX][0-9A-Fa-f]*|[0-9]+)", re.ASCII)


def validate_url(option: str, url: str, schemes: Sequence[str]) -> None:
    if isinstance(url, str):
        require_carriable_url(option, url)
    if not (isinstance(url, str) and _is_url(url, schemes)):
        shown = quoted(url) if isinstance(url, str) else repr(url)
        raise InClusterConfigError(
            "INVALID_OPTION", f"{option} {shown} is not a valid URL with scheme {', '.join(schemes)}."
        )


def _is_url(url: str, schemes: Sequence[str]) -> bool:
    match = _SCHEME_AND_AUTHORITY.fullmatch(url)
    if match is None or match.group(1).lower() not in schemes:
        return False
    authority = match.group(2).rpartition("@")[2]
    if authority.startswith("["):
        address, bracket, port = authority[1:].partition("]")
        if not bracket or not _is_ipv6(address) or not (port == "" or port.startswith(":")):
            return False
        return _is_port(port[1:])
    host, _, port = authority.partition(":")
    return _is_host(host) and _is_port(port)


def _is_host(host: str) -> bool:
    if _HOST_NAME.fullmatch(host) is None:
        return False
    # WHATWG reads a host whose last label is a number as an IPv4 address; only the plain dotted quad is taken here.
    last = host.rstrip(".").rpartition(".")[2]
    return _NUMERIC_LABEL.fullmatch(last) is None or _DOTTED_QUAD.fullmatch(host) is not None


def _is_port(port: str) -> bool:
    return _PORT.fullmatch(port) is not None and (port == "" or int(port) <= 65535)


def _is_ipv6(address: str) -> bool:
    import ipaddress

    try:
        ipaddress.IPv6Address(address)
    except ValueError:
        return False
    return "%" not in address
