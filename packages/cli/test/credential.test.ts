import { join } from 'node:path';
import { EXEC_CREDENTIAL_LIFETIME_SECONDS } from '@incluster/core';
import { decodeTokenClaims, issueServiceAccountToken } from '@incluster/testkit';
import { credentialExpiry, decodeJwtClaims, requestedApiVersion } from '../src';
import { errorCode, run } from './support/run';
import { KUBERNETES_SERVICE, simulatedPod, useContainer } from './support/simulated-pod';

// The clock is pinned, and the Pod's tokens are issued on it: by default they expire an hour after NOW.
const NOW = new Date('2030-01-01T12:00:00.000Z');

async function credential(argv: string[], env: Record<string, string | undefined>) {
  // Printing the token on stdout is the command's purpose; stderr is still checked for it.
  const result = await run(['credential', ...argv], env, { now: NOW, printsToken: true });
  return { ...result, json: result.code === 0 ? JSON.parse(result.stdout) : undefined };
}

describe('incluster-kubeconfig credential', () => {
  const container = useContainer({ clock: () => NOW });

  it('prints a v1 ExecCredential with the token read now, expiring in 60 s', async () => {
    const result = await credential([], container.env);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.json).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      status: { token: container.pod.currentToken, expirationTimestamp: '2030-01-01T12:01:00Z' },
    });
  });

  it('answers in the version client-go asks for in KUBERNETES_EXEC_INFO', async () => {
    const execInfo = (apiVersion: string) => JSON.stringify({ apiVersion, kind: 'ExecCredential', spec: { interactive: false } });

    const v1beta1 = await credential([], { ...container.env, KUBERNETES_EXEC_INFO: execInfo('client.authentication.k8s.io/v1beta1') });
    const v1 = await credential([], { ...container.env, KUBERNETES_EXEC_INFO: execInfo('client.authentication.k8s.io/v1') });

    expect(v1beta1.json.apiVersion).toBe('client.authentication.k8s.io/v1beta1');
    expect(v1.json.apiVersion).toBe('client.authentication.k8s.io/v1');
  });

  it('refuses a version it does not speak, or exec info that is not JSON, with USAGE and without printing the token', async () => {
    for (const execInfo of ['{"apiVersion":"client.authentication.k8s.io/v1alpha1"}', 'not json']) {
      const result = await credential([], { ...container.env, KUBERNETES_EXEC_INFO: execInfo });
      expect({ code: result.code, stdout: result.stdout, error: errorCode(result.stderr) }).toEqual({ code: 2, stdout: '', error: 'USAGE' });
    }
    const unknown = await credential([], { ...container.env, KUBERNETES_EXEC_INFO: '{"apiVersion":"client.authentication.k8s.io/v1alpha1"}' });
    expect(unknown.stderr).toContain('v1alpha1');
  });

  it('never expires the credential after the token itself', async () => {
    const shortLived = simulatedPod({ clock: () => NOW, tokenLifetimeSeconds: 25 });

    const { json } = await credential([], shortLived.env(KUBERNETES_SERVICE));
    shortLived.dispose();

    expect(json.status.expirationTimestamp).toBe('2030-01-01T12:00:25Z');
  });

  it('warns on stderr when the token has already expired, and still prints it for the client', async () => {
    const expired = simulatedPod({ clock: () => NOW, tokenLifetimeSeconds: -60 });

    const result = await credential([], expired.env(KUBERNETES_SERVICE));
    expired.dispose();

    expect(result.code).toBe(0);
    expect(result.json.status.expirationTimestamp).toBe('2030-01-01T11:59:00Z');
    expect(result.stderr).toBe('incluster-kubeconfig: warning: the token in the token file expired at 2030-01-01T11:59:00Z: the API server will refuse it.\n');
  });

  it('gives a token that is not a JWT the full 60 s', async () => {
    container.pod.write('token', 'an-opaque-token');

    const { json } = await credential([], container.env);

    expect(json.status).toEqual({ token: 'an-opaque-token', expirationTimestamp: '2030-01-01T12:01:00Z' });
  });

  it('reads --token-file without needing KUBERNETES_SERVICE_HOST', async () => {
    const result = await credential(['--token-file', container.pod.tokenPath], {});

    expect(result.code).toBe(0);
    expect(result.json.status.token).toBe(container.pod.currentToken);
  });

  it('finds the token through --service-account-dir', async () => {
    const result = await credential(['--service-account-dir', container.pod.serviceAccountDir], {});

    expect(result.json.status.token).toBe(container.pod.currentToken);
  });

  it('exits 1 with a message on stderr and nothing on stdout when the token is missing or empty', async () => {
    const missing = await credential(['--token-file', join(container.pod.serviceAccountDir, 'nowhere')], {});
    container.pod.write('token', '\n');
    const empty = await credential([], container.env);

    expect([missing, empty].map((r) => ({ code: r.code, stdout: r.stdout, error: errorCode(r.stderr) }))).toEqual([
      { code: 1, stdout: '', error: 'SERVICE_ACCOUNT_NOT_MOUNTED' },
      { code: 1, stdout: '', error: 'EMPTY_TOKEN' },
    ]);
    expect(missing.stderr).toContain(join(container.pod.serviceAccountDir, 'nowhere'));
  });

  it('names --token-file in the fix when the file it names is missing, not INCLUSTER_SERVICE_ACCOUNT_DIR', async () => {
    const nowhere = join(container.pod.serviceAccountDir, 'nowhere');

    const result = await credential(['--token-file', nowhere], container.env);

    expect(errorCode(result.stderr)).toBe('SERVICE_ACCOUNT_NOT_MOUNTED');
    expect(result.stderr).toBe(
      `incluster-kubeconfig: error SERVICE_ACCOUNT_NOT_MOUNTED: ${nowhere} does not exist. ` +
        `Correct --token-file ${nowhere}, or leave the flag out to use the token in the service-account directory.\n`,
    );
  });

  it('names --service-account-dir when that flag gave the directory', async () => {
    const nowhere = join(container.pod.serviceAccountDir, 'nowhere');

    const result = await credential(['--service-account-dir', nowhere], {});

    expect(result.stderr).toContain(`Correct --service-account-dir ${nowhere}, or leave the flag out`);
  });
});

