import { DiscoveryOptions, discoverPodEnvironment } from './discovery';
import { Kubeconfig } from './kubeconfig';
import { RenderOptions, renderKubeconfig } from './render';

export type LoadOptions = Omit<DiscoveryOptions, 'readToken' | 'readCertificateAuthority'> & RenderOptions;

/** Discovers this Pod and renders its kubeconfig in one step, reading the token or CA only when the options embed them. */
export function loadInClusterKubeconfig(options: LoadOptions = {}): Kubeconfig {
  const pod = discoverPodEnvironment({
    ...options,
    readToken: options.credential === 'embedded',
    readCertificateAuthority: options.embedCertificateAuthority === true,
  });
  return renderKubeconfig(pod, options);
}
