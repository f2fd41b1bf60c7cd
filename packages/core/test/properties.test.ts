/**
 * Properties of rendering, in process and with shrinking: the generators build Pods and options valid by construction
 * or hostile on purpose (support/arbitraries.ts), and say what must come of them. readers.test.ts loads the output in
 * the real clients' readers.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { Scalar, isScalar, parse, parseDocument, visit } from 'yaml';
import { type Kubeconfig, type PodEnvironment, isInClusterConfigError, renderKubeconfig, toJson, toYaml } from '../src';
import { type GeneratedCase, generatedCase, hostileText } from './support/arbitraries';

function podWith(values: Partial<PodEnvironment>): PodEnvironment {
  return {
    host: '10.96.0.1',
    port: 443,
    serviceAccountDir: '/sa',
    tokenPath: '/sa/token',
    certificateAuthorityPath: '/sa/ca.crt',
    namespace: 'default',
    namespaceSource: 'default',
    ...values,
  };
}

/** What a generated case must give: the expected kubeconfig, or a typed refusal as built. */
function checkCase({ pod, options, refusals, uncertain, expected }: GeneratedCase): void {
  let kubeconfig: Kubeconfig;
  try {
    kubeconfig = renderKubeconfig(pod, options);
  } catch (error) {
    if (!isInClusterConfigError(error)) {
      throw error;
    }
    if (!uncertain) {
      expect(refusals).toContainEqual(expect.objectContaining({ code: error.code }));
      expect(refusals.some(({ code, mentions }) => code === error.code && error.message.includes(mentions))).toBe(true);
    }
    return;
  }
  if (!uncertain) {
    expect(refusals).toEqual([]);
    expect(kubeconfig).toEqual(expected);
  }
  expect(parse(toYaml(kubeconfig))).toEqual(kubeconfig);
  expect(JSON.parse(toJson(kubeconfig))).toEqual(kubeconfig);
}

describe('for any generated Pod and options', () => {
  it('renders exactly the kubeconfig built from the parts, or refuses as built with a typed error naming the input', () => {
    fc.assert(fc.property(generatedCase, checkCase), { numRuns: 2_000 });
  });

  it('never writes a raw line break of either dialect, or a character YAML 1.1 cannot read, inside a scalar', () => {
    fc.assert(
      fc.property(generatedCase, ({ pod, options }) => {
        let kubeconfig: Kubeconfig;
        try {
          kubeconfig = renderKubeconfig(pod, options);
        } catch {
          return;
        }
        const yaml = toYaml(kubeconfig);
        for (const text of [yaml, toJson(kubeconfig)]) {
          // Only the line feeds between lines and inside block scalars are raw; every other break is escaped.
          expect(text).not.toMatch(/[\r\u0085\u2028\u2029\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\ufffe\uffff]/);
        }
        // No line break at all, not even a line feed, in the source of a plain or double-quoted scalar.
        visit(parseDocument(yaml), {
          Scalar(_key, node: Scalar) {
            if (isScalar(node) && (node.type === Scalar.PLAIN || node.type === Scalar.QUOTE_DOUBLE)) {
              expect(yaml.slice(node.range![0], node.range![1])).not.toMatch(/[\n\r\u0085\u2028\u2029]/);
            }
          },
        });
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('the server URL', () => {
  it('is https://host:port for every real IPv4 address, IPv6 address (in brackets) and domain name', () => {
    const address = fc.oneof(
      fc.ipV4().map((host) => ({ host, url: (port: number) => `https://${host}:${port}` })),
      fc.ipV6().map((host) => ({ host, url: (port: number) => `https://[${host}]:${port}` })),
      fc.domain().map((host) => ({ host, url: (port: number) => `https://${host}:${port}` })),
    );
    fc.assert(
      fc.property(address, fc.integer({ min: 1, max: 65535 }), ({ host, url }, port) => {
        expect(renderKubeconfig(podWith({ host, port })).clusters[0].cluster.server).toBe(url(port));
      }),
    );
  });
});

describe('the exec credential, run by sh for token paths made of any file name', () => {
  let root: string;
  beforeAll(() => (root = mkdtempSync(join(tmpdir(), 'incluster-exec-property-'))));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // A file name is any bytes but "/" and NUL, at most 255 bytes long.
  const fileName = hostileText
    .map((name) => name.replace(/[/\0]/g, '_'))
    .filter((name) => name !== '' && name !== '.' && name !== '..' && Buffer.byteLength(name) <= 200);

  it('reads exactly that file and runs nothing else', () => {
    fc.assert(
      fc.property(fileName, (name) => {
        const dir = mkdtempSync(join(root, 'case-'));
        mkdirSync(join(dir, name));
        const tokenPath = join(dir, name, 'token');
        writeFileSync(tokenPath, 'the.token');
        const exec = renderKubeconfig(podWith({ tokenPath }), { credential: 'exec' }).users[0].user.exec!;
        const result = spawnSync(exec.command, exec.args, { cwd: dir, encoding: 'utf8' });
        expect(result.stderr).toBe('');
        expect(JSON.parse(result.stdout).status.token).toBe('the.token');
        expect(readdirSync(dir)).toEqual([name]);
      }),
      { numRuns: 40 },
    );
  });
});
