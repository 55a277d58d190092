"""Finding a verbatim quote in an article text that was copied from a real web page.

Both sides are normalised the same way (typographic quotes, dashes, odd spaces, line breaks) into a
*key*. Hyphens between two letters or digits are taken out of the key and kept aside as events, so a
word hyphenated across a line end ("inte-\\ngration") matches with or without its hyphen while a real
hyphen ("multi-vector") must be quoted. Blank lines are kept aside as paragraph breaks. Cyrillic `ё` reads
as `е` (Russian prints it or not at will), the Belarusian apostrophe in any of its forms as `'`, and a
letter saved decomposed (`й` as `и` and a combining breve) as the letter.

Latin letters drawn like Cyrillic ones are never folded into the key: a quote that differs from its
article only in them does not match, and `lookalikes` says which letter, where (docs/quotes.md).

An ellipsis in the quote ("…", "...", "[...]", "[…]") splits it into fragments. Each fragment must hold
two words or more, stand on word boundaries, and follow the one before it within one paragraph and
at most `max_gap` characters later. Matching is linear in the article: fragments are found with
`str.find` (never a backtracking regex), and the chain of fragments is a single forward pass per
fragment. docs/quotes.md has the rules with examples.
"""

from __future__ import annotations

import random
import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from argmap.core.defaults import MAX_ELLIPSIS_GAP
from argmap.core.record import field, record

DEFAULT_MAX_GAP = MAX_ELLIPSIS_GAP

_ONE_TO_ONE = {
    # The apostrophe: typographic, prime, grave and acute, and the modifier letters (U+02BC, U+02BB) that
    # Belarusian and Ukrainian texts print in "сям'я", "аб'ява".
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\u02bc\u02bb", "'"),
    "\u0451": "\u0435", "\u0401": "\u0415",  # ё, Ё: written or left out as a Russian text pleases
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                    "\u200a\u202f\u205f\u3000\t\r\n\f\v\u2028\u2029\u0085", " "),
}
_TABLE = str.maketrans(_ONE_TO_ONE)
_DELETED = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_LINE_BREAKS = "\n\r\f\v\u2028\u2029\u0085"
# ... and a Cyrillic letter written decomposed, with a combining breve or diaeresis (й, ў, ё, ї as two characters,
# as some tools save them): read as the one letter it composes to.
_COMPOSED = "\u0438\u0418\u0443\u0423\u0435\u0415\u0456\u0406"  # и И у У е Е і І
_SPECIAL = re.compile(f"[-\u00ad]|\u2026|[ {_DELETED}]*[{_DELETED}][ {_DELETED}]*| {{2,}}")
_SPECIAL_MARKS = re.compile(f"{_SPECIAL.pattern}|[{_COMPOSED}][\u0306\u0308]")  # only for a text that has the marks
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\s*){3}\]|\[\s*\u2026\s*\]|\u2026|\.\.\.)\s*")

_COUNTED = 16  # positions asked of an article before its line ends are indexed

# Hyphen events are compared by a polynomial hash (one per process, random base): O(1) per candidate
# whatever the number of hyphens in the quote.
_MOD = (1 << 61) - 1
_BASE = random.SystemRandom().randrange(1 << 20, _MOD - 1)


def _events() -> array[int]:
    return array("q")


