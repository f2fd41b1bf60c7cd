"""The exec credential: a /bin/sh plugin that reads the rotating token file whenever a client needs a credential."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from .kubeconfig import ExecConfig

#: How far ahead the exec credential expires. It is client-go's own token-file refresh period: the kubelet may keep an
#: old token valid for as little as two minutes after it rotates, and a client that caches a credential longer than
#: this would send a revoked token.
EXEC_CREDENTIAL_LIFETIME_SECONDS = 60

#: A POSIX sh program (no bash) that prints an ExecCredential with the token read at call time, by the shell's own
#: ``read`` (which also trims the spaces and tabs around it, as client-go trims a token file). The token path arrives
#: as "$1", never spliced into the program, so no path can inject shell code. It is the TypeScript core's string,
#: character for character: the golden vectors pin it.
EXEC_CREDENTIAL_SCRIPT = r"""token_file=$1
if [ ! -e "$token_file" ]; then
  echo "incluster: the token file $token_file does not exist; mount the Pod's service account (automountServiceAccountToken)" >&2
  exit 1
fi
if [ ! -r "$token_file" ]; then
  echo "incluster: the token file $token_file cannot be read" >&2
  exit 1
fi
read -r token < "$token_file" || true
case $token in
  '') echo "incluster: the token file $token_file is empty" >&2; exit 1 ;;
  *[!A-Za-z0-9._~+/=-]*) echo "incluster: the token file $token_file holds characters a bearer token cannot have" >&2; exit 1 ;;
esac
format=+%Y-%m-%dT%H:%M:%SZ
expiry=$(date -u -d "+LIFETIME seconds" "$format" 2>/dev/null ||
  date -u -v +LIFETIMES "$format" 2>/dev/null ||
  date -u -d "@$(( $(date -u +%s) + LIFETIME ))" "$format" 2>/dev/null ||
  date -u "$format")
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"%s"}}\n' "$token" "$expiry"
""".replace("LIFETIME", str(EXEC_CREDENTIAL_LIFETIME_SECONDS))

#: The name the script sees as $0, shown by ps and in sh's own error messages.
_SCRIPT_NAME = "incluster-exec-credential"


def sh_exec_credential(token_path: str) -> ExecConfig:
    """An exec plugin that reads the token file with /bin/sh whenever client-go's cached credential has expired."""
    return {
        "apiVersion": "client.authentication.k8s.io/v1",
        "command": "/bin/sh",
        "args": ["-c", EXEC_CREDENTIAL_SCRIPT, _SCRIPT_NAME, token_path],
        "interactiveMode": "Never",
        "provideClusterInfo": False,
        "installHint": "incluster's exec credential runs /bin/sh. In an image without a shell, use the token-file credential instead.",
    }
