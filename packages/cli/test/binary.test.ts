import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadInClusterKubeconfig, toYaml } from '@incluster/core';
import { startProxy, startSimulatedCluster } from '@incluster/testkit';
import { testCertificates } from './support/certificates';
import { runProcess } from './support/repository';
import { simulatedCluster, useContainer } from './support/simulated-pod';
import { BUILT_BINARY, errorCode, runBinary } from './support/run';

// The published entry point, run as a process: proves the shebang, the exit codes and the streams of the real thing.
beforeAll(() => {
  if (!existsSync(BUILT_BINARY)) {
    throw new Error(`${BUILT_BINARY} is missing: build it first with \`npx projen compile\` in packages/cli (tsc, then the esbuild bundle).`);
  }
});

const container = useContainer();

describe('the built incluster-kubeconfig binary', () => {
  it('starts with a shebang that needs only node, no shell', () => {
    expect(readFileSync(BUILT_BINARY, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('prints the kubeconfig and exits 0', () => {
    expect(runBinary([], container.env)).toEqual({ code: 0, stdout: toYaml(loadInClusterKubeconfig({ env: container.env })), stderr: '' });
  });

  it('exits 1 outside a Pod, with the error line on stderr and nothing on stdout', () => {
    const result = runBinary([], {});

    expect({ code: result.code, stdout: result.stdout, error: errorCode(result.stderr) }).toEqual({ code: 1, stdout: '', error: 'NOT_IN_CLUSTER' });
  });

  it('exits 2 on an unknown flag', () => {
    const result = runBinary(['--no-such-flag'], container.env);

    expect({ code: result.code, stdout: result.stdout, error: errorCode(result.stderr) }).toEqual({ code: 2, stdout: '', error: 'USAGE' });
  });

  it('prints the version from package.json', () => {
    const { version } = JSON.parse(readFileSync(`${__dirname}/../package.json`, 'utf8'));

    expect(runBinary(['--version'], {})).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('probes through a socks5 proxy with socks, the one dependency it loads from node_modules rather than the bundle', async () => {
    const cluster = await simulatedCluster();
    const proxy = await startProxy({ protocol: 'socks5' });
    try {
      const result = await runProcess(process.execPath, [BUILT_BINARY, 'doctor', '--probe', '--proxy-url', proxy.url], { env: { ...cluster.env } });

      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      expect(proxy.tunnels).toHaveLength(2);
      // Booleans, so that a failure does not print the whole bundle.
      // The launcher runs the bundle as a vm.Script, where import() has no loader: the bundle require()s it.
      expect(readFileSync(join(dirname(BUILT_BINARY), 'main.js'), 'utf8').includes('require("socks")')).toBe(true);
      expect(readFileSync(join(dirname(BUILT_BINARY), 'THIRD-PARTY-LICENSES.txt'), 'utf8').includes('socks@')).toBe(false);
    } finally {
      await proxy.close();
      await cluster.dispose();
    }
  });
});

describe('the built binary talking to the API server', () => {
  // node:https is loaded only when the probe runs: from the bundle, which the binary runs as one script.
  it('runs doctor --probe, which loads node:https on demand', async () => {
    const cluster = await startSimulatedCluster({ certificates: testCertificates() });
    try {
      const result = await new Promise<{ code: number; stdout: string }>((resolve) => {
        execFile(process.execPath, [BUILT_BINARY, 'doctor', '--probe'], { env: { ...cluster.env } }, (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }));
      });

      expect(result.code).toBe(0);
      expect(result.stdout).toContain('✓ GET /version: v1.35.0');
    } finally {
      await cluster.dispose();
    }
  }, 30_000);
});

describe('the built binary writing to a reader that goes away', () => {
  it('exits 0 without an error when the pipe closes before it writes (`| head`)', async () => {
    const child = spawn(process.execPath, [BUILT_BINARY, 'render'], { env: container.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

    const code = await new Promise((resolve) => child.on('close', resolve));

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});