@record
class Normalised:
    """An article (or a quote) normalised for matching, with the way back to the original."""

    text: str  # the key
    original: str
    anchors_key: array[int] = field(default_factory=_events)  # where the key-to-original delta changes
    anchors_orig: array[int] = field(default_factory=_events)
    hyphens: array[int] = field(default_factory=_events)  # key index after a real hyphen between alnums
    line_hyphens: array[int] = field(default_factory=_events)  # ... after a hyphen that ended a line
    paragraphs: array[int] = field(default_factory=_events)  # key index of the space of a blank line
    _cache: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def original_offset(self, index: int) -> int:
        """Offset in the original of key index `index` (the end of the original for the key's end)."""
        if index >= len(self.text):
            return len(self.original)
        j = bisect_right(self.anchors_key, index) - 1
        if j < 0:
            return index
        return self.anchors_orig[j] + index - self.anchors_key[j]

    def original_end(self, index: int) -> int:
        """Offset in the original just after the key's characters before `index` (a match's end)."""
        if index <= 0:
            return self.original_offset(0)
        end = self.original_offset(index - 1) + 1
        if end < len(self.original) and self.original[end] in "\u0306\u0308" and self.original[end - 1] in _COMPOSED:
            end += 1  # the key's last letter was composed from two characters (й written и and a breve)
        return end

    def position(self, index: int) -> tuple[int, int]:
        """1-based line and column in the original text of key index `index`."""
        offset = self.original_offset(index)
        newlines = self._newlines()
        if newlines is None:  # one of the first few: counting costs less than the index
            line_start = self.original.rfind("\n", 0, offset) + 1
            return self.original.count("\n", 0, offset) + 1, offset - line_start + 1
        before = bisect_left(newlines, offset)  # the line ends before `offset`
        return before + 1, offset - (newlines[before - 1] + 1 if before else 0) + 1

    def _newlines(self) -> array[int] | None:
        """The offsets of the original's line ends, once asked for more than _COUNTED positions: counting
        from the start each time made splitting a long article into sentences quadratic (20,000 sentences
        on one line: 5.7 s)."""
        found = self._cache.get("newlines")
        if isinstance(found, array):
            return found
        asked = found if isinstance(found, int) else 0
        if asked < _COUNTED:
            self._cache["newlines"] = asked + 1
            return None
        ends = array("q")
        find, at = self.original.find, self.original.find("\n")
        while at != -1:
            ends.append(at)
            at = find("\n", at + 1)
        self._cache["newlines"] = ends
        return ends

    def _hyphen_prefix(self) -> array[int]:
        found = self._cache.get("prefix")
        if not isinstance(found, array):
            found = array("q", [0])
            total = 0
            for where in self.hyphens:
                total = (total + pow(_BASE, where, _MOD)) % _MOD
                found.append(total)
            self._cache["prefix"] = found
        return found


def normalise(original: str) -> Normalised:
    """The key of `original`: one pass of `str.translate` and a regex over the few special places."""
    translated = original.translate(_TABLE)
    lo, hi = 0, len(translated)
    strip = " " + _DELETED
    while lo < hi and translated[lo] in strip:
        lo += 1
    while hi > lo and translated[hi - 1] in strip:
        hi -= 1
    out = Normalised("", original)
    pieces: list[str] = []
    size = 0
    delta = 0  # original offset minus key index, for the characters emitted last
    prev = ""

    def emit(piece: str, at: int, one_to_one: bool = True) -> None:
        nonlocal size, delta, prev
        if not piece:
            return
        for k in range(len(piece) if not one_to_one else 1):
            if at - (size + k) != delta or not size + k:
                out.anchors_key.append(size + k)
                out.anchors_orig.append(at)
                delta = at - (size + k)
        pieces.append(piece)
        size += len(piece)
        prev = piece[-1]

    cursor = lo
    special = _SPECIAL_MARKS if "\u0306" in original or "\u0308" in original else _SPECIAL
    for found in special.finditer(translated, lo, hi):
        start, end = found.start(), found.end()
        if end <= cursor:
            continue
        start = max(start, cursor)
        emit(translated[cursor:start], cursor)
        cursor = start
        char = translated[start]
        if original[start] in "-\u2010\u00ad" and prev.isalnum():
            j = start + 1  # a hyphen at a line end between letters: the word may or may not have it
            while j < hi and original[j] in " \t\r":
                j += 1
            if j < hi and original[j] == "\n":
                j += 1
                while j < hi and original[j] in " \t\r":
                    j += 1
                if j < hi and original[j].isalnum():
                    out.line_hyphens.append(size)
                    cursor = j
                    continue
        if char == "-":
            k = start
            while k < hi and (translated[k] == "-" or translated[k] in _DELETED):
                k += 1  # "--" typed for a dash reads as one dash
            if prev.isalnum():
                s = k  # "pro- and anti-": a hyphen and spaces before a word (also a folded YAML line)
                while s < hi and translated[s] == " " and original[s] not in _LINE_BREAKS:
                    s += 1
                if s < hi and original[s].isalnum():
                    out.hyphens.append(size)
                    cursor = s
                    continue
            if prev != "-":
                emit("-", start)
            cursor = k
        elif char == "\u00ad":
            cursor = start + 1
        elif char in _COMPOSED:
            composed = unicodedata.normalize("NFC", original[start:start + 2])
            emit(composed.translate(_TABLE) if len(composed) == 1 else translated[start:start + 2], start,
                 one_to_one=len(composed) != 1)
            cursor = start + 2
        elif char == "\u2026":
            emit("...", start, one_to_one=False)
            cursor = start + 1
        else:  # spaces and invisible characters
            run = original[start:end]
            if " " in translated[start:end]:
                if prev != " ":
                    emit(" ", start)
                breaks = run.count("\n") or run.count("\r")
                if breaks >= 2 or "\u2029" in run:
                    out.paragraphs.append(size - 1)
            cursor = end
    emit(translated[cursor:hi], cursor)
    out.text = "".join(pieces)
    return out


