"""python -m incluster: incluster-kubeconfig render's flags, exit codes and error line, for images without Node.js."""

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import yaml

from incluster import InClusterConfigError
from pods import TOKEN, pod_env, service_account

REPOSITORY = Path(__file__).resolve().parents[3]


def run(args, env, extra_env, **kwargs):
    return subprocess.run([sys.executable, "-m", "incluster", *args], env={**env, **extra_env}, capture_output=True, text=True, **kwargs)


def pod(tmp_path):
    return pod_env(service_account(tmp_path / "serviceaccount"))


def test_prints_the_pods_kubeconfig_as_json_by_default(tmp_path, package_environment):
    env = pod(tmp_path)
    result = run([], env, package_environment)
    assert (result.returncode, result.stderr) == (0, "")
    kubeconfig = json.loads(result.stdout)
    assert kubeconfig["users"][0]["user"] == {"tokenFile": f"{env['INCLUSTER_SERVICE_ACCOUNT_DIR']}/token"}
    assert run(["render"], env, package_environment).stdout == result.stdout


def test_prints_yaml_that_pyyaml_reads_as_the_same_object(tmp_path, package_environment):
    env = pod(tmp_path)
    as_yaml = run(["-o", "yaml", "--credential", "token-file+exec"], env, package_environment)
    as_json = run(["--output", "json", "--credential", "token-file+exec"], env, package_environment)
    assert as_yaml.returncode == 0, as_yaml.stderr
    assert yaml.safe_load(as_yaml.stdout) == json.loads(as_json.stdout)


def test_output_file_is_written_whole_with_mode_0600_creating_its_directories(tmp_path, package_environment):
    target = tmp_path / "home" / ".kube" / "config"
    result = subprocess.run(
        ["/bin/sh", "-c", 'umask 0 && exec "$0" -m incluster --output-file "$1"', sys.executable, str(target)],
        env={**pod(tmp_path), **package_environment},
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text())["current-context"] == "incluster"
    assert os.listdir(target.parent) == ["config"]


def test_output_file_that_cannot_be_written_fails_with_output_file_and_leaves_nothing_behind(tmp_path, package_environment):
    env = pod(tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = run(["--output-file", str(blocker / "new" / "config")], env, package_environment)
    assert result.returncode == 1
    assert result.stderr.startswith(f"incluster: error OUTPUT_FILE: cannot write {blocker}/new/config: ")
    assert blocker.read_text() == "not a directory"

    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "keep").write_text("kept")
    result = run(["--output-file", str(existing)], env, package_environment)
    assert result.returncode == 1 and "OUTPUT_FILE" in result.stderr
    assert sorted(os.listdir(existing)) == ["keep"]
    assert sorted(os.listdir(tmp_path)) == ["a-file", "existing", "serviceaccount"]


def test_an_embedded_token_needs_confirmation_and_then_comes_with_a_warning_that_never_shows_it(tmp_path, package_environment):
    env = pod(tmp_path)
    refused = run(["--credential", "embedded"], env, package_environment)
    assert refused.returncode == 2
    assert refused.stderr.startswith("incluster: error USAGE: --credential embedded writes the token itself")
    assert refused.stdout == ""

    confirmed = run(["--credential", "embedded", "--allow-embedded-token"], env, package_environment)
    assert confirmed.returncode == 0
    assert confirmed.stderr.startswith("incluster: warning: this kubeconfig embeds the service-account token")
    assert TOKEN not in confirmed.stderr
    assert json.loads(confirmed.stdout)["users"][0]["user"] == {"token": TOKEN}


