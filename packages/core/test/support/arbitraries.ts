/**
 * Generators for the property suites: Pods and options that are valid by construction, or hostile on purpose, with
 * what the kubeconfig must then be, worked out here from the parts that were generated (never by the code under
 * test). Most cases are valid, so most reach the serializer; the hostile ones say which code must refuse them.
 */
import * as fc from 'fast-check';
import { CREDENTIAL_MODES, type CredentialMode, EXEC_CREDENTIAL_SCRIPT, type InClusterErrorCode, type Kubeconfig, type PodEnvironment, type RenderOptions } from '../../src';

/** A field built to be refused: with which code, and what the message must name. */
export interface Refusal {
  readonly field: string;
  readonly code: InClusterErrorCode;
  readonly mentions: string;
}

export interface GeneratedCase {
  readonly pod: PodEnvironment;
  readonly options: RenderOptions;
  /** The refusals the case was built to meet; empty when every field that counts is valid by construction. */
  readonly refusals: readonly Refusal[];
  /** Some field that counts was left to chance: the case may render or be refused. */
  readonly uncertain: boolean;
  /** The kubeconfig the case must render, when it has no refusal and nothing left to chance. */
  readonly expected?: Kubeconfig;
  /** How client-go's REST client must read the server URL, worked out from the generated parts. */
  readonly expectedServer?: { readonly scheme: string; readonly host: string; readonly path: string };
}


/** The words a YAML 1.1 reader takes for something other than a string, and the look-alikes around them. */
export const YAML_1_1_WORDS: readonly string[] = [
  ...['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off'].flatMap((word) => [word, word[0]!.toUpperCase() + word.slice(1), word.toUpperCase()]),
  ...['~', 'null', 'Null', 'NULL', '', 'nULL', 'yEs', 'oN'],
  ...['.inf', '-.inf', '+.inf', '.Inf', '.INF', '.nan', '.NaN', '.NAN', 'inf', 'nan', 'Infinity', '+Inf'],
  ...['<<', '=', '1_000', '1__0', '0b101', '-0b101', '0b-1', '0o17', '0O17', '-0o17', '0x1F', '0X1F', '+0x1f', '0x_', '017', '08', '0_b1', '+_1'],
  ...['1e3', '1E3', 'e5', '1.5', '1.', '.5', '-.5', '1_.5', '1.5e_3', '.5e1_0', '1_0e1_0', '+_.5', '0x1p-2', '1:20', '190:20:30', '1:20.5', '-1:20'],
  ...['2001-12-14', '2002-1-1', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10', '2001-12-14 21:59:43.', '2001-12-14T21:59:43Z'],
  ...['-', '?', ':', '---', '...', '%YAML', '@x', '`x', '!x', '!!str x', '&a', '*a', '|', '>', '#x', 'a #b', 'a: b', 'a:', '"x"', "'x'", '[a]', '{a: 1}', '- x', '? x'],
  ...['0', '1', '-1', '+1', '0.0', '123456789012345678901234567890', '1_000_000', '0x7FFFFFFFFFFFFFFF'],
];

/** Number-like text with signs, base prefixes, underscores, dots and exponents: where YAML 1.1 readers differ most. */
const numberLike: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', '+', '-', '.', '_'),
    fc.constantFrom('', '', '', '0b', '0B', '0o', '0O', '0x', '0X', '0_x', '0_b', '0'),
    fc.array(fc.constantFrom('0', '1', '7', '8', '9', 'a', 'F', '_', '_'), { minLength: 1, maxLength: 5 }),
    fc.constantFrom('', '', '.', '.5', '._5', '.5_'),
    fc.constantFrom('', '', 'e3', 'E+1', 'e-_1', 'e1_0', '_e2', 'e'),
    fc.constantFrom('', '', '', ':30', ':5', ':60'),
  )
  .map((parts) => parts.join(''));

/** Every line break of either dialect, the characters only YAML 1.1 or only 1.2 treats specially, and YAML syntax. */
const SPECIAL_CHARACTERS = [
  '\n', '\r', '\r\n', '\u0085', '\u2028', '\u2029', '\t', '\u000b', '\u000c', '\u0000', '\u0001', '\u001b', '\u007f', '\u0080', '\u009f',
  '\u00a0', '\ufeff', '\ufffe', '\uffff', '\u200b', '\u3000', ' ', '  ', '"', "'", '\\', '#', ': ', ':', '- ', '? ', '&', '*', '!', '|', '>', '%', '@', '`',
  '{', '}', '[', ']', ',', '---', '...', '\u{1f600}', '名', 'é', 'e\u0301',
];

