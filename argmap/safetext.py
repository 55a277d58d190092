"""Text from a map is data: printed literally, never interpreted by a terminal or a markup engine."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, the bidirectional overrides that can make text
# read differently from what it is ("Trojan Source"), and the Unicode line and paragraph separators,
# which would start a new line of output in the middle of a quote.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def clean(text: str, keep_newlines: bool = False) -> str:
    """`text` with every control character shown as an escape such as \\x1b."""
    text = _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                       else f"\\u{ord(m.group()):04x}", text)
    return text if keep_newlines else text.replace("\n", "\\n").replace("\t", " ")


def json_text(text: str) -> str:
    """JSON text with the controls `json.dumps(ensure_ascii=False)` leaves raw (DEL, C1, bidi) escaped.

    They can only stand inside JSON strings, where `\\uXXXX` means the same character, so the document
    is unchanged for a parser and harmless on a terminal.
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_document(data: object) -> str:
    """The one way argmap writes JSON: indented, UTF-8 text, controls escaped, ending in a newline."""
    import json

    return json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