def test_exit_codes_and_error_lines(tmp_path, package_environment):
    env = pod(tmp_path)
    cases = [
        (["--bogus"], env, 2, "USAGE"),
        # No abbreviations: a flag is spelled in full, as incluster-kubeconfig's are.
        (["--cred", "exec"], env, 2, "USAGE"),
        (["doctor"], env, 2, "USAGE"),
        (["-o", "xml"], env, 2, "USAGE"),
        (["--namespace", "-bad-"], env, 2, "INVALID_OPTION"),
        (["--server", "http://insecure"], env, 2, "INVALID_OPTION"),
        (["--credential", "password"], env, 2, "INVALID_OPTION"),
        ([], {}, 1, "NOT_IN_CLUSTER"),
        ([], {**env, "INCLUSTER_SERVICE_ACCOUNT_DIR": str(tmp_path / "nowhere")}, 1, "SERVICE_ACCOUNT_NOT_MOUNTED"),
        ([], {**env, "KUBERNETES_SERVICE_PORT": "https"}, 1, "INVALID_ENVIRONMENT"),
    ]
    for args, case_env, code, error in cases:
        result = run(args, case_env, package_environment)
        assert (args, result.returncode, result.stdout) == (args, code, "")
        assert re.match(rf"incluster: error {error}: \S", result.stderr), (args, result.stderr)
        assert result.stderr.count("\n") == 1, "one line per error"


def test_help_and_version(package_environment):
    help_text = run(["--help"], {}, package_environment)
    assert help_text.returncode == 0 and help_text.stderr == ""
    package = json.loads((Path(__file__).resolve().parents[1] / "package.json").read_text())
    version = run(["-V"], {}, package_environment)
    assert (version.returncode, version.stdout.strip()) == (0, package["version"].replace("-alpha.", "a").replace("-beta.", "b").replace("-rc.", "rc"))


def test_has_every_flag_of_incluster_kubeconfig_render(package_environment):
    """The same flags where they apply: every render flag of the CLI reference (docs/cli.md) is in the help."""
    reference = (REPOSITORY / "docs" / "cli.md").read_text()
    render_section = reference.split("## incluster-kubeconfig render", 1)[1].split("\n## ", 1)[0]
    flags = set(re.findall(r"^\| `((?:-\w, )?--[\w-]+)", render_section, re.MULTILINE))
    assert "--output-file" in {flag.split(", ")[-1] for flag in flags}
    help_text = run(["--help"], {}, package_environment).stdout
    for flag in flags:
        for spelling in flag.split(", "):
            assert re.search(rf"(^|[\s,]){re.escape(spelling)}\b", help_text), f"{spelling} is missing from python -m incluster"


def test_a_printed_error_names_its_code_and_message_is_the_message_alone():
    error = InClusterConfigError("NOT_IN_CLUSTER", "not in a Pod")
    assert str(error) == "[NOT_IN_CLUSTER] not in a Pod"
    assert error.message == "not in a Pod"
    assert repr(error) == "InClusterConfigError('NOT_IN_CLUSTER', 'not in a Pod')"


def test_advice_names_the_service_account_dir_flag_that_gave_the_path(tmp_path, package_environment):
    env = pod(tmp_path)
    nowhere = str(tmp_path / "nowhere")
    result = run(["--service-account-dir", nowhere], env, package_environment)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"incluster: error SERVICE_ACCOUNT_NOT_MOUNTED: {nowhere}/token does not exist. Correct --service-account-dir "
        f"{nowhere}, or leave the flag out to use $INCLUSTER_SERVICE_ACCOUNT_DIR, else the kubelet's mount point.\n"
    )


def test_a_directory_at_the_token_path_is_to_be_made_a_regular_file_not_granted_read_access(tmp_path, package_environment):
    env = pod(tmp_path)
    token = Path(env["INCLUSTER_SERVICE_ACCOUNT_DIR"]) / "token"
    token.unlink()
    token.mkdir()
    via_variable = run([], env, package_environment)
    via_flag = run(["--service-account-dir", env["INCLUSTER_SERVICE_ACCOUNT_DIR"]], env, package_environment)
    for result in (via_variable, via_flag):
        assert result.returncode == 1
        assert result.stderr.startswith(
            f"incluster: error UNREADABLE_FILE: {token} is not a regular file (EISDIR). Make it a regular file the container's user can read, "
        )
        assert "read access" not in result.stderr
    assert via_variable.stderr.endswith("or point INCLUSTER_SERVICE_ACCOUNT_DIR at the directory that holds token, ca.crt and namespace (unset, it means the kubelet's mount point).\n")
    assert via_flag.stderr.endswith("or point --service-account-dir at another directory.\n")


