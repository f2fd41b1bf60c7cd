import type { ExecConfig } from './kubeconfig';

/**
 * How far ahead the exec credential expires. It is client-go's own token-file refresh period: the kubelet may keep
 * an old token valid for as little as two minutes after it rotates, and a client that caches a credential longer
 * than this would send a revoked token.
 */
export const EXEC_CREDENTIAL_LIFETIME_SECONDS = 60;

/**
 * A POSIX sh program (no bash) that prints an ExecCredential with the token read at call time, by the shell's own
 * `read` rather than `cat`, since every process costs clients about a millisecond per call; `read` also trims the
 * spaces and tabs around it, as client-go trims a token file. The token path
 * arrives as "$1", never spliced into the program, so no path can inject shell code. The expiry takes one `date`
 * where it can (GNU `-d`, then BSD `-v`), then busybox's `-d @N`, and falls back to now, which only makes clients
 * call it more often.
 */
export const EXEC_CREDENTIAL_SCRIPT = `token_file=$1
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
expiry=$(date -u -d "+${EXEC_CREDENTIAL_LIFETIME_SECONDS} seconds" "$format" 2>/dev/null ||
  date -u -v +${EXEC_CREDENTIAL_LIFETIME_SECONDS}S "$format" 2>/dev/null ||
  date -u -d "@$(( $(date -u +%s) + ${EXEC_CREDENTIAL_LIFETIME_SECONDS} ))" "$format" 2>/dev/null ||
  date -u "$format")
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"%s"}}\\n' "$token" "$expiry"
`;

/** The name the script sees as $0, shown by ps and in sh's own error messages. */
const SCRIPT_NAME = 'incluster-exec-credential';

/** An exec plugin that reads the token file with /bin/sh whenever client-go's cached credential has expired. */
export function shExecCredential(tokenPath: string): ExecConfig {
  return {
    apiVersion: 'client.authentication.k8s.io/v1',
    command: '/bin/sh',
    args: ['-c', EXEC_CREDENTIAL_SCRIPT, SCRIPT_NAME, tokenPath],
    interactiveMode: 'Never',
    provideClusterInfo: false,
    installHint: "incluster's exec credential runs /bin/sh. In an image without a shell, use the token-file credential instead.",
  };
}
