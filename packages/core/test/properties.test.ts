import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { parse } from 'yaml';
import { CREDENTIAL_MODES, Kubeconfig, PodEnvironment, isInClusterConfigError, joinHostPort, renderKubeconfig, toJson, toYaml } from '../src';

// Strings chosen to break naive YAML templates or shell scripts, mixed with arbitrary Unicode.
const hostile = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('a\nb: c', '"quoted"', "it's", 'key: value', '$(touch pwned)', '`id`', '#comment', '- item', '{a: 1}', '&anchor', '*alias', '!!binary', '', ' '),
);
const host = fc.oneof(fc.ipV4(), fc.ipV6(), fc.domain(), hostile);
const port = fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.integer(), fc.double());
const namespace = fc.oneof(fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/), hostile);
const absolutePath = hostile.map((name) => `/${name}`);

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

/** Renders, and returns undefined when (and only when) the input was refused with a typed error. */
function renderOrRefuse(render: () => Kubeconfig): Kubeconfig | undefined {
  try {
    return render();
  } catch (error) {
    if (!isInClusterConfigError(error)) {
      throw error;
    }
    return undefined;
  }
}

function expectFaithfulText(kubeconfig: Kubeconfig): void {
  expect(parse(toYaml(kubeconfig))).toEqual(kubeconfig);
  expect(JSON.parse(toJson(kubeconfig))).toEqual(kubeconfig);
}

describe('for any input, a typed error or a kubeconfig whose YAML and JSON parse back to the same values', () => {
  it('holds for hosts, ports and namespaces', () => {
    fc.assert(
      fc.property(host, port, namespace, (h, p, ns) => {
        const kubeconfig = renderOrRefuse(() => renderKubeconfig(podWith({ host: h, port: p, namespace: ns })));
        if (kubeconfig) {
          expect(kubeconfig.clusters[0].cluster.server).toBe(`https://${joinHostPort(h, p)}`);
          expect(kubeconfig.contexts[0].context.namespace).toBe(ns);
          expectFaithfulText(kubeconfig);
        }
      }),
    );
  });

  it('never refuses a real IPv4 address, IPv6 address or domain name', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6(), fc.domain()), fc.integer({ min: 1, max: 65535 }), (h, p) => {
        expect(renderKubeconfig(podWith({ host: h, port: p })).clusters[0].cluster.server).toBe(`https://${joinHostPort(h, p)}`);
      }),
    );
  });

  it('holds for paths, names and every option, in every credential mode', () => {
    fc.assert(
      fc.property(
        absolutePath,
        absolutePath,
        fc.record({ clusterName: hostile, userName: hostile, contextName: hostile, tlsServerName: hostile, proxyUrl: hostile, server: hostile }, { requiredKeys: [] }),
        fc.constantFrom(...CREDENTIAL_MODES),
        hostile,
        (tokenPath, certificateAuthorityPath, options, credential, token) => {
          const kubeconfig = renderOrRefuse(() => renderKubeconfig(podWith({ tokenPath, certificateAuthorityPath, token }), { ...options, credential }));
          if (kubeconfig) {
            expect(kubeconfig.clusters[0].cluster['certificate-authority']).toBe(certificateAuthorityPath);
            expectFaithfulText(kubeconfig);
          }
        },
      ),
    );
  });
});

describe('the exec credential, run by sh for token paths made of any file name', () => {
  let root: string;
  beforeAll(() => (root = mkdtempSync(join(tmpdir(), 'incluster-exec-property-'))));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // A file name is any bytes but "/" and NUL, at most 255 bytes long.
  const fileName = hostile
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
