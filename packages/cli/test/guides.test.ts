import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadInClusterKubeconfig, memoryFileReader, toYaml } from '@incluster/core';
import { FIXES } from '../src/doctor/fixes';
import { filesContaining, filesUnder } from './support/excerpts';
import { type FencedBlock, fencedBlocks, shellCommands } from './support/fenced-blocks';
import { EXAMPLES_DIR, REPOSITORY_ROOT, runProcess, toolsDirectory } from './support/repository';
import { simulatedCluster } from './support/simulated-pod';

// The guides promise that what they show works. Each shell command in them runs here, in order, in a simulated Pod,
// unless its block says it is not run in CI and why; each code excerpt in getting-started.md is checked against the
// example it comes from; troubleshooting.md has a section for every error code there is.

const GUIDES = [
  'docs/README.md',
  'docs/getting-started.md',
  'docs/how-it-works.md',
  'docs/credentials.md',
  'docs/troubleshooting.md',
  'examples/kubernetes/README.md',
  'examples/pulumi-python/README.md',
];
const read = (path: string) => readFileSync(join(REPOSITORY_ROOT, path), 'utf8');

describe.each(GUIDES)('%s', (guide) => {
  const shellBlocks = fencedBlocks(read(guide)).filter(({ language }) => ['sh', 'bash', 'shell', 'console'].includes(language));
  const commands = shellBlocks.flatMap((block) => shellCommands(block).run);
  const notRun = shellBlocks.flatMap((block) => shellCommands(block).notRunBecause ?? []);

  it('writes its shell blocks as sh', () => {
    expect(shellBlocks.map(({ language, line }) => `line ${line}: ${language}`)).toEqual(shellBlocks.map(({ line }) => `line ${line}: sh`));
  });

  it('has no shell block that neither shows a command nor says why CI does not run it', () => {
    const silent = shellBlocks.filter((block) => shellCommands(block).run.length === 0 && shellCommands(block).notRunBecause === undefined);
    expect(silent.map(({ line }) => `line ${line}`)).toEqual([]);
  });

  if (commands.length === 0) {
    // Reported as skipped, with the reason, rather than left out: a guide whose commands all stopped running shows.
    const why = shellBlocks.length === 0 ? 'it shows no shell command' : `every shell block says it is not run in CI: ${notRun.join('; ')}`;
    it.skip(`runs no command in a simulated Pod: ${why}`, () => undefined);
    return;
  }

  // A guide may run slow tools (typedoc, for docs/README.md), on a machine shared with other builds.
  it("runs every command it shows in a shell in a simulated Pod, in order, from the repository's root", async () => {
    const cluster = await simulatedCluster();
    const home = mkdtempSync(join(tmpdir(), 'incluster-guide-home-'));
    try {
      const tools = toolsDirectory(join(home, '.local', 'bin'), { kubectl: true });
      // The Pod's variables, PATH with the CLI and kubectl installed, a HOME of its own; nothing of the runner's.
      // node and npx where this runner has them (setup-node, nvm and the node images keep them out of /usr/bin).
      const env = { ...cluster.env, PATH: `${tools}:${dirname(process.execPath)}:/usr/bin:/bin`, HOME: home, npm_config_update_notifier: 'false' };
      for (const command of commands) {
        const result = await runProcess('/bin/sh', ['-c', command], { env, cwd: REPOSITORY_ROOT, timeoutMs: 150_000 });
        // Success is the exit code: projen and npm narrate on stderr. The stderr is shown when a command fails.
        expect({ command, code: result.code, ...(result.code === 0 ? {} : { stderr: result.stderr }) }).toEqual({ command, code: 0 });
      }
    } finally {
      await cluster.dispose();
      rmSync(home, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('docs/getting-started.md', () => {
  const excerpts = fencedBlocks(read('docs/getting-started.md')).filter(({ language }) => ['yaml', 'python', 'ts'].includes(language));

  it.each(excerpts.map((block) => [block.line, block] as const))('shows, at line %i, code that CI checks', (_line, block: FencedBlock) => {
    if (block.language === 'yaml' && /^apiVersion: v1\nkind: Config\n/.test(block.text)) {
      expect(block.text).toBe(typicalPodKubeconfig());
    } else {
      expect(filesContaining(block.text, filesUnder(EXAMPLES_DIR))).not.toEqual([]);
    }
  });
});

describe('docs/troubleshooting.md', () => {
  const headings = [...read('docs/troubleshooting.md').matchAll(/^### `([A-Z_]+)`$/gm)].map((match) => match[1]);

  it('has a section for every error code, core and CLI, and for no other', () => {
    expect([...headings].sort()).toEqual(Object.keys(FIXES).sort());
  });
});

/**
 * What incluster-kubeconfig prints in a typical Pod: service address 10.96.0.1:443, the service account mounted where
 * the kubelet mounts it, in namespace `pulumi` (the example's).
 */
function typicalPodKubeconfig(): string {
  const dir = '/var/run/secrets/kubernetes.io/serviceaccount';
  return toYaml(
    loadInClusterKubeconfig({
      env: { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' },
      reader: memoryFileReader({ [`${dir}/token`]: 'unused', [`${dir}/ca.crt`]: 'unused', [`${dir}/namespace`]: 'pulumi' }),
    }),
  );
}
