import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createProgram } from '../src';
import { type Container, type ManifestObject, cliArgumentsOf, loadManifests, podSpecOf, pythonRenderArgumentsOf } from './support/manifests';
import { EXAMPLES_DIR, REPOSITORY_ROOT } from './support/repository';

// The examples are what people copy. A real cluster cannot run here, so the manifests are parsed and checked for what
// they rely on, and every incluster-kubeconfig flag in them must exist in the CLI. The Python examples (the Pulumi
// program, and kubectl-job.yaml's python -m incluster init container) are run by packages/python's tests.

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

describe('examples/kubernetes', () => {
  it('holds a service account with its RBAC, two Jobs and an operator Stack', () => {
    expect(manifests.map(({ file, apiVersion, kind, metadata }) => `${file}: ${apiVersion} ${kind} ${metadata.namespace ?? '(cluster)'}/${metadata.name}`)).toEqual([
      'job.yaml: batch/v1 Job pulumi/pulumi-up',
      'kubectl-job.yaml: batch/v1 Job pulumi/list-configmaps',
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
    { file: 'job.yaml', kind: 'Job', name: 'pulumi-up' },
    { file: 'kubectl-job.yaml', kind: 'Job', name: 'list-configmaps' },
    { file: 'pulumi-operator-stack.yaml', kind: 'Stack', name: 'incluster-pulumi-python' },
  ])('$file', ({ kind, name }) => {
    const object = () => the(kind, name);
    const pod = () => podSpecOf(object());

    it("runs as the service account, in the service account's namespace, with its token mounted", () => {
      const runsAs = kind === 'Stack' ? object().spec.serviceAccountName : pod()?.serviceAccountName;
      expect({ namespace: object().metadata.namespace, serviceAccountName: runsAs }).toEqual({
        namespace: serviceAccount.metadata.namespace,
        serviceAccountName: serviceAccount.metadata.name,
      });
      expect(pod()?.automountServiceAccountToken).not.toBe(false);
    });
  });

  it('passes incluster-kubeconfig only commands and flags that the CLI has', () => {
    const program = createProgram({ env: {}, stdout: () => undefined, stderr: () => undefined });
    // python -m incluster promises incluster-kubeconfig render's flags: its invocations are held to them too.
    const invocations = manifests.flatMap((object) => containersOf(object).flatMap((container) => {
      const cliArguments = cliArgumentsOf(container) ?? pythonRenderArgumentsOf(container);
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

/** The RBAC subject that names a ServiceAccount. */
function subjectFor(account: ManifestObject): object {
  return { kind: 'ServiceAccount', name: account.metadata.name, namespace: account.metadata.namespace };
}

function containersOf(object: ManifestObject): Container[] {
  const pod = podSpecOf(object);
  return [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])];
}
