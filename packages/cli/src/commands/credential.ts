import { nodeFileReader, readServiceAccountToken, serviceAccountPaths } from '@incluster/core';
import { type Command, Option } from 'commander';
import { warningLine } from '../errors';
import { rfc3339Seconds } from '../time';
import { credentialExpiry, execCredential, requestedApiVersion } from '../exec-credential-output';
import { addExamples } from '../help-text';
import { type CliIo, currentTime } from '../io';
import { decodeJwtClaims, jwtExpiry } from '../jwt';
import { pathFlag, withPathFlag } from '../path-flag';
import { nonEmptyPath } from './non-empty-path';
import { serviceAccountDirOption } from './service-account-dir-option';

export interface CredentialFlags {
  readonly tokenFile?: string;
  readonly serviceAccountDir?: string;
}

/** `credential`: an exec credential plugin in Node, for images that have Node but no shell. */
export function addCredentialCommand(program: Command, io: CliIo): Command {
  const command = program
    .command('credential')
    .summary('print an ExecCredential with the current token: an exec plugin that needs no shell')
    .description(
      'An exec credential plugin for clients that ignore tokenFile, for images with Node but no shell. It reads the ' +
        'token file at each call (KUBERNETES_SERVICE_HOST is not needed) and prints an ExecCredential, in ' +
        'client.authentication.k8s.io/v1 or in the v1beta1 that KUBERNETES_EXEC_INFO may ask for, that expires within ' +
        "60 s and never after the token does. Use it from a kubeconfig's user entry, naming node and the script by " +
        'absolute path, since a plugin runs without a shell:\n' +
        '\n' +
        '    users:\n' +
        '    - name: incluster\n' +
        '      user:\n' +
        '        exec:\n' +
        '          apiVersion: client.authentication.k8s.io/v1\n' +
        '          command: /usr/local/bin/node\n' +
        '          args:\n' +
        '          - /app/node_modules/@incluster/cli/bin/incluster-kubeconfig.js\n' +
        '          - credential\n' +
        '          - --token-file\n' +
        '          - /var/run/secrets/kubernetes.io/serviceaccount/token\n' +
        '          interactiveMode: Never',
    )
    .addOption(new Option('--token-file <path>', 'the token to hand out (default: token in the service-account directory)').argParser(nonEmptyPath))
    .addOption(serviceAccountDirOption('the token, when --token-file is not given'))
    .action((flags: CredentialFlags) => printCredential(flags, io));
  return addExamples(command, [
    { description: "The credential for this Pod's service account", command: 'incluster-kubeconfig credential' },
    { description: 'The credential for a token mounted elsewhere', command: 'incluster-kubeconfig credential --token-file /var/run/secrets/tokens/vault-token' },
  ]);
}

export function printCredential(flags: CredentialFlags, io: CliIo): void {
  // The version is checked before the token is read: a plugin that cannot answer should not touch the secret.
  const apiVersion = requestedApiVersion(io.env.KUBERNETES_EXEC_INFO);
  const token = withPathFlag(pathFlag(flags), () => {
    if (flags.tokenFile !== undefined) {
      return readServiceAccountToken(nodeFileReader, flags.tokenFile, 'option');
    }
    const paths = serviceAccountPaths(io.env, flags.serviceAccountDir);
    return readServiceAccountToken(nodeFileReader, paths.tokenPath, paths.origin);
  });
  const now = currentTime(io);
  const tokenExpiry = jwtExpiry(decodeJwtClaims(token));
  if (tokenExpiry !== undefined && tokenExpiry <= now) {
    // Still printed: the client's request then fails with the API server's own 401, which is where users look.
    io.stderr(warningLine(`the token in the token file expired at ${rfc3339Seconds(tokenExpiry)}: the API server will refuse it.`));
  }
  io.stdout(`${JSON.stringify(execCredential(apiVersion, token, credentialExpiry(now, tokenExpiry)))}\n`);
}
