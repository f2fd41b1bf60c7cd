import { requireCarriablePath } from './carried-text';
import { discoverPodEnvironment } from './discovery';
import type { Kubeconfig } from './kubeconfig';
import type { LoadOptions } from './load';
import type { PodEnvironment } from './pod-environment';
import { type RenderOptions, renderKubeconfig } from './render';
import { validateRenderOptions } from './render-options';

/** What an adapter is handed: the discovered Pod, its rendered kubeconfig, and the options it was asked for. */
export interface AdapterInput<Options extends object = object> {
  readonly pod: PodEnvironment;
  readonly kubeconfig: Kubeconfig;
  readonly options: RenderOptions & Options;
}

/**
 * The extension point for tools: an adapter turns a Pod's kubeconfig into its tool's own object (a Pulumi provider,
 * a client-node KubeConfig…). Discovery and rendering stay in the core, so every adapter gets the same kubeconfig;
 * each adapter runs @incluster/testkit's conformance suite to prove it keeps it intact.
 */
export interface Adapter<Product, Options extends object = object> {
  /** The adapter's package name, used in messages. */
  readonly name: string;
  build(input: AdapterInput<Options>): Product;
}

/** Checks the options, discovers this Pod (reading the token or CA only if the options embed them), renders, and hands both to the adapter. */
export function runAdapter<Product, Options extends object>(adapter: Adapter<Product, Options>, options: LoadOptions & Options): Product {
  validateRenderOptions(options);
  if (options.serviceAccountDir) {
    requireCarriablePath('serviceAccountDir', options.serviceAccountDir);
  }
  const pod = discoverPodEnvironment({
    ...options,
    readToken: options.credential === 'embedded',
    readCertificateAuthority: options.embedCertificateAuthority === true,
  });
  return adapter.build({ pod, kubeconfig: renderKubeconfig(pod, options), options });
}
