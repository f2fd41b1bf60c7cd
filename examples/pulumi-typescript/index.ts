import * as k8s from '@pulumi/kubernetes';
import { createInClusterProvider } from '@incluster/pulumi-adapter';

// Where the program deploys; examples/kubernetes/service-account.yaml grants the service account this namespace only.
const TARGET_NAMESPACE = 'team-a';

// The cluster this program runs in, as the Pod's service account. Outside a Pod this throws NOT_IN_CLUSTER
// instead of quietly deploying to whatever ~/.kube/config points at.
const provider = createInClusterProvider('in-cluster', { enableServerSideApply: true });

export const configMap = new k8s.core.v1.ConfigMap(
  'settings',
  { metadata: { namespace: TARGET_NAMESPACE }, data: { greeting: 'hello from inside the cluster' } },
  { provider },
).metadata.name;
