import type { Command } from 'commander';
import { CliError } from '../errors';
import { checklistJson, formatChecklist } from '../doctor/check';
import { addExamples } from '../help-text';
import { type CliIo, currentTime } from '../io';
import { type ConnectionFlags, addConnectionOptions, connectionLoadOptions } from './connection-options';
import { serviceAccountDirOption } from './service-account-dir-option';

export interface DoctorFlags extends ConnectionFlags {
  readonly probe?: boolean;
  readonly json?: boolean;
  readonly serviceAccountDir?: string;
}

/** `doctor`: a checklist of the Pod environment, each problem with its fix; optionally a probe of the API server. */
export function addDoctorCommand(program: Command, io: CliIo): Command {
  const command = program
    .command('doctor')
    .summary('check the Pod environment, and with --probe the API server')
    .description(
      'Checks what a kubeconfig for this Pod depends on, and prints one line per check, with ✓ or ✗ and the fix: ' +
        'the API server address from KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT; the token (its sub, aud ' +
        'and exp claims, decoded without verifying; the token itself is never printed); ca.crt, judged as clients ' +
        'judge it: valid while at least one certificate in the bundle is, each listed with its subject and expiry, ' +
        'with a warning for any that has expired (as the old CA does during a CA rotation); the namespace and where ' +
        'it came from. --probe then calls the API server exactly as the kubeconfig that render writes with the same ' +
        '--credential, --server, --embed-ca, --tls-server-name and --proxy-url would: through its proxy, with its CA ' +
        'and server name, running its exec plugin if it has one; GET /version, and a SelfSubjectReview that shows ' +
        'whom the token authenticates as.',
    )
    .option('--probe', 'also call the API server: GET /version and POST a SelfSubjectReview (who am I)')
    .option('--json', 'print the checklist as JSON: {"ok": boolean, "checks": [{id, title, status, summary, details, warnings?, code?, hint?}]}')
    .addOption(serviceAccountDirOption('token, ca.crt and namespace'));
  // The kubeconfig the probe calls the API server with: render's own options, from the same definition.
  addConnectionOptions(command).action((flags: DoctorFlags) => doctor(flags, io));
  return addExamples(command, [
    { description: 'Check the Pod environment', command: 'incluster-kubeconfig doctor' },
    { description: 'Check it, then ask the API server who this Pod is', command: 'incluster-kubeconfig doctor --probe' },
    {
      description: 'Probe as the kubeconfig that render writes with the same --server and --tls-server-name would',
      command: 'incluster-kubeconfig doctor --probe --server https://kubernetes.default.svc:443 --tls-server-name kubernetes.default.svc',
    },
    { description: 'The failed checks, for a script', command: "incluster-kubeconfig doctor --json | jq '.checks[] | select(.status == \"fail\")'" },
  ]);
}

export async function doctor(flags: DoctorFlags, io: CliIo): Promise<void> {
  // The checks load when doctor runs, not with the binary: they need node:crypto, which alone takes longer to load
  // than a whole render, and every other command would pay for it (docs/performance.md).
  const { diagnose } = await import('../doctor/diagnose');
  const checks = await diagnose({
    env: io.env,
    now: currentTime(io),
    serviceAccountDir: flags.serviceAccountDir,
    probe: flags.probe,
    kubeconfig: connectionLoadOptions(flags),
  });
  io.stdout(flags.json ? checklistJson(checks) : formatChecklist(checks));
  const failed = checks.filter((check) => check.status === 'fail');
  if (failed.length > 0) {
    throw new CliError(failed[0].code ?? 'INTERNAL', `${failed.length} of ${checks.length} checks failed, the first: ${failed[0].title}: ${failed[0].summary}`);
  }
}
