"""``python -m incluster``: ``incluster-kubeconfig render`` for images that have Python and not Node.js.

The same flags where they apply, the same exit codes (0 success, 1 the Pod or the output file let us down, 2 the
command line is wrong), and the same error line, ``incluster: error <CODE>: <message>``. It prints JSON by default,
which needs nothing beyond the standard library; ``-o yaml`` needs PyYAML (``pip install "incluster[yaml]"``).
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys

from ._version import __version__
from .credential import CREDENTIAL_MODES, carries_secret
from .errors import InClusterConfigError
from .js_text import JS_WHITESPACE, js_trim
from .load import load_in_cluster_kubeconfig
from .path_flag import message_naming_the_flag
from .service_account_files import DEFAULT_SERVICE_ACCOUNT_DIR

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import Mapping, NoReturn, Optional, Sequence, TextIO

PROGRAM_NAME = "incluster"

EXIT_OK = 0
#: The Pod environment, the output file or a missing dependency let us down.
EXIT_FAILURE = 1
#: The command line was wrong: USAGE, or a flag value the core refuses (INVALID_OPTION).
EXIT_USAGE = 2

OUTPUT_FORMATS = ("json", "yaml")

_AROUND_A_LINE_BREAK = re.compile(f"[{JS_WHITESPACE}]*\n[{JS_WHITESPACE}]*")


class CliError(Exception):
    """A failure the command reports on its own terms: USAGE, OUTPUT_FILE, MISSING_DEPENDENCY or INTERNAL; or a core
    error, its code kept, whose advice names the flag the user gave."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0])


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CliError("USAGE", message)


def _non_empty_path(value: str) -> str:
    """The value of every path flag. An empty one is what an unset shell variable gives (``--output-file "$OUT"``): a
    usage error, rather than a path resolved against the current directory or silently ignored."""
    if value == "":
        raise argparse.ArgumentTypeError("'' is invalid. It is empty, as an unset shell variable makes it: give a path.")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m incluster",
        description=(
            "Prints a kubeconfig built from the Pod's service account, as incluster-kubeconfig render does. By default "
            "its user references the rotating token file (tokenFile), which client-go re-reads, so the kubeconfig "
            "never holds a secret and never goes stale."
        ),
        epilog=(
            "exit codes: 0 success; 1 the Pod environment was refused (its error code says which), --output-file "
            "cannot be written, or PyYAML is missing for -o yaml; 2 the command line is wrong. Errors go to stderr, "
            'the first line always "incluster: error <CODE>: <message>".'
        ),
        allow_abbrev=False,
    )
    parser.add_argument("command", nargs="?", choices=["render"], help="render, the only command (the default)")
    parser.add_argument(
        "--credential",
        metavar="MODE",
        default="token-file",
        help=f"how the user authenticates: {', '.join(CREDENTIAL_MODES)}; embedded needs --allow-embedded-token (default: token-file)",
    )
    parser.add_argument(
        "--allow-embedded-token",
        action="store_true",
        help="confirm --credential embedded: the kubeconfig then holds the token, a secret that expires",
    )
    parser.add_argument("-n", "--namespace", help="the context's namespace (default: the Pod's namespace)")
    parser.add_argument("--context", metavar="NAME", help='the context name (default: "incluster")')
    parser.add_argument("--cluster-name", metavar="NAME", help='the cluster name (default: "incluster")')
    parser.add_argument("--user-name", metavar="NAME", help='the user name (default: "incluster")')
    parser.add_argument(
        "--server",
        metavar="URL",
        help="the API server URL, https only (default: https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT)",
    )
    parser.add_argument("--embed-ca", action="store_true", help="embed ca.crt as certificate-authority-data instead of referencing its path")
    parser.add_argument("--tls-server-name", metavar="NAME", help="the server name to verify the API server certificate against")
    parser.add_argument("--proxy-url", metavar="URL", help="an http, https or socks5 proxy for the API server")
    parser.add_argument(
        "--service-account-dir",
        metavar="DIR",
        type=_non_empty_path,
        help=f"the directory holding token, ca.crt and namespace (default: $INCLUSTER_SERVICE_ACCOUNT_DIR, else {DEFAULT_SERVICE_ACCOUNT_DIR})",
    )
    parser.add_argument(
        "-o", "--output", choices=OUTPUT_FORMATS, default="json", help='the output format (default: "json"; "yaml" needs PyYAML)'
    )
    parser.add_argument(
        "--output-file",
        metavar="PATH",
        type=_non_empty_path,
        help="write the kubeconfig to this file instead of stdout: atomically, mode 0600, creating missing directories",
    )
    parser.add_argument("-V", "--version", action="version", version=__version__, help="print the version")
    return parser


