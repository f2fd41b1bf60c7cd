import { Scalar, type ScalarTag, type Tags, type ToStringOptions, stringify } from 'yaml';
import { requireCarriableText } from './carried-text';
import type { Kubeconfig } from './kubeconfig';
import { YAML_1_1_READERS } from './yaml-1-1-readers';

/**
 * Characters that YAML 1.1 and 1.2 readers do not read alike when they appear raw: controls, DEL, the C1 range with
 * NEXT LINE (a line break in 1.1, not in 1.2), LINE and PARAGRAPH SEPARATOR (likewise), the byte order mark and
 * the non-characters U+FFFE and U+FFFF (not printable in 1.1, so go-yaml v2 and PyYAML refuse the file). Tab and
 * line feed are read alike, and stay as the library writes them.
 */
const READ_ALIKE_ONLY_ESCAPED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

/** Those of them that JSON.stringify, and so the library's double-quoted style, leaves raw. */
const LEFT_RAW_BY_JSON = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

const STRING_TAG = 'tag:yaml.org,2002:str';

const YAML_OPTIONS = {
  lineWidth: 0,
  aliasDuplicateObjects: false,
  indentSeq: false,
  compat: YAML_1_1_READERS as Tags,
  customTags: (tags: Tags) => tags.map((tag) => (typeof tag === 'object' && tag.tag === STRING_TAG ? carryEveryCharacter(tag as ScalarTag) : tag)),
  // A double-quoted scalar stays on one line, its line feeds escaped as \n: no line break is ever raw inside one.
  doubleQuotedMinMultiLineLength: Number.POSITIVE_INFINITY,
} satisfies ToStringOptions & Parameters<typeof stringify>[2];

/**
 * YAML that YAML 1.1 readers (client-go's go-yaml v2, the Python client's PyYAML) and YAML 1.2 readers (client-node,
 * the `yaml` library) all read back as the same object. Deterministic: the same kubeconfig always gives the same bytes.
 */
export function toYaml(kubeconfig: Kubeconfig): string {
  requireCarriableStrings(kubeconfig);
  return stringify(kubeconfig, YAML_OPTIONS);
}

/**
 * JSON, which every kubeconfig parser also accepts, and which client-go and PyYAML parse as YAML 1.1: the characters
 * that JSON allows raw but YAML 1.1 does not read alike are escaped. Deterministic like toYaml.
 */
export function toJson(kubeconfig: Kubeconfig): string {
  requireCarriableStrings(kubeconfig);
  return `${JSON.stringify(kubeconfig, null, 2).replace(LEFT_RAW_BY_JSON, unicodeEscape)}\n`;
}

/**
 * The library's string tag, which writes a string double-quoted, with \uXXXX escapes, when it holds a character that
 * the two dialects read differently raw, or where a tab would end up outside quotes in a place that one reader
 * misreads: inside a plain scalar, where PyYAML ends the scalar, or at the start of a block scalar's first line,
 * which go-yaml v2 takes for indentation ("found a tab character where an indentation space is expected").
 */
function carryEveryCharacter(library: ScalarTag): ScalarTag {
  return {
    ...library,
    stringify(item, ctx, onComment, onChompKeep) {
      const value = String(item.value);
      if (!READ_ALIKE_ONLY_ESCAPED.test(value)) {
        const text = library.stringify!(item, ctx, onComment, onChompKeep);
        const plain = !/^["'|>]/.test(text);
        const block = /^[|>]/.test(text);
        if (!(plain && value.includes('\t')) && !(block && /^\n*\t/.test(value))) {
          return text;
        }
      }
      // Inside double quotes a raw character and its escape mean the same, and the escapes are all ASCII.
      return library.stringify!({ ...item, type: Scalar.QUOTE_DOUBLE } as Scalar, ctx).replace(LEFT_RAW_BY_JSON, unicodeEscape);
    },
  };
}

function unicodeEscape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A hand-made Kubeconfig is held to what renderKubeconfig guarantees: text that UTF-8, and so every reader, carries. */
function requireCarriableStrings(value: unknown, path = 'the kubeconfig'): void {
  if (typeof value === 'string') {
    requireCarriableText(path, value);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      requireCarriableStrings(item, `${path}[${index}]`);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      requireCarriableStrings(item, path === 'the kubeconfig' ? key : `${path}.${key}`);
    }
  }
}