# -- fragments ---------------------------------------------------------------------------------------


@record(frozen=True)
class Fragment:
    """One part of a quote between ellipses, as the matcher needs it."""

    shown: str  # as written in the quote
    key: str
    hyphens: frozenset[int]  # key indices after which the quote has a hyphen between alnums
    hash: int
    words: int
    end_hyphen: bool  # "pro- …": a trailing hyphen that may stand before a word in the article

    @property
    def starts_word(self) -> bool:
        return self.key[:1].isalnum()

    @property
    def ends_word(self) -> bool:
        return self.key[-1:].isalnum() and not self.end_hyphen


def fragment(shown: str) -> Fragment | None:
    n = normalise(shown)
    key = n.text
    marks = set(n.hyphens) | set(n.line_hyphens)
    end_hyphen = len(key) > 1 and key.endswith("-") and key[-2].isalnum()
    if end_hyphen:
        key = key[:-1]
    if not key:
        return None
    words = sum(1 for word in shown.split() if any(c.isalnum() for c in word))
    digest = sum(pow(_BASE, i, _MOD) for i in marks) % _MOD
    return Fragment(shown.strip(), key, frozenset(marks), digest, words, end_hyphen)


def split_quote(quote: str) -> list[str]:
    """The parts of a quote between ellipses, those without a letter or digit left out (punctuation)."""
    return [p.strip() for p in _ELLIPSIS.split(quote.strip()) if any(c.isalnum() for c in p)]


def has_ellipsis(quote: str) -> bool:
    return _ELLIPSIS.search(quote) is not None


def _period(needle: str) -> int:
    """The smallest period of `needle` (KMP failure function)."""
    fail = [0] * len(needle)
    k = 0
    for i in range(1, len(needle)):
        while k and needle[i] != needle[k]:
            k = fail[k - 1]
        if needle[i] == needle[k]:
            k += 1
        fail[i] = k
    return len(needle) - (fail[-1] if needle else 0)


def _raw(hay: str, needle: str, period: int, lo: int) -> Iterator[int]:
    """Every occurrence of `needle` at or after `lo`, overlapping ones too, in linear time: inside a run
    of occurrences one period apart only the next period is compared, and after a run ends no
    occurrence can start before its last one plus len - period + 1 (Fine and Wilf)."""
    m = len(needle)
    tail = needle[m - period:]
    p = hay.find(needle, lo)
    while p >= 0:
        yield p
        while hay.startswith(tail, p + m):
            p += period
            yield p
        p = hay.find(needle, p + max(1, m - period + 1))


def _count(events: array[int], lo: int, hi: int) -> tuple[int, int]:
    return bisect_left(events, lo), bisect_left(events, hi)


def _has(events: array[int], index: int) -> bool:
    j = bisect_left(events, index)
    return j < len(events) and events[j] == index


def _hyphens_agree(a: Normalised, frag: Fragment, p: int) -> bool:
    """Inside the occurrence at `p`: every real hyphen of the article is in the quote, and every hyphen
    of the quote is a real or a line-end hyphen of the article (a line-end hyphen may be either)."""
    m = len(frag.key)
    r1, r2 = _count(a.hyphens, p + 1, p + m)
    if not frag.hyphens:
        return r1 == r2
    l1, l2 = _count(a.line_hyphens, p + 1, p + m)
    if r2 - r1 > len(frag.hyphens) or r2 - r1 + l2 - l1 < len(frag.hyphens):
        return False
    want = frag.hash * pow(_BASE, p, _MOD)
    for t in range(l1, l2):
        where = a.line_hyphens[t]
        if where - p in frag.hyphens:
            want -= pow(_BASE, where, _MOD)
    prefix = a._hyphen_prefix()
    return (want - (prefix[r2] - prefix[r1])) % _MOD == 0


