"""to_yaml and to_json for YAML 1.1 readers (client-go's go-yaml v2, PyYAML) as well as YAML 1.2 ones: the cases of
packages/core/test/serialize.test.ts. The YAML bytes are PyYAML's, not the yaml library's; what every reader reads
back is the same (test_yaml_readers.py loads them in the real readers)."""

import json

import pytest
import yaml

from incluster import render_kubeconfig, to_json, to_yaml
from strategies import pod_with

POD = pod_with(namespace="team-a")


def yaml_of(values=None, **options):
    return to_yaml(render_kubeconfig(POD if values is None else pod_with(**values), **options))


@pytest.mark.parametrize("namespace", ["no", "on", "off", "yes", "y", "n", "true", "null"])
def test_quotes_a_namespace_that_yaml_1_1_reads_as_a_boolean_or_null(namespace):
    assert f'    namespace: "{namespace}"\n' in yaml_of({"namespace": namespace})


@pytest.mark.parametrize(
    "names",
    [
        pytest.param(["Y", "N", "Yes", "NO", "On", "OFF", "True", "FALSE"], id="booleans in every case"),
        pytest.param(["~", "Null", "NULL"], id="null"),
        pytest.param(
            ["1_000", "0b101", "0b-1", "0o17", "0O17", "0X1F", "+_1", "017", "1:20", "1e3", ".5", "1.5e_3", ".5e1_0", ".inf", ".NaN", "+.5"],
            id="numbers, as YAML 1.1 and go-yaml v2 (strconv, base 0) read them",
        ),
        pytest.param(["2001-12-14", "2001-12-14 21:59:43.", "2002-1-1", "<<", "="], id="timestamps and the merge and value keys"),
    ],
)
def test_quotes_names_that_yaml_1_1_reads_as_something_else(names):
    for name in names:
        text = yaml_of(context_name=name)
        assert f'current-context: "{name}"\n' in text
        assert yaml.safe_load(text)["current-context"] == name


def test_leaves_plain_what_every_reader_reads_as_a_string():
    for name in ["team-a", "nope", "yes-please", "on-call", "Inf", "NaN", "a:b", "/var/run/secrets/kubernetes.io/serviceaccount/token"]:
        assert f"current-context: {name}\n" in yaml_of(context_name=name)


@pytest.mark.parametrize(
    "name, written",
    [
        # YAML 1.1 line breaks, which PyYAML would otherwise write raw in a literal block.
        ("a\u2028b\nc", r'"a\Lb\nc"'),
        ("a\u2029b\nc", r'"a\Pb\nc"'),
        ("a\x85b\nc", r'"a\Nb\nc"'),
        ("x\n\u2029", r'"x\n\P"'),
        # Controls, DEL, C1, the byte order mark and the non-characters, in one line or several.
        ("x\x80\x9f\x7f\ufeff\ufffe", r'"x\x80\x9F\x7F\uFEFF\uFFFE"'),
        ("a\x1bb\nc", r'"a\eb\nc"'),
        ("a\rb\nc", r'"a\rb\nc"'),
        ("a\x00b", r'"a\0b"'),
        # Tabs: PyYAML never writes one outside double quotes, so go-yaml v2 never sees one start a block scalar.
        ("tab\tinside", r'"tab\tinside"'),
        ("\tfirst\nsecond", r'"\tfirst\nsecond"'),
        ("first\n\tsecond", r'"first\n\tsecond"'),
    ],
)
def test_writes_double_quoted_with_escapes_what_the_two_dialects_do_not_read_alike_raw(name, written):
    text = yaml_of(context_name=name)
    assert f"current-context: {written}\n" in text
    assert yaml.safe_load(text)["current-context"] == name


def test_keeps_literal_blocks_for_plain_multi_line_text_and_one_line_double_quotes_however_long():
    assert "current-context: |-\n  two\n  lines\n" in yaml_of(context_name="two\nlines")
    long = f"{'a long line ' * 5}\n{'and more ' * 5}\n  "
    assert f"current-context: {json.dumps(long)}\n" in yaml_of(context_name=long)


def test_writes_the_exec_credential_script_as_a_literal_block():
    assert '      args:\n      - "-c"\n      - |\n        token_file=$1\n' in yaml_of(credential="exec")


def test_json_escapes_what_json_allows_raw_but_yaml_1_1_readers_do_not_read_alike():
    kubeconfig = render_kubeconfig(POD, context_name="a\u2028b\x85c\x80\ufeff\ufffe\x7f")
    assert '"current-context": "a\\u2028b\\u0085c\\u0080\\ufeff\\ufffe\\u007f"\n' in to_json(kubeconfig)
    assert json.loads(to_json(kubeconfig)) == kubeconfig
