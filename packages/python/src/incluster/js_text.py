"""The TypeScript core's notions of whitespace and quoting, so that both languages accept and refuse the same inputs.

Python's ``str.strip()`` and ``\\s`` follow ``str.isspace()``, which differs from JavaScript's ``trim()`` and ``\\s``
(U+001C..U+001F and U+0085 are spaces to Python, U+FEFF is one to JavaScript).
"""

import json

#: JavaScript's WhiteSpace and LineTerminator code points: what ``String.prototype.trim()`` and ``/\\s/`` match.
JS_WHITESPACE = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)


def js_trim(text: str) -> str:
    """``text.trim()`` in JavaScript."""
    return text.strip(JS_WHITESPACE)


def quoted(text: str) -> str:
    """A value quoted for a message, as ``JSON.stringify`` would: surrogates, which no UTF-8 stream can carry, as
    ``\\udcff`` escapes."""
    return json.dumps(text, ensure_ascii=False).encode("utf-8", "backslashreplace").decode("utf-8")
