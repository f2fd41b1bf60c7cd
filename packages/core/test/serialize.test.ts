import { type PodEnvironment, type RenderOptions, isInClusterConfigError, renderKubeconfig, toJson, toYaml } from '../src';

const pod: PodEnvironment = Object.freeze({
  host: '10.96.0.1',
  port: 443,
  serviceAccountDir: '/sa',
  tokenPath: '/sa/token',
  certificateAuthorityPath: '/sa/ca.crt',
  namespace: 'team-a',
  namespaceSource: 'namespace-file',
});

const yamlOf = (options: RenderOptions, values: Partial<PodEnvironment> = {}) => toYaml(renderKubeconfig({ ...pod, ...values }, options));

describe('toYaml, for YAML 1.1 readers (client-go, PyYAML) as well as YAML 1.2 ones', () => {
  it.each(['no', 'on', 'off', 'yes', 'y', 'n', 'true', 'null'])('quotes the namespace %j, a valid DNS label that YAML 1.1 reads as a boolean or null', (namespace) => {
    expect(yamlOf({}, { namespace })).toContain(`    namespace: "${namespace}"\n`);
  });

  it.each([
    ['booleans in every case', ['Y', 'N', 'Yes', 'NO', 'On', 'OFF', 'True', 'FALSE']],
    ['null', ['~', 'Null', 'NULL']],
    ['numbers, as YAML 1.1 and go-yaml v2 write them', ['1_000', '0b101', '0o17', '0O17', '0X1F', '+_1', '017', '1:20', '1e3', '.5', '1.5e_3', '.inf', '.NaN']],
    ['timestamps and the merge and value keys', ['2001-12-14', '2001-12-14 21:59:43.', '<<', '=']],
  ])('quotes names that are %s', (_what, names) => {
    for (const contextName of names) {
      expect(yamlOf({ contextName })).toContain(`current-context: "${contextName}"\n`);
    }
  });

  it('leaves plain what every reader reads as a string', () => {
    for (const contextName of ['team-a', 'nope', 'yes-please', 'on-call', '1st', '0x1p-2', 'Inf', 'NaN', 'a:b']) {
      expect(yamlOf({ contextName })).toContain(`current-context: ${contextName}\n`);
    }
  });

  it('escapes the line breaks of YAML 1.1 (NEXT LINE, LINE and PARAGRAPH SEPARATOR), controls and the byte order mark', () => {
    expect(yamlOf({ contextName: 'a\u2028b\u2029c\u0085d' })).toContain('current-context: "a\\u2028b\\u2029c\\u0085d"\n');
    expect(yamlOf({ contextName: 'x\u0080\u009f\u007f\ufeff\ufffe' })).toContain('current-context: "x\\u0080\\u009f\\u007f\\ufeff\\ufffe"\n');
    expect(yamlOf({ contextName: 'tab\tinside' })).toContain('current-context: "tab\\tinside"\n');
    // go-yaml v2 takes a tab that starts a block scalar for indentation, and refuses the file.
    expect(yamlOf({ contextName: '\tfirst\nsecond' })).toContain('current-context: "\\tfirst\\nsecond"\n');
    expect(yamlOf({ contextName: 'first\n\tsecond' })).toContain('current-context: |-\n  first\n  \tsecond\n');
  });

  it('writes a double-quoted string on one line, however long, and keeps block scalars for plain multi-line text', () => {
    // Spaces after the last line feed rule out a block scalar.
    const long = `${'a long line '.repeat(5)}\n${'and more '.repeat(5)}\n  `;
    expect(yamlOf({ contextName: long })).toMatch(/^current-context: "a long line .*\\nand more .*\\n {2}"\n/m);
    expect(yamlOf({ contextName: 'two\nlines' })).toContain('current-context: |-\n  two\n  lines\n');
  });

  it('writes the exec credential exactly as before: its script as a literal block', () => {
    const yaml = yamlOf({ credential: 'exec' });
    expect(yaml).toContain('      args:\n      - -c\n      - |\n        token_file=$1\n');
  });
});

describe('toJson', () => {
  it('escapes what JSON allows raw but YAML 1.1 readers, which client-go and PyYAML read JSON with, do not read alike', () => {
    expect(toJson(renderKubeconfig(pod, { contextName: 'a\u2028b\u0085c\u0080\ufeff' }))).toContain('"current-context": "a\\u2028b\\u0085c\\u0080\\ufeff"\n');
  });
});

describe('what no kubeconfig can carry is refused before anything is written, naming the option and the character', () => {
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return isInClusterConfigError(error) ? `${error.code}: ${error.message}` : `not an InClusterConfigError: ${error}`;
    }
    return 'no error';
  };

  it.each([
    [{ contextName: 'a\ud800b' }, /^INVALID_OPTION: contextName holds U\+D800 \(half of a UTF-16 surrogate pair without its other half\) at index 1, which UTF-8 cannot encode/],
    [{ server: 'https://api.example/a b' }, /^INVALID_OPTION: server holds U\+0020 \(a space\) at index 21, which a URL cannot hold: percent-encode it \(%20\)/],
    [{ server: 'https://api.example/\u2028' }, /^INVALID_OPTION: server holds U\+2028 \(LINE SEPARATOR, a line break in YAML 1.1\)/],
    [{ proxyUrl: 'http://proxy\\x' }, /^INVALID_OPTION: proxyUrl holds U\+005C \(a backslash\)/],
    [{ proxyUrl: 'http://proxy/100%' }, /^INVALID_OPTION: proxyUrl has a "%" at index 16 that is not followed by two hex digits/],
    [{ tlsServerName: 'bücher.example' }, /^INVALID_OPTION: tlsServerName holds U\+00FC at index 1, .* write an international name in its xn-- form/],
  ])('%j', (options, message) => {
    expect(refusal(() => renderKubeconfig(pod, options as RenderOptions))).toMatch(message);
  });

  it('refuses a path with NUL, and an empty embedded token, from a hand-made PodEnvironment', () => {
    expect(refusal(() => renderKubeconfig({ ...pod, tokenPath: '/sa/to\0ken' }))).toMatch(/^INVALID_OPTION: tokenPath holds U\+0000 \(NUL\) at index 6, which no file path can hold/);
    expect(refusal(() => renderKubeconfig({ ...pod, token: ' ' }, { credential: 'embedded' }))).toMatch(/^EMPTY_TOKEN: /);
  });

  it('holds a hand-made Kubeconfig to the same rule', () => {
    const kubeconfig = renderKubeconfig(pod);
    const broken = { ...kubeconfig, 'current-context': '\udc00' };
    expect(refusal(() => toYaml(broken))).toMatch(/^INVALID_OPTION: current-context holds U\+DC00/);
    expect(refusal(() => toJson(broken))).toMatch(/^INVALID_OPTION: current-context holds U\+DC00/);
  });
});
