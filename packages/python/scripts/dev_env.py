#!/usr/bin/env python3
"""The Python environment the tests of packages/python run in, made once per interpreter and requirements.

    python3 scripts/dev_env.py [--interpreter python3] [--requirements requirements-dev.txt]

prints the path of a virtualenv's python on stdout, and progress on stderr. The virtualenv lives in
$INCLUSTER_CACHE_DIR/python (else $XDG_CACHE_HOME/incluster/python, else ~/.cache/incluster/python), in a directory named after the interpreter's version
and a hash of the requirements file and the interpreter, so a changed pin or interpreter gets a new one and an
unchanged one is reused. It is marked complete only once every package has installed; one without the mark, which
an interrupted install leaves, is made again. The package itself is not
installed: the tests import it from src/, or build and install its wheel.

Only the standard library is used, so any python3 can run it. An interpreter that is missing is installed from
Debian's packages when this runs as root (pypy3), and otherwise named with the command that installs it.
"""

import argparse
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

#: Interpreters this script may install, and the Debian packages that bring them.
DEBIAN_PACKAGES = {"pypy3": ["pypy3", "pypy3-venv"]}


def log(message: str) -> None:
    print(f"dev-env: {message}", file=sys.stderr, flush=True)


def find_interpreter(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    packages = DEBIAN_PACKAGES.get(name)
    if packages is None:
        sys.exit(f"dev-env: {name} is not on PATH: install it, or pass another --interpreter")
    command = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    if os.geteuid() != 0:
        sys.exit(f"dev-env: {name} is not installed. Install it as root: apt-get update && {' '.join(command)}")
    log(f"{name} is not installed: installing {' '.join(packages)} from Debian's packages")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update"], check=True, stdout=sys.stderr, env=env)
    subprocess.run(command, check=True, stdout=sys.stderr, env=env)
    found = shutil.which(name)
    if not found:
        sys.exit(f"dev-env: {' '.join(packages)} installed, but {name} is still not on PATH")
    return found


def interpreter_version(interpreter: str) -> str:
    program = "import sys, platform; print(f'{platform.python_implementation().lower()}-{sys.version_info[0]}.{sys.version_info[1]}.{sys.version_info[2]}')"
    return subprocess.run([interpreter, "-c", program], check=True, capture_output=True, text=True).stdout.strip()


def cache_dir() -> str:
    xdg_cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    base = os.environ.get("INCLUSTER_CACHE_DIR") or os.path.join(xdg_cache, "incluster")
    return os.path.join(base, "python")


def environment(interpreter: str, requirements: str) -> str:
    """The path of the environment's python, creating the environment first when it is not complete."""
    version = interpreter_version(interpreter)
    with open(requirements, "rb") as file:
        digest = hashlib.sha256(file.read() + os.path.realpath(interpreter).encode() + version.encode()).hexdigest()[:16]
    target = os.path.join(cache_dir(), f"{version}-{digest}")
    python = os.path.join(target, "bin", "python")
    complete = os.path.join(target, ".complete")
    if os.path.exists(complete):
        return python
    os.makedirs(cache_dir(), exist_ok=True)
    # One builder at a time; a second one waits, then finds the environment complete.
    with open(f"{target}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.path.exists(complete):
            return python
        # Whatever an interrupted run left there is started over.
        shutil.rmtree(target, ignore_errors=True)
        try:
            log(f"creating {target} for {version} from {os.path.basename(requirements)} (once per version of either)")
            subprocess.run([interpreter, "-m", "venv", target], check=True, stdout=sys.stderr)
            log("installing the pinned requirements (pip's progress follows)")
            pip = [python, "-m", "pip", "--disable-pip-version-check"]
            subprocess.run([*pip, "install", "--progress-bar", "off", "-r", requirements], check=True, stdout=sys.stderr)
            with open(complete, "w") as marker:
                marker.write(f"{requirements}\n")
            log(f"ready: {target}")
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
    return python


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interpreter", default="python3")
    parser.add_argument("--requirements", default=os.path.join(PACKAGE_DIR, "requirements-dev.txt"))
    args = parser.parse_args()
    print(environment(find_interpreter(args.interpreter), os.path.abspath(args.requirements)))


if __name__ == "__main__":
    main()
