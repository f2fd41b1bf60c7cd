"""What no kubeconfig can carry is refused before anything is written, with INVALID_OPTION and a message naming the
argument and the character, as the TypeScript core refuses it (packages/core/test/serialize.test.ts)."""

import re

import pytest

from incluster import InClusterConfigError, load_in_cluster_kubeconfig, memory_file_reader, render_kubeconfig, to_json, to_yaml
from incluster.carried_text import describe_character
from strategies import pod_with

POD = pod_with(namespace="team-a")


def refusal(run):
    try:
        run()
    except InClusterConfigError as error:
        return f"{error.code}: {error.message}"
    return "no error"


@pytest.mark.parametrize(
    "options, message",
    [
        (
            {"context_name": "a\ud800b"},
            r"INVALID_OPTION: context_name holds U\+D800 \(half of a UTF-16 surrogate pair without its other half\) at "
            r"index 1, which UTF-8 cannot encode, so no kubeconfig can carry it: pass well-formed Unicode text\.$",
        ),
        ({"cluster_name": "\udcff"}, r"INVALID_OPTION: cluster_name holds U\+DCFF \(a lone surrogate, as Python holds the byte 0xFF of text that is not UTF-8\)"),
        ({"user_name": "ok\U0001f600\udc00"}, r"INVALID_OPTION: user_name holds U\+DC00 .* at index 3,"),
        (
            {"server": "https://api.example/a b"},
            r"INVALID_OPTION: server holds U\+0020 \(a space\) at index 21, which a URL cannot hold: percent-encode it \(%20\)\.$",
        ),
        ({"server": "https://api.example/\u2028"}, r"INVALID_OPTION: server holds U\+2028 \(LINE SEPARATOR, a line break in YAML 1\.1\) at index 20, .*\(%E2%80%A8\)"),
        ({"server": "https://api.example/\x85"}, r"INVALID_OPTION: server holds U\+0085 \(NEXT LINE, a line break in YAML 1\.1\)"),
        ({"server": "https://api.example/\ufeff"}, r"INVALID_OPTION: server holds U\+FEFF \(a byte order mark\)"),
        ({"server": "https://api.example/\x7f"}, r"INVALID_OPTION: server holds U\+007F \(a control character\)"),
        ({"server": "https://api.example/\u3000"}, r"INVALID_OPTION: server holds U\+3000 \(white space\)"),
        ({"server": "https://api.example/\uffff"}, r"INVALID_OPTION: server holds U\+FFFF \(a Unicode non-character\)"),
        ({"server": "https://api.example/\ud800"}, r"INVALID_OPTION: server holds U\+D800 .* UTF-8 cannot encode"),
        ({"proxy_url": "http://proxy\\x"}, r'INVALID_OPTION: proxy_url holds U\+005C \(a backslash\) at index 12, .*\(%5C\), or write "/" if a path separator was meant\.$'),
        ({"proxy_url": "http://proxy/\t"}, r"INVALID_OPTION: proxy_url holds U\+0009 \(a tab\)"),
        (
            {"proxy_url": "http://proxy/100%"},
            r'INVALID_OPTION: proxy_url has a "%" at index 16 that is not followed by two hex digits, which client-go refuses '
            r'as an invalid URL escape: write a literal "%" as %25\.$',
        ),
        ({"proxy_url": "http://proxy/%zz"}, r'INVALID_OPTION: proxy_url has a "%" at index 13'),
        (
            {"tls_server_name": "bücher.example"},
            r"INVALID_OPTION: tls_server_name holds U\+00FC at index 1, which a TLS server name cannot hold: certificates "
            r"name hosts in ASCII, so write an international name in its xn-- form\.$",
        ),
        ({"tls_server_name": "a b"}, r"INVALID_OPTION: tls_server_name holds U\+0020 \(a space\) at index 1"),
        ({"tls_server_name": "a\u2028b"}, r"INVALID_OPTION: tls_server_name holds U\+2028"),
    ],
)
def test_refuses_what_no_kubeconfig_can_carry_naming_the_argument_and_the_character(options, message):
    assert re.match(message, refusal(lambda: render_kubeconfig(POD, **options)))


