"""A token and a directory the container's user may not use, on a real disk: EACCES from the kernel, not from the
in-memory reader. The tests run as root, which reads and writes anything, so python -m incluster runs as an
unprivileged user, with setpriv (util-linux); run as anyone else, it already is one. As packages/cli/test/
unprivileged.test.ts does for incluster-kubeconfig."""

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from pods import TOKEN, pod_env, service_account

UNPRIVILEGED_UID = 65534
AS_ROOT = os.getuid() == 0


def runnable_by_anyone(path):
    """Whether every user may run the file: it and each directory above it are open to others."""
    path = Path(path)
    return all(part.stat().st_mode & stat.S_IXOTH for part in [path, *path.parents])


def interpreter_for_anyone():
    """This interpreter, or when it lives where only root may go (pyenv under /root), Debian's of the same kind."""
    candidates = [os.path.realpath(sys.executable), shutil.which("pypy3" if sys.implementation.name == "pypy" else "python3", path="/usr/bin:/bin")]
    for candidate in candidates:
        if candidate and runnable_by_anyone(candidate):
            return candidate
    raise AssertionError(f"no {sys.implementation.name} interpreter that an unprivileged user may run: tried {candidates}; apt-get install python3 pypy3")


@pytest.fixture
def open_directory():
    """A directory every user may enter, as the kubelet mounts the Pod's volumes (pytest's own are root's only)."""
    directory = Path(tempfile.mkdtemp(prefix="incluster-unprivileged-"))
    directory.chmod(0o755)
    yield directory
    shutil.rmtree(directory)


def run_unprivileged(args, env, package_environment):
    command = [interpreter_for_anyone(), "-m", "incluster", *args]
    if AS_ROOT:
        if shutil.which("setpriv") is None:
            raise AssertionError("these tests drop root with setpriv, from util-linux: apt-get install util-linux")
        command = ["setpriv", f"--reuid={UNPRIVILEGED_UID}", f"--regid={UNPRIVILEGED_UID}", "--clear-groups", "--", *command]
    result = subprocess.run(command, env={**env, **package_environment}, capture_output=True, text=True, timeout=60)
    assert TOKEN not in result.stdout + result.stderr
    return result


def test_a_token_the_user_cannot_read_is_unreadable_file_with_the_permission_fix(open_directory, package_environment):
    directory = service_account(open_directory / "serviceaccount")
    directory.chmod(0o755)
    (directory / "token").chmod(0o000)

    result = run_unprivileged([], pod_env(directory), package_environment)

    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(
        f"incluster: error UNREADABLE_FILE: {directory}/token cannot be read (EACCES). Give the container's user read access to it "
        "(runAsUser, fsGroup or the volume's defaultMode), or point INCLUSTER_SERVICE_ACCOUNT_DIR at the directory"
    )

    flagged = run_unprivileged(["--service-account-dir", str(directory)], pod_env(directory), package_environment)
    assert flagged.stderr.startswith(f"incluster: error UNREADABLE_FILE: {directory}/token cannot be read (EACCES). Give the container's user read access")
    assert flagged.stderr.endswith("or point --service-account-dir at another directory.\n")


def test_an_output_file_where_the_user_may_not_write_says_so_and_leaves_nothing(open_directory, package_environment):
    directory = service_account(open_directory / "serviceaccount")
    directory.chmod(0o755)
    (open_directory / "kube").mkdir(mode=0o755)
    target = open_directory / "kube" / "config"

    result = run_unprivileged(["--output-file", str(target)], pod_env(directory), package_environment)

    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(
        f"incluster: error OUTPUT_FILE: cannot write {target}: the container's user may not write there: choose a "
        "directory it owns, such as an emptyDir or $HOME (EACCES: Permission denied: "
    )
    assert os.listdir(open_directory / "kube") == []