def occurrences(a: Normalised, frag: Fragment, lo: int = 0, words: bool = True) -> Iterator[tuple[int, int]]:
    """(start, end) in the key of every occurrence of the fragment at or after `lo`, in order."""
    text = a.text
    n = len(text)
    period = _cached_period(frag.key)
    for p in _raw(text, frag.key, period, lo):
        if not _hyphens_agree(a, frag, p):
            continue
        end = p + len(frag.key)
        if frag.end_hyphen:
            if end < n and text[end] == "-":
                end += 1
            elif not (_has(a.hyphens, end) or _has(a.line_hyphens, end)):
                continue
        if words:
            if frag.starts_word and p and text[p - 1].isalnum() and not _has(a.hyphens, p):
                continue
            if frag.ends_word and end < n and text[end].isalnum() and not _has(a.hyphens, end):
                continue
        yield p, end


_PERIODS: dict[str, int] = {}


def _cached_period(key: str) -> int:
    if key not in _PERIODS:
        if len(_PERIODS) > 4096:
            _PERIODS.clear()
        _PERIODS[key] = _period(key)
    return _PERIODS[key]


class _Finder:
    """The first occurrence at or after a position, for positions that only grow: one forward scan,
    restarted (one `find`) only when the position jumps further than twice the fragment's length."""

    def __init__(self, a: Normalised, frag: Fragment) -> None:
        self.a, self.frag = a, frag
        self.gen: Iterator[tuple[int, int]] | None = None
        self.peek: tuple[int, int] | None = None
        self.exhausted = False

    def at_or_after(self, x: int) -> tuple[int, int] | None:
        if self.peek is not None and self.peek[0] >= x:
            return self.peek
        if self.exhausted:
            return None
        if self.gen is None or self.peek is None or x - self.peek[0] > 2 * len(self.frag.key) + 2:
            self.gen = occurrences(self.a, self.frag, x)
        for found in self.gen:
            if found[0] >= x:
                self.peek = found
                return found
        self.peek, self.exhausted = None, True
        return None


def _chain(a: Normalised, frags: list[Fragment], max_gap: int | None, paragraphs: bool) -> tuple[int, int] | None:
    """The first (start, end) of the fragments in order, each following the one before it within the
    gap and paragraph. One forward pass per fragment: for an end `e` of the chain so far the next
    fragment may start in [e, reach(e)], and reach() only grows with e, so the latest end before a
    start is the only one to try. (Taking the earliest next occurrence greedily would be wrong: a later
    one can be the one from which the fragment after it is within reach.)"""
    breaks = a.paragraphs

    def reach(e: int) -> int:
        limit = e + max_gap if max_gap is not None else len(a.text)
        if paragraphs:
            j = bisect_left(breaks, e)
            if j < len(breaks):
                limit = min(limit, breaks[j])
        return limit

    def follow(prev: Iterator[tuple[int, int]], finder: _Finder) -> Iterator[tuple[int, int]]:
        pos = 0
        for chain_start, e in prev:
            lo, hi = max(e, pos), reach(e)
            while lo <= hi:
                found = finder.at_or_after(lo)
                if found is None:
                    return
                if found[0] > hi:
                    break
                yield chain_start, found[1]
                lo = found[0] + 1
            pos = max(pos, hi + 1)

    stream: Iterator[tuple[int, int]] = occurrences(a, frags[0])
    for frag in frags[1:]:
        stream = follow(stream, _Finder(a, frag))
    return next(stream, None)


# -- results -----------------------------------------------------------------------------------------


@record(frozen=True)
class Match:
    start: int  # offsets in the original article text
    end: int
    line: int
    column: int


@record(frozen=True)
class Failure:
    """Why a quote does not match: `rule` is None when it is simply not in the article."""

    rule: str | None
    message: str
    part: str  # the part of the quote the message is about (for the nearest-passage hint)