def test_carries_what_looks_alarming_but_every_reader_reads_alike():
    kubeconfig = render_kubeconfig(
        POD,
        context_name="a\u2028b\x85c\x00\t",
        server="https://api.example/%E2%80%A8/b\u00fccher",
        proxy_url="http://proxy:3128/100%25",
        tls_server_name="xn--bcher-kva.example",
    )
    assert kubeconfig["current-context"] == "a\u2028b\x85c\x00\t"


def test_refuses_a_path_with_nul_and_an_empty_embedded_token_from_a_hand_made_pod_environment():
    assert re.match(
        r"INVALID_OPTION: token_path holds U\+0000 \(NUL\) at index 6, which no file path can hold\.$",
        refusal(lambda: render_kubeconfig(pod_with(token_path="/sa/to\0ken"))),
    )
    assert re.match(
        r"INVALID_OPTION: certificate_authority_path holds U\+DC80",
        refusal(lambda: render_kubeconfig(pod_with(certificate_authority_path="/sa/\udc80"))),
    )
    for blank in ("", " ", "\n\ufeff"):
        assert refusal(lambda: render_kubeconfig(pod_with(token=blank), credential="embedded")).startswith(
            "EMPTY_TOKEN: The 'embedded' credential needs a token, and the token is empty."
        )
    bad_token = refusal(lambda: render_kubeconfig(pod_with(token="secret.token\ud800"), credential="embedded"))
    assert bad_token.startswith("INVALID_OPTION: token holds U+D800 (half of a UTF-16 surrogate pair without its other half) at index 12,")
    assert "secret" not in bad_token


def test_refuses_a_service_account_dir_with_nul_before_reading_anything():
    files = memory_file_reader({"/a\0b/token": "t", "/a\0b/ca.crt": "c"})
    environment = {"KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"}
    assert refusal(lambda: load_in_cluster_kubeconfig(env=environment, reader=files, service_account_dir="/a\0b")) == (
        "INVALID_OPTION: service_account_dir holds U+0000 (NUL) at index 2, which no file path can hold."
    )
    # Before the environment, as the TypeScript core's loadInClusterKubeconfig checks it.
    assert refusal(lambda: load_in_cluster_kubeconfig(env={}, reader=files, service_account_dir="/a\0b")).startswith("INVALID_OPTION")


def test_holds_a_hand_made_kubeconfig_to_the_same_rule():
    kubeconfig = render_kubeconfig(POD)
    broken = {**kubeconfig, "current-context": "\udc00"}
    for write in (to_json, to_yaml):
        assert refusal(lambda: write(broken)).startswith("INVALID_OPTION: current-context holds U+DC00")
    deep = {**kubeconfig, "clusters": [{"name": "x", "cluster": {"server": "https://x/\ud800"}}]}
    assert refusal(lambda: to_json(deep)).startswith("INVALID_OPTION: clusters[0].cluster.server holds U+D800 ")


def test_a_message_never_holds_a_surrogate_which_no_stream_can_write():
    message = refusal(lambda: render_kubeconfig(POD, namespace="\udcff"))
    assert message.startswith('INVALID_OPTION: The namespace option "\\udcff" is not a valid DNS-1123 label')
    message.encode("utf-8")


def test_names_characters_as_the_typescript_core_does():
    assert describe_character("\u2029") == "U+2029 (PARAGRAPH SEPARATOR, a line break in YAML 1.1)"
    assert describe_character("\x1b") == "U+001B (a control character)"
    assert describe_character("\xa0") == "U+00A0 (a no-break space)"
    assert describe_character("\u1680") == "U+1680 (white space)"
    assert describe_character("é") == "U+00E9"
    assert describe_character("\U0001f600") == "U+1F600"
