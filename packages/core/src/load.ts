import { type Adapter, runAdapter } from './adapter';
import type { DiscoveryOptions } from './discovery';
import type { Kubeconfig } from './kubeconfig';
import type { RenderOptions } from './render';

export type LoadOptions = Omit<DiscoveryOptions, 'readToken' | 'readCertificateAuthority'> & RenderOptions;

/** The simplest adapter: the kubeconfig itself. */
const kubeconfigAdapter: Adapter<Kubeconfig> = { name: '@incluster/core', build: ({ kubeconfig }) => kubeconfig };

/** Discovers this Pod and renders its kubeconfig in one step, reading the token or CA only when the options embed them. */
export function loadInClusterKubeconfig(options: LoadOptions = {}): Kubeconfig {
  return runAdapter(kubeconfigAdapter, options);
}
