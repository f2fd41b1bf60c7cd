"""discover_pod_environment's errors say what is wrong and give the fix for where the path came from: a
service_account_dir the caller passed is corrected where it was passed, not by INCLUSTER_SERVICE_ACCOUNT_DIR; and each
error about a file carries it as ``file`` (path, origin, errno), so that a caller can phrase its own advice. As in
packages/core/test/discovery.test.ts."""

import pytest

from incluster import DEFAULT_SERVICE_ACCOUNT_DIR, FileProblem, InClusterConfigError, discover_pod_environment, memory_file_reader
from pods import pod_env, service_account

SA = "/var/run/secrets/kubernetes.io/serviceaccount"
ENV = {"KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"}
FILES = {f"{SA}/token": "a.b.c", f"{SA}/ca.crt": "-----BEGIN CERTIFICATE-----\n", f"{SA}/namespace": "team-a"}
WITHOUT_TOKEN = {path: content for path, content in FILES.items() if not path.endswith("/token")}


def failure(**arguments):
    with pytest.raises(InClusterConfigError) as caught:
        discover_pod_environment(**arguments)
    return caught.value


def test_says_where_the_path_came_from_in_the_message_and_in_error_file():
    from_default = failure(env=ENV, reader=memory_file_reader(WITHOUT_TOKEN))
    from_env = failure(env={**ENV, "INCLUSTER_SERVICE_ACCOUNT_DIR": SA}, reader=memory_file_reader(WITHOUT_TOKEN))
    from_option = failure(env=ENV, service_account_dir=SA, reader=memory_file_reader(WITHOUT_TOKEN))

    assert SA == DEFAULT_SERVICE_ACCOUNT_DIR
    assert from_default.file == FileProblem(f"{SA}/token", "default", "ENOENT")
    assert from_env.file == FileProblem(f"{SA}/token", "INCLUSTER_SERVICE_ACCOUNT_DIR", "ENOENT")
    assert from_option.file == FileProblem(f"{SA}/token", "option", "ENOENT")
    assert {error.code for error in (from_default, from_env, from_option)} == {"SERVICE_ACCOUNT_NOT_MOUNTED"}
    assert from_default.message == (
        f"{SA}/token does not exist: the service account is not mounted. Set automountServiceAccountToken: true on the "
        "Pod or its ServiceAccount, or point INCLUSTER_SERVICE_ACCOUNT_DIR at the directory that holds token, ca.crt "
        "and namespace."
    )
    assert from_env.message.endswith("(unset, it means the kubelet's mount point).")
    assert from_option.message == (
        f"{SA}/token does not exist. Correct the path passed as service_account_dir, which overrides "
        "INCLUSTER_SERVICE_ACCOUNT_DIR and the kubelet's mount point."
    )


def test_names_the_unreadable_file_and_the_permission_fix_for_its_origin():
    error = failure(env=ENV, reader=memory_file_reader(FILES, [f"{SA}/ca.crt"]))
    assert (error.code, error.file) == ("UNREADABLE_FILE", FileProblem(f"{SA}/ca.crt", "default", "EACCES"))
    assert error.message.startswith(f"{SA}/ca.crt cannot be read (EACCES). Give the container's user read access to it")

    namespace = failure(env=ENV, service_account_dir=SA, reader=memory_file_reader(FILES, [f"{SA}/namespace"]))
    assert namespace.file == FileProblem(f"{SA}/namespace", "option", "EACCES")
    assert namespace.message.endswith("or correct the path passed as service_account_dir, which overrides INCLUSTER_SERVICE_ACCOUNT_DIR and the kubelet's mount point.")


def test_calls_a_directory_where_the_token_should_be_a_file_to_be_made_regular(tmp_path):
    directory = service_account(tmp_path / "serviceaccount")
    (directory / "token").unlink()
    (directory / "token").mkdir()

    for arguments in ({"service_account_dir": str(directory)}, {"env": pod_env(directory)}):
        error = failure(**{"env": {**ENV}, **arguments})
        assert error.code == "UNREADABLE_FILE"
        assert error.message.startswith(f"{directory}/token is not a regular file (EISDIR). Make it a regular file the container's user can read, ")
        assert "read access" not in error.message
    assert failure(env=ENV, service_account_dir=str(directory)).file == FileProblem(f"{directory}/token", "option", "EISDIR")


def test_an_error_about_what_a_file_holds_carries_the_file_without_an_errno():
    empty = failure(env=ENV, service_account_dir=SA, read_token=True, reader=memory_file_reader({**FILES, f"{SA}/token": " \n"}))
    assert (empty.code, empty.file) == ("EMPTY_TOKEN", FileProblem(f"{SA}/token", "option"))
    no_pem = failure(env=ENV, read_certificate_authority=True, reader=memory_file_reader({**FILES, f"{SA}/ca.crt": "x"}))
    assert (no_pem.code, no_pem.file) == ("INVALID_CERTIFICATE_AUTHORITY", FileProblem(f"{SA}/ca.crt", "default", None))
    assert failure(env={}).file is None


@pytest.mark.parametrize(
    "env, message",
    [
        ({"KUBERNETES_SERVICE_HOST": "", "KUBERNETES_SERVICE_PORT": ""}, "KUBERNETES_SERVICE_HOST is empty and KUBERNETES_SERVICE_PORT is empty. "),
        ({"KUBERNETES_SERVICE_HOST": ""}, "KUBERNETES_SERVICE_HOST is empty and KUBERNETES_SERVICE_PORT is not set. "),
        ({"KUBERNETES_SERVICE_PORT": "443"}, "KUBERNETES_SERVICE_HOST is not set although the other service variable is set. "),
        ({"KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": ""}, "KUBERNETES_SERVICE_PORT is empty although the other service variable is set. "),
    ],
)
def test_says_which_service_variables_are_missing_and_never_that_an_empty_one_is_set(env, message):
    error = failure(env=env, reader=memory_file_reader(FILES))
    assert error.code == "INVALID_ENVIRONMENT"
    assert error.message.startswith(message)
    if "although" not in message:
        assert error.message.endswith("Kubernetes sets both in every Pod: set both to the API server's address and port, or unset both.")
