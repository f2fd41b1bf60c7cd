import { GOLDEN_VECTORS_DIR, loadGoldenVectors } from '../src';

describe('the golden vectors', () => {
  const vectors = loadGoldenVectors();

  it('ship inside the package, as JSON any language can read', () => {
    expect(GOLDEN_VECTORS_DIR).toMatch(/testkit[/\\]vectors$/);
    expect(vectors.length).toBeGreaterThan(20);
  });

  it('each describe themselves and expect either a kubeconfig or an error code', () => {
    for (const vector of vectors) {
      expect(vector.description).not.toBe('');
      expect('kubeconfig' in vector.expect !== 'error' in vector.expect).toBe(true);
    }
  });

  it('cover IPv4, IPv6, an FQDN, a custom port, every namespace source and every credential mode', () => {
    const servers = vectors.flatMap((v) => ('kubeconfig' in v.expect ? [JSON.stringify(v.expect.kubeconfig)] : []));
    for (const needle of ['https://10.96.0.1:443', 'https://[fd00:10:96::1]:443', '.svc.cluster.local:6443', '"tokenFile"', '"exec"', '"token"']) {
      expect(servers.some((text) => text.includes(needle))).toBe(true);
    }
    const environments = vectors.map((v) => v.environment);
    expect(environments.some((env) => env.POD_NAMESPACE)).toBe(true);
    expect(vectors.some((v) => !Object.keys(v.files).some((path) => path.endsWith('/namespace')))).toBe(true);
  });

  it('cover every error code discovery and rendering can give', () => {
    const codes = new Set(vectors.flatMap((v) => ('error' in v.expect ? [v.expect.error] : [])));
    expect([...codes].sort()).toEqual([
      'EMPTY_TOKEN',
      'INVALID_CERTIFICATE_AUTHORITY',
      'INVALID_ENVIRONMENT',
      'INVALID_NAMESPACE',
      'INVALID_OPTION',
      'NOT_IN_CLUSTER',
      'SERVICE_ACCOUNT_NOT_MOUNTED',
      'UNREADABLE_FILE',
    ]);
  });
});
