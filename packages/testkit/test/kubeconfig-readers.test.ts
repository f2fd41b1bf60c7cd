import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KUBECONFIG_READER_SOURCE_DIR, PINNED, readKubeconfigsWithClientGo, readKubeconfigsWithPyYaml } from '../src';

// What the readers make of hand-written kubeconfigs: they are oracles, so they must be able to say no.
const KUBECONFIGS = {
  good: ['apiVersion: v1', 'kind: Config', 'clusters:', '- name: "on"', '  cluster:', '    server: https://10.96.0.1:443/base%2Fpath', 'users:', '- name: u', '  user:', '    tokenFile: /sa/token', 'contexts:', '- name: c', '  context: {cluster: "on", user: u, namespace: "no"}', 'current-context: c', ''],
  plainNo: ['apiVersion: v1', 'kind: Config', 'contexts:', '- name: c', '  context: {cluster: x, user: u, namespace: no}', 'current-context: c', ''],
  timestamp: ['apiVersion: v1', 'kind: Config', 'current-context: 2001-12-14 21:59:43.', ''],
  otherKind: ['apiVersion: v1', 'kind: Secret', ''],
  lineSeparator: ['apiVersion: v1', 'kind: Config', 'current-context: a\u2028b', ''],
  unusable: ['apiVersion: v1', 'kind: Config', 'contexts:', '- name: c', '  context: {cluster: x, user: u, namespace: Team_A}', 'current-context: c', ''],
} as const;

describe('the YAML readers behind real clients, run over many files at once', () => {
  let dir: string;
  let paths: Record<keyof typeof KUBECONFIGS, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'incluster-readers-'));
    paths = Object.fromEntries(
      Object.entries(KUBECONFIGS).map(([name, lines]) => {
        const path = join(dir, `${name}.yaml`);
        writeFileSync(path, lines.join('\n'));
        return [name, path];
      }),
    ) as typeof paths;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("client-go's loader gives back what it loaded through its v1 types, how it reads the server, and what it finds unusable", async () => {
    const [good, plainNo, timestamp, otherKind, lineSeparator, unusable] = await readKubeconfigsWithClientGo(Object.values(paths));
    expect(good).toEqual({
      config: {
        clusters: [{ name: 'on', cluster: { server: 'https://10.96.0.1:443/base%2Fpath' } }],
        users: [{ name: 'u', user: { tokenFile: '/sa/token' } }],
        contexts: [{ name: 'c', context: { cluster: 'on', user: 'u', namespace: 'no' } }],
        'current-context': 'c',
      },
      server: { scheme: 'https', host: '10.96.0.1:443', path: '/base/path' },
    });
    expect(plainNo).toEqual({ error: 'json: cannot unmarshal bool into Go struct field Context.contexts.context.namespace of type string' });
    // go-yaml v2 keeps a timestamp it cannot use as a string; only PyYAML turns it into a date.
    expect(timestamp?.config?.['current-context']).toBe('2001-12-14 21:59:43.');
    expect(otherKind?.error).toMatch(/Secret/);
    expect(lineSeparator?.error).toMatch(/could not find expected ':'|mapping values are not allowed/);
    expect(unusable?.invalid).toEqual(expect.arrayContaining(['namespace "Team_A" for context "c" does not conform to the kubernetes DNS_LABEL rules']));
  }, 300_000);

  it("PyYAML's safe_load, as the Python client calls it, with what JSON cannot hold reported as such", async () => {
    const [good, plainNo, timestamp, , lineSeparator] = await readKubeconfigsWithPyYaml(Object.values(paths));
    expect(good?.document).toMatchObject({ contexts: [{ context: { namespace: 'no' } }] });
    expect(plainNo?.document).toMatchObject({ contexts: [{ context: { namespace: false } }] });
    expect(timestamp).toEqual({ notJson: 'datetime.datetime(2001, 12, 14, 21, 59, 43)' });
    expect(lineSeparator?.error).toMatch(/^ScannerError: /);
  });

  it('builds kubeconfig-reader against the client-go that the stack is pinned to', () => {
    expect(readFileSync(join(KUBECONFIG_READER_SOURCE_DIR, 'go.mod'), 'utf8')).toContain(`\tk8s.io/client-go ${PINNED.kubernetes.stagingVersion}\n`);
  });
});