/** Arbitrary Unicode (every plane, no unpaired surrogates), salted with the characters above and the YAML 1.1 words. */
export const hostileText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }) },
      { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_CHARACTERS) },
      { weight: 2, arbitrary: fc.constantFrom(...YAML_1_1_WORDS) },
      { weight: 1, arbitrary: numberLike },
    ),
    { maxLength: 5 },
  )
  .map((chunks) => chunks.join(''));

/** A lone half of a surrogate pair, somewhere in otherwise fine text. */
const withUnpairedSurrogate: fc.Arbitrary<string> = fc
  .tuple(hostileText, fc.integer({ min: 0xd800, max: 0xdfff }), hostileText)
  .map(([before, code, after]) => `${before}${String.fromCharCode(code)}${after}`)
  // A high half followed by a low half would pair up again.
  .filter((text) => /[\u{D800}-\u{DFFF}]/u.test(text));

// ---------------------------------------------------------------------------------------------------------------
// Names: any text that is not blank. Blank is what String.prototype.trim removes (not U+0085, which it keeps).

const NOT_BLANK = fc.constantFrom('a', 'Z', '0', '-', '.', 'ü', '名', '\u{1f600}', '\u0085', '"', '#');

const validName: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...YAML_1_1_WORDS.filter((word) => word.trim() !== '')) },
  { weight: 1, arbitrary: numberLike },
  { weight: 4, arbitrary: fc.tuple(hostileText, NOT_BLANK, hostileText).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('team-a', 'prod', 'incluster', 'kind-kind', 'arn:aws:eks:eu-west-1:123456789012:cluster/prod') },
);

const blank = fc.array(fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\u2029', '\u3000', '\ufeff', '\u000b'), { maxLength: 3 }).map((c) => c.join(''));

// ---------------------------------------------------------------------------------------------------------------
// Namespaces: every shape of DNS-1123 label the API allows, the YAML 1.1 words among them first.

const LABEL_WORDS = YAML_1_1_WORDS.filter((word) => /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(word));

export const dnsLabel: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...LABEL_WORDS, 'default', 'kube-system', 'team-a', 'a', '0', '0-0', 'e2e', '1e-3', '0x1f-0') },
  { weight: 1, arbitrary: numberLike.map((text) => text.toLowerCase().replace(/[^a-z0-9-]/g, '')).filter((text) => /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(text)) },
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9][-a-z0-9]{61}[a-z0-9]$/) },
);

const notALabel = fc.oneof(
  fc.constantFrom('', 'No', 'ON', 'team_a', '-a', 'a-', 'a.b', 'a'.repeat(64), ' no', 'no\n'),
  fc.tuple(dnsLabel, fc.constantFrom('A', '_', '.', ' ', '\u2028', 'ü')).map(([label, bad]) => `${label}${bad}`),
  withUnpairedSurrogate,
);

// ---------------------------------------------------------------------------------------------------------------
// Hosts and URLs, with the server URL client-go must read from them.

interface Address {
  readonly host: string;
  /** The host as it appears in a URL: IPv6 in brackets. */
  readonly urlHost: string;
}

const HOST_WORDS = ['no', 'on', 'y', 'n', 'yes', 'off', 'true', 'null', '1e3', '0x1f', 'localhost', 'kubernetes.default.svc', 'kubernetes.default.svc.'];

const address: fc.Arbitrary<Address> = fc.oneof(
  fc.ipV4().map((host) => ({ host, urlHost: host })),
  fc.ipV6().map((host) => ({ host, urlHost: `[${host}]` })),
  fc.oneof(fc.domain(), fc.constantFrom(...HOST_WORDS)).map((host) => ({ host, urlHost: host })),
);

const port = fc.integer({ min: 1, max: 65535 });

/** A URL path of percent-encoded Unicode and raw unreserved characters; client-go reads it back decoded. */
const urlPath = fc.array(fc.oneof(hostileText.map(encodeURIComponent), fc.stringMatching(/^[A-Za-z0-9._~-]{1,8}$/), fc.constantFrom('no', 'on', '1_000')), { maxLength: 3 });

