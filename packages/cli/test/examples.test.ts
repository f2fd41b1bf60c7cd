import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { SimulatedCluster, pythonListConfigMapNames, startSimulatedCluster } from '@incluster/testkit';
import { parse } from 'yaml';
import { createProgram } from '../src';
import { Container, ManifestObject, cliArgumentsOf, loadManifests, podSpecOf, workspaceEnvOf } from './support/manifests';
import { PYTHON_EXAMPLE_DIR, runKubeconfigStep } from './support/python-example';
import { EXAMPLES_DIR, PYTHON, REPOSITORY_ROOT, cliBinary, runProcess, toolsDirectory } from './support/repository';

// The examples are what people copy. Pulumi and a real cluster cannot run here, so everything else does: the
// manifests are parsed and checked for what they rely on, their init containers' command runs in a simulated Pod,
// and the Python example's kubeconfig step runs there too, its result used by the official Python client.

const KUBERNETES_DIR = join(EXAMPLES_DIR, 'kubernetes');
const manifests = loadManifests(KUBERNETES_DIR);
const the = (kind: string, name?: string) => {
  const found = manifests.filter((object) => object.kind === kind && (name === undefined || object.metadata.name === name));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` ${name}` : ''} in examples/kubernetes, found ${found.length}`);
  }
  return found[0];
};
const serviceAccount = the('ServiceAccount');
/** The file the program's container is told to read the kubeconfig from. */
const RENDERED_FILE_VARIABLE = 'INCLUSTER_KUBECONFIG_FILE';

let workDir: string;
beforeAll(() => (workDir = mkdtempSync(join(tmpdir(), 'incluster-examples-'))));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

let cluster: SimulatedCluster | undefined;
afterEach(async () => {
  await cluster?.dispose();
  cluster = undefined;
});

describe('examples/kubernetes', () => {
  it('holds a service account with its RBAC, a Job and an operator Stack', () => {
    expect(manifests.map(({ file, apiVersion, kind, metadata }) => `${file}: ${apiVersion} ${kind} ${metadata.namespace ?? '(cluster)'}/${metadata.name}`)).toEqual([
      'job.yaml: batch/v1 Job pulumi/pulumi-up',
      'pulumi-operator-stack.yaml: rbac.authorization.k8s.io/v1 ClusterRoleBinding (cluster)/pulumi:pulumi-deployer:system:auth-delegator',
      'pulumi-operator-stack.yaml: pulumi.com/v1 Stack pulumi/incluster-pulumi-python',
      'service-account.yaml: v1 Namespace (cluster)/pulumi',
      'service-account.yaml: v1 Namespace (cluster)/team-a',
      'service-account.yaml: v1 ServiceAccount pulumi/pulumi-deployer',
      'service-account.yaml: rbac.authorization.k8s.io/v1 Role team-a/pulumi-deployer',
      'service-account.yaml: rbac.authorization.k8s.io/v1 RoleBinding team-a/pulumi-deployer',
    ]);
  });

  describe('the service account', () => {
    it('mounts its token, which every way in needs', () => {
      expect(serviceAccount.automountServiceAccountToken).not.toBe(false);
    });

    it('may manage ConfigMaps in team-a and nothing else', () => {
      const role = the('Role');
      expect(role.metadata).toEqual({ name: 'pulumi-deployer', namespace: 'team-a' });
      expect(role.rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }]);
      expect(manifests.filter(({ kind }) => kind === 'ClusterRole')).toEqual([]);
    });

    it('is bound to that Role, in its namespace', () => {
      const role = the('Role');
      const binding = the('RoleBinding');
      expect(binding.metadata.namespace).toBe(role.metadata.namespace);
      expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.metadata.name });
      expect(binding.subjects).toEqual([subjectFor(serviceAccount)]);
    });

    it('is bound cluster-wide only to system:auth-delegator, which the operator requires of a Stack', () => {
      const binding = the('ClusterRoleBinding');
      expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' });
      expect(binding.subjects).toEqual([subjectFor(serviceAccount)]);
    });
  });

  describe.each([
    { file: 'job.yaml', kind: 'Job' },
    { file: 'pulumi-operator-stack.yaml', kind: 'Stack' },
  ])('$file', ({ kind }) => {
    const object = () => the(kind);
    const pod = () => podSpecOf(object())!;

    it("runs as the service account, in the service account's namespace, with its token mounted", () => {
      const runsAs = kind === 'Stack' ? object().spec.serviceAccountName : pod().serviceAccountName;
      expect({ namespace: object().metadata.namespace, serviceAccountName: runsAs }).toEqual({
        namespace: serviceAccount.metadata.namespace,
        serviceAccountName: serviceAccount.metadata.name,
      });
      expect(pod().automountServiceAccountToken).not.toBe(false);
    });

    it(`renders the kubeconfig in an init container into an emptyDir, which the program mounts read-only where ${RENDERED_FILE_VARIABLE} points`, () => {
      const handOff = kubeconfigHandOff(object());

      expect(handOff.renderArguments[0]).toBe('render');
      expect(pod().volumes?.find(({ name }) => name === handOff.volume)).toEqual({ name: handOff.volume, emptyDir: {} });
      expect(handOff.programMount.readOnly).toBe(true);
      expect(handOff.programReads).toBe(posix.join(handOff.programMount.mountPath, posix.relative(handOff.initMount.mountPath, handOff.outputFile)));
    });

    it('runs the init container as the user the program runs as, since the kubeconfig is written mode 0600', () => {
      const { init } = kubeconfigHandOff(object());
      const initUser = init.securityContext?.runAsUser ?? pod().securityContext?.runAsUser;
      // A Job sets its user for the whole Pod; the operator's -nonroot workspace image runs as 1000.
      const programUser = kind === 'Stack' && /-nonroot$/.test(object().spec.workspaceTemplate.spec.image) ? 1000 : pod().securityContext?.runAsUser;
      expect(initUser).toBeDefined();
      expect(initUser).toBe(programUser);
    });

    it("gives the program a kubeconfig that works: the init container's incluster-kubeconfig command and the Python example's step, run in a simulated Pod", async () => {
      cluster = await startSimulatedCluster();
      const handOff = kubeconfigHandOff(object());
      const volumeDir = mkdtempSync(join(workDir, `${handOff.volume}-`));
      const onDisk = (mount: { mountPath: string }, path: string) => join(volumeDir, posix.relative(mount.mountPath, path));

      const init = await runProcess(
        process.execPath,
        [cliBinary(), ...handOff.renderArguments.map((argument) => (argument === handOff.outputFile ? onDisk(handOff.initMount, argument) : argument))],
        { env: { ...cluster.env } },
      );
      expect({ code: init.code, stderr: init.stderr }).toEqual({ code: 0, stderr: '' });

      // The program's image has no Node.js: nothing but /usr/bin and /bin on its PATH.
      const step = await runKubeconfigStep({ PATH: '/usr/bin:/bin', [RENDERED_FILE_VARIABLE]: onDisk(handOff.programMount, handOff.programReads) });
      if ('error' in step) {
        throw new Error(step.error);
      }
      expect(await pythonListConfigMapNames(step.kubeconfig, cluster.pod.namespace)).toEqual(['settings']);
    }, 30_000);
  });

  it('passes incluster-kubeconfig only commands and flags that the CLI has', () => {
    const program = createProgram({ env: {}, stdout: () => undefined, stderr: () => undefined });
    const invocations = manifests.flatMap((object) => containersOf(object).flatMap((container) => {
      const cliArguments = cliArgumentsOf(container);
      return cliArguments === undefined ? [] : [{ where: `${object.file} ${container.name}`, cliArguments }];
    }));
    expect(invocations.length).toBeGreaterThan(0);

    for (const { where, cliArguments } of invocations) {
      const [subcommand, ...rest] = cliArguments;
      const command = program.commands.find((candidate) => candidate.name() === subcommand);
      expect({ where, subcommand: command?.name() }).toEqual({ where, subcommand });
      const known = new Set(command!.options.flatMap((option) => [option.long, option.short]));
      const unknown = rest.filter((token) => token.startsWith('-')).map((flag) => flag.split('=')[0]).filter((flag) => !known.has(flag));
      expect({ where, unknown }).toEqual({ where, unknown: [] });
    }
  });

  it("runs the operator's Stack on this repository's Python example", () => {
    const stack = the('Stack');
    expect(stack.spec.projectRepo).toBe('https://github.com/incluster/incluster');
    expect(existsSync(join(REPOSITORY_ROOT, stack.spec.repoDir, 'Pulumi.yaml'))).toBe(true);
    expect(stack.spec.repoDir).toBe('examples/pulumi-python');
  });
});

describe('examples/pulumi-python', () => {
  it('compiles with the Python of Debian 12', async () => {
    const files = readdirSync(PYTHON_EXAMPLE_DIR).filter((file) => file.endsWith('.py'));
    const compile = 'import py_compile, sys\nfor source, target in zip(sys.argv[1::2], sys.argv[2::2]): py_compile.compile(source, cfile=target, doraise=True)';
    const pairs = files.flatMap((file) => [join(PYTHON_EXAMPLE_DIR, file), join(workDir, `${file}c`)]);

    const result = await runProcess(PYTHON, ['-c', compile, ...pairs], { env: {} });

    expect(files.sort()).toEqual(['__main__.py', 'incluster_kubeconfig.py']);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it("renders the kubeconfig with incluster-kubeconfig, and the official Python client lists ConfigMaps with it as the Pod's service account", async () => {
    cluster = await startSimulatedCluster();
    const tools = toolsDirectory(mkdtempSync(join(workDir, 'bin-')));

    const step = await runKubeconfigStep({ PATH: `${tools}:/usr/bin:/bin`, ...cluster.env });

    if ('error' in step) {
      throw new Error(step.error);
    }
    expect(parse(step.kubeconfig)['current-context']).toBe(step.context);
    expect(step.kubeconfig).not.toContain(cluster.pod.currentToken);
    expect(await pythonListConfigMapNames(step.kubeconfig, cluster.pod.namespace)).toEqual(['settings']);
    expect(cluster.server.requests.at(-1)).toMatchObject({ path: `/api/v1/namespaces/${cluster.pod.namespace}/configmaps`, status: 200 });
  }, 30_000);

  it("outside a Pod, fails with the CLI's NOT_IN_CLUSTER error line, before the program registers anything", async () => {
    const tools = toolsDirectory(mkdtempSync(join(workDir, 'bin-')));

    const step = await runKubeconfigStep({ PATH: `${tools}:/usr/bin:/bin` });

    expect(step).toEqual({ error: expect.stringMatching(/^incluster-kubeconfig: error NOT_IN_CLUSTER: /) });
  });

  it('without the CLI and without a rendered file, says how to get either', async () => {
    const step = await runKubeconfigStep({ PATH: '/usr/bin:/bin' });

    expect(step).toEqual({ error: expect.stringContaining(`incluster-kubeconfig is not on PATH: install it in the image (npm install --global @incluster/cli), or render the kubeconfig in an init container and set ${RENDERED_FILE_VARIABLE}`) });
  });

  it('gives the provider that kubeconfig and its context, and deploys only where the Role allows', () => {
    const program = readFileSync(join(PYTHON_EXAMPLE_DIR, '__main__.py'), 'utf8');

    expect(program).toMatch(/k8s\.Provider\(\s*"in-cluster",\s*kubeconfig=pod_kubeconfig\(\),\s*context=CONTEXT,\s*\)/);
    expect(program).toContain(`TARGET_NAMESPACE = "${the('Role').metadata.namespace}"`);
  });
});

/** The RBAC subject that names a ServiceAccount. */
function subjectFor(account: ManifestObject): object {
  return { kind: 'ServiceAccount', name: account.metadata.name, namespace: account.metadata.namespace };
}

function containersOf(object: ManifestObject): Container[] {
  const pod = podSpecOf(object);
  return [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])];
}

/** How a Pod's init container hands the kubeconfig to the program's container. */
interface KubeconfigHandOff {
  readonly init: Container;
  /** What the init container passes to incluster-kubeconfig. */
  readonly renderArguments: readonly string[];
  readonly outputFile: string;
  /** The volume the file is written to. */
  readonly volume: string;
  readonly initMount: { readonly name: string; readonly mountPath: string };
  readonly programMount: { readonly mountPath: string; readonly readOnly?: boolean };
  /** The path the program is told to read, in its own container. */
  readonly programReads: string;
}

function kubeconfigHandOff(object: ManifestObject): KubeconfigHandOff {
  const pod = podSpecOf(object)!;
  const inits = (pod.initContainers ?? []).filter((container) => cliArgumentsOf(container) !== undefined);
  const init = must(inits.length === 1 ? inits[0] : undefined, `${object.file}: one init container runs incluster-kubeconfig`);
  const renderArguments = cliArgumentsOf(init)!;
  const flagAt = renderArguments.indexOf('--output-file');
  const outputFile = must(flagAt === -1 ? undefined : renderArguments[flagAt + 1], `${object.file}: the init container passes --output-file <path>`);
  const initMount = must(
    init.volumeMounts?.find(({ mountPath }) => outputFile.startsWith(`${mountPath}/`)),
    `${object.file}: the init container mounts a volume that holds ${outputFile}`,
  );
  const program = must(pod.containers?.find(({ name }) => name === 'pulumi'), `${object.file}: a container named pulumi`);
  const programMount = must(program.volumeMounts?.find(({ name }) => name === initMount.name), `${object.file}: the pulumi container mounts ${initMount.name}`);
  const programReads = must(
    [...(program.env ?? []), ...workspaceEnvOf(object)].find(({ name }) => name === RENDERED_FILE_VARIABLE)?.value,
    `${object.file}: the pulumi container has ${RENDERED_FILE_VARIABLE}`,
  );
  return { init, renderArguments, outputFile, volume: initMount.name, initMount, programMount, programReads };
}

function must<T>(value: T | undefined, expectation: string): T {
  if (value === undefined) {
    throw new Error(`expected ${expectation}`);
  }
  return value;
}
