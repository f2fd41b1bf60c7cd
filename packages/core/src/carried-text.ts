import { InClusterConfigError } from './errors';

/**
 * What a kubeconfig can carry to every client, and the refusals, named by option and character, for what it cannot.
 *
 * The serializer carries any Unicode text faithfully, escaping what a YAML 1.1 or 1.2 reader would read otherwise
 * (serialize.ts). What remains is refused here: an unpaired UTF-16 surrogate (UTF-8 cannot encode it; Go's decoder
 * turns it into U+FFFD), a NUL in a path (no file system can hold one), and in URLs and the TLS server name the
 * characters that client-go's parser refuses or that the WHATWG parser incluster validates with silently removes.
 */

/** A lone half of a surrogate pair: a JavaScript string can hold one, UTF-8 and therefore no kubeconfig can. */
const UNPAIRED_SURROGATE = /[\u{D800}-\u{DFFF}]/u;

/**
 * Characters no URL may hold raw: controls (Go's url.Parse refuses C0 and DEL; the WHATWG parser drops tabs and line
 * breaks), white space and line or paragraph separators, non-characters, and the backslash, which the WHATWG parser
 * reads as "/" for https and client-go's parser does not.
 */
const NOT_IN_A_URL = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\ufffe\uffff\\]/u;

/** A "%" that does not start a percent-encoded byte: Go's url.Parse refuses "invalid URL escape". */
const BAD_PERCENT_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

const CHARACTER_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00, 'NUL'],
  [0x09, 'a tab'],
  [0x0a, 'a line feed'],
  [0x0d, 'a carriage return'],
  [0x20, 'a space'],
  [0x5c, 'a backslash'],
  [0x85, 'NEXT LINE, a line break in YAML 1.1'],
  [0xa0, 'a no-break space'],
  [0x2028, 'LINE SEPARATOR, a line break in YAML 1.1'],
  [0x2029, 'PARAGRAPH SEPARATOR, a line break in YAML 1.1'],
  [0xfeff, 'a byte order mark'],
]);

/** `U+2028 (LINE SEPARATOR, a line break in YAML 1.1)`: a character as messages name it. */
export function describeCharacter(character: string): string {
  const code = character.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name =
    CHARACTER_NAMES.get(code) ??
    (code >= 0xd800 && code <= 0xdfff ? 'half of a UTF-16 surrogate pair without its other half' : undefined) ??
    (code < 0x20 || (code >= 0x7f && code <= 0x9f) ? 'a control character' : undefined) ??
    (/\s/u.test(character) ? 'white space' : undefined) ??
    (code === 0xfffe || code === 0xffff ? 'a Unicode non-character' : undefined);
  return name === undefined ? hex : `${hex} (${name})`;
}

/** Any text a kubeconfig can carry: everything but unpaired surrogates. `field` names the option in the message. */
export function requireCarriableText(field: string, value: string): string {
  const surrogate = UNPAIRED_SURROGATE.exec(value);
  if (surrogate) {
    throw refusal(field, surrogate, 'which UTF-8 cannot encode, so no kubeconfig can carry it: pass well-formed Unicode text.');
  }
  return value;
}

/** A file path: carriable text without NUL, which no file system path can hold. */
export function requireCarriablePath(field: string, value: string): string {
  requireCarriableText(field, value);
  const nul = /\0/.exec(value);
  if (nul) {
    throw refusal(field, nul, 'which no file path can hold.');
  }
  return value;
}

/** A URL as client-go parses it: printable, without white space or backslashes, every "%" starting an escape. */
export function requireCarriableUrl(field: string, value: string): string {
  requireCarriableText(field, value);
  const character = NOT_IN_A_URL.exec(value);
  if (character) {
    throw refusal(
      field,
      character,
      `which a URL cannot hold: percent-encode it (${encodeURIComponent(character[0])})${character[0] === '\\' ? ', or write "/" if a path separator was meant' : ''}.`,
    );
  }
  const percent = BAD_PERCENT_ESCAPE.exec(value);
  if (percent) {
    throw new InClusterConfigError(
      'INVALID_OPTION',
      `${field} has a "%" at index ${percent.index} that is not followed by two hex digits, which client-go refuses as an invalid URL escape: write a literal "%" as %25.`,
    );
  }
  return value;
}

/** A TLS server name is an ASCII host name: certificates name hosts in ASCII, international ones in their xn-- form. */
export function requireAsciiHostName(field: string, value: string): string {
  requireCarriableText(field, value);
  const character = /[^\u0021-\u007e]/u.exec(value);
  if (character) {
    throw refusal(field, character, 'which a TLS server name cannot hold: certificates name hosts in ASCII, so write an international name in its xn-- form.');
  }
  return value;
}

function refusal(field: string, match: RegExpExecArray, why: string): InClusterConfigError {
  return new InClusterConfigError('INVALID_OPTION', `${field} holds ${describeCharacter(match[0])} at index ${match.index}, ${why}`);
}
