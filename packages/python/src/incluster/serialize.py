"""Writing a kubeconfig out: JSON with the standard library, YAML with PyYAML (``pip install "incluster[yaml]"``)."""

from __future__ import annotations

import json
import re

from .carried_text import require_carriable_text

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import Any

    from .kubeconfig import Kubeconfig


#: Characters that YAML 1.1 and 1.2 readers do not read alike when they appear raw: controls, DEL, the C1 range with
#: NEXT LINE (a line break in 1.1, not in 1.2), LINE and PARAGRAPH SEPARATOR (likewise), the byte order mark and the
#: non-characters U+FFFE and U+FFFF (not printable in 1.1, so go-yaml v2 and PyYAML refuse the file). Tab and line feed
#: are read alike. A string holding one is written double-quoted, where PyYAML escapes each of them.
_READ_ALIKE_ONLY_ESCAPED = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]"

#: Those of them that JSON may hold raw: client-go and PyYAML (so the official Python client) read a kubeconfig's JSON
#: as YAML 1.1, and refuse these or read them as line breaks. Escaped, they mean the same to every reader.
_LEFT_RAW_BY_JSON = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def to_json(kubeconfig: Kubeconfig) -> str:
    """JSON, which every kubeconfig reader accepts: what the TypeScript core's ``toJson`` writes, byte for byte
    (``JSON.stringify(kubeconfig, null, 2)`` and a newline, with DEL, the C1 controls, U+2028, U+2029, U+FEFF, U+FFFE
    and U+FFFF as ``\\u`` escapes, which YAML 1.1 readers do not read alike raw). Deterministic.

    Raises ``INVALID_OPTION`` for a string that holds a surrogate, which UTF-8, and so no reader, can carry."""
    require_carriable_strings(kubeconfig)
    text = json.dumps(kubeconfig, indent=2, ensure_ascii=False) + "\n"
    return _LEFT_RAW_BY_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


#: Plain scalars that no YAML reader, 1.1 (PyYAML, client-go's go-yaml v2) or 1.2, can take for anything but a
#: string: they start with a letter or "/", hold no space, quote, "#", comma or bracket, and do not end with ":".
#: Compiled by to_yaml, when it is first called: JSON, the default, does not need it.
_SAFE_PLAIN = r"[A-Za-z/][A-Za-z0-9._/:@=+~-]*(?<!:)"

#: The words YAML 1.1 reads as booleans or null (go-yaml v2 also takes y and n for booleans, PyYAML does not).
_YAML_1_1_WORDS = frozenset(
    f(word)
    for word in ("y", "yes", "n", "no", "true", "false", "on", "off", "null")
    for f in (str.lower, str.capitalize, str.upper)
)


def to_yaml(kubeconfig: Kubeconfig) -> str:
    """YAML that YAML 1.1 readers (PyYAML, client-go) and 1.2 readers read back as the same object.

    A string is written plain only when no reader can take it for something else, multi-line strings as literal
    blocks where PyYAML allows one, and every other string double-quoted, on one line, with PyYAML's escapes for line
    breaks and characters that are not printable; so is any string holding a character the two dialects do not read
    alike raw. Needs PyYAML: ``pip install "incluster[yaml]"``. Deterministic. Raises ``INVALID_OPTION`` as
    :func:`to_json` does.
    """
    require_carriable_strings(kubeconfig)
    try:
        import yaml
    except ImportError as error:
        raise ModuleNotFoundError(
            'to_yaml needs PyYAML, which incluster installs only when asked: pip install "incluster[yaml]". '
            "Or use to_json: JSON is valid kubeconfig for every client.",
            name="yaml",
        ) from error
    text: str = yaml.dump(kubeconfig, Dumper=_dumper(yaml), sort_keys=False, allow_unicode=True, width=2**31 - 1)
    return text


_DUMPER: Any = None


def _dumper(yaml: Any) -> Any:
    global _DUMPER
    if _DUMPER is None:

        class KubeconfigDumper(yaml.SafeDumper):  # type: ignore[misc]
            pass

        safe_plain = re.compile(_SAFE_PLAIN, re.ASCII)
        read_alike_only_escaped = re.compile(_READ_ALIKE_ONLY_ESCAPED)

        def represent_str(dumper: Any, text: str) -> Any:
            # Double quotes first: PyYAML would write NEXT LINE, LINE and PARAGRAPH SEPARATOR raw in a literal block,
            # where YAML 1.1 readers take them for line breaks and YAML 1.2 readers for text.
            if read_alike_only_escaped.search(text):
                style = '"'
            elif "\n" in text:
                style = "|"
            elif safe_plain.fullmatch(text) and text not in _YAML_1_1_WORDS:
                style = None
            else:
                style = '"'
            return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)

        KubeconfigDumper.add_representer(str, represent_str)
        _DUMPER = KubeconfigDumper
    return _DUMPER


def require_carriable_strings(value: object, path: str = "the kubeconfig") -> None:
    """A hand-made Kubeconfig is held to what render_kubeconfig guarantees: text that UTF-8, and so every reader,
    carries. ``path`` names the field in the message: ``clusters[0].cluster.server``."""
    if isinstance(value, str):
        require_carriable_text(path, value)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            require_carriable_strings(item, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            require_carriable_strings(item, key if path == "the kubeconfig" else f"{path}.{key}")
