"""Deploys a ConfigMap to the cluster this program runs in, as the Pod's service account.

The provider gets an explicit kubeconfig and context from incluster: outside a Pod the program stops with
NOT_IN_CLUSTER instead of quietly deploying to whatever ~/.kube/config points at, and nothing secret is stored in the
Pulumi state.
"""

import pulumi
import pulumi_kubernetes as k8s
from incluster.pulumi import create_in_cluster_provider

#: Where the program deploys; examples/kubernetes/service-account.yaml grants the service account this namespace only.
TARGET_NAMESPACE = "team-a"

config = pulumi.Config()

# The cluster this program runs in, as the Pod's service account. `credential` and `server` are optional: the user
# entry can change freely, but a new server spelling replaces the provider (docs/how-it-works.md).
provider = create_in_cluster_provider(
    "in-cluster",
    enable_server_side_apply=True,
    # Otherwise a change to a ConfigMap's data replaces it rather than updating it.
    enable_config_map_mutable=True,
    credential=config.get("credential"),
    server=config.get("server"),
)

settings = k8s.core.v1.ConfigMap(
    "settings",
    metadata={"namespace": TARGET_NAMESPACE},
    data={"greeting": config.get("greeting") or "hello from inside the cluster"},
    opts=pulumi.ResourceOptions(provider=provider),
)

pulumi.export("configMap", settings.metadata["name"])
