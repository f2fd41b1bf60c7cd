"""A Pod's service-account volume on a real disk, for tests that need files rather than the in-memory reader."""

from pathlib import Path
from typing import Dict

CA = "-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrM3Mtc2Vy\n-----END CERTIFICATE-----\n"
TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6dGVhbS1hOmRlcGxveWVyIn0.c2lnbmF0dXJl"


def service_account(directory: Path, namespace: str = "team-a", token: str = TOKEN) -> Path:
    """token, ca.crt and namespace in ``directory``, as the kubelet mounts them."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "token").write_text(token)
    (directory / "ca.crt").write_text(CA)
    (directory / "namespace").write_text(f"{namespace}\n")
    return directory


def pod_env(directory: Path, host: str = "10.96.0.1", port: str = "443") -> Dict[str, str]:
    """The environment of a process in that Pod."""
    return {"KUBERNETES_SERVICE_HOST": host, "KUBERNETES_SERVICE_PORT": port, "INCLUSTER_SERVICE_ACCOUNT_DIR": str(directory)}
