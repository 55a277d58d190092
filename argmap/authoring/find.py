"""Finding the words to paste: the passages of the articles nearest a remembered phrase, and the
sentences of a map's article that carry its argument but no quote yet.

Both work on sentences (`sentences.split`): a passage to paste is a whole sentence, or, of a long
sentence, the clause around the words. The phrase search scores every sentence, and every sentence
joined to the next one (a phrase may run over a full stop), with rapidfuzz's C scorers: linear in the
length of the articles, times the length of the phrase.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Sequence

from argmap.authoring.sentences import Sentence, content_words, covering, passage, split, stem
from argmap.core.folds import words as fold
from argmap.core.record import record
from argmap.files import textmatch

TOP = 5
MAX_ARTICLE_SIZE = 50_000_000  # bytes: as the quote check reads
_LONG = 320  # characters of a sentence beyond which only the clause around the phrase is shown
_CANDIDATES = 40  # windows of each article rescored in full after the quick pass


@record(frozen=True)
class Article:
    name: str  # as a map's `source.text` names it
    path: str
    text: textmatch.Normalised

    @property
    def sentences(self) -> list[Sentence]:
        cached = self.text._cache.get("sentences")
        if not isinstance(cached, list):
            cached = split(self.text)
            self.text._cache["sentences"] = cached
        return cached


@record(frozen=True)
class Hit:
    """A passage to paste, where it stands, and how close it is to what was asked (0..100)."""

    article: str
    path: str
    line: int
    column: int
    score: float
    passage: str
    verified: bool  # the passage, pasted as a quote, passes the quote check (it always should)

    def to_dict(self) -> dict[str, object]:
        return {"file": self.article, "path": self.path, "line": self.line, "column": self.column,
                "score": self.score, "passage": self.passage, "verified": self.verified}


class ArticleError(Exception):
    """An article text that cannot be read (not UTF-8, too large, unreadable)."""


def read_article(name: str, path: str) -> Article:
    from argmap.files.sources.extract import ExtractionError, extract_file, is_extracted

    if is_extracted(name):  # a saved page or a PDF: its extracted main text, as the quote check reads it
        try:
            return Article(name, path, textmatch.normalise(extract_file(path).text))
        except ExtractionError as error:
            raise ArticleError(f"{error.message} ({error.hint})") from None
    try:
        if os.path.getsize(path) > MAX_ARTICLE_SIZE:
            raise ArticleError(f"{name}: larger than {MAX_ARTICLE_SIZE:,} bytes")
        with open(path, "rb") as handle:
            data = handle.read()
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(f"{name} is not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise ArticleError(f"cannot read {name}: {error.strerror or error}") from None
    return Article(name, path, textmatch.normalise(text))


def text_files(directories: Sequence[str]) -> list[tuple[str, str]]:
    """(name, path) of every `.txt` file (and saved page or PDF) in the sources directories, the first directory winning a name
    (as the quote check's search path does). Hidden files are left out."""
    seen: dict[str, str] = {}
    for directory in directories:
        try:
            names = sorted(os.listdir(directory))
        except OSError:
            continue
        for name in names:
            full = os.path.join(directory, name)
            if name.startswith(".") or not name.lower().endswith((".txt", ".html", ".htm", ".pdf")) or name in seen:
                continue
            if os.path.isfile(full):
                seen[name] = full
    return list(seen.items())


# -- --find ------------------------------------------------------------------------------------------


def _score(query: str, words: set[str], window: str, has: set[str]) -> float:
    """How well `window` (folded) holds the phrase (folded): the best fuzzy alignment of the phrase in
    it, and the share of the phrase's words it has (for a reworded or reordered phrase)."""
    from rapidfuzz import fuzz

    if not window:
        return 0.0
    aligned = fuzz.partial_ratio(query, window)
    if len(window) < len(query):  # a short window inside a long phrase is not the phrase
        aligned *= len(window) / len(query)
    shared = len(words & has) / len(words) if words else 0.0
    return 0.6 * aligned + 0.4 * 100 * shared


def _windows(sentences: list[Sentence]) -> Iterable[tuple[int, int, str, set[str]]]:
    """(first, last) sentence index, folded text and content words of each sentence and of each pair
    of neighbours."""
    words = [content_words(s.folded) for s in sentences]
    for i, s in enumerate(sentences):
        yield i, i, s.folded, words[i]
        if i + 1 < len(sentences):
            yield i, i + 1, s.folded + " " + sentences[i + 1].folded, words[i] | words[i + 1]


def _clause(article: Article, first: Sentence, last: Sentence, query: str) -> tuple[int, int]:
    """Original offsets of what to show: the sentence(s), or in a long one the clause holding the phrase."""
    start, end = first.start, last.end
    if end - start <= _LONG:
        return start, end
    from rapidfuzz import fuzz

    text = article.text.original
    flat = text[start:end]
    folded, where = _folded_with_offsets(flat)
    alignment = fuzz.partial_ratio_alignment(query, folded)
    if alignment is None or not where:
        return start, end
    lo = where[min(alignment.dest_start, len(where) - 1)]
    hi = where[max(0, min(alignment.dest_end, len(where)) - 1)] + 1
    # Out to the clause: back to the previous , ; : or dash, on to the next (within the sentence).
    left = max((flat.rfind(mark, 0, lo) for mark in (", ", "; ", ": ", " — ", " – ")), default=-1)
    lo = left + 2 if left >= 0 and lo - left < _LONG else lo
    rights = [p for p in (flat.find(mark, hi) for mark in (",", ";", ":", " — ", " – ")) if p >= 0]
    hi = min(rights) if rights and min(rights) - hi < _LONG else hi
    while lo > 0 and flat[lo - 1].isalnum():
        lo -= 1
    while hi < len(flat) and flat[hi].isalnum():
        hi += 1
    return start + lo, start + hi


# An ellipsis the article itself prints ("kee[...]"): a quote that held one would read as a cut of its own.
_CUT = re.compile(r"\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|…|\.{3}")


def _uncut(text: str, start: int, end: int, query: str) -> tuple[int, int]:
    """Of the passage text[start:end], the stretch between the article's own ellipses that holds the
    phrase best, without the word the ellipsis cuts short ("kee[...]" is no word to quote)."""
    from rapidfuzz import fuzz

    cuts = list(_CUT.finditer(text, start, end))
    if not cuts:
        return start, end
    pieces: list[tuple[int, int]] = []
    lo = start
    for cut in cuts:
        pieces.append((lo, cut.start()))
        lo = cut.end()
    pieces.append((lo, end))
    trimmed = []
    for a, b in pieces:
        if b < end and b > a and text[b - 1].isalnum():  # the word the ellipsis cuts off
            b = max(a, text.rfind(" ", a, b))
        if a > start and a < b and text[a].isalnum():  # a word the ellipsis starts in the middle of
            space = text.find(" ", a, b)
            a = space if space >= 0 else b
        while a < b and text[a] in " \t\n,;:":
            a += 1
        while b > a and text[b - 1] in " \t\n,;:":
            b -= 1
        if b > a:
            trimmed.append((a, b))
    if not trimmed:
        return start, end
    return max(trimmed, key=lambda span: (fuzz.partial_ratio(query, fold(text[span[0]:span[1]])), span[1] - span[0]))


def _folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """`fold(text)` with, for each of its characters, the offset in `text` it comes from."""
    out: list[str] = []
    where: list[int] = []
    for found in re.finditer(r"[^\W_]+", text):
        if out:
            out.append(" ")
            where.append(found.start())
        for k, char in enumerate(found.group()):
            folded = char.casefold()
            out.append(folded)
            where.extend([found.start() + k] * len(folded))
    return "".join(out), where


def find(phrase: str, articles: Iterable[Article], top: int = TOP) -> list[Hit]:
    """The `top` passages of the articles nearest `phrase`, best first."""
    from rapidfuzz import fuzz, process

    query = fold(phrase)
    words = content_words(phrase)
    if not query:
        return []
    scored: list[tuple[float, int, Article, int, int]] = []
    for number, article in enumerate(articles):
        sentences = article.sentences
        windows = list(_windows(sentences))
        if not windows:
            continue
        # A quick C pass over every window, then the full score for the best few.
        quick = process.extract(query, [w[2] for w in windows], scorer=fuzz.partial_ratio, limit=_CANDIDATES)
        by_words = sorted(range(len(windows)), key=lambda k: -len(words & windows[k][3]))[:_CANDIDATES]
        for k in {index for _text, _score, index in quick} | set(by_words):
            first, last, text, has = windows[k]
            score = _score(query, words, text, has)
            if last != first:
                score -= 2.0  # one sentence, if it holds the phrase as well, beats two
            scored.append((score, number, article, first, last))
    scored.sort(key=lambda row: (-row[0], row[1], row[3], row[4]))
    hits: list[Hit] = []
    shown: set[tuple[int, int]] = set()
    for score, number, article, first, last in scored:
        if len(hits) >= top:
            break
        sentences = article.sentences
        if (number, first) in shown or (number, last) in shown:
            continue  # a pair that repeats a sentence already shown adds nothing
        shown.update({(number, first), (number, last)})
        start, end = _clause(article, sentences[first], sentences[last], query)
        start, end = _uncut(article.text.original, start, end, query)
        text = passage(article.text, start, end)
        line, column = _position(article.text.original, start)
        verified = textmatch.find(text, article.text) is not None
        hits.append(Hit(article.name, article.path, line, column, round(max(0.0, score), 1), text, verified))
    return hits


def _position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


# -- --unquoted --------------------------------------------------------------------------------------


@record(frozen=True)
class Unquoted:
    """A sentence of the article with the argument's words in it and no quote on it."""

    line: int
    column: int
    score: float  # the weight of the argument's words in it (rarer words in the article weigh more)
    words: tuple[str, ...]  # the argument's words it has, as the sentence spells them
    sentence: str

    def to_dict(self) -> dict[str, object]:
        return {"line": self.line, "column": self.column, "score": self.score, "words": list(self.words),
                "sentence": self.sentence}


_MIN_WORDS = 5  # shorter "sentences" are headings, bylines and captions
_CLOSED = re.compile(r"[.!?][\"'”’)\]]*$")


def _header(article: Article) -> set[str]:
    """The lines above the body (title, byline, dateline, a brief's series line), as `argmap new` reads
    them: a sentence that is one of them whole is no argument to quote."""
    from argmap.authoring.skeleton import header_lines

    return {flat for _start, flat in header_lines(article.text.original)}


def _prose(sentence: Sentence, header: frozenset[str] | set[str] = frozenset()) -> bool:
    """A whole sentence of the body: not a header line (a title ending in "?" included), a heading or a
    caption (no closing full stop), not a dateline (a date and little else), nor a fragment (starting in
    lower case, or cut at the article's own ellipsis)."""
    from argmap.authoring.skeleton import parse_date

    text = sentence.text
    if text in header or not _CLOSED.search(text) or _CUT.search(text):
        return False
    if len(text.split()) < 10 and parse_date(text) is not None:
        return False
    first = next((c for c in text if c.isalnum()), "")
    return not first.islower()


def unquoted(article: Article, argument: Iterable[str], quotes: Iterable[str], top: int = 10,
             max_gap: int = textmatch.DEFAULT_MAX_GAP) -> list[Unquoted]:
    """The sentences of `article` that share words with the `argument` (the map's thesis and claims)
    and that none of the `quotes` touches, the most telling first."""
    wanted: set[str] = set()
    for text in argument:
        wanted |= content_words(text)
    spans = sorted((m.start, m.end) for m in (textmatch.find(q, article.text, max_gap) for q in quotes if q.strip())
                   if m is not None)
    header = _header(article)
    sentences = [s for s in article.sentences if len(s.folded.split()) >= _MIN_WORDS and _prose(s, header)]
    stems = [content_words(s.text) for s in sentences]
    # A word in most sentences ("Belarus", "Russia") says little: weigh each by its rarity (idf).
    df: dict[str, int] = {}
    for words in stems:
        for w in words & wanted:
            df[w] = df.get(w, 0) + 1
    total = max(1, len(sentences))
    rows: list[Unquoted] = []
    for s, words in zip(sentences, stems, strict=True):
        shared = words & wanted
        if not shared or covering(spans, s):
            continue
        score = sum(math.log(1 + total / df[w]) for w in shared)
        spelled = tuple(dict.fromkeys(w for w in fold(s.text).split() if stem(w) in shared))
        rows.append(Unquoted(s.line, s.column, round(score, 2), spelled, s.text))
    rows.sort(key=lambda r: (-r.score, r.line, r.column))
    return rows[:top]
