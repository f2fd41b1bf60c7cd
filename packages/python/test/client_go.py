"""client-go's own kubeconfig loader over many files in one process: the testkit's readKubeconfigsWithClientGo, whose
Go program (clientcmd.LoadFromFile, as kubectl, helm and the Pulumi provider load a file) the testkit builds once."""

import json
import subprocess

from kubectl import REPOSITORY

_READ = """
const { readKubeconfigsWithClientGo } = require('@incluster/testkit');
let input = '';
process.stdin.on('data', (chunk) => (input += chunk)).on('end', () =>
  readKubeconfigsWithClientGo(JSON.parse(input)).then(
    (readings) => process.stdout.write(JSON.stringify(readings)),
    (error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); },
  ),
);
"""


def read_with_client_go(paths):
    """One reading per path, in order: ``{"config", "server", "invalid"}`` or ``{"error"}`` (kubeconfig-readers.ts)."""
    result = subprocess.run(["node", "-e", _READ], cwd=REPOSITORY, input=json.dumps(paths), capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(
            "client-go's loader (the testkit's kubeconfig-reader) could not run: run npm ci and npm run compile at the "
            "repository's root first; the testkit builds the reader with Go on first use.\n" + result.stderr
        )
    return json.loads(result.stdout)


def as_client_go_gives_it_back(kubeconfig):
    """The object client-go's v1 types encode: without apiVersion and kind, which the decoder checks and drops."""
    return {key: value for key, value in kubeconfig.items() if key not in ("apiVersion", "kind")}


def without_empty_extras(loaded, written):
    """The fields client-go adds at their empty defaults (``env: null``, ``preferences: {}``), where nothing was written."""
    if isinstance(loaded, list) and isinstance(written, list) and len(loaded) == len(written):
        return [without_empty_extras(item, other) for item, other in zip(loaded, written)]
    if isinstance(loaded, dict) and isinstance(written, dict):
        return {
            key: without_empty_extras(value, written.get(key))
            for key, value in loaded.items()
            if key in written or value not in (None, False, "", [], {})
        }
    return loaded
