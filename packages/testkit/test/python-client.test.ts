import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INSTALL_TEST_TOOLS_SCRIPT, PythonClientError, pythonListConfigMapNames, startPythonClient } from '../src/clients/python-client';
import { execUser, printCredentialFrom } from './support/exec-user';
import { kubeconfigText } from './support/kubeconfig-file';
import { useSimulatedCluster } from './support/simulated-cluster-fixture';

describe('the official Python client 22.6 against the simulated cluster', () => {
  const cluster = useSimulatedCluster();
  const kubeconfigFor = (user: object) => kubeconfigText(cluster.kubeconfig(user));
  /** The ConfigMaps of the Pod's namespace, as a fresh Python process lists them with a kubeconfig for the given user. */
  const listConfigMapNames = (user: object) => pythonListConfigMapNames(kubeconfigFor(user), cluster.pod.namespace);

  /** An exec plugin that counts its runs in a file and prints a v1 credential expiring in 60 s, as incluster's does. */
  const countingExecUser = (counterPath: string) =>
    execUser(
      `echo run >> '${counterPath}'; expiry=$(date -u -d "@$(( $(date -u +%s) + 60 ))" +%Y-%m-%dT%H:%M:%SZ); ` +
        `printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"%s"}}' "$(cat '${cluster.pod.tokenPath}')" "$expiry"`,
    );
  const runsCounted = (counterPath: string) => readFileSync(counterPath, 'utf8').split('\n').filter(Boolean).length;

  test('lists ConfigMaps with a token user', async () => {
    expect(await listConfigMapNames({ token: cluster.pod.currentToken })).toEqual(['kube-root-ca.crt', 'settings']);
  });

  test('a refused token rejects with the HTTP status', async () => {
    const listing = listConfigMapNames({ token: 'bad-token' });

    await expect(listing).rejects.toThrow(PythonClientError);
    await expect(listing).rejects.toMatchObject({ status: 401, message: 'Python client list_namespaced_config_map failed (HTTP 401): Unauthorized' });
  });

  test('reports its version', async () => {
    const client = await startPythonClient(kubeconfigFor({ token: cluster.pod.currentToken }));
    await client.stop();

    expect(client.version).toMatch(/^22\.6\./);
  });

  // Recorded behaviour: unlike client-node, it reads client-go's tokenFile key...
  test('reads a tokenFile user', async () => {
    expect(await listConfigMapNames({ tokenFile: cluster.pod.tokenPath })).toEqual(['kube-root-ca.crt', 'settings']);
  });

  // ...but only when the kubeconfig loads: a long-lived process keeps sending the token it read then (the conformance
  // suite shows that it still does a minute after the rotation).
  test('keeps the token file it read at load: once the token rotates and the old one is refused, a long-lived process gets 401', async () => {
    const client = await startPythonClient(kubeconfigFor({ tokenFile: cluster.pod.tokenPath }));
    try {
      await client.listConfigMapNames(cluster.pod.namespace);
      const old = cluster.pod.currentToken;
      cluster.pod.rotate();
      cluster.pod.revoke(old);

      await expect(client.listConfigMapNames(cluster.pod.namespace)).rejects.toMatchObject({ status: 401 });
    } finally {
      await client.stop();
    }
  });

  // Recorded behaviour: it accepts a client.authentication.k8s.io/v1 exec user with interactiveMode, which it ignores.
  test('uses the token an ExecCredential v1 plugin prints', async () => {
    expect(await listConfigMapNames({ exec: execUser(printCredentialFrom(cluster.pod.tokenPath)) })).toEqual(['kube-root-ca.crt', 'settings']);
  });

  // The cost of exec for this client: it refreshes a credential within five minutes of its expiry, so one that
  // expires in 60 s is fetched again, with a new process, before every request.
  test('runs an exec plugin whose credential expires in 60 s before every request', async () => {
    const counter = join(cluster.workDir, 'exec-runs');
    writeFileSync(counter, '');
    const client = await startPythonClient(kubeconfigFor({ exec: countingExecUser(counter) }));
    try {
      const runsAtLoad = runsCounted(counter);
      for (let i = 0; i < 3; i++) {
        await client.listConfigMapNames(cluster.pod.namespace);
      }

      expect({ runsAtLoad, runsForThreeRequests: runsCounted(counter) - runsAtLoad }).toEqual({ runsAtLoad: 1, runsForThreeRequests: 3 });
    } finally {
      await client.stop();
    }
  });

  // Recorded behaviour: as client-go does, it prefers the token file, so the exec plugin never runs.
  test('given a token file and an exec plugin, uses the file and never runs the plugin', async () => {
    const counter = join(cluster.workDir, 'exec-runs-beside-a-token-file');
    writeFileSync(counter, '');

    expect(await listConfigMapNames({ tokenFile: cluster.pod.tokenPath, exec: countingExecUser(counter) })).toEqual(['kube-root-ca.crt', 'settings']);
    expect(runsCounted(counter)).toBe(0);
  });

  test('without the interpreter, fails naming the script that installs it', async () => {
    const starting = startPythonClient(kubeconfigFor({ token: 'unused' }), { interpreter: '/nonexistent/python3' });

    await expect(starting).rejects.toThrow(`The official Kubernetes Python client is not installed for /nonexistent/python3 (spawn /nonexistent/python3 ENOENT). Install it with ${INSTALL_TEST_TOOLS_SCRIPT}`);
  });

  test('without the kubernetes package, fails naming the script that installs it', async () => {
    // python3 -S leaves out site-packages and dist-packages, where Debian installs the client.
    const withoutSitePackages = join(cluster.workDir, 'python3-without-site-packages');
    writeFileSync(withoutSitePackages, '#!/bin/sh\nexec /usr/bin/python3 -S "$@"\n');
    chmodSync(withoutSitePackages, 0o755);

    const starting = startPythonClient(kubeconfigFor({ token: 'unused' }), { interpreter: withoutSitePackages });

    await expect(starting).rejects.toThrow(`(No module named 'kubernetes'). Install it with ${INSTALL_TEST_TOOLS_SCRIPT}`);
  });
});