interface Url {
  readonly text: string;
  readonly parsed: { readonly scheme: string; readonly host: string; readonly path: string };
}

const url = (schemes: readonly string[]): fc.Arbitrary<Url> =>
  fc.tuple(fc.constantFrom(...schemes), address, fc.option(port, { nil: undefined }), urlPath).map(([scheme, { urlHost }, urlPort, segments]) => {
    const hostPart = urlPort === undefined ? urlHost : `${urlHost}:${urlPort}`;
    const path = segments.length ? `/${segments.join('/')}` : '';
    return { text: `${scheme}://${hostPart}${path}`, parsed: { scheme, host: hostPart, path: path && decodeURIComponent(path) } };
  });

/** Strings that are no URL of the given schemes, each for a reason built in. */
const notAUrl = (schemes: readonly string[]): fc.Arbitrary<Url> =>
  fc.oneof(
    url(schemes).map(({ text }) => `${text}${' '}x`),
    url(schemes).chain(({ text }) => fc.constantFrom('\n', '\t', '\u2028', '\u0085', '\u0000', '\\', '%zz', '%').map((bad) => `${text}/${bad}`)),
    url(['ftp', 'file', ...(schemes.includes('http') ? [] : ['http'])]).map(({ text }) => text),
    hostileText.map((text) => `no-scheme${text}`),
    url(schemes).chain(({ text }) => withUnpairedSurrogate.map((bad) => `${text}/${bad}`)),
  ).map((text) => ({ text, parsed: { scheme: '', host: '', path: '' } }));

const tlsServerName = fc.oneof(fc.domain(), fc.ipV4(), fc.constantFrom(...HOST_WORDS));
const notATlsServerName = fc.oneof(
  fc.constantFrom('', 'has space', 'host/path', 'host:443', 'ü.example', 'a\u2028b', 'a\tb'),
  fc.tuple(fc.domain(), fc.constantFrom(' ', '/', ':', 'é', '\u0000', '\u{1f600}')).map(([name, bad]) => `${name}${bad}`),
);

// ---------------------------------------------------------------------------------------------------------------
// Paths: absolute, of file names made of any character but "/" and NUL.

const fileName = hostileText
  .map((name) => name.replace(/[/\0]/g, '_'))
  .filter((name) => name !== '' && name !== '.' && name !== '..');

const absoluteDir = fc.array(fc.oneof(fileName, fc.constantFrom('var', 'run', 'secrets', 'no', 'on', '1_000')), { minLength: 1, maxLength: 4 }).map((names) => `/${names.join('/')}`);

const notAnAbsolutePath = fc.oneof(
  fileName.map((name) => `relative/${name}`),
  absoluteDir.map((dir) => `${dir}/a\0b`),
  absoluteDir.chain((dir) => withUnpairedSurrogate.map((bad) => `${dir}/${bad.replace(/\//g, '_')}`)),
);

// ---------------------------------------------------------------------------------------------------------------