def render(flags: argparse.Namespace, env: Mapping[str, str]) -> str:
    """The kubeconfig text for the parsed flags; warnings go to stderr."""
    if flags.credential == "embedded" and not flags.allow_embedded_token:
        raise CliError(
            "USAGE",
            "--credential embedded writes the token itself into the kubeconfig, a secret that stops working when the "
            "token expires. Add --allow-embedded-token to confirm, or use the default token-file credential.",
        )
    if flags.output == "yaml":
        _require_pyyaml()
    try:
        kubeconfig = load_in_cluster_kubeconfig(
            env=env,
            service_account_dir=flags.service_account_dir,
            credential=flags.credential,
            namespace=flags.namespace,
            context_name=flags.context,
            cluster_name=flags.cluster_name,
            user_name=flags.user_name,
            server=flags.server,
            embed_certificate_authority=flags.embed_ca,
            tls_server_name=flags.tls_server_name,
            proxy_url=flags.proxy_url,
        )
    except InClusterConfigError as error:
        # The core's advice for a path passed as service_account_dir, in the user's terms: the flag they gave.
        raise CliError(error.code, message_naming_the_flag(error, flags.service_account_dir)) from None
    if carries_secret(kubeconfig):
        _write(
            sys.stderr,
            warning_line(
                "this kubeconfig embeds the service-account token: store it as a secret, and expect it to stop "
                "working when the token expires."
            ),
        )
    from .serialize import to_json, to_yaml

    return to_yaml(kubeconfig) if flags.output == "yaml" else to_json(kubeconfig)


def main(argv: Optional[Sequence[str]] = None, env: Optional[Mapping[str, str]] = None) -> int:
    """Runs the command line ``argv`` (without the program) and returns the exit code; never exits the process."""
    try:
        try:
            parser = build_parser()
            flags = parser.parse_args(_attach_values(parser, sys.argv[1:] if argv is None else list(argv)))
        except SystemExit as done:
            # --help and --version.
            return EXIT_OK if done.code in (0, None) else EXIT_USAGE
        text = render(flags, os.environ if env is None else env)
        if flags.output_file is None:
            _write(sys.stdout, text)
        else:
            _write_output_file(flags.output_file, text)
        return EXIT_OK
    except (CliError, InClusterConfigError) as error:
        return _fail(error.code, error.message)
    except BrokenPipeError:
        # A reader that stops early (`| head`) closed the pipe: the rest has nowhere to go, and that is no error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - a bug: reported in the same form, with the INTERNAL code
        return _fail("INTERNAL", f"{type(error).__name__}: {error}")


def _attach_values(parser: argparse.ArgumentParser, argv: Sequence[str]) -> Sequence[str]:
    """``--namespace -x`` as ``--namespace=-x``: argparse takes a value that starts with "-" for an option, and
    incluster-kubeconfig (commander) gives it to the flag, as the flag needs a value."""
    valued = {flag for action in parser._actions if action.nargs is None and action.option_strings for flag in action.option_strings}
    attached: list[str] = []
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "--":
            attached.extend(argv[index:])
            break
        if token in valued and index + 1 < len(argv):
            value = argv[index + 1]
            attached.append(f"{token}={value}" if token.startswith("--") else f"{token}{value}")
            index += 2
            continue
        attached.append(token)
        index += 1
    return attached


def error_line(code: str, message: str) -> str:
    """The stable first line of every error: ``incluster: error <CODE>: <message>``."""
    return f"{PROGRAM_NAME}: error {code}: {js_trim(_AROUND_A_LINE_BREAK.sub(' ', message))}\n"


def warning_line(message: str) -> str:
    return f"{PROGRAM_NAME}: warning: {message}\n"


def exit_code_for(code: str) -> int:
    """A flag value the core refuses (INVALID_OPTION) is a usage error too: every render option comes from a flag."""
    return EXIT_USAGE if code in ("USAGE", "INVALID_OPTION") else EXIT_FAILURE


def _fail(code: str, message: str) -> int:
    _write(sys.stderr, error_line(code, message))
    return exit_code_for(code)


def _require_pyyaml() -> None:
    try:
        import yaml  # noqa: F401
    except ImportError:
        raise CliError(
            "MISSING_DEPENDENCY",
            '-o yaml needs PyYAML, which is not installed: pip install "incluster[yaml]", or use -o json '
            "(the default), which every client reads.",
        ) from None


def _write_output_file(path: str, text: str) -> None:
    from .atomic_write import write_file_atomically

    try:
        write_file_atomically(path, text)
    except OSError as error:
        raise CliError("OUTPUT_FILE", f"cannot write {path}: {_write_failure(error)}") from None


#: For the failures a Pod meets most, what to do about them.
_WRITE_ADVICE = {
    errno.EROFS: "the file system is read-only: write to a volume mounted read-write, such as an emptyDir",
    errno.EACCES: "the container's user may not write there: choose a directory it owns, such as an emptyDir or $HOME",
}


def _write_failure(error: OSError) -> str:
    """What went wrong writing the file, as ``EROFS: Read-only file system: '/kube'``, with the advice if any."""
    name = errno.errorcode.get(error.errno) if error.errno is not None else None
    detail = f"{name}: {error.strerror}" if name and error.strerror else str(error)
    if error.filename is not None:
        detail += f": '{error.filename}'" + ("" if error.filename2 is None else f" -> '{error.filename2}'")
    advice = _WRITE_ADVICE.get(error.errno) if error.errno is not None else None
    return detail if advice is None else f"{advice} ({detail})"


def _write(stream: TextIO, text: str) -> None:
    # UTF-8 whatever the locale: a Pod's environment often sets none. A path in a message may hold bytes that are not
    # UTF-8, which Python holds as surrogates (PEP 383): they are written back as the bytes they were.
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
    else:
        stream.flush()
        try:
            data = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            data = text.encode("utf-8", "backslashreplace")
        buffer.write(data)
    stream.flush()
