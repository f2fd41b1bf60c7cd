import { Scalar, type ScalarTag, Schema } from 'yaml';

/**
 * The YAML 1.1 readers that kubeconfigs meet, as tags for the `yaml` library's `compat` option: a plain scalar that
 * any of them would resolve as something other than a string is quoted.
 *
 * - client-go (kubectl, helm, the Pulumi provider) converts YAML to JSON with sigs.k8s.io/yaml, which is go-yaml v2;
 *   a string field that gets a boolean or a number fails the whole load.
 * - The official Python client reads with PyYAML's safe_load.
 *
 * Both are YAML 1.1, so the library's own yaml-1.1 schema comes first: booleans (y, n, yes, no, on, off in every
 * case), null (~), binary, octal, hex and sexagesimal numbers, `1_000`, `.inf`, timestamps, `<<`. The tags after it
 * are what the two readers resolve beyond that schema, read from their sources (go-yaml v2 `resolve.go`, PyYAML
 * `resolver.py`) and checked by the property suite, which loads every rendered kubeconfig in both.
 */
const GO_YAML_V2_AND_PYYAML: readonly ScalarTag[] = [
  // go-yaml v2 removes every "_" and hands the rest to Go's strconv.ParseInt(s, 0, 64), which also takes 0o, 0O,
  // 0X and 0B prefixes, and a sign before any of them: `0O17`, `+_1`, `0_x1F`. It also reads `0b` + a signed number.
  resolvedAs('int', /^(?:[-+]_*)?(?:0_*[bB]_*[01][01_]*|0_*[oO]_*[0-7][0-7_]*|0_*[xX]_*[0-9a-fA-F][0-9a-fA-F_]*|0[0-7_]*|[1-9][0-9_]*|0_*b_*[-+]_*[01][01_]*)$/),
  // go-yaml v2's float pattern, matched after removing every "_": `1.5e_3`, `+_.5`, `1_0e1_0`.
  resolvedAs('float', /^(?:[-+]_*)?(?:\._*[0-9][0-9_]*|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE]_*[-+]?_*[0-9][0-9_]*)?$/),
  // A scalar that starts with "." goes to strconv.ParseFloat as it is, which takes "_" between digits: `.5e1_0`.
  resolvedAs('float', /^\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?$/),
  // PyYAML's timestamp, whose fraction may be a bare ".": `2001-12-14 21:59:43.`.
  resolvedAs(
    'timestamp',
    /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/,
  ),
  // PyYAML resolves a plain `=` to the YAML 1.1 value type, which safe_load cannot construct: the load fails.
  resolvedAs('value', /^=$/),
];

/** The `compat` tags for `stringify`: plain scalars are left plain only where every one of these reads a string. */
export const YAML_1_1_READERS: readonly ScalarTag[] = [
  ...(new Schema({ schema: 'yaml-1.1' }).tags as ScalarTag[]),
  ...GO_YAML_V2_AND_PYYAML,
];

function resolvedAs(type: string, test: RegExp): ScalarTag {
  return { tag: `tag:yaml.org,2002:${type}`, default: true, test, resolve: (text: string) => new Scalar(text) };
}
