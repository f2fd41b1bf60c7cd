import { join } from 'node:path';
import { EXAMPLES_DIR, PYTHON, runProcess } from './repository';

export const PYTHON_EXAMPLE_DIR = join(EXAMPLES_DIR, 'pulumi-python');

/** What the example's kubeconfig step gave: the kubeconfig and the context it names to the provider, or its error. */
export type KubeconfigStepOutcome = { readonly kubeconfig: string; readonly context: string } | { readonly error: string };

/**
 * Runs the Python example's kubeconfig step, `incluster_kubeconfig.pod_kubeconfig()`, with /usr/bin/python3 and only the
 * given environment, as the program would at its start. Pulumi is not needed: the step is its own module.
 */
export async function runKubeconfigStep(env: Record<string, string>): Promise<KubeconfigStepOutcome> {
  const program = [
    'import json, sys',
    'sys.path.insert(0, sys.argv[1])',
    'import incluster_kubeconfig as example',
    'try:',
    '    print(json.dumps({"kubeconfig": example.pod_kubeconfig(), "context": example.CONTEXT}))',
    'except example.InClusterKubeconfigError as error:',
    '    print(json.dumps({"error": str(error)}))',
  ].join('\n');
  // No bytecode: the example directory stays as committed.
  const result = await runProcess(PYTHON, ['-c', program, PYTHON_EXAMPLE_DIR], { env: { PYTHONDONTWRITEBYTECODE: '1', ...env } });
  if (result.code !== 0) {
    throw new Error(`the Python example's kubeconfig step crashed (exit ${result.code}): ${result.stderr.trim()}`);
  }
  return JSON.parse(result.stdout) as KubeconfigStepOutcome;
}
