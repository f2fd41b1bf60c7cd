import { loadInClusterKubeconfig, toJson, toYaml } from '@incluster/core';
import { simulatedPod, useContainer } from './support/simulated-pod';
import { run } from './support/run';

const container = useContainer();

describe('incluster-kubeconfig render', () => {
  it('prints exactly what @incluster/core renders for the Pod, as YAML by default, and nothing on stderr', async () => {
    const result = await run(['render'], container.env);

    expect(result).toEqual({ code: 0, stdout: toYaml(loadInClusterKubeconfig({ env: container.env })), stderr: '' });
  });

  it('is the default command', async () => {
    expect(await run([], container.env)).toEqual(await run(['render'], container.env));
    expect(await run(['-o', 'json'], container.env)).toEqual(await run(['render', '-o', 'json'], container.env));
  });

  it("prints core's JSON with -o json", async () => {
    const result = await run(['render', '-o', 'json'], container.env);

    expect(result.stdout).toBe(toJson(loadInClusterKubeconfig({ env: container.env })));
  });

  it('references the rotating token by default, never copying it', async () => {
    const { stdout } = await run(['-o', 'json'], container.env);

    expect(JSON.parse(stdout).users[0].user).toEqual({ tokenFile: container.pod.tokenPath });
    expect(stdout).not.toContain(container.pod.currentToken);
  });

  it('passes every flag on to the kubeconfig', async () => {
    const elsewhere = simulatedPod({ namespace: 'other' });
    const flags = [
      ['--credential', 'token-file+exec'],
      ['-n', 'team-b'],
      ['--context', 'my-context'],
      ['--cluster-name', 'my-cluster'],
      ['--user-name', 'my-user'],
      ['--server', 'https://kubernetes.default.svc:443'],
      ['--embed-ca'],
      ['--tls-server-name', 'kubernetes.default.svc'],
      ['--proxy-url', 'socks5://proxy.internal:1080'],
      ['--service-account-dir', elsewhere.serviceAccountDir],
      ['-o', 'json'],
    ].flat();

    const kubeconfig = JSON.parse((await run(['render', ...flags], container.env)).stdout);

    expect(kubeconfig).toEqual(
      loadInClusterKubeconfig({
        env: container.env,
        credential: 'token-file+exec',
        namespace: 'team-b',
        contextName: 'my-context',
        clusterName: 'my-cluster',
        userName: 'my-user',
        server: 'https://kubernetes.default.svc:443',
        embedCertificateAuthority: true,
        tlsServerName: 'kubernetes.default.svc',
        proxyUrl: 'socks5://proxy.internal:1080',
        serviceAccountDir: elsewhere.serviceAccountDir,
      }),
    );
    expect(kubeconfig.contexts[0]).toEqual({ name: 'my-context', context: { cluster: 'my-cluster', user: 'my-user', namespace: 'team-b' } });
    expect(kubeconfig.clusters[0].cluster).toEqual({
      server: 'https://kubernetes.default.svc:443',
      'certificate-authority-data': expect.any(String),
      'tls-server-name': 'kubernetes.default.svc',
      'proxy-url': 'socks5://proxy.internal:1080',
    });
    expect(kubeconfig.users[0].user.tokenFile).toBe(elsewhere.tokenPath);
    expect(kubeconfig.users[0].user.exec.args).toContain(elsewhere.tokenPath);
    elsewhere.dispose();
  });

  it("takes -n over the Pod's namespace, which then need not be valid: POD_NAMESPACE and the namespace file are not read", async () => {
    container.pod.write('namespace', 'Team_A');

    const result = await run(['-n', 'team-b', '-o', 'json'], { ...container.env, POD_NAMESPACE: 'Bad_NS' });

    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout).contexts[0].context.namespace).toBe('team-b');
  });

  it.each(['exec', 'token-file+exec'])('renders the %s credential', async (credential) => {
    const { stdout } = await run(['--credential', credential, '-o', 'json'], container.env);

    expect(JSON.parse(stdout)).toEqual(loadInClusterKubeconfig({ env: container.env, credential: credential as 'exec' }));
  });

  it('embeds the token only with --allow-embedded-token, and then warns on stderr that the kubeconfig holds a secret', async () => {
    const result = await run(['--credential', 'embedded', '--allow-embedded-token', '-o', 'json'], container.env, { printsToken: true });

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).users[0].user).toEqual({ token: container.pod.currentToken });
    expect(result.stderr).toMatch(/^incluster-kubeconfig: warning: .*embeds the service-account token/);
    expect(result.stderr).not.toContain(container.pod.currentToken);
  });

  it('takes the service-account directory from INCLUSTER_SERVICE_ACCOUNT_DIR, as core does', async () => {
    const { stdout } = await run(['-o', 'json'], container.env);

    expect(JSON.parse(stdout).clusters[0].cluster['certificate-authority']).toBe(container.pod.certificateAuthorityPath);
  });
});
