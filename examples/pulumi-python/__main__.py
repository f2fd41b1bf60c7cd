"""Deploys a ConfigMap to the cluster this program runs in, as the Pod's service account.

The provider gets an explicit kubeconfig and context: outside a Pod the program stops with NOT_IN_CLUSTER instead
of quietly deploying to whatever ~/.kube/config points at, and nothing secret is stored in the Pulumi state.
"""

import pulumi
import pulumi_kubernetes as k8s

from incluster_kubeconfig import CONTEXT, pod_kubeconfig

#: Where the program deploys; examples/kubernetes/service-account.yaml grants the service account this namespace only.
TARGET_NAMESPACE = "team-a"

provider = k8s.Provider(
    "in-cluster",
    kubeconfig=pod_kubeconfig(),
    context=CONTEXT,
)

settings = k8s.core.v1.ConfigMap(
    "settings",
    metadata={"namespace": TARGET_NAMESPACE},
    data={"greeting": "hello from inside the cluster"},
    opts=pulumi.ResourceOptions(provider=provider),
)

pulumi.export("configMap", settings.metadata["name"])
