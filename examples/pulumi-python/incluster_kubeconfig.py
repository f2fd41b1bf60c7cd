"""The kubeconfig of the Pod this program runs in, made by incluster-kubeconfig (the @incluster/cli package).

It comes one of two ways:

- an init container already wrote it to a file and set INCLUSTER_KUBECONFIG_FILE to its path, so the program's
  image needs no Node.js (examples/kubernetes/job.yaml);
- or this module runs ``incluster-kubeconfig render`` itself, when the image has Node.js and @incluster/cli.

Either way the kubeconfig references the Pod's rotating token file instead of holding the token: it is no secret,
it never goes stale, and its cluster entry stays byte-for-byte the same from run to run.
"""

import os
import subprocess

#: The context incluster-kubeconfig writes (its --context default). Name it to the provider, so no other is used.
CONTEXT = "incluster"

#: Where an init container left the kubeconfig, when one did.
RENDERED_FILE_VARIABLE = "INCLUSTER_KUBECONFIG_FILE"


class InClusterKubeconfigError(RuntimeError):
    """The kubeconfig could not be made. The message starts with the CLI's error line, whose code
    (NOT_IN_CLUSTER, SERVICE_ACCOUNT_NOT_MOUNTED, ...) docs/troubleshooting.md explains."""


def render_kubeconfig(*flags: str) -> str:
    """Runs ``incluster-kubeconfig render [flags]`` and returns the kubeconfig it prints, as YAML text."""
    try:
        result = subprocess.run(
            ["incluster-kubeconfig", "render", *flags],
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise InClusterKubeconfigError(
            "incluster-kubeconfig is not on PATH: install it in the image (npm install --global @incluster/cli), "
            f"or render the kubeconfig in an init container and set {RENDERED_FILE_VARIABLE}"
        ) from None
    if result.returncode != 0:
        raise InClusterKubeconfigError(result.stderr.strip() or f"incluster-kubeconfig exited with {result.returncode}")
    return result.stdout


def pod_kubeconfig() -> str:
    """The kubeconfig an init container wrote to $INCLUSTER_KUBECONFIG_FILE, or else one rendered now."""
    path = os.environ.get(RENDERED_FILE_VARIABLE)
    if path:
        with open(path, encoding="utf-8") as file:
            return file.read()
    return render_kubeconfig()
