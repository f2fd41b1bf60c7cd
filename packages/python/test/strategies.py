"""Hypothesis strategies for the input classes of packages/core/test/properties.test.ts: valid inputs made by
construction, so that most cases reach the serializer, and hostile ones on purpose."""

from hypothesis import strategies as st
from hypothesis.provisional import domains

from incluster import CREDENTIAL_MODES, PodEnvironment

#: Strings chosen to break naive YAML templates or shell scripts, mixed with arbitrary Unicode.
HOSTILE_WORDS = [
    "a\nb: c", '"quoted"', "it's", "key: value", "$(touch pwned)", "`id`", "#comment", "- item", "{a: 1}", "&anchor",
    "*alias", "!!binary", "", " ",
    # What YAML 1.1 readers (PyYAML, client-go) take for something other than a string.
    "no", "On", "Y", "n", "~", "null", "1_000", "0b101", "0x1F", "012", "1e3", ".inf", "2001-12-14", "190:20:30", "<<", "=",
    # Line breaks of either YAML dialect, and characters YAML cannot hold raw.
    "a\u2028b", "a\u2029b", "a\u0085b", "a\rb", "\t", "a\x00b", "\ufeff", "\x7f", "\x1b[31m",
]
hostile = st.one_of(st.text(), st.sampled_from(HOSTILE_WORDS))

dns_label = st.from_regex(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?", fullmatch=True)
ipv4 = st.ip_addresses(v=4).map(str)
ipv6 = st.ip_addresses(v=6).map(str)
host = st.one_of(ipv4, ipv6, domains(), hostile)
valid_port = st.integers(min_value=1, max_value=65535)
port = st.one_of(valid_port, st.integers())
namespace = st.one_of(dns_label, hostile)
absolute_path = hostile.map(lambda name: f"/{name}")



def url(schemes):
    """URLs both cores accept: scheme://host[:port][/path]."""
    address = st.one_of(ipv4, domains(), ipv6.map(lambda address: f"[{address}]"))
    port_part = st.one_of(st.just(""), valid_port.map(lambda number: f":{number}"))
    path = st.one_of(st.just(""), st.from_regex(r"/[A-Za-z0-9._~/-]{0,20}", fullmatch=True))
    return st.builds(lambda scheme, a, p, q: f"{scheme}://{a}{p}{q}", st.sampled_from(schemes), address, port_part, path)


def mostly(valid, invalid):
    """Nine valid values to one invalid: each option may be refused, but most cases should render."""
    return st.integers(min_value=0, max_value=9).flatmap(lambda draw: valid if draw else invalid)


#: Names a user would give, and names no one would.
name = mostly(st.text(min_size=1), st.sampled_from(HOSTILE_WORDS))


#: Every render option, valid or hostile, each present or not.
options = st.fixed_dictionaries(
    {},
    optional={
        "cluster_name": name,
        "user_name": name,
        "context_name": name,
        "namespace": mostly(dns_label, hostile),
        "tls_server_name": mostly(domains(), hostile),
        "proxy_url": mostly(url(["http", "https", "socks5"]), hostile),
        "server": mostly(url(["https"]), hostile),
    },
)
credential = st.sampled_from(CREDENTIAL_MODES)


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
