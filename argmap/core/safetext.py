"""Text from a map is data: printed literally, never interpreted by a terminal or a markup engine."""

from __future__ import annotations

from argmap.core.patterns import later

# C0 controls but tab and newline, DEL, C1 controls, the bidirectional overrides that can make text
# read differently from what it is ("Trojan Source"), and the Unicode line and paragraph separators,
# which would start a new line of output in the middle of a quote. Then lone surrogates: a file name
# that is not valid UTF-8 reaches Python as surrogate escapes (U+DC80-U+DCFF for the bytes 0x80-0xFF),
# which no UTF-8 stream can encode (writing one raises, or emits invalid UTF-8 under surrogateescape).
_UNSAFE = later("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = later("[\ud800-\udfff]")


def _shown(char: str) -> str:
    """How one unsafe character is shown: \\x1b for a control, \\xe9 for the undecodable byte 0xE9 of
    a file name (its surrogate escape), \\u202e above."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def clean(text: str, keep_newlines: bool = False) -> str:
    """`text` with every control character shown as an escape such as \\x1b (and a byte of a file
    name that is not UTF-8 as \\xe9)."""
    text = _UNSAFE.sub(lambda m: _shown(m.group()), text)
    return text if keep_newlines else text.replace("\n", "\\n").replace("\t", " ")


def path_text(path: str) -> str:
    """A path as every output shows it: one line, controls and undecodable bytes escaped (\\xe9). Only
    for showing: the path itself (with its surrogate escapes) is what opens the file."""
    return clean(path)


def path_uri(path: str) -> str:
    """A relative path as a URI reference: its bytes on disk (os.fsencode undoes the surrogate escapes)
    percent-encoded, so `caf\\xe9.yaml` is `caf%E9.yaml`, the same file to a URI reader."""
    import os
    from pathlib import PurePath
    from urllib.parse import quote

    posix = PurePath(path).as_posix()
    try:
        raw = os.fsencode(posix)
    except UnicodeEncodeError:  # a surrogate that stands for no byte: not from the file system, show it
        raw = clean(posix).encode("utf-8")
    return quote(raw, safe="/:")


def json_text(text: str) -> str:
    """JSON text with the controls `json.dumps(ensure_ascii=False)` leaves raw (DEL, C1, bidi) escaped.

    They can only stand inside JSON strings, where `\\uXXXX` means the same character, so the document
    is unchanged for a parser and harmless on a terminal. A lone surrogate (a file name's undecodable
    byte) has no UTF-8 form, and `\\udce9` would be a lone surrogate to the reader too (which strict
    parsers refuse): it becomes the text the other formats show, `\\xe9` (an escaped backslash in JSON).
    """
    text = _SURROGATE.sub(lambda m: "\\" + _shown(m.group()), text)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_document(data: object) -> str:
    """The one way argmap writes JSON: indented, UTF-8 text, controls escaped, ending in a newline."""
    import json

    return json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
