import { ClientNodeError, clientNodeListConfigMapNames } from '../src/clients/client-node';
import { execUser, printCredentialFrom } from './support/exec-user';
import { kubeconfigText } from './support/kubeconfig-file';
import { useSimulatedCluster } from './support/simulated-cluster-fixture';

describe('@kubernetes/client-node 1.4 against the simulated cluster', () => {
  const cluster = useSimulatedCluster();
  /** The ConfigMaps of the Pod's namespace, as client-node lists them with a kubeconfig for the given user. */
  const listConfigMapNames = (user: object) =>
    clientNodeListConfigMapNames(kubeconfigText(cluster.kubeconfig(user)), cluster.pod.namespace);

  test('lists ConfigMaps with a token user', async () => {
    const names = await listConfigMapNames({ token: cluster.pod.currentToken });

    expect(names).toEqual(['kube-root-ca.crt', 'settings']);
  });

  test('a refused token rejects with the HTTP status', async () => {
    const listing = listConfigMapNames({ token: 'bad-token' });

    await expect(listing).rejects.toThrow(ClientNodeError);
    await expect(listing).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/^client-node listNamespacedConfigMap failed \(HTTP 401\): HTTP-Code: 401\nMessage: Unauthorized/),
    });
  });

  // Recorded behaviour: client-node 1.4 does not know client-go's `tokenFile` key, so it sends no credential.
  test('ignores a tokenFile user and is refused with 401', async () => {
    const listing = listConfigMapNames({ tokenFile: cluster.pod.tokenPath });

    await expect(listing).rejects.toMatchObject({ status: 401 });
    expect(cluster.server.requests.at(-1)).toMatchObject({ tokenTag: undefined, status: 401 });
  });

  // Recorded behaviour: it reads a non-standard hyphenated `token-file` instead, once, when the kubeconfig loads.
  test('honours the non-standard token-file key', async () => {
    const names = await listConfigMapNames({ 'token-file': cluster.pod.tokenPath });

    expect(names).toEqual(['kube-root-ca.crt', 'settings']);
  });

  // Recorded behaviour: client-node 1.4 accepts a client.authentication.k8s.io/v1 exec user with interactiveMode;
  // it checks neither field and takes status.token from whatever the plugin prints.
  test('uses the token an ExecCredential v1 plugin prints', async () => {
    const names = await listConfigMapNames({ exec: execUser(printCredentialFrom(cluster.pod.tokenPath)) });

    expect(names).toEqual(['kube-root-ca.crt', 'settings']);
  });
});
