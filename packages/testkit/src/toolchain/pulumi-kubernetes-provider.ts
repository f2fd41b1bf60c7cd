import { chmodSync, cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { downloadModule, stamp } from './go-module';
import type { PinnedBinary } from './pinned-binary';
import { PINNED } from './versions';

const { version, moduleVersion } = PINNED.pulumiKubernetes;
const PROVIDER = 'github.com/pulumi/pulumi-kubernetes/provider/v4';
const SDK = 'github.com/pulumi/pulumi-kubernetes/sdk/v4';
const COMMAND = 'cmd/pulumi-resource-kubernetes';

/**
 * The Kubernetes resource plugin. Its command embeds files that its release build generates from the committed
 * schema.json (generate.go), so it is built in a writable copy of the module: there the go.mod's replace of the sdk
 * by its sibling directory gives way to the published sdk of the same release, generate.go runs, then go build.
 */
export const PULUMI_KUBERNETES_PROVIDER: PinnedBinary = {
  name: 'pulumi-resource-kubernetes',
  version,
  envVar: 'INCLUSTER_PULUMI_RESOURCE_KUBERNETES',
  // The plugin has no version flag; its embedded schema names the release it was built as (generate.go's VERSION).
  versionCheck: { embeds: `"name":"kubernetes","displayName":"Kubernetes","version":"${version}"` },
  expectedBuild: 'a cold build takes about 10 minutes and 4 GB of memory on 2 cores',
  build: async (go, workDir) => {
    const upstream = await downloadModule(go, PROVIDER, moduleVersion, workDir);
    const source = join(workDir, 'provider');
    cpSync(upstream.dir, source, { recursive: true });
    makeWritable(source);
    await go.run(['mod', 'edit', `-dropreplace=${SDK}`, `-require=${SDK}@v${version}`], { cwd: source });
    await go.run(['run', 'generate.go'], { cwd: join(source, COMMAND), env: { VERSION: version } });
    const output = join(workDir, 'pulumi-resource-kubernetes');
    const ldflags = stamp({ [`${PROVIDER}/pkg/version.Version`]: version });
    await go.run(['build', '-trimpath', '-ldflags', ldflags, '-o', output, `./${COMMAND}`], { cwd: source });
    return output;
  },
};

/** The module cache's files and directories are read-only; the copy must take generated files and go.mod edits. */
function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    entry.isDirectory() ? makeWritable(path) : chmodSync(path, 0o644);
  }
}
