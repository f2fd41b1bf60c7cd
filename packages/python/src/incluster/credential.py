"""How the kubeconfig's user proves who it is.

- ``token-file``: a reference to the rotating token file, which client-go re-reads every minute (as in-cluster config
  does);
- ``exec``: a /bin/sh plugin that reads the file on each call, for clients that ignore ``tokenFile``;
- ``token-file+exec``: both; client-go uses the file and never runs the plugin, other clients run the plugin;
- ``embedded``: the token itself, a secret that stops working once the token expires. Only on request.
"""

from __future__ import annotations

from .carried_text import require_carriable_text
from .errors import InClusterConfigError
from .exec_credential import sh_exec_credential
from .js_text import js_trim, quoted

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import NoReturn

    from .kubeconfig import Kubeconfig, User
    from .pod_environment import PodEnvironment
    from .types import CredentialMode

#: The four credential modes (:data:`incluster.types.CredentialMode`).
CREDENTIAL_MODES = ("token-file", "exec", "token-file+exec", "embedded")

DEFAULT_CREDENTIAL_MODE: CredentialMode = "token-file"


def render_user(pod: PodEnvironment, mode: str) -> User:
    if mode == "token-file":
        return {"tokenFile": pod.token_path}
    if mode == "exec":
        return {"exec": sh_exec_credential(pod.token_path)}
    if mode == "token-file+exec":
        return {"tokenFile": pod.token_path, "exec": sh_exec_credential(pod.token_path)}
    if mode == "embedded":
        if pod.token is None:
            raise InClusterConfigError(
                "INVALID_OPTION",
                "The 'embedded' credential needs the token, which was not read: discover the Pod with read_token=True.",
            )
        # client-go drops an empty token: the kubeconfig would authenticate as no one. Discovery refuses it the same way.
        if js_trim(pod.token) == "":
            raise InClusterConfigError(
                "EMPTY_TOKEN",
                "The 'embedded' credential needs a token, and the token is empty. The kubelet writes it when the Pod "
                "starts; check the Pod's projected service-account volume.",
            )
        return {"token": require_carriable_text("token", pod.token)}
    unknown_credential(mode)


def unknown_credential(mode: object) -> NoReturn:
    shown = quoted(mode) if isinstance(mode, str) else repr(mode)
    raise InClusterConfigError("INVALID_OPTION", f"Unknown credential {shown}: use one of {', '.join(CREDENTIAL_MODES)}.")


def carries_secret(kubeconfig: Kubeconfig) -> bool:
    """Whether a kubeconfig holds a secret in plain text, and so must be stored and passed as one."""
    return any("token" in named["user"] for named in kubeconfig["users"])
