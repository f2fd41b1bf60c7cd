"""incluster.pulumi under pulumi.runtime.set_mocks: what the engine would receive, with no engine and no plugin."""

import json
import os

import pulumi
import pulumi_kubernetes as k8s
import pytest

from golden_vectors import load_golden_vectors
from incluster import InClusterConfigError, memory_file_reader
from incluster.pulumi import create_in_cluster_provider, in_cluster_kubeconfig
from pods import TOKEN, pod_env, service_account
from pulumi_mocks import inputs_of, registered, unwrap_secret

@pytest.fixture(autouse=True)
def no_ambient_kubeconfig(monkeypatch):
    # The Kubernetes SDK would substitute it for a missing kubeconfig.
    monkeypatch.delenv("KUBECONFIG", raising=False)


@pytest.fixture
def env(tmp_path):
    return pod_env(service_account(tmp_path / "serviceaccount"))


def provider_inputs(provider):
    def check(args):
        assert args.typ == "pulumi:providers:kubernetes"
        return args.inputs

    return inputs_of(provider).apply(check)


@pulumi.runtime.test
def test_in_a_pod_it_passes_a_kubeconfig_string_that_references_the_token_file_with_the_context_set(env):
    def check(inputs):
        assert isinstance(inputs["kubeconfig"], str)
        kubeconfig = json.loads(inputs["kubeconfig"])
        assert kubeconfig["users"][0]["user"] == {"tokenFile": env["INCLUSTER_SERVICE_ACCOUNT_DIR"] + "/token"}
        assert kubeconfig["contexts"][0]["context"]["namespace"] == "team-a"
        assert inputs["context"] == "incluster"
        assert TOKEN not in inputs["kubeconfig"]

    return provider_inputs(create_in_cluster_provider("in-pod", env=env)).apply(check)


@pulumi.runtime.test
def test_it_is_the_provider_of_the_resources_created_with_it(env):
    provider = create_in_cluster_provider("for-resources", env=env)
    config_map = k8s.core.v1.ConfigMap("settings", data={"a": "b"}, opts=pulumi.ResourceOptions(provider=provider))

    def check(values):
        provider_urn, args = values
        assert args.provider == f"{provider_urn}::for-resources-id"

    return pulumi.Output.all(provider.urn, inputs_of(config_map)).apply(check)


@pulumi.runtime.test
def test_it_passes_every_other_provider_argument_through_unchanged_and_the_core_options_to_the_kubeconfig(env):
    provider = create_in_cluster_provider(
        "pass-through",
        env=env,
        namespace="other-team",
        context_name="home",
        enable_server_side_apply=True,
        cluster_identifier="home-cluster",
        delete_unreachable=True,
    )

    def check(inputs):
        assert inputs["enableServerSideApply"] in (True, "true")
        assert inputs["clusterIdentifier"] == "home-cluster"
        assert inputs["deleteUnreachable"] in (True, "true")
        assert inputs["context"] == "home"
        assert json.loads(inputs["kubeconfig"])["contexts"][0]["context"]["namespace"] == "other-team"
        assert "namespace" not in inputs

    return provider_inputs(provider).apply(check)


@pulumi.runtime.test
def test_it_wraps_an_embedded_token_in_a_secret_so_no_token_sits_in_state_in_plain_text(env):
    provider = create_in_cluster_provider("embedded", env=env, credential="embedded")

    def check(inputs):
        is_secret, text = unwrap_secret(inputs["kubeconfig"])
        assert is_secret
        assert json.loads(text)["users"][0]["user"]["token"] == TOKEN

    return provider_inputs(provider).apply(check)


@pulumi.runtime.test
def test_it_keeps_the_cluster_entry_of_the_core_default_the_compatibility_promise():
    [vector] = [vector for vector in load_golden_vectors() if vector.name == "ipv4-token-file"]
    reader = memory_file_reader(vector.files)
    provider = create_in_cluster_provider("promise", env=vector.environment, reader=reader)

    def check(inputs):
        assert json.loads(inputs["kubeconfig"]) == vector.expect["kubeconfig"]
        assert in_cluster_kubeconfig(env=vector.environment, reader=reader) == inputs["kubeconfig"]

    return provider_inputs(provider).apply(check)


def test_it_refuses_the_provider_arguments_it_sets_itself(env):
    for argument in ("kubeconfig", "context", "cluster"):
        with pytest.raises(InClusterConfigError) as raised:
            create_in_cluster_provider("taken", env=env, **{argument: "x"})
        assert raised.value.code == "INVALID_OPTION"
        assert "outside_cluster" in str(raised.value)


def test_outside_a_pod_it_raises_not_in_cluster_before_registering_anything():
    before = len(registered)
    with pytest.raises(InClusterConfigError) as raised:
        create_in_cluster_provider("nowhere", env={})
    assert raised.value.code == "NOT_IN_CLUSTER"
    with pytest.raises(InClusterConfigError):
        create_in_cluster_provider("nowhere", env={}, outside_cluster="fail")
    assert len(registered) == before


@pulumi.runtime.test
def test_outside_a_pod_with_ambient_it_leaves_the_kubeconfig_to_the_provider_and_says_so(monkeypatch):
    logged = []
    monkeypatch.setattr(pulumi.log, "info", lambda message, *args, **kwargs: logged.append(message))
    provider = create_in_cluster_provider("ambient", env={}, outside_cluster="ambient")

    def check(inputs):
        assert inputs.get("kubeconfig") is None
        assert inputs.get("context") is None
        assert any(message.startswith("ambient: not running in a Pod;") and "~/.kube/config" in message for message in logged)

    return provider_inputs(provider).apply(check)


@pulumi.runtime.test
def test_outside_a_pod_with_a_kubeconfig_it_uses_that_one_as_a_secret_and_says_so(monkeypatch):
    logged = []
    monkeypatch.setattr(pulumi.log, "info", lambda message, *args, **kwargs: logged.append(message))
    provider = create_in_cluster_provider("explicit", env={}, outside_cluster={"kubeconfig": "/home/me/.kube/ci", "context": "ci"})

    def check(inputs):
        assert unwrap_secret(inputs["kubeconfig"]) == (True, "/home/me/.kube/ci")
        assert inputs["context"] == "ci"
        assert any("uses the kubeconfig given in outside_cluster" in message for message in logged)

    return provider_inputs(provider).apply(check)


def test_it_never_falls_back_from_a_pod_whose_service_account_is_broken(env):
    os.remove(env["INCLUSTER_SERVICE_ACCOUNT_DIR"] + "/token")
    with pytest.raises(InClusterConfigError) as raised:
        create_in_cluster_provider("broken", env=env, outside_cluster="ambient")
    assert raised.value.code == "SERVICE_ACCOUNT_NOT_MOUNTED"


def test_it_refuses_an_outside_cluster_it_does_not_know():
    with pytest.raises(InClusterConfigError) as raised:
        create_in_cluster_provider("odd", env={}, outside_cluster="elsewhere")
    assert raised.value.code == "INVALID_OPTION"
