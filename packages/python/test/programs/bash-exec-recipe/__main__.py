"""The kubeconfig recipe incluster replaces, as it is commonly published for a Pulumi program in a Pod, rebuilt here
to measure it beside incluster on the same cluster: the server and the whole kubeconfig from string templates,
`http` chosen by port number, and an exec plugin that runs bash to cat the token, with no expiry.

As published, the host comes from a misspelled variable ("KUBERNETES_SERVICE HOST"); config `fix_host_typo: true`
spells it right. The only other departure: the service-account directory is the test Pod's, from
INCLUSTER_SERVICE_ACCOUNT_DIR, where the recipe has the kubelet's mount point.
"""

import os
import pathlib

import pulumi
import pulumi_kubernetes as k8s

config = pulumi.Config()
HOST_VARIABLE = "KUBERNETES_SERVICE_HOST" if config.get_bool("fix_host_typo") else "KUBERNETES_SERVICE HOST"


def recipe_kubeconfig() -> str:
    host = os.getenv(HOST_VARIABLE)
    port = os.getenv("KUBERNETES_SERVICE_PORT")
    scheme = "http" if port in ("80", "8080", "8081") else "https"
    account = pathlib.Path(os.getenv("INCLUSTER_SERVICE_ACCOUNT_DIR", "/var/run/secrets/kubernetes.io/serviceaccount"))
    namespace = (account / "namespace").read_text()
    return f"""apiVersion: v1
kind: Config
current-context: pod
clusters:
- name: pod-cluster
  cluster:
    server: {scheme}://{host}:{port}
    certificate-authority: {account / "ca.crt"}
users:
- name: pod-service-account
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: bash
      args:
      - -c
      - |
        cat <<EOF
        {{"kind": "ExecCredential", "apiVersion": "client.authentication.k8s.io/v1beta1", "spec": {{}}, "status": {{"token": "$(cat {account / "token"})"}}}}
        EOF
contexts:
- name: pod
  context:
    cluster: pod-cluster
    user: pod-service-account
    namespace: {namespace}
"""


provider = k8s.Provider("recipe", kubeconfig=recipe_kubeconfig())

settings = k8s.core.v1.ConfigMap(
    "settings",
    data={"greeting": config.get("greeting") or "hello from the recipe"},
    opts=pulumi.ResourceOptions(provider=provider),
)

pulumi.export("configMap", settings.metadata["name"])
