import { join } from 'node:path';
import { EXEC_CREDENTIAL_LIFETIME_SECONDS } from '@incluster/core';
import { credentialExpiry, decodeJwtClaims, requestedApiVersion } from '../src';
import { FakePod, SUBJECT, fakeJwt } from './support/fake-pod';
import { errorCode, run } from './support/run';

const NOW = new Date('2030-01-01T12:00:00.000Z');
const NOW_SECONDS = NOW.getTime() / 1000;

let pod: FakePod;
afterEach(() => pod.dispose());

async function credential(argv: string[], env: Record<string, string | undefined>) {
  const result = await run(['credential', ...argv], env, NOW);
  return { ...result, json: result.code === 0 ? JSON.parse(result.stdout) : undefined };
}

describe('incluster-kubeconfig credential', () => {
  it('prints a v1 ExecCredential with the token read now, expiring in 60 s', async () => {
    pod = new FakePod({ token: fakeJwt({ sub: SUBJECT, exp: NOW_SECONDS + 3600 }) });

    const result = await credential([], pod.env);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.json).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      status: { token: pod.token, expirationTimestamp: '2030-01-01T12:01:00Z' },
    });
  });

  it('answers in the version client-go asks for in KUBERNETES_EXEC_INFO', async () => {
    pod = new FakePod();
    const execInfo = (apiVersion: string) => JSON.stringify({ apiVersion, kind: 'ExecCredential', spec: { interactive: false } });

    const v1beta1 = await credential([], { ...pod.env, KUBERNETES_EXEC_INFO: execInfo('client.authentication.k8s.io/v1beta1') });
    const v1 = await credential([], { ...pod.env, KUBERNETES_EXEC_INFO: execInfo('client.authentication.k8s.io/v1') });

    expect(v1beta1.json.apiVersion).toBe('client.authentication.k8s.io/v1beta1');
    expect(v1.json.apiVersion).toBe('client.authentication.k8s.io/v1');
  });

  it('refuses a version it does not speak, or exec info that is not JSON, with USAGE and without printing the token', async () => {
    pod = new FakePod();

    for (const execInfo of ['{"apiVersion":"client.authentication.k8s.io/v1alpha1"}', 'not json']) {
      const result = await credential([], { ...pod.env, KUBERNETES_EXEC_INFO: execInfo });
      expect({ code: result.code, stdout: result.stdout, error: errorCode(result.stderr) }).toEqual({ code: 2, stdout: '', error: 'USAGE' });
    }
    const unknown = await credential([], { ...pod.env, KUBERNETES_EXEC_INFO: '{"apiVersion":"client.authentication.k8s.io/v1alpha1"}' });
    expect(unknown.stderr).toContain('v1alpha1');
  });

  it('never expires the credential after the token itself', async () => {
    pod = new FakePod({ token: fakeJwt({ sub: SUBJECT, exp: NOW_SECONDS + 25 }) });

    const { json } = await credential([], pod.env);

    expect(json.status.expirationTimestamp).toBe('2030-01-01T12:00:25Z');
  });

  it('gives a token that is not a JWT the full 60 s', async () => {
    pod = new FakePod({ token: 'an-opaque-token' });

    const { json } = await credential([], pod.env);

    expect(json.status).toEqual({ token: 'an-opaque-token', expirationTimestamp: '2030-01-01T12:01:00Z' });
  });

  it('reads --token-file without needing KUBERNETES_SERVICE_HOST', async () => {
    pod = new FakePod();

    const result = await credential(['--token-file', pod.tokenPath], {});

    expect(result.code).toBe(0);
    expect(result.json.status.token).toBe(pod.token);
  });

  it('finds the token through --service-account-dir', async () => {
    pod = new FakePod();

    const result = await credential(['--service-account-dir', pod.serviceAccountDir], {});

    expect(result.json.status.token).toBe(pod.token);
  });

  it('exits 1 with a message on stderr and nothing on stdout when the token is missing or empty', async () => {
    pod = new FakePod();
    const missing = await credential(['--token-file', join(pod.root, 'nowhere')], {});
    pod.write('token', '\n');
    const empty = await credential([], pod.env);

    expect([missing, empty].map((r) => ({ code: r.code, stdout: r.stdout, error: errorCode(r.stderr) }))).toEqual([
      { code: 1, stdout: '', error: 'SERVICE_ACCOUNT_NOT_MOUNTED' },
      { code: 1, stdout: '', error: 'EMPTY_TOKEN' },
    ]);
    expect(missing.stderr).toContain(join(pod.root, 'nowhere'));
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
    expect(decodeJwtClaims(fakeJwt({ sub: SUBJECT, aud: ['api'], exp: 42 }))).toEqual({ sub: SUBJECT, aud: ['api'], exp: 42 });
  });

  it.each(['opaque', 'a.b', 'a.!!!.c', `x.${Buffer.from('[1]').toString('base64url')}.y`, `x.${Buffer.from('not json').toString('base64url')}.y`])(
    'gives undefined for %j, which is not a JWT with claims',
    (token) => {
      expect(decodeJwtClaims(token)).toBeUndefined();
    },
  );
});
