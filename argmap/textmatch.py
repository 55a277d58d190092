"""Finding a verbatim quote in an article text that was copied from a real web page.

Both sides are normalised the same way (typographic quotes, dashes, odd spaces, line breaks), a word
hyphenated across a line end is matched with or without its hyphen, and an ellipsis in the quote
("…", "...", "[...]", "[…]") stands for an omitted part. Every normalised character remembers its
offset in the original, so a match is reported at its real line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_CHARS = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                    "\u200a\u202f\u205f\u3000\t\r\n\f\v\u2028\u2029\u0085", " "),
    **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
    "\u2026": "...",
}
_LINE_HYPHEN = "\x00"  # stands for a hyphen that ended a line: "inte-\ngration"
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\s*){3}\]|\[\s*\u2026\s*\]|\u2026|\.\.\.)\s*")
_MAX_GAP = 3000  # characters an ellipsis may stand for


@dataclass(frozen=True)
class Normalised:
    text: str
    offsets: list[int]  # offsets[i] is the original offset of text[i]; one extra entry for the end
    original: str

    def position(self, index: int) -> tuple[int, int]:
        """1-based line and column in the original text of normalised index `index`."""
        offset = self.offsets[min(index, len(self.offsets) - 1)]
        before = self.original[:offset]
        return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1

    def original_offset(self, index: int) -> int:
        return self.offsets[min(index, len(self.offsets) - 1)]


def normalise(original: str) -> Normalised:
    chars: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(original)
    while i < n:
        c = original[i]
        # A hyphen at a line end between letters: the word may or may not have had a hyphen.
        if c in "-\u2010\u00ad" and chars and chars[-1].isalnum():
            j = i + 1
            while j < n and original[j] in " \t\r":
                j += 1
            if j < n and original[j] == "\n":
                j += 1
                while j < n and original[j] in " \t\r":
                    j += 1
                if j < n and original[j].isalnum():
                    chars.append(_LINE_HYPHEN)
                    offsets.append(i)
                    i = j
                    continue
        mapped = _CHARS.get(c, c)
        if mapped == "-" and chars and chars[-1] == "-":
            i += 1  # "--" typed for a dash reads as one dash
            continue
        if mapped == " ":
            if chars and chars[-1] != " ":
                chars.append(" ")
                offsets.append(i)
        else:
            for m in mapped:
                chars.append(m)
                offsets.append(i)
        i += 1
    if chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    offsets.append(n)
    return Normalised("".join(chars), offsets, original)


def _part_pattern(part: str) -> str:
    text = normalise(part).text.replace(_LINE_HYPHEN, "-")
    out = []
    for k, c in enumerate(text):
        if c == "-":
            out.append("[-\x00]")
        elif c == " ":
            out.append(" ?" if k and text[k - 1] in "-" else " ")
        else:
            out.append(re.escape(c))
        if c.isalnum() and k + 1 < len(text) and text[k + 1].isalnum():
            out.append("\x00?")  # the article may break this word across a line
    return "".join(out)


@lru_cache(maxsize=4096)
def _compile(quote: str) -> re.Pattern[str] | None:
    parts = [p for p in _ELLIPSIS.split(quote.strip()) if p.strip()]
    if not parts:
        return None
    gap = f".{{0,{_MAX_GAP}}}?"
    return re.compile(gap.join(f"({_part_pattern(p)})" for p in parts), re.DOTALL)


@dataclass(frozen=True)
class Match:
    start: int  # offsets in the original article text
    end: int
    line: int
    column: int


@dataclass(frozen=True)
class NearMiss:
    score: float  # 0..100 similarity of the closest passage
    passage: str  # the passage as it stands in the article, whitespace collapsed
    line: int
    column: int


def find(quote: str, article: Normalised) -> Match | None:
    pattern = _compile(quote)
    if pattern is None:
        return None
    found = pattern.search(article.text)
    if not found:
        return None
    line, column = article.position(found.start())
    return Match(article.original_offset(found.start()), article.original_offset(found.end()), line, column)


def nearest(quote: str, article: Normalised) -> NearMiss | None:
    """The article passage most like the quote, for a quote that is not found."""
    from rapidfuzz import fuzz

    needle = " ".join(p.strip() for p in _ELLIPSIS.split(quote.strip()) if p.strip())
    needle = normalise(needle).text
    haystack = article.text.replace(_LINE_HYPHEN, "")
    if not needle or not haystack:
        return None
    alignment = fuzz.partial_ratio_alignment(needle, haystack)
    if alignment is None:
        return None
    # map back through the hyphen-free haystack to the normalised text
    index_map = [i for i, c in enumerate(article.text) if c != _LINE_HYPHEN] + [len(article.text)]
    start = index_map[alignment.dest_start]
    end = index_map[min(alignment.dest_end, len(index_map) - 1)]
    original = article.original[article.original_offset(start):article.original_offset(end)]
    line, column = article.position(start)
    return NearMiss(round(alignment.score, 1), " ".join(original.split()), line, column)
