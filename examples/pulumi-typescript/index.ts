import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import { type InClusterProviderArgs, createInClusterProvider } from '@incluster/pulumi-adapter';

// Where the program deploys; examples/kubernetes/service-account.yaml grants the service account this namespace only.
const TARGET_NAMESPACE = 'team-a';

const config = new pulumi.Config();

// The cluster this program runs in, as the Pod's service account. Outside a Pod this throws NOT_IN_CLUSTER
// instead of quietly deploying to whatever ~/.kube/config points at. `credential` and `server` are optional:
// the user entry can change freely, but a new server spelling replaces the provider (docs/how-it-works.md).
const provider = createInClusterProvider('in-cluster', {
  enableServerSideApply: true,
  // Otherwise a change to a ConfigMap's data replaces it rather than updating it.
  enableConfigMapMutable: true,
  credential: config.get<NonNullable<InClusterProviderArgs['credential']>>('credential'),
  server: config.get('server'),
});

export const configMap = new k8s.core.v1.ConfigMap(
  'settings',
  { metadata: { namespace: TARGET_NAMESPACE }, data: { greeting: config.get('greeting') ?? 'hello from inside the cluster' } },
  { provider },
).metadata.name;
