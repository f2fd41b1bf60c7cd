"""examples/pulumi-python, the program as committed, under Pulumi's mocks: in a simulated Pod it deploys its ConfigMap
with the provider incluster makes; outside a Pod it stops with NOT_IN_CLUSTER before registering anything."""

import json
import runpy
import sys
from pathlib import Path

import pulumi
import pytest

from incluster import InClusterConfigError
from pods import pod_env, service_account
from pulumi_mocks import inputs_of, registered

PROGRAM = Path(__file__).resolve().parents[3] / "examples" / "pulumi-python" / "__main__.py"


def run_program():
    sys.dont_write_bytecode = True
    return runpy.run_path(str(PROGRAM), run_name="__main__")


@pytest.fixture
def in_a_pod(tmp_path, monkeypatch):
    for name in ("KUBECONFIG", "POD_NAMESPACE"):
        monkeypatch.delenv(name, raising=False)
    env = pod_env(service_account(tmp_path / "serviceaccount", namespace="pulumi"))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pulumi.runtime.test
def test_in_a_pod_it_deploys_its_config_map_to_team_a_with_the_pods_provider(in_a_pod):
    program = run_program()
    provider, config_map = program["provider"], program["settings"]

    def check(values):
        provider_urn, provider_args, config_map_args = values
        kubeconfig = json.loads(provider_args.inputs["kubeconfig"])
        assert kubeconfig["users"][0]["user"] == {"tokenFile": f"{in_a_pod['INCLUSTER_SERVICE_ACCOUNT_DIR']}/token"}
        assert provider_args.inputs["context"] == "incluster"
        assert config_map_args.typ == "kubernetes:core/v1:ConfigMap"
        assert config_map_args.inputs["metadata"]["namespace"] == program["TARGET_NAMESPACE"] == "team-a"
        assert config_map_args.provider == f"{provider_urn}::in-cluster-id"

    return pulumi.Output.all(provider.urn, inputs_of(provider), inputs_of(config_map)).apply(check)


def test_outside_a_pod_it_stops_with_not_in_cluster_before_registering_anything(monkeypatch):
    for name in ("KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT", "KUBECONFIG"):
        monkeypatch.delenv(name, raising=False)
    before = len(registered)
    with pytest.raises(InClusterConfigError) as raised:
        run_program()
    assert raised.value.code == "NOT_IN_CLUSTER"
    assert len(registered) == before


def test_its_requirements_bring_incluster_with_the_pulumi_extra():
    requirements = (PROGRAM.parent / "requirements.txt").read_text().splitlines()
    assert any(line.startswith("incluster[pulumi]") for line in requirements)
