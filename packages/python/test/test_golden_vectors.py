"""Every golden vector of the testkit, through the library in memory, through the files on a real disk, and through
python -m incluster."""

import json
import subprocess
import sys

import pytest
import yaml

from golden_vectors import OPTION_NAMES, flags_for, load_golden_vectors, materialize
from incluster import InClusterConfigError, load_in_cluster_kubeconfig, memory_file_reader, to_json, to_yaml

VECTORS = load_golden_vectors()
KUBECONFIG_VECTORS = [vector for vector in VECTORS if not vector.expected_error]


def load(vector):
    return load_in_cluster_kubeconfig(
        env=vector.environment, reader=memory_file_reader(vector.files, vector.unreadable), **vector.keyword_arguments
    )


@pytest.mark.parametrize("vector", VECTORS, ids=lambda vector: vector.name)
def test_in_memory(vector):
    if vector.expected_error:
        with pytest.raises(InClusterConfigError) as raised:
            load(vector)
        assert raised.value.code == vector.expected_error
    else:
        assert load(vector) == vector.expect["kubeconfig"]


@pytest.mark.parametrize("vector", KUBECONFIG_VECTORS, ids=lambda vector: vector.name)
def test_writes_json_and_yaml_that_parse_back_to_it(vector):
    assert json.loads(to_json(load(vector))) == vector.expect["kubeconfig"]
    assert yaml.safe_load(to_yaml(load(vector))) == vector.expect["kubeconfig"]


@pytest.mark.parametrize("vector", VECTORS, ids=lambda vector: vector.name)
def test_on_a_real_disk(vector, tmp_path):
    env, options, expected = materialize(vector, tmp_path)
    arguments = {OPTION_NAMES[name]: value for name, value in options.items()}
    if vector.expected_error:
        with pytest.raises(InClusterConfigError) as raised:
            load_in_cluster_kubeconfig(env=env, **arguments)
        assert raised.value.code == vector.expected_error
    else:
        assert load_in_cluster_kubeconfig(env=env, **arguments) == expected


@pytest.mark.parametrize("vector", VECTORS, ids=lambda vector: vector.name)
def test_through_python_m_incluster(vector, tmp_path, package_environment):
    env, options, expected = materialize(vector, tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "incluster", *flags_for(options)],
        env={**env, **package_environment},
        capture_output=True,
        text=True,
    )
    if vector.expected_error:
        assert result.stderr.startswith(f"incluster: error {vector.expected_error}: "), result.stderr
        assert result.returncode == (2 if vector.expected_error == "INVALID_OPTION" else 1)
        assert result.stdout == ""
    else:
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == expected