describe('credentialExpiry', () => {
  it(`is at most ${EXEC_CREDENTIAL_LIFETIME_SECONDS} s ahead, in whole seconds, and never after the token expires`, () => {
    const now = new Date('2030-01-01T12:00:00.750Z');
    expect(credentialExpiry(now, undefined)).toEqual(new Date('2030-01-01T12:01:00Z'));
    expect(credentialExpiry(now, new Date('2030-01-01T13:00:00Z'))).toEqual(new Date('2030-01-01T12:01:00Z'));
    expect(credentialExpiry(now, new Date('2030-01-01T12:00:10Z'))).toEqual(new Date('2030-01-01T12:00:10Z'));
  });
});

describe('requestedApiVersion', () => {
  it('is v1 when KUBERNETES_EXEC_INFO is absent, as when a person runs the command', () => {
    expect(requestedApiVersion(undefined)).toBe('client.authentication.k8s.io/v1');
    expect(requestedApiVersion('')).toBe('client.authentication.k8s.io/v1');
  });
});

describe('decodeJwtClaims', () => {
  it('reads the payload without verifying the signature', () => {
    const token = issueServiceAccountToken({ namespace: 'team-a', name: 'deployer', uid: 'a-uid', lifetimeSeconds: 42, now: 0 });

    expect(decodeJwtClaims(token)).toEqual(decodeTokenClaims(token));
    expect(decodeJwtClaims(token)).toMatchObject({ sub: 'system:serviceaccount:team-a:deployer', aud: ['https://kubernetes.default.svc.cluster.local'], exp: 42 });
  });

  it.each(['opaque', 'a.b', 'a.!!!.c', `x.${Buffer.from('[1]').toString('base64url')}.y`, `x.${Buffer.from('not json').toString('base64url')}.y`])(
    'gives undefined for %j, which is not a JWT with claims',
    (token) => {
      expect(decodeJwtClaims(token)).toBeUndefined();
    },
  );
});
