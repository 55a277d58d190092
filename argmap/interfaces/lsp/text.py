"""Lines, tokens and positions: what every feature needs of a document's text.

argmap counts 1-based lines and columns in characters (code points); LSP counts 0-based lines and
columns in the units the client and server agreed on (UTF-16 unless told otherwise). Everything here
works in characters; `Codec` converts at the edge.
"""

from __future__ import annotations

import re

from argmap.core.record import record
from argmap.syntax.yamledit import split_lines as split_lines  # the line ends LSP knows, as the one editor counts them

_ID_CHARS = re.compile(r"[A-Za-z0-9_.@-]*")
_ID_BEFORE = re.compile(r"[A-Za-z0-9_.@-]*$")
RULE_CODE = re.compile(r"^[YSRACQ][0-9]{3}$")


class Codec:
    """Character columns to and from the client's position units."""

    def __init__(self, encoding: str = "utf-16") -> None:
        self.encoding = encoding

    def units(self, line: str, char: int) -> int:
        if self.encoding == "utf-32" or line.isascii():
            return char
        codec = "utf-8" if self.encoding == "utf-8" else "utf-16-le"
        size = 1 if self.encoding == "utf-8" else 2
        return len(line[:char].encode(codec, "surrogatepass")) // size

    def chars(self, line: str, units: int) -> int:
        if self.encoding == "utf-32" or line.isascii():
            return min(units, len(line))
        count = 0
        for index, character in enumerate(line):
            if count >= units:
                return index
            point = ord(character)
            if self.encoding == "utf-8":
                count += 1 if point < 0x80 else 2 if point < 0x800 else 3 if point < 0x10000 else 4
            else:
                count += 2 if point >= 0x10000 else 1
        return len(line)


def word_at(line: str, char: int) -> tuple[int, int]:
    """Start and end (characters) of the id-like word at or just before `char`."""
    char = max(0, min(char, len(line)))
    before = _ID_BEFORE.search(line, 0, char)
    start = before.start() if before else char
    after = _ID_CHARS.match(line, char)
    end = after.end() if after else char
    return start, end


def scalar_end(line: str, start: int) -> int:
    """Where a YAML scalar (or key) that begins at `start` ends on its line: at its closing quote, else
    before the first `,`, `]`, `}`, `: `, ` #`, or the line's end (trailing spaces left out)."""
    if start >= len(line):
        return len(line)
    opener = line[start]
    if opener in "'\"":
        index = start + 1
        while index < len(line):
            if line[index] == "\\" and opener == '"':
                index += 2
                continue
            if line[index] == opener:
                if opener == "'" and index + 1 < len(line) and line[index + 1] == "'":
                    index += 2  # '' is a quote inside single quotes
                    continue
                return index + 1
            index += 1
        return len(line)
    end = start
    while end < len(line):
        character = line[end]
        if character in ",]}" or (character == ":" and (end + 1 == len(line) or line[end + 1] in " \t")):
            break
        if character == "#" and end > start and line[end - 1] in " \t":
            break
        end += 1
    while end > start and line[end - 1] in " \t":
        end -= 1
    return max(end, min(start + 1, len(line)))


@record(frozen=True)
class Span:
    """A stretch of text in characters: 0-based lines, 0-based columns."""

    line: int
    char: int
    end_line: int
    end_char: int
