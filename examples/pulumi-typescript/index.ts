import * as k8s from '@pulumi/kubernetes';
import { createInClusterProvider } from '@incluster/pulumi-adapter';

// The cluster this program runs in, as the Pod's service account. Outside a Pod this throws NOT_IN_CLUSTER
// instead of quietly deploying to whatever ~/.kube/config points at.
const provider = createInClusterProvider('in-cluster', { enableServerSideApply: true });

const namespace = new k8s.core.v1.Namespace('team-a', { metadata: { name: 'team-a' } }, { provider });

export const configMap = new k8s.core.v1.ConfigMap(
  'settings',
  { metadata: { namespace: namespace.metadata.name }, data: { greeting: 'hello from inside the cluster' } },
  { provider },
).metadata.name;
