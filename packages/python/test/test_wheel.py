"""The package as users get it: a wheel built from the sources, installed into a fresh virtualenv that holds nothing
else, and run from there with nothing of the repository around it."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pods import pod_env, service_account

PACKAGE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", str(dist), str(PACKAGE_DIR)], check=True, capture_output=True)
    [built] = dist.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    """The python of a fresh virtualenv with the wheel, and nothing else, installed."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--python", str(python)]
    subprocess.run([*pip, "install", "--quiet", "--no-index", "--no-deps", str(wheel)], check=True)
    return python


def run(python, args, env, cwd):
    # -I: no PYTHONPATH, no user site, not the working directory: only what the virtualenv holds.
    return subprocess.run([str(python), "-I", *args], env=env, cwd=cwd, capture_output=True, text=True)


def test_the_wheel_holds_the_package_its_types_and_its_metadata_only(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    version = json.loads((PACKAGE_DIR / "package.json").read_text())["version"]
    assert all(name.startswith(("incluster/", "incluster-")) for name in names), names
    assert {"incluster/__init__.py", "incluster/__main__.py", "incluster/py.typed", "incluster/pulumi.py"} <= set(names)
    assert not [name for name in names if "test" in name]
    [metadata] = [name for name in names if name.endswith(".dist-info/METADATA")]
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Requires-Python: >=3.9" in text
    assert "Provides-Extra: pulumi" in text and "Provides-Extra: yaml" in text
    requirements = [line for line in text.splitlines() if line.startswith("Requires-Dist:")]
    assert requirements and all("extra ==" in line for line in requirements), "the core needs the standard library only"
    assert wheel.name.startswith(f"incluster-{version.replace('-alpha.', 'a').replace('-beta.', 'b').replace('-rc.', 'rc')}-py3-none-any")


def test_it_imports_from_the_virtualenv(installed, tmp_path):
    result = run(installed, ["-c", "import incluster; print(incluster.__file__)"], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(str(installed.parent.parent))


def test_python_m_incluster_renders_the_pods_kubeconfig_with_only_the_pods_environment(installed, tmp_path):
    env = pod_env(service_account(tmp_path / "serviceaccount"))
    result = run(installed, ["-m", "incluster", "--credential", "token-file+exec"], env, tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    user = json.loads(result.stdout)["users"][0]["user"]
    assert user["tokenFile"] == f"{env['INCLUSTER_SERVICE_ACCOUNT_DIR']}/token"
    assert user["exec"]["command"] == "/bin/sh"


def test_yaml_and_pulumi_say_which_extra_they_need(installed, tmp_path):
    env = pod_env(service_account(tmp_path / "serviceaccount"))
    as_yaml = run(installed, ["-m", "incluster", "-o", "yaml"], env, tmp_path)
    assert as_yaml.returncode == 1
    assert as_yaml.stderr.startswith('incluster: error MISSING_DEPENDENCY: -o yaml needs PyYAML, which is not installed: pip install "incluster[yaml]"')
    assert as_yaml.stdout == ""
    pulumi = run(installed, ["-c", "import incluster.pulumi"], {}, tmp_path)
    assert 'incluster.pulumi needs pulumi, which incluster installs only when asked: pip install "incluster[pulumi]"' in pulumi.stderr


def test_importing_it_and_rendering_never_load_typing(installed, tmp_path):
    """typing alone would cost a third of the import time, which an init container pays at every Pod start."""
    program = (
        "import sys, incluster, incluster.cli\n"
        "incluster.render_kubeconfig(incluster.PodEnvironment('10.96.0.1', 443, '/sa', '/sa/token', '/sa/ca.crt', 'default', 'default'))\n"
        "print(sorted(name for name in ('typing', 'dataclasses', 'inspect') if name in sys.modules))"
    )
    result = run(installed, ["-c", program], {}, tmp_path)
    assert (result.returncode, result.stdout.strip()) == (0, "[]"), result.stderr
