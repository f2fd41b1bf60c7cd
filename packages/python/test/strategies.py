"""Hypothesis strategies for the input classes of packages/core/test/support/arbitraries.ts: valid inputs made by
construction, so that most cases reach the serializer, and hostile ones on purpose: the words and numbers YAML 1.1
readers take for something else, the line breaks and characters only one YAML dialect reads alike, and what no
kubeconfig can carry (surrogates, NUL in a path, what client-go's URL parser refuses, a non-ASCII TLS server name,
an empty embedded token)."""

import re
from urllib.parse import quote

from hypothesis import strategies as st
from hypothesis.provisional import domains  # noqa: F401 - the reference for real domain names, in test_properties

from incluster import CREDENTIAL_MODES, PodEnvironment

#: The words a YAML 1.1 reader takes for something other than a string, and the look-alikes around them.
YAML_1_1_WORDS = [
    *(form for word in ("y", "yes", "n", "no", "true", "false", "on", "off") for form in (word, word.capitalize(), word.upper())),
    "~", "null", "Null", "NULL", "", "nULL", "yEs", "oN",
    ".inf", "-.inf", "+.inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN", "inf", "nan", "Infinity", "+Inf",
    # go-yaml v2 drops every "_" and hands the rest to Go's strconv (base 0): 0o, 0X, 0B prefixes, a sign before them.
    "<<", "=", "1_000", "1__0", "0b101", "-0b101", "0b-1", "0o17", "0O17", "-0o17", "0x1F", "0X1F", "+0x1f", "0x_", "017", "08", "0_b1", "+_1",
    "1e3", "1E3", "e5", "1.5", "1.", ".5", "-.5", "1_.5", "1.5e_3", ".5e1_0", "1_0e1_0", "+_.5", "0x1p-2", "1:20", "190:20:30", "1:20.5", "-1:20",
    "2001-12-14", "2002-1-1", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10", "2001-12-14 21:59:43.", "2001-12-14T21:59:43Z",
    "-", "?", ":", "---", "...", "%YAML", "@x", "`x", "!x", "!!str x", "&a", "*a", "|", ">", "#x", "a #b", "a: b", "a:", '"x"', "'x'", "[a]", "{a: 1}", "- x", "? x",
    "0", "1", "-1", "+1", "0.0", "123456789012345678901234567890", "1_000_000", "0x7FFFFFFFFFFFFFFF",
]

#: Number-like text with signs, base prefixes, underscores, dots and exponents: where YAML 1.1 readers differ most.
number_like = st.tuples(
    st.sampled_from(["", "", "+", "-", ".", "_"]),
    st.sampled_from(["", "", "", "0b", "0B", "0o", "0O", "0x", "0X", "0_x", "0_b", "0"]),
    st.lists(st.sampled_from(["0", "1", "7", "8", "9", "a", "F", "_", "_"]), min_size=1, max_size=5).map("".join),
    st.sampled_from(["", "", ".", ".5", "._5", ".5_"]),
    st.sampled_from(["", "", "e3", "E+1", "e-_1", "e1_0", "_e2", "e"]),
    st.sampled_from(["", "", "", ":30", ":5", ":60"]),
).map("".join)

#: Every line break of either dialect, the characters only YAML 1.1 or only 1.2 treats specially, and YAML syntax.
SPECIAL_CHARACTERS = [
    "\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\t", "\x0b", "\x0c", "\x00", "\x01", "\x1b", "\x7f", "\x80", "\x9f",
    "\xa0", "\ufeff", "\ufffe", "\uffff", "\u200b", "\u3000", " ", "  ", '"', "'", "\\", "#", ": ", ":", "- ", "? ", "&", "*", "!", "|", ">", "%", "@", "`",
    "{", "}", "[", "]", ",", "---", "...", "\U0001f600", "名", "é", "e\u0301",
]

#: Strings chosen to break naive YAML templates or shell scripts.
HOSTILE_WORDS = ["a\nb: c", '"quoted"', "it's", "key: value", "$(touch pwned)", "`id`", "#comment", "- item", "{a: 1}", "&anchor", "*alias", "!!binary", " "]

#: Arbitrary Unicode (every plane; no surrogates, which st.text() never makes), salted with the characters and words above.
hostile_text = st.lists(
    st.one_of(
        st.text(max_size=6),
        st.text(st.characters(max_codepoint=0x7F), max_size=6),
        st.sampled_from(SPECIAL_CHARACTERS),
        st.sampled_from(YAML_1_1_WORDS),
        number_like,
    ),
    max_size=5,
).map("".join)

