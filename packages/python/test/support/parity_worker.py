"""Renders a batch of cases for the parity test: a JSON array on stdin, one result per case on stdout.

A case is {"environment", "files", "unreadable", "options"} as in the golden vectors, with in-memory files; a result
is {"json": to_json(kubeconfig)} or {"error": code}. With --yaml (which needs PyYAML), a rendered case's result also
holds "yaml": to_yaml(kubeconfig).
"""

import json
import sys

from incluster import InClusterConfigError, load_in_cluster_kubeconfig, memory_file_reader, to_json, to_yaml

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


def render(case, with_yaml):
    try:
        kubeconfig = load_in_cluster_kubeconfig(
            env=case["environment"],
            reader=memory_file_reader(case["files"], case.get("unreadable", [])),
            **{OPTION_NAMES[name]: value for name, value in case["options"].items()},
        )
    except InClusterConfigError as error:
        return {"error": error.code}
    return {"json": to_json(kubeconfig), **({"yaml": to_yaml(kubeconfig)} if with_yaml else {})}


json.dump([render(case, "--yaml" in sys.argv[1:]) for case in json.load(sys.stdin)], sys.stdout, ensure_ascii=True)