@record(frozen=True)
class NearMiss:
    score: float  # 0..100 similarity of the closest passage
    passage: str  # the passage as it stands in the article, whitespace collapsed, whole words
    line: int
    column: int
    differs: str = ""  # what differs, in words ("'scared' where the article has 'sacred'")


def _to_match(a: Normalised, start: int, end: int) -> Match:
    line, column = a.position(start)
    return Match(a.original_offset(start), a.original_end(end), line, column)


def _fragments(parts: list[str]) -> list[Fragment]:
    return [f for f in (fragment(p) for p in parts) if f is not None]


def find(quote: str, article: Normalised, max_gap: int = DEFAULT_MAX_GAP) -> Match | None:
    """Where the quote stands in the article, or None (then `explain` says why)."""
    whole = fragment(quote.strip())
    if whole is None:
        return None
    found = _chain(article, [whole], None, False)  # an ellipsis printed in the article itself
    if found is None and has_ellipsis(quote):
        frags = _fragments(split_quote(quote))
        if frags and (len(frags) == 1 or all(f.words >= 2 for f in frags)):
            found = _chain(article, frags, max_gap, True)
    return _to_match(article, *found) if found else None


def find_parts(quote: str, article: Normalised, max_gap: int = DEFAULT_MAX_GAP) -> list[Match] | None:
    """Where each part of the quote stands, in order: one Match for a quote found whole, one per part
    between ellipses for a cut quote (`find` gives the span from the first part's start to the last
    part's end); None where `find` finds nothing."""
    whole = fragment(quote.strip())
    if whole is None:
        return None
    found = _chain(article, [whole], None, False)
    if found is not None:
        return [_to_match(article, *found)]
    if not has_ellipsis(quote):
        return None
    frags = _fragments(split_quote(quote))
    if not frags or (len(frags) > 1 and any(f.words < 2 for f in frags)):
        return None
    found = _chain(article, frags, max_gap, True)
    if found is None:
        return None
    spans = _parts(article, frags, *found)
    return [_to_match(article, s, e) for s, e in spans] if spans else None


def _parts(a: Normalised, frags: list[Fragment], start: int, end: int) -> list[tuple[int, int]] | None:
    """The occurrence of each fragment inside the chain [start, end] that `_chain` found: the first starts
    at `start`, the last ends at `end`, each after the one before. A depth-first search whose dead ends
    are remembered, so it stays polynomial inside the (gap-bounded) span."""
    dead: set[tuple[int, int]] = set()

    def place(i: int, lo: int) -> list[tuple[int, int]] | None:
        if (i, lo) in dead:
            return None
        for p, e in occurrences(a, frags[i], lo):
            if p > end or (i == 0 and p != start):
                break
            if e > end:
                continue
            if i == len(frags) - 1:
                if e == end:
                    return [(p, e)]
                continue
            rest = place(i + 1, e)
            if rest is not None:
                return [(p, e), *rest]
        dead.add((i, lo))
        return None

    return place(0, start)


def _widen(a: Normalised, start: int, end: int) -> tuple[int, int]:
    """Out to whole words (a hyphen between two words is inside the word)."""
    text = a.text
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _passage(a: Normalised, start: int, end: int) -> str:
    return " ".join(a.original[a.original_offset(start):a.original_end(end)].split())


def _lowered(a: Normalised) -> Normalised | None:
    """The article in small letters, the same length (else None): for the capitals hint."""
    cached = a._cache.get("lower")
    if cached is None:
        lower = a.text.lower()
        cached = (Normalised(lower, a.original, a.anchors_key, a.anchors_orig, a.hyphens, a.line_hyphens,
                             a.paragraphs) if len(lower) == len(a.text) else False)
        a._cache["lower"] = cached
    return cached if isinstance(cached, Normalised) else None


def in_other_case(quote: str, article: Normalised, max_gap: int = DEFAULT_MAX_GAP) -> str | None:
    """The article's own wording of a quote that differs from it only in capitals, else None."""
    lowered = _lowered(article)
    if lowered is None:
        return None
    found = find(quote.lower(), lowered, max_gap)
    if found is None:
        return None
    return " ".join(article.original[found.start:found.end].split())


