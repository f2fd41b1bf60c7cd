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

# The cluster this program runs in, as the Pod's service account.
provider = create_in_cluster_provider("in-cluster", enable_server_side_apply=True)

settings = k8s.core.v1.ConfigMap(
    "settings",
    metadata={"namespace": TARGET_NAMESPACE},
    data={"greeting": "hello from inside the cluster"},
    opts=pulumi.ResourceOptions(provider=provider),
)

pulumi.export("configMap", settings.metadata["name"])
