import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { SimulatedPod, decodeTokenClaims } from '../src';

describe('a simulated Pod', () => {
  let pod: SimulatedPod;
  beforeEach(() => (pod = new SimulatedPod({ certificateAuthority: 'CA PEM', namespace: 'team-a', serviceAccount: 'deployer' })));
  afterEach(() => pod.dispose());

  it("lays out the service-account volume as the kubelet's atomic writer does", () => {
    const entries = readdirSync(pod.serviceAccountDir).sort();
    expect(entries).toEqual(expect.arrayContaining(['..data', 'ca.crt', 'namespace', 'token']));
    const [dataDir] = entries.filter((entry) => /^\.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\./.test(entry));
    expect(readlinkSync(join(pod.serviceAccountDir, '..data'))).toBe(dataDir);
    for (const file of ['token', 'ca.crt', 'namespace']) {
      expect(lstatSync(join(pod.serviceAccountDir, file)).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(pod.serviceAccountDir, file))).toBe(join('..data', file));
    }
    expect(readFileSync(pod.certificateAuthorityPath, 'utf8')).toBe('CA PEM');
    expect(readFileSync(join(pod.serviceAccountDir, 'namespace'), 'utf8')).toBe('team-a');
  });

  it('issues JWT-shaped tokens with the claims of a projected token', () => {
    const claims = decodeTokenClaims(readFileSync(pod.tokenPath, 'utf8'));
    expect(claims.sub).toBe('system:serviceaccount:team-a:deployer');
    expect(claims.exp - claims.iat).toBe(3607);
    expect(Math.abs(claims.iat * 1000 - Date.now())).toBeLessThan(5_000);
  });

  it('rotates by swapping ..data to a new directory, and removes the old one', () => {
    const before = readlinkSync(join(pod.serviceAccountDir, '..data'));
    const first = pod.currentToken;
    const second = pod.rotate();
    expect(second).not.toBe(first);
    expect(readFileSync(pod.tokenPath, 'utf8')).toBe(second);
    expect(readlinkSync(join(pod.serviceAccountDir, '..data'))).not.toBe(before);
    expect(readdirSync(pod.serviceAccountDir)).not.toContain(before);
  });

  it('keeps every token it issued, revoked or not, for tests that prove none is ever printed', () => {
    const first = pod.currentToken;
    const second = pod.rotate();
    pod.revoke(first);
    expect(pod.issuedTokens).toEqual([first, second]);
  });

  it('keeps an old token valid after rotation until it is revoked, as the API server does until it expires', () => {
    const first = pod.currentToken;
    pod.rotate();
    expect(pod.identify(first)).toEqual(pod.identity);
    pod.revoke(first);
    expect(pod.identify(first)).toBeUndefined();
    expect(pod.identify(pod.currentToken)?.username).toBe('system:serviceaccount:team-a:deployer');
    expect(pod.identify('forged')).toBeUndefined();
  });

  it("gives the Pod's variables for a child process and leaves the runner's own environment alone", () => {
    const before = { ...process.env };
    expect(pod.env({ host: '::1', port: 6443 })).toEqual({
      KUBERNETES_SERVICE_HOST: '::1',
      KUBERNETES_SERVICE_PORT: '6443',
      INCLUSTER_SERVICE_ACCOUNT_DIR: pod.serviceAccountDir,
    });
    expect(process.env).toEqual(before);
  });

  it('can lose a file, as a Pod without its mount does', () => {
    pod.remove('token');
    expect(() => readFileSync(pod.tokenPath)).toThrow(/ENOENT/);
  });

  it('writes a file as the kubelet does, swapping ..data to a new directory, and keeps it through rotations', () => {
    const before = readlinkSync(join(pod.serviceAccountDir, '..data'));
    pod.write('namespace', 'Not_A_Label');
    expect(readlinkSync(join(pod.serviceAccountDir, '..data'))).not.toBe(before);
    expect(readdirSync(pod.serviceAccountDir)).not.toContain(before);
    pod.rotate();
    expect(readFileSync(join(pod.serviceAccountDir, 'namespace'), 'utf8')).toBe('Not_A_Label');
    expect(pod.namespace).toBe('team-a');
  });

  it('takes a written token as the one on disk, but not as one the API server accepts', () => {
    pod.write('token', 'an-opaque-token');
    expect(readFileSync(pod.tokenPath, 'utf8')).toBe('an-opaque-token');
    expect(pod.currentToken).toBe('an-opaque-token');
    expect(pod.identify('an-opaque-token')).toBeUndefined();
  });
});

describe("a simulated Pod's clock", () => {
  const issuedAt = new Date('2030-01-01T12:00:00.000Z');

  it('issues tokens at the time it gives, for the lifetime asked', () => {
    const pod = new SimulatedPod({ certificateAuthority: 'CA PEM', clock: () => issuedAt, tokenLifetimeSeconds: 25 });
    const claims = decodeTokenClaims(pod.currentToken);
    pod.dispose();
    expect(new Date(claims.iat * 1000)).toEqual(issuedAt);
    expect(new Date(claims.exp * 1000)).toEqual(new Date('2030-01-01T12:00:25.000Z'));
  });

  it('issues an expired token when the lifetime is negative', () => {
    const pod = new SimulatedPod({ certificateAuthority: 'CA PEM', clock: () => issuedAt, tokenLifetimeSeconds: -120 });
    const claims = decodeTokenClaims(pod.currentToken);
    pod.dispose();
    expect(new Date(claims.exp * 1000)).toEqual(new Date('2030-01-01T11:58:00.000Z'));
  });
});
