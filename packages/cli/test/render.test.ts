import { loadInClusterKubeconfig, toJson, toYaml } from '@incluster/core';
import { FakePod } from './support/fake-pod';
import { run } from './support/run';

let pod: FakePod;
beforeEach(() => (pod = new FakePod()));
afterEach(() => pod.dispose());

describe('incluster-kubeconfig render', () => {
  it('prints exactly what @incluster/core renders for the Pod, as YAML by default, and nothing on stderr', async () => {
    const result = await run(['render'], pod.env);

    expect(result).toEqual({ code: 0, stdout: toYaml(loadInClusterKubeconfig({ env: pod.env })), stderr: '' });
  });

  it('is the default command', async () => {
    expect(await run([], pod.env)).toEqual(await run(['render'], pod.env));
    expect(await run(['-o', 'json'], pod.env)).toEqual(await run(['render', '-o', 'json'], pod.env));
  });

  it("prints core's JSON with -o json", async () => {
    const result = await run(['render', '-o', 'json'], pod.env);

    expect(result.stdout).toBe(toJson(loadInClusterKubeconfig({ env: pod.env })));
  });

  it('references the rotating token by default, never copying it', async () => {
    const { stdout } = await run(['-o', 'json'], pod.env);

    expect(JSON.parse(stdout).users[0].user).toEqual({ tokenFile: pod.tokenPath });
    expect(stdout).not.toContain(pod.token);
  });

  it('passes every flag on to the kubeconfig', async () => {
    const elsewhere = new FakePod({ namespace: 'other' });
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

    const kubeconfig = JSON.parse((await run(['render', ...flags], pod.env)).stdout);

    expect(kubeconfig).toEqual(
      loadInClusterKubeconfig({
        env: pod.env,
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

  it.each(['exec', 'token-file+exec'])('renders the %s credential', async (credential) => {
    const { stdout } = await run(['--credential', credential, '-o', 'json'], pod.env);

    expect(JSON.parse(stdout)).toEqual(loadInClusterKubeconfig({ env: pod.env, credential: credential as 'exec' }));
  });

  it('embeds the token only with --allow-embedded-token, and then warns on stderr that the kubeconfig holds a secret', async () => {
    const result = await run(['--credential', 'embedded', '--allow-embedded-token', '-o', 'json'], pod.env);

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).users[0].user).toEqual({ token: pod.token });
    expect(result.stderr).toMatch(/^incluster-kubeconfig: warning: .*embeds the service-account token/);
    expect(result.stderr).not.toContain(pod.token);
  });

  it('takes the service-account directory from INCLUSTER_SERVICE_ACCOUNT_DIR, as core does', async () => {
    const { stdout } = await run(['-o', 'json'], pod.env);

    expect(JSON.parse(stdout).clusters[0].cluster['certificate-authority']).toBe(pod.certificateAuthorityPath);
  });
});
