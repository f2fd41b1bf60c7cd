import { join } from 'node:path';
import { downloadModule, stamp, upstreamReplacements, writeThrowawayModule } from './go-module';
import type { PinnedBinary } from './pinned-binary';
import { PINNED } from './versions';

const { version } = PINNED.pulumi;
const PKG = 'github.com/pulumi/pulumi/pkg/v3';
const SDK = 'github.com/pulumi/pulumi/sdk/v3';

/**
 * The `pulumi` CLI, from pkg/v3 with sdk/v3 at the same tag (pkg's go.mod replaces the sdk with its sibling
 * directory). Programs run through the language SDKs' own in-process language servers (`--client`, as the
 * Automation API's inline programs do), so no pulumi-language-* host is needed: the module proxy does not serve them.
 */
export const PULUMI_CLI: PinnedBinary = {
  name: 'pulumi',
  version,
  envVar: 'INCLUSTER_PULUMI',
  versionCheck: { args: ['version'], pattern: new RegExp(`^${version.replace(/\./g, '\\.')}$`, 'm') },
  expectedBuild: 'a cold build takes about 15 minutes and 4 GB of memory on 2 cores',
  build: async (go, workDir) => {
    const upstream = await downloadModule(go, PKG, version, workDir);
    await writeThrowawayModule(go, workDir, {
      goVersion: upstream.goMod.Go,
      requires: [{ path: PKG, version }, { path: SDK, version }],
      replacements: upstreamReplacements(upstream.goMod, () => undefined),
      commands: [`${PKG}/cmd/pulumi`],
    });
    const output = join(workDir, 'pulumi');
    const ldflags = stamp({ [`${SDK}/go/common/version.Version`]: version });
    await go.run(['build', '-trimpath', '-ldflags', ldflags, '-o', output, `${PKG}/cmd/pulumi`], { cwd: workDir });
    return output;
  },
};