def test_says_both_service_variables_are_empty_when_they_are(tmp_path, package_environment):
    result = run([], {**pod(tmp_path), "KUBERNETES_SERVICE_HOST": "", "KUBERNETES_SERVICE_PORT": ""}, package_environment)
    assert result.returncode == 1
    assert result.stderr.startswith("incluster: error INVALID_ENVIRONMENT: KUBERNETES_SERVICE_HOST is empty and KUBERNETES_SERVICE_PORT is empty. ")
    assert "other service variable is set" not in result.stderr


def test_an_empty_path_flag_as_an_unset_shell_variable_gives_is_a_usage_error_writing_nothing(tmp_path, package_environment):
    env = pod(tmp_path)
    for flag in ("--output-file", "--service-account-dir"):
        # What `--output-file "$OUT"` passes when OUT is unset, and the same attached with "=".
        for args in ([flag, ""], [f"{flag}="]):
            result = subprocess.run([sys.executable, "-m", "incluster", *args], env={**env, **package_environment}, cwd=tmp_path, capture_output=True, text=True)
            assert (args, result.returncode, result.stdout) == (args, 2, "")
            assert result.stderr == f"incluster: error USAGE: argument {flag}: '' is invalid. It is empty, as an unset shell variable makes it: give a path.\n"
    assert sorted(os.listdir(tmp_path)) == ["serviceaccount"]


def test_an_output_file_on_a_read_only_file_system_says_the_file_system_is_read_only(tmp_path, package_environment):
    # A read-only tmpfs in a mount namespace of the command's own: root is not needed, only user namespaces.
    read_only = tmp_path / "read-only"
    read_only.mkdir()
    target = read_only / "missing" / "config"
    script = 'mount -t tmpfs -o ro tmpfs "$1" || exit 125; shift; exec "$@"'
    command = ["unshare", "--map-root-user", "--mount", "sh", "-c", script, "sh", str(read_only), sys.executable, "-m", "incluster", "--output-file", str(target)]
    try:
        result = subprocess.run(command, env={**pod(tmp_path), **package_environment}, capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        raise AssertionError("this test mounts a read-only tmpfs with unshare, from util-linux: apt-get install util-linux") from None
    if result.returncode == 125 or result.stderr.startswith("unshare: "):
        raise AssertionError(f"this test mounts a read-only tmpfs with unshare (util-linux), which needs user namespaces or root: {result.stderr.strip()}")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"incluster: error OUTPUT_FILE: cannot write {target}: the file system is read-only: write to a volume mounted "
        f"read-write, such as an emptyDir (EROFS: Read-only file system: '{read_only}/missing')\n"
    )


def test_an_output_file_under_proc_fails_at_once_instead_of_spinning(tmp_path, package_environment):
    target = "/proc/incluster-no-such-directory/deeper/config"
    # Far longer than the command takes: still running then, it is stuck, and the timeout says so.
    result = run(["--output-file", target], pod(tmp_path), package_environment, timeout=20)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"incluster: error OUTPUT_FILE: cannot write {target}: ENOENT: No such file or directory: '/proc/incluster-no-such-directory'\n"


def test_an_argument_or_variable_that_is_not_utf_8_is_reported_never_crashes(tmp_path, package_environment):
    env = pod(tmp_path)
    namespace = subprocess.run([sys.executable, "-m", "incluster", "-n", b"\xff"], env={**env, **package_environment}, capture_output=True)
    assert namespace.returncode == 2
    assert namespace.stderr.startswith(b'incluster: error INVALID_OPTION: The namespace option "\\udcff" is not a valid DNS-1123 label')
    context = subprocess.run([sys.executable, "-m", "incluster", "--context", b"team-\xff"], env={**env, **package_environment}, capture_output=True)
    assert context.returncode == 2
    assert context.stderr.startswith(b"incluster: error INVALID_OPTION: context_name holds U+DCFF (a lone surrogate, as Python holds the byte 0xFF")
    directory = subprocess.run([sys.executable, "-m", "incluster"], env={**env, **package_environment, "INCLUSTER_SERVICE_ACCOUNT_DIR": b"/nowhere-\xff"}, capture_output=True)
    assert directory.returncode == 1
    # The path as the bytes it was, as a shell would print it.
    assert directory.stderr.startswith(b"incluster: error SERVICE_ACCOUNT_NOT_MOUNTED: /nowhere-\xff/token does not exist")
