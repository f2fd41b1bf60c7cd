"""What a kubeconfig can carry to every client, and the refusals, named by argument and character, for what it cannot.

The serializers carry any Unicode text faithfully, escaping what a YAML 1.1 or 1.2 reader would read otherwise
(serialize.py). What remains is refused here, as the TypeScript core's carried-text.ts refuses it: a surrogate code
point (UTF-8 cannot encode one; Go's decoder would read U+FFFD), a NUL in a path (no file system can hold one), and in
URLs and the TLS server name the characters that client-go's parser refuses or that the WHATWG parser reads otherwise.

Indexes in the messages are Python's: ``value[index]`` is the character named.
"""

from __future__ import annotations

import re

from .errors import InClusterConfigError
from .js_text import JS_WHITESPACE

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import Optional

#: Characters no URL may hold raw: controls (Go's url.Parse refuses C0 and DEL; the WHATWG parser drops tabs and line
#: breaks), white space and line or paragraph separators, non-characters, and the backslash, which the WHATWG parser
#: reads as "/" for https and client-go's parser does not. Compiled when first used (re's cache), as are the others.
_NOT_IN_A_URL = "[\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\ufffe\uffff\\\\]"

#: A "%" that does not start a percent-encoded byte: Go's url.Parse refuses "invalid URL escape".
_BAD_PERCENT_ESCAPE = "%(?![0-9A-Fa-f]{2})"

#: Certificates name hosts in printable ASCII.
_NOT_PRINTABLE_ASCII = "[^\x21-\x7e]"

_CHARACTER_NAMES = {
    0x00: "NUL",
    0x09: "a tab",
    0x0A: "a line feed",
    0x0D: "a carriage return",
    0x20: "a space",
    0x5C: "a backslash",
    0x85: "NEXT LINE, a line break in YAML 1.1",
    0xA0: "a no-break space",
    0x2028: "LINE SEPARATOR, a line break in YAML 1.1",
    0x2029: "PARAGRAPH SEPARATOR, a line break in YAML 1.1",
    0xFEFF: "a byte order mark",
}


def describe_character(character: str) -> str:
    """``U+2028 (LINE SEPARATOR, a line break in YAML 1.1)``: a character as messages name it."""
    code = ord(character)
    name = _CHARACTER_NAMES.get(code) or _kind_of(code, character)
    return f"U+{code:04X}" if name is None else f"U+{code:04X} ({name})"


def _kind_of(code: int, character: str) -> Optional[str]:
    if 0xDC80 <= code <= 0xDCFF:
        # PEP 383: Python decodes a byte that is not UTF-8 in a file name, a variable or an argument to U+DC80..U+DCFF.
        return f"a lone surrogate, as Python holds the byte 0x{code - 0xDC00:02X} of text that is not UTF-8"
    if 0xD800 <= code <= 0xDFFF:
        return "half of a UTF-16 surrogate pair without its other half"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "a control character"
    if character in JS_WHITESPACE:
        return "white space"
    if code in (0xFFFE, 0xFFFF):
        return "a Unicode non-character"
    return None


def require_carriable_text(field: str, value: str) -> str:
    """Any text a kubeconfig can carry: everything but surrogates. ``field`` names the argument in the message."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        # Strict UTF-8 fails on surrogates only, and says where the first one is.
        raise _refusal(
            field, value, error.start, "which UTF-8 cannot encode, so no kubeconfig can carry it: pass well-formed Unicode text."
        ) from None
    return value


def require_carriable_path(field: str, value: str) -> str:
    """A file path: carriable text without NUL, which no file system path can hold."""
    require_carriable_text(field, value)
    nul = value.find("\0")
    if nul >= 0:
        raise _refusal(field, value, nul, "which no file path can hold.")
    return value


def require_carriable_url(field: str, value: str) -> str:
    """A URL as client-go parses it: printable, without white space or backslashes, every "%" starting an escape."""
    require_carriable_text(field, value)
    character = re.search(_NOT_IN_A_URL, value)
    if character:
        raw = character.group()
        encoded = "".join(f"%{byte:02X}" for byte in raw.encode("utf-8"))
        separator = ', or write "/" if a path separator was meant' if raw == "\\" else ""
        raise _refusal(field, value, character.start(), f"which a URL cannot hold: percent-encode it ({encoded}){separator}.")
    percent = re.search(_BAD_PERCENT_ESCAPE, value)
    if percent:
        raise InClusterConfigError(
            "INVALID_OPTION",
            f'{field} has a "%" at index {percent.start()} that is not followed by two hex digits, which client-go refuses '
            'as an invalid URL escape: write a literal "%" as %25.',
        )
    return value


def require_ascii_host_name(field: str, value: str) -> str:
    """A TLS server name is an ASCII host name: certificates name hosts in ASCII, international ones in their xn-- form."""
    require_carriable_text(field, value)
    character = re.search(_NOT_PRINTABLE_ASCII, value)
    if character:
        raise _refusal(
            field,
            value,
            character.start(),
            "which a TLS server name cannot hold: certificates name hosts in ASCII, so write an international name in its "
            "xn-- form.",
        )
    return value


def _refusal(field: str, value: str, index: int, why: str) -> InClusterConfigError:
    return InClusterConfigError("INVALID_OPTION", f"{field} holds {describe_character(value[index])} at index {index}, {why}")
