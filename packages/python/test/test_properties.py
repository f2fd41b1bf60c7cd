"""For any input, a typed error or a kubeconfig whose JSON and YAML parse back to the same values; and the exec
credential, run by sh, for token paths made of any file name. The same input classes as the TypeScript core's
packages/core/test/properties.test.ts."""

import json
import os
import re
import subprocess

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incluster import InClusterConfigError, render_kubeconfig, to_json, to_yaml
from incluster.server_address import join_host_port
from strategies import absolute_path, carriable, credential, domains, hostile, host, ipv4, ipv6, namespace, options, pod_with, port, token, valid_port


def render_or_refuse(render):
    """The kubeconfig, or None when (and only when) the input was refused with a typed error."""
    try:
        return render()
    except InClusterConfigError as error:
        assert error.code in ("INVALID_OPTION", "INVALID_NAMESPACE", "INVALID_ENVIRONMENT", "EMPTY_TOKEN")
        return None


#: No line break of either YAML dialect, and nothing YAML 1.1 cannot read, is ever raw in what is written.
NEVER_RAW = re.compile("[\r\x85\u2028\u2029\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")


def assert_faithful_text(kubeconfig):
    texts = {"json": to_json(kubeconfig), "yaml": to_yaml(kubeconfig)}
    assert json.loads(texts["json"]) == kubeconfig
    assert yaml.safe_load(texts["yaml"]) == kubeconfig
    for text in texts.values():
        raw = NEVER_RAW.search(text)
        assert raw is None, f"a raw U+{ord(raw.group()):04X} in {text!r}"


@given(host, port, namespace)
def test_hosts_ports_and_namespaces(h, p, ns):
    kubeconfig = render_or_refuse(lambda: render_kubeconfig(pod_with(host=h, port=p, namespace=ns)))
    if kubeconfig:
        assert kubeconfig["clusters"][0]["cluster"]["server"] == f"https://{join_host_port(h, p)}"
        assert kubeconfig["contexts"][0]["context"]["namespace"] == ns
        assert_faithful_text(kubeconfig)


@given(st.one_of(ipv4, ipv6, domains()), valid_port)
def test_never_refuses_a_real_ipv4_address_ipv6_address_or_domain_name(h, p):
    assert render_kubeconfig(pod_with(host=h, port=p))["clusters"][0]["cluster"]["server"] == f"https://{join_host_port(h, p)}"


@given(absolute_path, absolute_path, options, credential, token)
def test_paths_names_and_every_option_in_every_credential_mode(token_path, certificate_authority_path, chosen, mode, embedded):
    pod = pod_with(token_path=token_path, certificate_authority_path=certificate_authority_path, token=embedded)
    kubeconfig = render_or_refuse(lambda: render_kubeconfig(pod, credential=mode, **chosen))
    if kubeconfig:
        assert kubeconfig["clusters"][0]["cluster"]["certificate-authority"] == certificate_authority_path
        assert_faithful_text(kubeconfig)


def test_most_generated_cases_reach_the_serializer():
    """The generators make valid inputs by construction: a property that refused everything would prove nothing."""
    rendered = []

    @settings(max_examples=300, database=None)
    @given(options, credential)
    def render(chosen, mode):
        rendered.append(render_or_refuse(lambda: render_kubeconfig(pod_with(token="a.b.c"), credential=mode, **chosen)) is not None)

    render()
    assert sum(rendered) / len(rendered) > 0.3, f"only {sum(rendered)} of {len(rendered)} generated cases rendered"


#: A file name is any bytes but "/" and NUL, at most 255 bytes long; one a kubeconfig can carry is UTF-8.
file_name = hostile.filter(carriable).map(lambda name: name.replace("/", "_").replace("\0", "_")).filter(
    lambda name: name not in ("", ".", "..") and len(name.encode("utf-8")) <= 200
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file_name)
def test_the_exec_credential_reads_exactly_that_file_and_runs_nothing_else(tmp_path_factory, name):
    directory = tmp_path_factory.mktemp("case")
    (directory / name).mkdir()
    token_path = str(directory / name / "token")
    (directory / name / "token").write_text("the.token")
    exec_config = render_kubeconfig(pod_with(token_path=token_path), credential="exec")["users"][0]["user"]["exec"]
    result = subprocess.run([exec_config["command"], *exec_config["args"]], cwd=directory, capture_output=True, text=True)
    assert result.stderr == ""
    assert json.loads(result.stdout)["status"]["token"] == "the.token"
    assert os.listdir(directory) == [name]
