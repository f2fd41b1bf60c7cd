"""The real readers are the oracle: every kubeconfig that renders loads in client-go's own loader (kubectl) and in
PyYAML, from YAML and from JSON, and each gives back exactly the object that was rendered. YAML 1.1 readers take
words such as no, On, Y or 1_000 for something other than strings; the output must never let them."""

import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from incluster import InClusterConfigError, render_kubeconfig, to_json, to_yaml
from kubectl import kubectl_path, kubectl_view
from strategies import absolute_path, credential, namespace, options, pod_with


@pytest.fixture(scope="module", autouse=True)
def real_kubectl():
    """Fails at once, saying how to get it, when the testkit's kubectl is not there."""
    return kubectl_path()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(namespace, absolute_path, options, credential)
def test_client_go_and_pyyaml_read_back_what_was_rendered(tmp_path_factory, ns, token_path, chosen, mode):
    try:
        kubeconfig = render_kubeconfig(pod_with(namespace=ns, token_path=token_path, token="a.b.c"), credential=mode, **chosen)
    except InClusterConfigError:
        return
    directory = tmp_path_factory.mktemp("readers")
    for name, text in (("config.yaml", to_yaml(kubeconfig)), ("config.json", to_json(kubeconfig))):
        path = directory / name
        path.write_text(text, encoding="utf-8")
        assert yaml.safe_load(text) == kubeconfig
        assert kubectl_view(str(path), str(directory)) == kubeconfig, text


def test_the_yaml_1_1_words_stay_strings(tmp_path):
    for word in ["no", "On", "Y", "n", "yes", "off", "~", "null"]:
        kubeconfig = render_kubeconfig(pod_with(namespace="no"), context_name=word, cluster_name=word, user_name=word)
        path = tmp_path / "config"
        path.write_text(to_yaml(kubeconfig))
        assert kubectl_view(str(path), str(tmp_path)) == kubeconfig
        assert yaml.safe_load(path.read_text()) == kubeconfig
        assert json.loads(to_json(kubeconfig)) == kubeconfig
