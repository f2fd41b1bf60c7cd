"""The testkit's golden vectors, read from packages/testkit/vectors (never copied), in memory and on a real disk."""

import json
import os
from pathlib import Path
from typing import Any, Dict, List, NamedTuple, Optional

VECTORS_DIR = Path(__file__).resolve().parents[2] / "testkit" / "vectors"

KUBELET_SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount"

#: The vectors' option names (the TypeScript core's LoadOptions) and this package's keyword arguments.
OPTION_NAMES = {
    "serviceAccountDir": "service_account_dir",
    "credential": "credential",
    "namespace": "namespace",
    "server": "server",
    "embedCertificateAuthority": "embed_certificate_authority",
    "tlsServerName": "tls_server_name",
    "proxyUrl": "proxy_url",
    "clusterName": "cluster_name",
    "userName": "user_name",
    "contextName": "context_name",
}

#: The same options as python -m incluster's flags (the CLI's, where they apply).
FLAGS = {
    "serviceAccountDir": "--service-account-dir",
    "credential": "--credential",
    "namespace": "--namespace",
    "server": "--server",
    "tlsServerName": "--tls-server-name",
    "proxyUrl": "--proxy-url",
    "clusterName": "--cluster-name",
    "userName": "--user-name",
    "contextName": "--context",
}


class GoldenVector(NamedTuple):
    name: str
    description: str
    environment: Dict[str, str]
    files: Dict[str, str]
    unreadable: List[str]
    options: Dict[str, Any]
    expect: Dict[str, Any]

    @property
    def keyword_arguments(self) -> Dict[str, Any]:
        return {OPTION_NAMES[name]: value for name, value in self.options.items()}

    @property
    def expected_error(self) -> Optional[str]:
        return self.expect.get("error")


def load_golden_vectors() -> List[GoldenVector]:
    vectors = []
    for path in sorted(VECTORS_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        vectors.append(
            GoldenVector(
                name=path.stem,
                description=data["description"],
                environment=data["environment"],
                files=data["files"],
                unreadable=data.get("unreadable", []),
                options=data["options"],
                expect=data["expect"],
            )
        )
    if not vectors:
        raise AssertionError(f"no golden vectors in {VECTORS_DIR}")
    return vectors


def flags_for(options: Dict[str, Any]) -> List[str]:
    """python -m incluster's command line for a vector's options, as a shell script would write it."""
    argv = ["render"]
    for name, value in options.items():
        if name == "embedCertificateAuthority":
            argv += ["--embed-ca"] if value else []
        else:
            argv += [FLAGS[name], value]
    if options.get("credential") == "embedded":
        argv.append("--allow-embedded-token")
    return argv


class MaterializedVector(NamedTuple):
    env: Dict[str, str]
    options: Dict[str, Any]
    expected: Optional[Dict[str, Any]]


def materialize(vector: GoldenVector, root: Path) -> MaterializedVector:
    """The vector's files written under ``root``, as the testkit's conformance suite does: its absolute paths become
    root + path in the environment, the options and the expected kubeconfig alike, and an unreadable file becomes a
    directory, which no one can read as a file."""
    for path, content in vector.files.items():
        on_disk = Path(str(root) + path)
        on_disk.parent.mkdir(parents=True, exist_ok=True)
        if path in vector.unreadable:
            on_disk.mkdir()
        else:
            on_disk.write_bytes(content.encode("utf-8"))
    dirs = {KUBELET_SERVICE_ACCOUNT_DIR, *(os.path.dirname(path) for path in vector.files)}

    def rebase(value: Any) -> Any:
        if isinstance(value, str):
            for directory in dirs:
                value = value.replace(directory, str(root) + directory)
            return value
        if isinstance(value, list):
            return [rebase(item) for item in value]
        if isinstance(value, dict):
            return {key: rebase(item) for key, item in value.items()}
        return value

    return MaterializedVector(
        env=rebase({"INCLUSTER_SERVICE_ACCOUNT_DIR": KUBELET_SERVICE_ACCOUNT_DIR, **vector.environment}),
        options=rebase(vector.options),
        expected=rebase(vector.expect["kubeconfig"]) if "kubeconfig" in vector.expect else None,
    )