# -- Latin letters drawn like Cyrillic ones ----------------------------------------------------------

# Each Latin letter that a font draws like a Cyrillic one, with that Cyrillic letter: the inverse of the
# Cyrillic part of R011's skeleton (argmap/checks/confusables.py; a test keeps the two in step), and the
# Latin `ë` for `ё` (already read as `е` in the key). Used only to explain a quote that does not match,
# never to make it match.
_LOOKALIKE = {
    "A": "\u0410", "B": "\u0412", "C": "\u0421", "E": "\u0415", "H": "\u041d", "I": "\u0406", "J": "\u0408",
    "K": "\u041a", "M": "\u041c", "O": "\u041e", "P": "\u0420", "Q": "\u051a", "S": "\u0405", "T": "\u0422",
    "W": "\u051c", "X": "\u0425", "Y": "\u0423",
    "a": "\u0430", "c": "\u0441", "d": "\u0501", "e": "\u0435", "h": "\u04bb", "i": "\u0456", "j": "\u0458",
    "l": "\u04cf", "o": "\u043e", "p": "\u0440", "q": "\u051b", "s": "\u0455", "v": "\u0475", "w": "\u051d",
    "x": "\u0445", "y": "\u0443",
    "\u00eb": "\u0435", "\u00cb": "\u0415",
}
_LOOKALIKE_TABLE = str.maketrans(_LOOKALIKE)
_LOOKS_LATIN = frozenset(_LOOKALIKE.values()) | {"\u0451", "\u0401"}  # the Cyrillic letters drawn like Latin ones
_WORD = re.compile(r"\w+")
_WORD_REACH = 40


def script(char: str) -> str:
    """"Cyrillic", "Latin" or "" (any other character) for a letter."""
    if not char.isalpha():
        return ""
    if "\u0400" <= char <= "\u052f" or "\u1c80" <= char <= "\u1c8f" or "\u2de0" <= char <= "\u2dff" or "\ua640" <= char <= "\ua69f":
        return "Cyrillic"
    return "Latin" if char < "\u0250" or "\u1e00" <= char <= "\u1eff" else ""


def _looks_like_other(char: str) -> bool:
    return char in _LOOKALIKE or char in _LOOKS_LATIN


@record(frozen=True)
class Lookalike:
    """A letter of one script inside a word of the other, drawn like a letter of that other script."""

    side: str  # "quote" or "article"
    char: str
    word: str  # the word it stands in
    word_script: str  # the script of the word's other letters ("" when it has none)
    line: int  # 1-based, in the quote or in the article
    column: int
    other: str = ""  # the letter the other text has in its place, "" when the same

    @property
    def script(self) -> str:
        return script(self.char)

    def describe(self, one_line: bool = True) -> str:
        """"the quote's 'о' at column 12 is Latin U+006F inside a Cyrillic word ('пoлитика')"."""
        where = (f"at column {self.column}" if self.side == "quote" and one_line
                 else f"at line {self.line}, column {self.column}")
        out = f"the {self.side}'s {self.char!r} {where} is {self.script} U+{ord(self.char):04X}"
        if self.word_script and self.word_script != self.script:
            out += f" inside a {self.word_script} word ({self.word!r})"
        if self.other:
            there = "article" if self.side == "quote" else "quote"
            out += f", where the {there} has {script(self.other)} {self.other!r} U+{ord(self.other):04X}"
        return out


def _word_at(text: str, offset: int) -> tuple[str, str]:
    """The word (a run of letters and digits) around `offset` of `text`, and the script of its other letters."""
    start = offset  # at most _WORD_REACH characters each way: a hostile "word" can be the whole article
    while start > max(0, offset - _WORD_REACH) and text[start - 1].isalnum():
        start -= 1
    end = offset
    while end < min(len(text), offset + _WORD_REACH) and text[end].isalnum():
        end += 1
    counts: dict[str, int] = {}
    for i in range(start, end):
        if i != offset and script(text[i]):
            counts[script(text[i])] = counts.get(script(text[i]), 0) + 1
    major = max(sorted(counts), key=lambda k: counts[k]) if counts else ""
    return text[start:end], major


