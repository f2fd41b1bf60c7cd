"""The real readers are the oracle: every kubeconfig that renders loads in client-go's own loader and in PyYAML, from
YAML and from JSON, and each gives back exactly the object that was rendered. YAML 1.1 readers take words such as no,
On, Y or 1_000 for something other than strings, and U+0085, U+2028 and U+2029 for line breaks; the output must never
let them. As packages/core/test/readers.test.ts does for the TypeScript core: client-go's loader reads every generated
case in one process (INCLUSTER_PROPERTY_CASES of them, 1,000 by default, 300 on PyPy), and real kubectl reads a sample."""

import json
import os
import platform
import re
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from client_go import as_client_go_gives_it_back, read_with_client_go, without_empty_extras
from incluster import InClusterConfigError, render_kubeconfig, to_json, to_yaml
from incluster.server_address import join_host_port
from kubectl import kubectl_path, kubectl_view
from strategies import (
    absolute_path,
    credential,
    dns_label,
    host,
    jwt,
    mostly,
    namespace,
    options,
    pod_with,
    port,
    token,
    valid_absolute_path,
    valid_host,
    valid_options,
    valid_port,
)

#: Fewer on PyPy, where hypothesis generates several times slower: that run proves the interpreter, this one the output.
CASES = int(os.environ.get("INCLUSTER_PROPERTY_CASES") or (1000 if platform.python_implementation() == "CPython" else 300))
SHOW = int(os.environ.get("INCLUSTER_PROPERTY_SHOW") or 5)

#: No line break of either YAML dialect, and nothing YAML 1.1 cannot read, is ever raw in what is written.
NEVER_RAW = re.compile("[\r\x85\u2028\u2029\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")


@pytest.fixture(scope="module", autouse=True)
def real_kubectl():
    """Fails at once, saying how to get it, when the testkit's kubectl is not there."""
    return kubectl_path()


def _case(host, port, namespace, token_path, token, options):
    return st.fixed_dictionaries(
        {"host": host, "port": port, "namespace": namespace, "token_path": token_path, "token": token, "options": options, "credential": credential}
    )


#: Nine cases in ten valid by construction, so that most reach the readers; the others hostile in any field.
generated_case = mostly(
    _case(valid_host, valid_port, dns_label, valid_absolute_path, jwt, valid_options),
    _case(host, port, namespace, absolute_path, token, options),
)


def render(case):
    pod = pod_with(host=case["host"], port=case["port"], namespace=case["namespace"], token_path=case["token_path"], token=case["token"])
    return render_kubeconfig(pod, credential=case["credential"], **case["options"])


def expected_server(case):
    """How client-go's REST client must read the server URL, worked out from the case, not by the code under test."""
    server = case["options"].get("server")
    if server is None:
        return {"scheme": "https", "host": join_host_port(case["host"], case["port"]), "path": ""}
    parts = urlsplit(server)
    return {"scheme": parts.scheme, "host": parts.netloc, "path": unquote(parts.path)}


def test_client_go_and_pyyaml_read_back_every_generated_kubeconfig_exactly(tmp_path):
    outcomes = []

    @settings(max_examples=CASES, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(generated_case)
    def render_and_write(case):
        try:
            kubeconfig = render(case)
        except InClusterConfigError as error:
            outcomes.append({"case": case, "refused": error.code})
            return
        index = len(outcomes)
        texts = {"yaml": to_yaml(kubeconfig), "json": to_json(kubeconfig)}
        files = {}
        for form, text in texts.items():
            files[form] = str(tmp_path / f"{index}.{form}")
            with open(files[form], "w", encoding="utf-8") as file:
                file.write(text)
        outcomes.append({"case": case, "kubeconfig": kubeconfig, "texts": texts, "files": files})

    render_and_write()
    rendered = [outcome for outcome in outcomes if "kubeconfig" in outcome]
    paths = [outcome["files"][form] for outcome in rendered for form in ("yaml", "json")]
    readings = dict(zip(paths, read_with_client_go(paths)))

    failures = []
    for outcome in rendered:
        kubeconfig = outcome["kubeconfig"]
        for form in ("yaml", "json"):
            text = outcome["texts"][form]
            problem = {"case": outcome["case"], "form": form, "text": text}
            raw = NEVER_RAW.search(text)
            if raw:
                failures.append({**problem, "problem": f"a raw U+{ord(raw.group()):04X}"})
            loaded = yaml.safe_load(text)
            if loaded != kubeconfig:
                failures.append({**problem, "problem": "PyYAML read something else", "loaded": loaded})
            reading = readings[outcome["files"][form]]
            if "error" in reading:
                failures.append({**problem, "problem": "client-go could not load it", "error": reading["error"]})
                continue
            written = as_client_go_gives_it_back(kubeconfig)
            if without_empty_extras(reading["config"], written) != written:
                failures.append({**problem, "problem": "client-go read something else", "loaded": reading["config"]})
            if reading.get("invalid"):
                failures.append({**problem, "problem": "client-go finds it unusable", "invalid": reading["invalid"]})
            if reading.get("server") != expected_server(outcome["case"]):
                failures.append({**problem, "problem": "client-go reads another server URL", "server": reading.get("server")})

    print(f"[readers] {len(outcomes)} cases, {len(rendered)} rendered, {len(paths)} files read by client-go and PyYAML")
    assert not failures, f"{len(failures)} failure(s); the first ones:\n" + "\n".join(
        json.dumps(failure, ensure_ascii=True, default=str) for failure in failures[:SHOW]
    )
    # Valid by construction, most of the time: readers that never see a kubeconfig prove nothing.
    assert len(rendered) > len(outcomes) / 2, f"only {len(rendered)} of {len(outcomes)} generated cases rendered"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated_case)
def test_kubectl_reads_back_what_was_rendered(tmp_path_factory, case):
    try:
        kubeconfig = render(case)
    except InClusterConfigError:
        return
    directory = tmp_path_factory.mktemp("readers")
    for name, text in (("config.yaml", to_yaml(kubeconfig)), ("config.json", to_json(kubeconfig))):
        path = directory / name
        path.write_text(text, encoding="utf-8")
        assert kubectl_view(str(path), str(directory)) == kubeconfig, text


def test_the_yaml_1_1_words_and_line_breaks_stay_strings(tmp_path):
    for word in ["no", "On", "Y", "n", "yes", "off", "~", "null", "0o17", "0X1F", "+_1", "1.5e_3", "0b-1", "=", "<<", "a\u2028b\nc", "a\x85b\nc", "\tx\ny"]:
        kubeconfig = render_kubeconfig(pod_with(namespace="no"), context_name=word, cluster_name=word, user_name=word)
        for text in (to_yaml(kubeconfig), to_json(kubeconfig)):
            path = tmp_path / "config"
            path.write_text(text, encoding="utf-8")
            assert kubectl_view(str(path), str(tmp_path)) == kubeconfig, text
            assert yaml.safe_load(text) == kubeconfig
