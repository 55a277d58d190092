"""An article cut into sentences, each with its place in the original text and its words.

The cut is made on the normalised key (`textmatch.normalise`), where line breaks inside a paragraph are
already spaces and blank lines are known paragraph breaks, so a hard-wrapped article (002) reads as
running text. One regex pass and one pass over the paragraph breaks: linear in the article.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from argmap.core.folds import words as fold
from argmap.core.record import record
from argmap.core.words import STOPWORDS  # short words that carry no argument: left out of word overlaps
from argmap.files.textmatch import Normalised

# A sentence ends at . ! or ? (and any closing quotes or brackets) before a space and a capital, a digit
# or an opening quote; or, after a word, before a footnote marker glued to it ("went on.1 Should"), which
# belongs to neither sentence. The key has straight quotes only.
_END = re.compile(r"[.!?]+[\"')\]]*(?= [\"'(\[]?[A-Z0-9])|(?<=[^\W\d_])[.!?]+[\"')\]]*(?=\d{1,3} [\"'(\[]?[A-Z])")
_FOOTNOTE = re.compile(r"\d{1,3}(?= )")
# Words before a full stop that does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sr jr gen col lt sgt rev gov sen rep pres no vs etc e.g i.e u.s u.k u.n eu "
    "jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp dept".split())
_MAX_SENTENCE = 600  # characters of key; a longer run without a full stop is cut at spaces


@record(frozen=True)
class Sentence:
    start: int  # offsets in the original text
    end: int
    line: int  # 1-based, of the start
    column: int
    text: str  # as the article has it, whitespace collapsed and line-end hyphenation undone: pasteable
    folded: str  # lowercase letters and digits in single-spaced words, for fuzzy scoring


def stem(word: str) -> str:
    """A crude stem, enough to pair 'integrate' with 'integration' and 'sanctions' with 'sanctioned'."""
    return word[:6] if len(word) > 6 else word.rstrip("s") if len(word) > 3 else word


def content_words(text: str) -> set[str]:
    """The stems of the words that can carry an argument (no stop words, no single letters)."""
    return {stem(w) for w in fold(text).split() if w not in STOPWORDS and len(w) > 1}


def _ends(key: str) -> list[int]:
    ends = []
    for found in _END.finditer(key):
        if found.group()[0] == ".":
            word_start = key.rfind(" ", 0, found.start()) + 1
            before = key[word_start:found.start()].casefold().strip("\"'([")
            if before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
                continue  # "Mr. Putin", "J. Smith"
        ends.append(found.end())
    return ends


def passage(article: Normalised, start: int, end: int) -> str:
    """The original text between two offsets as one line to paste: whitespace collapsed, and a word
    hyphenated at a line end joined again (keeping the hyphen when the article spells the word so)."""
    raw = article.original[start:end]
    lines = raw.split("\n")
    out = lines[0]
    for nxt in lines[1:]:
        head = out.rstrip()
        tail = nxt.lstrip()
        if head.endswith("-") and head[-2:-1].isalnum() and tail[:1].isalnum():
            left = re.search(r"[^\W_]+-$", head)
            right = re.match(r"[^\W_]+", tail)
            first, second = (left.group()[:-1] if left else ""), (right.group() if right else "")
            out = (head if _keeps_hyphen(article.original, first, second) else head[:-1]) + tail
        else:
            out = out + "\n" + nxt
    return " ".join(out.split())


_SHORT_LINE = 50  # a line this short, not ending in mid-phrase, before a capital is a heading or a byline
_HEADING_BREAK = re.compile(rf"^[ \t]*(\S[^\n]{{0,{_SHORT_LINE - 1}}}?)[ \t]*\r?\n(?=[ \t]*(?:[A-Z0-9\"“‘']|by[ \t]))",
                            re.MULTILINE)  # a byline may be in lower case ("by Élise Marchand")


def _key_index(article: Normalised, offset: int) -> int:
    """The key index of an original offset (the inverse of `original_offset`, near enough for a cut)."""
    j = bisect_right(article.anchors_orig, offset) - 1
    if j < 0:
        return offset
    return max(0, min(len(article.text), article.anchors_key[j] + offset - article.anchors_orig[j]))


def _heading_breaks(article: Normalised) -> set[int]:
    """Line breaks after a short line ("By Dzianis Melyantsou"), which a key joins to the next sentence."""
    out = set()
    for found in _HEADING_BREAK.finditer(article.original):
        if found.group(1)[-1] not in ",;:-–—(":
            out.add(_key_index(article, found.end(1)))
    return out


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE) is not None


def _keeps_hyphen(text: str, first: str, second: str) -> bool:
    """Whether "first-" at a line end and "second" on the next line are a hyphenated word ("full-fledged")
    rather than one word broken in two ("inte-gration"): the article's own spellings decide, and a
    first part that the article uses as a word of its own makes a compound."""
    if not first or not second or _has_word(text, first + second):
        return False
    return _has_word(text, f"{first}-{second}") or _has_word(text, first)


def split(article: Normalised) -> list[Sentence]:
    """The sentences of an article, in order."""
    key = article.text
    cuts = sorted(set(_ends(key)) | set(article.paragraphs) | _heading_breaks(article) | {len(key)})
    out: list[Sentence] = []
    lo = 0
    for cut in cuts:
        if lo and key[lo - 1] in ".!?\"')]":
            marker = _FOOTNOTE.match(key, lo)  # a footnote marker after the last sentence's full stop
            if marker and marker.end() < cut:
                lo = marker.end()
        while lo < cut and key[lo] == " ":
            lo += 1
        while cut - lo > _MAX_SENTENCE:
            space = key.rfind(" ", lo + _MAX_SENTENCE // 2, lo + _MAX_SENTENCE)
            stop = space if space > lo else lo + _MAX_SENTENCE
            out.append(_sentence(article, lo, stop))
            lo = stop + 1 if space > lo else stop
        if cut > lo:
            out.append(_sentence(article, lo, cut))
        lo = cut
    return [s for s in out if s.folded]


def _sentence(article: Normalised, lo: int, hi: int) -> Sentence:
    while hi > lo and article.text[hi - 1] == " ":
        hi -= 1
    start, end = article.original_offset(lo), article.original_end(hi)
    line, column = article.position(lo)
    text = passage(article, start, end)
    return Sentence(start, end, line, column, text, fold(text))


def covering(spans: list[tuple[int, int]], sentence: Sentence) -> bool:
    """Whether any of the sorted, original-offset spans overlaps the sentence."""
    starts = [s for s, _ in spans]
    j = bisect_left(starts, sentence.end)
    return any(spans[i][1] > sentence.start for i in range(max(0, j - 64), j))