def _line_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def mixed_letters(text: str) -> list[Lookalike]:
    """The look-alike letters standing in a word of the other script (a Latin `o` in "пoлитика", a Cyrillic
    `е` in "Lukashеnko"): in a word of Latin and Cyrillic letters, those of the fewer script (Latin on a
    tie) that are drawn like a letter of the other. Positions are in `text` (side "quote")."""
    out: list[Lookalike] = []
    for found in _WORD.finditer(text):
        word = found.group()
        scripts = [script(c) for c in word]
        latin, cyrillic = scripts.count("Latin"), scripts.count("Cyrillic")
        if not latin or not cyrillic:
            continue
        odd = "Latin" if latin <= cyrillic else "Cyrillic"
        for i, char in enumerate(word):
            if scripts[i] == odd and _looks_like_other(char):
                line, column = _line_column(text, found.start() + i)
                out.append(Lookalike("quote", char, word, "Cyrillic" if odd == "Latin" else "Latin", line, column))
    return out


def _scripts_folded(a: Normalised) -> Normalised:
    """The article with its Latin look-alikes read as Cyrillic letters, the same length (cached)."""
    cached = a._cache.get("scripts")
    if not isinstance(cached, Normalised):
        cached = Normalised(a.text.translate(_LOOKALIKE_TABLE), a.original, a.anchors_key, a.anchors_orig,
                            a.hyphens, a.line_hyphens, a.paragraphs)
        a._cache["scripts"] = cached
    return cached


def lookalikes(quote: str, article: Normalised, max_gap: int = DEFAULT_MAX_GAP) -> list[Lookalike]:
    """For a quote that `find` does not find: the letters, in the quote or the article, that keep it from
    matching because one text has a Latin letter where the other has the Cyrillic letter it is drawn like
    (or the other way round); [] when reading them alike would not make it match either."""
    folded = _scripts_folded(article)
    read = quote.translate(_LOOKALIKE_TABLE)  # one to one: the parts below stand where the quote's do
    whole = fragment(read.strip())
    if whole is None:
        return []
    parts, frags = [quote.strip()], [whole]
    found = _chain(folded, frags, None, False)
    if found is None and has_ellipsis(quote):
        parts, frags = split_quote(quote), _fragments(split_quote(read))
        if not frags or len(frags) != len(parts) or (len(frags) > 1 and any(f.words < 2 for f in frags)):
            return []
        found = _chain(folded, frags, max_gap, True)
    if found is None:
        return []
    spans = _parts(folded, frags, *found) if len(frags) > 1 else [found]
    if not spans:
        return []
    out: list[Lookalike] = []
    cursor = 0
    for part, frag, (p, _) in zip(parts, frags, spans, strict=False):
        base = quote.find(part, cursor)
        cursor = base + len(part)
        mine = normalise(part)
        if len(mine.text) < len(frag.key):
            continue
        for i in range(len(frag.key)):
            ours, theirs = mine.text[i], article.text[p + i]
            if ours == theirs:
                continue
            q_at = base + mine.original_offset(i)
            a_at = article.original_offset(p + i)
            q_char, a_char = quote[q_at], article.original[a_at]
            q_word, q_script = _word_at(quote, q_at)
            a_word, a_script = _word_at(article.original, a_at)
            q_odd = bool(q_script) and q_script != script(q_char)
            a_odd = bool(a_script) and a_script != script(a_char)
            if (a_odd and not q_odd) or (a_odd == q_odd and script(a_char) == "Latin"):
                line, column = article.position(p + i)
                out.append(Lookalike("article", a_char, a_word, a_script, line, column, q_char))
            else:
                line, column = _line_column(quote, q_at)
                out.append(Lookalike("quote", q_char, q_word, q_script, line, column, a_char))
    return out


