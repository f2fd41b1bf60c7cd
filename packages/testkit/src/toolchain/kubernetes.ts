import { join } from 'node:path';
import { downloadModule, stamp, upstreamReplacements, writeThrowawayModule } from './go-module';
import type { PinnedBinary } from './pinned-binary';
import { PINNED } from './versions';

const { version, stagingVersion } = PINNED.kubernetes;
const [major, minor] = version.slice(1).split('.');

/**
 * A command of k8s.io/kubernetes. Its go.mod replaces the staging modules (k8s.io/api, client-go…) with directories
 * of its own repository; each is published as a module at the matching v0.x release, which takes its place. The
 * version is stamped as the release build does, since helm and kubectl read it from /version.
 */
function kubernetesCommand(name: string, envVar: string, expectedBuild: string): PinnedBinary {
  return {
    name,
    version,
    envVar,
    versionCheck: { args: ['--version'], pattern: new RegExp(`^Kubernetes ${version.replace(/\./g, '\\.')}$`, 'm') },
    expectedBuild,
    build: async (go, workDir) => {
      const upstream = await downloadModule(go, 'k8s.io/kubernetes', version, workDir);
      await writeThrowawayModule(go, workDir, {
        goVersion: upstream.goMod.Go,
        requires: [{ path: 'k8s.io/kubernetes', version }],
        replacements: upstreamReplacements(upstream.goMod, (path, target) =>
          target.startsWith('./staging/') ? { path, target: path, version: stagingVersion } : undefined,
        ),
        commands: [`k8s.io/kubernetes/cmd/${name}`],
      });
      const output = join(workDir, name);
      const versionInfo = (pkg: string) => ({
        [`${pkg}.gitVersion`]: version,
        [`${pkg}.gitMajor`]: major!,
        [`${pkg}.gitMinor`]: minor!,
        [`${pkg}.gitTreeState`]: 'clean',
      });
      const ldflags = stamp({ ...versionInfo('k8s.io/component-base/version'), ...versionInfo('k8s.io/client-go/pkg/version') });
      await go.run(['build', '-trimpath', '-ldflags', ldflags, '-o', output, `k8s.io/kubernetes/cmd/${name}`], { cwd: workDir });
      return output;
    },
  };
}

export const KUBE_APISERVER = kubernetesCommand('kube-apiserver', 'INCLUSTER_KUBE_APISERVER', 'a cold build takes about 6 minutes and 2 GB of memory on 2 cores');

/** Its garbage collector deletes what a foreground deletion (pulumi-kubernetes' default) leaves waiting. */
export const KUBE_CONTROLLER_MANAGER = kubernetesCommand(
  'kube-controller-manager',
  'INCLUSTER_KUBE_CONTROLLER_MANAGER',
  'after kube-apiserver, a cold build takes about 3 more minutes on 2 cores',
);
