import { CLIENT_NODE_OUTCOME } from './client-node-support';
import { HELM_OUTCOME } from './helm-support';
import type { AuthenticationOutcome, RotationOutcome } from './outcomes';
import { ALL_CREDENTIAL_MODES, type CredentialMode } from './producer';
import { PYTHON_CLIENT_ROTATION_OUTCOME } from './python-client-rotation';
import { PYTHON_CLIENT_OUTCOME, PYTHON_CLIENT_VERSION } from './python-client-support';
import { KUBECTL_OUTCOME } from './real-kubectl';
import { KUBECTL_ROTATION_OUTCOME } from './rotation';

/** Where the conformance sections live, as docs/credentials.md links to them. */
const SECTIONS = '../packages/testkit/src/conformance';

interface MeasuredClient {
  readonly name: string;
  readonly authentication: { readonly outcome: Readonly<Record<CredentialMode, AuthenticationOutcome>>; readonly measuredBy: string };
  readonly rotation?: { readonly outcome: Readonly<Record<CredentialMode, RotationOutcome>>; readonly measuredBy: string };
}

const MEASURED_CLIENTS: readonly MeasuredClient[] = [
  {
    name: 'kubectl (client-go)',
    authentication: { outcome: KUBECTL_OUTCOME, measuredBy: 'real-kubectl.ts' },
    rotation: { outcome: KUBECTL_ROTATION_OUTCOME, measuredBy: 'rotation.ts' },
  },
  {
    name: 'helm (client-go)',
    authentication: { outcome: HELM_OUTCOME, measuredBy: 'helm-support.ts' },
  },
  {
    name: '@kubernetes/client-node 1.4',
    authentication: { outcome: CLIENT_NODE_OUTCOME, measuredBy: 'client-node-support.ts' },
  },
  {
    name: `the official Python client ${PYTHON_CLIENT_VERSION} (Debian's python3-kubernetes)`,
    authentication: { outcome: PYTHON_CLIENT_OUTCOME, measuredBy: 'python-client-support.ts' },
    rotation: { outcome: PYTHON_CLIENT_ROTATION_OUTCOME, measuredBy: 'python-client-rotation.ts' },
  },
];

const link = (text: string, section: string) => `[${text}](${SECTIONS}/${section})`;

function cell(client: MeasuredClient, mode: CredentialMode): string {
  const { authentication, rotation } = client;
  if (authentication.outcome[mode] !== 'authenticated') {
    return `❌ ${link(authentication.outcome[mode], authentication.measuredBy)}`;
  }
  const authenticates = `✅ ${link('authenticates', authentication.measuredBy)}`;
  if (rotation === undefined) {
    return `${authenticates}; rotation not measured`;
  }
  return rotation.outcome[mode] === 'survives rotation'
    ? `${authenticates}, ✅ ${link('survives rotation', rotation.measuredBy)}`
    : `${authenticates}, ❌ ${link('HTTP 401 after rotation', rotation.measuredBy)}`;
}

/**
 * The table of docs/credentials.md: which client authenticates in which credential mode, and which keeps working
 * when the token rotates under a long-lived process, each cell rendered from the outcome table that the conformance
 * suite asserts and linked to the section that measures it. A test keeps the document equal to it.
 */
export function credentialSupportTable(): string {
  const header = `| client | ${ALL_CREDENTIAL_MODES.map((mode) => `\`${mode}\``).join(' | ')} |`;
  const divider = `|---|${ALL_CREDENTIAL_MODES.map(() => '---').join('|')}|`;
  const rows = MEASURED_CLIENTS.map((client) => `| ${client.name} | ${ALL_CREDENTIAL_MODES.map((mode) => cell(client, mode)).join(' | ')} |`);
  return [header, divider, ...rows].join('\n');
}