def explain(quote: str, article: Normalised, max_gap: int = DEFAULT_MAX_GAP) -> Failure:
    """Why `find` found nothing: the rule the quote breaks, or that it (or a part) is not there."""
    parts = split_quote(quote) if has_ellipsis(quote) else [quote.strip()]
    frags = _fragments(parts) or _fragments([quote.strip()])
    if len(frags) > 1:
        for frag in frags:
            if frag.words < 2:
                return Failure("words", f"fragment {frag.shown!r} has fewer than two words", frag.shown)
    for frag in frags:
        if next(occurrences(article, frag), None) is not None:
            continue
        inside = next(occurrences(article, frag, words=False), None)
        if inside is not None:
            start, end = _widen(article, *inside)
            return Failure("inside-words", f"found only inside words: {_clip(frag.shown)!r} stands in "
                           f"\"{_clip(_passage(article, start, end), 120)}\"", frag.shown)
        return Failure(None, "not in the article" if len(frags) == 1 else
                       f"its part {_clip(frag.shown)!r} is not in the article", frag.shown)
    if len(frags) == 1:
        return Failure(None, "not in the article", frags[0].shown)
    if _chain(article, frags, None, True) is not None:
        return Failure("gap", f"the parts are found only more than {max_gap} characters apart", quote)
    if _chain(article, frags, max_gap, False) is not None:
        return Failure("paragraph", "the parts span a paragraph break", quote)
    if _chain(article, frags, None, False) is not None:
        return Failure("gap", f"the parts are found only across a paragraph break and more than {max_gap} "
                       "characters apart", quote)
    return Failure("order", "the parts are not in this order in the article (or they overlap)", quote)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- the nearest passage -----------------------------------------------------------------------------

_FULL_SEARCH = 4_000_000  # needle length x article length below which the whole article is searched
_ANCHOR_WORDS = 8  # words of the quote looked up to place windows in a larger article
_ANCHOR_HITS = 64  # occurrences of one word followed (a word found more often tells nothing)
_WINDOWS = 24  # windows compared, each about three times the quote's length


def _windows(needle: str, text: str) -> list[tuple[int, int]]:
    """Places in a large article where the needle's rarer words stand, as (start, end) windows."""
    words = sorted({w for w in re.findall(r"\w{3,}", needle)}, key=len, reverse=True)[:_ANCHOR_WORDS]
    votes: dict[int, int] = {}
    for word in words:
        offset = needle.find(word)
        hits: list[int] = []
        p = text.find(word)
        while p >= 0 and len(hits) <= _ANCHOR_HITS:
            hits.append(p)
            p = text.find(word, p + 1)
        if len(hits) > _ANCHOR_HITS:
            continue
        for hit in hits:
            key = max(0, hit - offset) // max(1, len(needle))
            votes[key] = votes.get(key, 0) + 1
    best = sorted(votes, key=lambda k: (-votes[k], k))[:_WINDOWS]
    m = max(1, len(needle))
    return [(max(0, k * m - m), min(len(text), k * m + 2 * m)) for k in sorted(best)]


def _differs(needle: str, passage: str) -> str:
    import difflib

    ours, theirs = needle.split(), passage.split()
    matcher = difflib.SequenceMatcher(a=ours, b=theirs, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        mine, article = " ".join(ours[i1:i2]), " ".join(theirs[j1:j2])
        if tag == "replace":
            return f"the quote has {_clip(mine, 40)!r} where the article has {_clip(article, 40)!r}"
        if tag == "delete":
            return f"the quote has {_clip(mine, 40)!r}, which the article does not"
        return f"the article has {_clip(article, 40)!r} here"
    return ""


def nearest(quote: str, article: Normalised, part: str | None = None) -> NearMiss | None:
    """The article passage most like the quote (or the part of it named), for a quote not found.
    Bounded: a large article is searched only in windows around the quote's rarer words."""
    from rapidfuzz import fuzz

    needle = normalise(" ".join(split_quote(part if part is not None else quote)) or quote).text
    text = article.text
    if not needle or not text:
        return None
    best: tuple[float, int, int] | None = None
    spans = [(0, len(text))] if len(needle) * len(text) <= _FULL_SEARCH else _windows(needle, text)
    for lo, hi in spans:
        alignment = fuzz.partial_ratio_alignment(needle, text[lo:hi])
        if alignment is not None and (best is None or alignment.score > best[0]):
            best = (alignment.score, lo + alignment.dest_start, lo + alignment.dest_end)
    if best is None:
        return None
    start, end = _widen(article, best[1], best[2])
    passage = _passage(article, start, end)
    line, column = article.position(start)
    return NearMiss(round(best[0], 1), passage, line, column, _differs(needle, normalise(passage).text))

