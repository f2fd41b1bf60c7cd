import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type RunResult, copyBuiltBinary, errorCode, runToCompletion } from './support/run';
import { useContainer } from './support/simulated-pod';

// A token the container's user may not read, on a real disk: EACCES from the kernel, not from an in-memory reader.
// The tests run as root, which reads any file, so the binary runs as an unprivileged user, with setpriv; run as
// anyone else, it already is one.
const UNPRIVILEGED_UID = 65534;
const asRoot = process.getuid?.() === 0;

const container = useContainer();
let binDir: string;
let launcher: string;

beforeAll(() => {
  if (asRoot && spawnSync('setpriv', ['--version']).error) {
    throw new Error('these tests drop root with setpriv, from util-linux: apt-get install util-linux');
  }
  // Where any user may read it.
  binDir = mkdtempSync(join(tmpdir(), 'incluster-unprivileged-'));
  launcher = copyBuiltBinary(binDir);
  for (const dir of [binDir, join(binDir, 'bin')]) {
    chmodSync(dir, 0o755);
  }
});
afterAll(() => rmSync(binDir, { recursive: true, force: true }));

/** The Pod's directories open to every user, as the kubelet mounts them; the token itself readable by no one. */
function tokenUnreadableByTheContainersUser(): void {
  const { serviceAccountDir } = container.pod;
  for (const dir of [dirname(serviceAccountDir), serviceAccountDir, join(serviceAccountDir, readlinkSync(join(serviceAccountDir, '..data')))]) {
    chmodSync(dir, 0o755);
  }
  // Through the token's symlinks, to the file in the ..data directory.
  chmodSync(container.pod.tokenPath, 0o000);
}

function runUnprivileged(argv: string[]): RunResult {
  const binary = [process.execPath, launcher, ...argv];
  return asRoot
    ? runToCompletion('setpriv', [`--reuid=${UNPRIVILEGED_UID}`, `--regid=${UNPRIVILEGED_UID}`, '--clear-groups', '--', ...binary], container.env)
    : runToCompletion(binary[0], binary.slice(1), container.env);
}

describe('a token the container user cannot read (EACCES on disk)', () => {
  it('render fails with UNREADABLE_FILE, names the file and the permission fix, and prints nothing on stdout', () => {
    tokenUnreadableByTheContainersUser();

    const result = runUnprivileged(['render']);

    expect({ code: result.code, stdout: result.stdout, error: errorCode(result.stderr) }).toEqual({ code: 1, stdout: '', error: 'UNREADABLE_FILE' });
    expect(result.stderr).toContain(`${container.pod.tokenPath} cannot be read (EACCES). Give the container's user read access to it`);
  });

  it('doctor marks the token check with UNREADABLE_FILE and the fix, and still checks the rest', () => {
    tokenUnreadableByTheContainersUser();

    const result = runUnprivileged(['doctor']);

    expect({ code: result.code, error: errorCode(result.stderr) }).toEqual({ code: 1, error: 'UNREADABLE_FILE' });
    expect(result.stdout).toContain(`✗ token: ${container.pod.tokenPath} cannot be read (EACCES).`);
    expect(result.stdout).toMatch(/^✓ CA bundle \(ca\.crt\): valid/m);
    expect(result.stdout).toContain("fix: make it a regular file the container's user can read");
  });
});