const JWT = fc.stringMatching(/^[A-Za-z0-9_-]{10,40}\.[A-Za-z0-9_-]{10,60}\.[A-Za-z0-9_-]{10,40}$/);
const PEM = fc.string({ unit: 'binary', maxLength: 40 }).map((body) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`);

const maybe = <T>(arbitrary: fc.Arbitrary<T>, presentWeight = 1) =>
  fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: presentWeight, arbitrary: arbitrary });

/** The values of one case. */
interface Values {
  address: Address;
  port: number;
  serviceAccountDir: string;
  podNamespace: string;
  token: string | undefined;
  certificateAuthorityData: string | undefined;
  credential: string;
  clusterName: string | undefined;
  userName: string | undefined;
  contextName: string | undefined;
  namespace: string | undefined;
  server: Url | undefined;
  embedCertificateAuthority: boolean | undefined;
  tlsServerName: string | undefined;
  proxyUrl: Url | undefined;
}

type Field = keyof Values;

/** Each input twice: valid by construction, and hostile on purpose. */
const FIELDS: { readonly [F in Field]: readonly [valid: fc.Arbitrary<Values[F]>, hostile: fc.Arbitrary<Values[F]>] } = {
  address: [address, hostileText.map((host) => ({ host: `${host} /`, urlHost: '' }))],
  port: [port, fc.constantFrom(0, 65536, 1.5, Number.NaN, -1)],
  serviceAccountDir: [absoluteDir, notAnAbsolutePath],
  podNamespace: [dnsLabel, notALabel],
  token: [fc.oneof({ weight: 20, arbitrary: JWT }, { weight: 3, arbitrary: hostileText }, { weight: 1, arbitrary: fc.constant(undefined) }), withUnpairedSurrogate],
  certificateAuthorityData: [fc.oneof({ weight: 20, arbitrary: PEM }, { weight: 1, arbitrary: fc.constant(undefined) }), PEM],
  credential: [fc.constantFrom(...CREDENTIAL_MODES), fc.constantFrom('password', 'Token-File', 'no')],
  clusterName: [maybe(validName, 3), fc.oneof(blank, withUnpairedSurrogate)],
  userName: [maybe(validName, 3), fc.oneof(blank, withUnpairedSurrogate)],
  contextName: [maybe(validName, 3), fc.oneof(blank, withUnpairedSurrogate)],
  namespace: [maybe(dnsLabel), notALabel],
  server: [maybe(url(['https']), 2), notAUrl(['https'])],
  embedCertificateAuthority: [maybe(fc.boolean(), 2), fc.constant(true)],
  tlsServerName: [maybe(tlsServerName), notATlsServerName],
  proxyUrl: [maybe(url(['http', 'https', 'socks5'])), notAUrl(['http', 'https', 'socks5'])],
};

const FIELD_NAMES = Object.keys(FIELDS) as Field[];

const bothKinds = (kind: 0 | 1) => fc.record(Object.fromEntries(FIELD_NAMES.map((field) => [field, FIELDS[field][kind]])) as { [F in Field]: fc.Arbitrary<Values[F]> });

/** A field of pure chance: whatever it holds, the case must give a typed refusal or a faithful kubeconfig. */
const CHANCE_FIELDS = ['server', 'proxyUrl', 'tlsServerName', 'clusterName', 'namespace'] as const;

/** One Pod and one set of options, with what they must give. */
export const generatedCase: fc.Arbitrary<GeneratedCase> = fc
  .record({
    valid: bothKinds(0),
    hostile: bothKinds(1),
    // No hostile field in most cases, so that most reach the serializer; one or two in the others.
    hostileFields: fc.oneof({ weight: 17, arbitrary: fc.constant<Field[]>([]) }, { weight: 3, arbitrary: fc.subarray(FIELD_NAMES, { minLength: 1, maxLength: 2 }) }),
    chance: fc.oneof(
      { weight: 30, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.record({ field: fc.constantFrom(...CHANCE_FIELDS), value: fc.oneof(hostileText, fc.string({ unit: 'binary' })) }) },
    ),
  })
  .map(({ valid, hostile, hostileFields, chance }): GeneratedCase => {
    const v = Object.fromEntries(FIELD_NAMES.map((field) => [field, hostileFields.includes(field) ? hostile[field] : valid[field]])) as unknown as Values;
    const isHostile = (field: Field) => hostileFields.includes(field) && chance?.field !== field;
    const dir = v.serviceAccountDir;
    const tokenPath = `${dir}/token`;
    const certificateAuthorityPath = `${dir}/ca.crt`;
    const pod: PodEnvironment = {
      host: v.address.host,
      port: v.port,
      serviceAccountDir: dir,
      tokenPath,
      certificateAuthorityPath,
      namespace: v.podNamespace,
      namespaceSource: 'namespace-file',
      ...(v.token === undefined ? {} : { token: v.token }),
      ...(v.certificateAuthorityData === undefined ? {} : { certificateAuthorityData: v.certificateAuthorityData }),
    };
    const credential = v.credential as CredentialMode;
    const embed = v.embedCertificateAuthority === true;
    const options: Record<string, unknown> = {
      credential,
      clusterName: v.clusterName,
      userName: v.userName,
      contextName: v.contextName,
      namespace: v.namespace,
      server: v.server?.text,
      embedCertificateAuthority: v.embedCertificateAuthority,
      tlsServerName: v.tlsServerName,
      proxyUrl: v.proxyUrl?.text,
      ...(chance ? { [chance.field]: chance.value } : {}),
    };
    for (const key of Object.keys(options)) {
      if (options[key] === undefined) {
        delete options[key];
      }
    }

    const refusals: Refusal[] = [];
    const refuse = (field: Field, code: InClusterErrorCode, mentions: string = field) => {
      if (isHostile(field)) {
        refusals.push({ field, code, mentions });
      }
    };
    // The Pod's address and namespace count only when no option replaces them.
    if (options.server === undefined) {
      refuse('address', 'INVALID_ENVIRONMENT', 'KUBERNETES_SERVICE_HOST');
      refuse('port', 'INVALID_ENVIRONMENT', 'KUBERNETES_SERVICE_PORT');
    }
    if (options.namespace === undefined) {
      refuse('podNamespace', 'INVALID_NAMESPACE', 'the Pod environment');
    }
    refuse('serviceAccountDir', 'INVALID_OPTION', 'tokenPath');
    refuse('credential', 'INVALID_OPTION', 'credential');
    refuse('clusterName', 'INVALID_OPTION');
    refuse('userName', 'INVALID_OPTION');
    refuse('contextName', 'INVALID_OPTION');
    refuse('namespace', 'INVALID_OPTION', 'namespace option');
    refuse('server', 'INVALID_OPTION');
    refuse('tlsServerName', 'INVALID_OPTION');
    refuse('proxyUrl', 'INVALID_OPTION');
    if (credential === 'embedded') {
      refuse('token', 'INVALID_OPTION', 'token');
      if (v.token === undefined) {
        refusals.push({ field: 'token', code: 'INVALID_OPTION', mentions: 'readToken: true' });
      } else if (v.token.trim() === '' && !isHostile('token')) {
        refusals.push({ field: 'token', code: 'EMPTY_TOKEN', mentions: 'the token is empty' });
      }
    }
    if (embed && v.certificateAuthorityData === undefined) {
      refusals.push({ field: 'certificateAuthorityData', code: 'INVALID_OPTION', mentions: 'readCertificateAuthority: true' });
    }

    const uncertain = chance !== undefined;
    if (refusals.length > 0 || uncertain) {
      return { pod, options: options as RenderOptions, refusals, uncertain };
    }
    const clusterName = v.clusterName ?? 'incluster';
    const userName = v.userName ?? 'incluster';
    const contextName = v.contextName ?? 'incluster';
    const defaultServer = { scheme: 'https', host: `${v.address.urlHost}:${v.port}`, path: '' };
    const expected = {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: clusterName,
          cluster: {
            server: v.server?.text ?? `https://${defaultServer.host}`,
            ...(embed
              ? { 'certificate-authority-data': Buffer.from(v.certificateAuthorityData!, 'utf8').toString('base64') }
              : { 'certificate-authority': certificateAuthorityPath }),
            ...(v.tlsServerName === undefined ? {} : { 'tls-server-name': v.tlsServerName }),
            ...(v.proxyUrl === undefined ? {} : { 'proxy-url': v.proxyUrl.text }),
          },
        },
      ],
      users: [{ name: userName, user: expectedUser(credential, tokenPath, v.token) }],
      contexts: [{ name: contextName, context: { cluster: clusterName, user: userName, namespace: v.namespace ?? v.podNamespace } }],
      'current-context': contextName,
    } as Kubeconfig;
    return { pod, options: options as RenderOptions, refusals, uncertain, expected, expectedServer: v.server?.parsed ?? defaultServer };
  });

const EXEC = (tokenPath: string) => ({
  apiVersion: 'client.authentication.k8s.io/v1',
  command: '/bin/sh',
  args: ['-c', EXEC_CREDENTIAL_SCRIPT, 'incluster-exec-credential', tokenPath],
  interactiveMode: 'Never',
  provideClusterInfo: false,
  installHint: "incluster's exec credential runs /bin/sh. In an image without a shell, use the token-file credential instead.",
});

function expectedUser(credential: CredentialMode, tokenPath: string, token: string | undefined): Kubeconfig['users'][number]['user'] {
  switch (credential) {
    case 'token-file':
      return { tokenFile: tokenPath };
    case 'exec':
      return { exec: EXEC(tokenPath) } as Kubeconfig['users'][number]['user'];
    case 'token-file+exec':
      return { tokenFile: tokenPath, exec: EXEC(tokenPath) } as Kubeconfig['users'][number]['user'];
    case 'embedded':
      return { token: token! };
  }
}
