import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stamp } from './go-module';
import type { PinnedBinary } from './pinned-binary';
import { PINNED } from './versions';

/** The reader's source, kept in the repository: go.mod pins client-go, go.sum its dependencies. */
export const KUBECONFIG_READER_SOURCE_DIR = join(__dirname, '..', '..', 'go', 'kubeconfig-reader');

const SOURCE_FILES = readdirSync(KUBECONFIG_READER_SOURCE_DIR).filter((file) => /^(go\.mod|go\.sum|.*\.go)$/.test(file)).sort();

/** The first 12 hex digits of a SHA-256 over the source files, names and contents: a changed file is a new build. */
const SOURCE_HASH = (() => {
  const hash = createHash('sha256');
  for (const file of SOURCE_FILES) {
    hash.update(`${file}\0${readFileSync(join(KUBECONFIG_READER_SOURCE_DIR, file), 'utf8')}\0`);
  }
  return hash.digest('hex').slice(0, 12);
})();

const CLIENT_GO = PINNED.kubernetes.stagingVersion;

/**
 * kubeconfig-reader: client-go's own kubeconfig loader (clientcmd.LoadFromFile, as kubectl, helm and the Pulumi
 * provider load a kubeconfig) in a small Go program of ours, which loads many files in one process
 * (packages/testkit/go/kubeconfig-reader). It is built from that source with client-go at the pinned staging version,
 * which its go.mod must require; its cache key holds the hash of its source, so an edit builds it again.
 */
export const KUBECONFIG_READER: PinnedBinary = {
  name: 'kubeconfig-reader',
  version: `${CLIENT_GO}-${SOURCE_HASH}`,
  envVar: 'INCLUSTER_KUBECONFIG_READER',
  versionCheck: { args: ['--version'], pattern: new RegExp(`^kubeconfig-reader ${SOURCE_HASH} client-go ${CLIENT_GO.replace(/\./g, '\\.')}$`, 'm') },
  expectedBuild: 'a cold build takes about a minute on 2 cores, most of it downloading client-go',
  build: async (go, workDir) => {
    for (const file of SOURCE_FILES) {
      copyFileSync(join(KUBECONFIG_READER_SOURCE_DIR, file), join(workDir, file));
    }
    // go.sum is committed: the build verifies it rather than updating it (goCommand's default is -mod=mod).
    const env = { GOFLAGS: '-mod=readonly -buildvcs=false' };
    const required = (await go.run(['list', '-m', '-f', '{{.Version}}', 'k8s.io/client-go'], { cwd: workDir, env })).trim();
    if (required !== CLIENT_GO) {
      throw new Error(
        `${KUBECONFIG_READER_SOURCE_DIR}/go.mod requires k8s.io/client-go ${required}, but the tests are pinned to ${CLIENT_GO} ` +
          '(packages/testkit/src/toolchain/versions.ts): run `go get k8s.io/client-go@' + CLIENT_GO + ' && go mod tidy` there.',
      );
    }
    const output = join(workDir, 'kubeconfig-reader');
    await go.run(['build', '-trimpath', '-ldflags', stamp({ 'main.source': SOURCE_HASH }), '-o', output, '.'], { cwd: workDir, env });
    return output;
  },
};