#: A surrogate somewhere in otherwise fine text: from JSON's \ud800 escapes, or Python's stand-in for a byte that is
#: not UTF-8 (U+DC80..U+DCFF) in an argument, a variable or a file name. UTF-8, so no kubeconfig, can carry neither.
with_surrogate = st.tuples(hostile_text, st.integers(min_value=0xD800, max_value=0xDFFF).map(chr), hostile_text).map("".join)

hostile = st.one_of(st.text(), hostile_text, st.sampled_from(HOSTILE_WORDS), with_surrogate)


def carriable(text):
    """Whether UTF-8, and so a kubeconfig, can carry the text."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def mostly(valid, invalid):
    """Nine valid values to one invalid: each option may be refused, but most cases should render."""
    return st.integers(min_value=0, max_value=9).flatmap(lambda draw: valid if draw else invalid)


DNS_LABEL = r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"
_LABEL_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789-"


def is_dns_label(text):
    return re.fullmatch(DNS_LABEL, text) is not None


#: A DNS-1123 label, built from characters rather than by st.from_regex, which is several times slower.
label = st.text(_LABEL_CHARACTERS, min_size=1, max_size=63).map(lambda text: text.strip("-") or "0")

#: Every shape of DNS-1123 label the API allows, the YAML 1.1 words among them first.
dns_label = st.one_of(
    st.sampled_from([word for word in YAML_1_1_WORDS if is_dns_label(word)] + ["default", "kube-system", "team-a", "a", "0", "0-0", "e2e", "1e-3", "0x1f-0"]),
    number_like.map(lambda text: re.sub("[^a-z0-9-]", "", text.lower())).filter(is_dns_label),
    label,
    st.text(_LABEL_CHARACTERS, min_size=61, max_size=61).map(lambda middle: f"a{middle}0"),
)

#: Host names: labels, upper case too, under a top-level domain that is not a number (which WHATWG reads as IPv4).
#: Built by hand: hypothesis' provisional domains() takes several times longer per example.
domain = st.builds(
    lambda labels, top, upper: ".".join([*labels, top]).upper() if upper else ".".join([*labels, top]),
    st.lists(st.text(_LABEL_CHARACTERS, min_size=1, max_size=12).map(lambda text: text.strip("-") or "x"), min_size=1, max_size=3),
    st.sampled_from(["com", "io", "example", "svc", "local", "cluster.local", "xn--p1ai", "no", "y"]),
    st.booleans(),
)
ipv4 = st.ip_addresses(v=4).map(str)
ipv6 = st.ip_addresses(v=6).map(str)
valid_host = st.one_of(ipv4, ipv6, domain, st.sampled_from(["no", "on", "y", "1e3", "0x1f", "localhost"]))
host = st.one_of(valid_host, hostile)
valid_port = st.integers(min_value=1, max_value=65535)
port = st.one_of(valid_port, st.integers())
namespace = st.one_of(dns_label, hostile)

#: Absolute paths of file names made of any character but "/" and NUL; and, hostile, any text after a "/".
file_name = hostile_text.map(lambda name: name.replace("/", "_").replace("\0", "_")).filter(lambda name: name not in ("", ".", ".."))
valid_absolute_path = st.lists(st.one_of(file_name, st.sampled_from(["var", "run", "secrets", "no", "on", "1_000"])), min_size=1, max_size=4).map(
    lambda names: "/" + "/".join(names)
)
absolute_path = st.one_of(valid_absolute_path, hostile.map(lambda name: f"/{name}"), valid_absolute_path.map(lambda path: f"{path}/a\0b"))

#: Host names that YAML 1.1 reads as something else, among the ordinary ones.
HOST_WORDS = ["no", "on", "y", "n", "yes", "off", "true", "null", "1e3", "0x1f", "localhost", "kubernetes.default.svc", "kubernetes.default.svc."]

#: A URL path of percent-encoded Unicode and raw unreserved characters, which client-go reads back decoded.
url_path = st.lists(
    st.one_of(
        hostile_text.filter(carriable).map(lambda text: quote(text, safe="")),
        st.text("ABCXYZabcxyz0189._~-", min_size=1, max_size=8),
        st.sampled_from(["no", "on", "1_000"]),
    ),
    max_size=3,
).map(lambda segments: "".join(f"/{segment}" for segment in segments))


def url(schemes):
    """URLs both cores accept: scheme://host[:port][/path]."""
    address = st.one_of(ipv4, domain, st.sampled_from(HOST_WORDS), ipv6.map(lambda address: f"[{address}]"))
    port_part = st.one_of(st.just(""), valid_port.map(lambda number: f":{number}"))
    return st.builds(lambda scheme, a, p, q: f"{scheme}://{a}{p}{q}", st.sampled_from(schemes), address, port_part, url_path)


