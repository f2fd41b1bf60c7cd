import { join } from 'node:path';
import { downloadModule, upstreamReplacements, writeThrowawayModule } from './go-module';
import type { PinnedBinary } from './pinned-binary';
import { PINNED } from './versions';

const { version } = PINNED.etcd;
const MODULE = 'go.etcd.io/etcd/server/v3';

/**
 * etcd from go.etcd.io/etcd/server/v3, whose root package is the etcd command. Its go.mod replaces its sibling
 * modules (api, client…) with paths in its repository; it also requires them at the same release, which is what a
 * module of our own then uses. Its own module keeps kube-apiserver's etcd client out of this build, and vice versa.
 */
export const ETCD: PinnedBinary = {
  name: 'etcd',
  version,
  envVar: 'INCLUSTER_ETCD',
  versionCheck: { args: ['--version'], pattern: new RegExp(`^etcd Version: ${version.slice(1).replace(/\./g, '\\.')}$`, 'm') },
  expectedBuild: 'a cold build takes about 2 minutes on 2 cores',
  build: async (go, workDir) => {
    const upstream = await downloadModule(go, MODULE, version, workDir);
    await writeThrowawayModule(go, workDir, {
      goVersion: upstream.goMod.Go,
      requires: [{ path: MODULE, version }],
      replacements: upstreamReplacements(upstream.goMod, () => undefined),
      commands: [MODULE],
    });
    const output = join(workDir, 'etcd');
    await go.run(['build', '-trimpath', '-ldflags', '-s -w', '-o', output, MODULE], { cwd: workDir });
    return output;
  },
};
