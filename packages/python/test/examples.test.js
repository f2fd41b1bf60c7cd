// examples/kubernetes/kubectl-job.yaml, run as its Pod would run it: the init container's python -m incluster (from
// the installed wheel) writes the kubeconfig into the shared volume, then the main container's kubectl (the testkit's
// real one) uses it, as the Pod's service account, against the stand-in API server.
const { mkdtempSync, readFileSync, rmSync, statSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, posix } = require('node:path');
const { kubectlPath, startSimulatedCluster } = require('@incluster/testkit');
const { parse } = require('yaml');
const { runIncluster } = require('./support/installed-python');
const { runProcess } = require('./support/process');

const JOB_FILE = join(__dirname, '..', '..', '..', 'examples', 'kubernetes', 'kubectl-job.yaml');
const job = parse(readFileSync(JOB_FILE, 'utf8'));
const pod = job.spec.template.spec;
const [init] = pod.initContainers;
const [tool] = pod.containers;

let cluster;
let volumeDir;
beforeEach(() => (volumeDir = mkdtempSync(join(tmpdir(), 'incluster-kube-volume-'))));
afterEach(async () => {
  await cluster?.dispose();
  rmSync(volumeDir, { recursive: true, force: true });
});

/** Where a path inside a container's mount of the shared volume is on this disk. */
function onDisk(container, path) {
  const mount = container.volumeMounts.find(({ mountPath }) => path.startsWith(`${mountPath}/`));
  expect(pod.volumes.find(({ name }) => name === mount.name)).toEqual({ name: mount.name, emptyDir: {} });
  return join(volumeDir, posix.relative(mount.mountPath, path));
}

describe('examples/kubernetes/kubectl-job.yaml', () => {
  it("runs as pulumi-deployer, with its token mounted, one user for both containers", () => {
    expect(job.metadata.namespace).toBe('pulumi');
    expect(pod.serviceAccountName).toBe('pulumi-deployer');
    expect(pod.automountServiceAccountToken).not.toBe(false);
    expect(pod.securityContext.runAsUser).toBe(1000);
    expect([init.securityContext.runAsUser, tool.securityContext.runAsUser]).toEqual([undefined, undefined]);
  });

  it('renders the kubeconfig with python -m incluster in the init container, and kubectl lists ConfigMaps with it', async () => {
    cluster = await startSimulatedCluster();
    const [python, dashM, module, ...args] = init.command;
    expect([python, dashM, module]).toEqual(['python', '-m', 'incluster']);
    const outputFile = args[args.indexOf('--output-file') + 1];
    const rendered = await runIncluster(args.map((arg) => (arg === outputFile ? onDisk(init, arg) : arg)), cluster.env);
    expect(rendered).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(statSync(onDisk(init, outputFile)).mode & 0o777).toBe(0o600);

    // The tool's container sees the volume read-only where KUBECONFIG points, and has nothing of the Pod's variables.
    const kubeconfig = tool.env.find(({ name }) => name === 'KUBECONFIG').value;
    expect(tool.volumeMounts.find(({ mountPath }) => kubeconfig.startsWith(`${mountPath}/`)).readOnly).toBe(true);
    expect(onDisk(tool, kubeconfig)).toBe(onDisk(init, outputFile));
    expect(tool.command).toEqual(['kubectl']);
    const home = mkdtempSync(join(volumeDir, 'home-'));
    const listed = await runProcess(kubectlPath(), [...tool.args, '-o', 'name'], { env: { KUBECONFIG: onDisk(tool, kubeconfig), HOME: home } });
    expect({ code: listed.code, stderr: listed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(listed.stdout.trim()).toBe('configmap/settings');
    expect(cluster.server.requests.at(-1)).toMatchObject({ path: '/api/v1/namespaces/team-a/configmaps', status: 200 });
  }, 30_000);
});