#: What no URL may hold: client-go's url.Parse refuses it, or the WHATWG parser reads another URL.
NOT_IN_A_URL = ["\n", "\t", "\r", "\u2028", "\u2029", "\x85", "\x00", "\x7f", "\xa0", "\u3000", "\ufeff", "\\", " ", "%zz", "%", "%4"]


def not_a_url(schemes):
    return st.one_of(
        st.builds(lambda text, bad: f"{text}/{bad}", url(schemes), st.sampled_from(NOT_IN_A_URL)),
        st.builds(lambda text, bad: f"{text}/{bad}", url(schemes), with_surrogate),
        url(["ftp", "file", *([] if "http" in schemes else ["http"])]),
        hostile_text.map(lambda text: f"no-scheme{text}"),
        hostile,
    )


tls_server_name = st.one_of(domain, ipv4, st.sampled_from(HOST_WORDS))
not_a_tls_server_name = st.one_of(
    st.sampled_from(["", "has space", "host/path", "host:443", "ü.example", "a\u2028b", "a\tb", "a\x00b", "名.example"]),
    st.builds(lambda name, bad: f"{name}{bad}", domain, st.sampled_from([" ", "/", ":", "é", "\x00", "\U0001f600", "\x7f"])),
    with_surrogate,
)

#: Names a user would give (any text that is not blank, the YAML 1.1 words first), and names no kubeconfig can hold.
valid_name = st.one_of(
    st.sampled_from([word for word in YAML_1_1_WORDS if word.strip()]),
    number_like,
    st.builds(lambda before, middle, after: f"{before}{middle}{after}", hostile_text, st.sampled_from(["a", "Z", "0", "-", ".", "ü", "名", "\x85", '"', "#"]), hostile_text),
    st.text(min_size=1),
)
blank = st.lists(st.sampled_from([" ", "\t", "\n", "\r", "\xa0", "\u2028", "\u2029", "\u3000", "\ufeff", "\x0b"]), max_size=3).map("".join)
name = mostly(valid_name, st.one_of(blank, with_surrogate, st.sampled_from(HOSTILE_WORDS)))



def _options(name, namespace, tls_server_name, proxy_url, server):
    return st.fixed_dictionaries(
        {},
        optional={
            "cluster_name": name,
            "user_name": name,
            "context_name": name,
            "namespace": namespace,
            "tls_server_name": tls_server_name,
            "proxy_url": proxy_url,
            "server": server,
        },
    )


#: Every render option, valid by construction, each present or not.
valid_options = _options(valid_name, dns_label, tls_server_name, url(["http", "https", "socks5"]), url(["https"]))

#: Every render option, valid or hostile, each present or not.
options = _options(
    name,
    mostly(dns_label, hostile),
    mostly(tls_server_name, not_a_tls_server_name),
    mostly(url(["http", "https", "socks5"]), not_a_url(["http", "https", "socks5"])),
    mostly(url(["https"]), not_a_url(["https"])),
)
credential = st.sampled_from(CREDENTIAL_MODES)

#: The token an embedded credential carries: mostly a JWT, sometimes any text, blank or holding a surrogate.
_BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
jwt = st.tuples(*(st.text(_BASE64URL, min_size=10, max_size=size) for size in (40, 60, 40))).map(".".join)
token = mostly(jwt, st.one_of(hostile_text, blank, with_surrogate))


def pod_with(**values) -> PodEnvironment:
    defaults = dict(
        host="10.96.0.1",
        port=443,
        service_account_dir="/sa",
        token_path="/sa/token",
        certificate_authority_path="/sa/ca.crt",
        namespace="default",
        namespace_source="default",
    )
    return PodEnvironment(**{**defaults, **values})
