"""The kubeconfig data model: plain dicts typed as client-go's ``tools/clientcmd/api/v1``, with the same field names
and nesting. Only the fields incluster writes are declared."""

from typing import List, Literal, TypedDict

# The functional syntax: several keys are not Python identifiers ("current-context", "certificate-authority").

ExecConfig = TypedDict(
    "ExecConfig",
    {
        "apiVersion": Literal["client.authentication.k8s.io/v1"],
        "command": str,
        "args": List[str],
        "interactiveMode": Literal["Never", "IfAvailable", "Always"],
        "provideClusterInfo": bool,
        "installHint": str,
    },
)

#: A bearer token in plain text (``token``), a token file client-go re-reads (``tokenFile``), or an exec plugin.
User = TypedDict("User", {"token": str, "tokenFile": str, "exec": ExecConfig}, total=False)

_ClusterServer = TypedDict("_ClusterServer", {"server": str})
_ClusterOptions = TypedDict(
    "_ClusterOptions",
    {"certificate-authority": str, "certificate-authority-data": str, "tls-server-name": str, "proxy-url": str},
    total=False,
)


class Cluster(_ClusterServer, _ClusterOptions):
    """Always ``https://``; the CA by path (``certificate-authority``) or embedded (``certificate-authority-data``)."""

Context = TypedDict("Context", {"cluster": str, "user": str, "namespace": str})
NamedCluster = TypedDict("NamedCluster", {"name": str, "cluster": Cluster})
NamedUser = TypedDict("NamedUser", {"name": str, "user": User})
NamedContext = TypedDict("NamedContext", {"name": str, "context": Context})

Kubeconfig = TypedDict(
    "Kubeconfig",
    {
        "apiVersion": Literal["v1"],
        "kind": Literal["Config"],
        "clusters": List[NamedCluster],
        "users": List[NamedUser],
        "contexts": List[NamedContext],
        "current-context": str,
    },
)
