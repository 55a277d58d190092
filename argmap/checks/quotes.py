"""Quotes: every piece of evidence is in its article, read from a search path of sources directories."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from argmap.checks.quote_counts import QuoteCounts, count_unchecked
from argmap.core import defaults
from argmap.core.diagnostics import Finding, Severity
from argmap.core.record import record
from argmap.core.rules import LOOKALIKE_LETTER, QUOTE_NOT_FOUND, SOURCE_MISSING, SOURCE_PATH_ESCAPES, SOURCE_UNREADABLE
from argmap.files import textmatch
from argmap.files.inputs import remember_inputs
from argmap.files.sources import is_extracted
from argmap.model.maps import Corpus, Evidence, Map

if TYPE_CHECKING:
    from argmap.files.sources.extract import Extraction, ExtractLimits
from argmap.core.didyoumean import Suggester
from argmap.core.words import percent

MAX_SOURCE_SIZE = defaults.MAX_SOURCE_SIZE


@record(frozen=True)
class Located:
    """Where one quote stands in its article (for `argmap quotes`)."""

    map: Map
    evidence: Evidence
    match: textmatch.Match | None
    near: textmatch.NearMiss | None
    failure: textmatch.Failure | None = None
    outside: str = ""  # a page's or PDF's quote found outside its main text: where ("the page's comments")
    page: int | None = None  # the PDF page of a match
    lookalikes: tuple[textmatch.Lookalike, ...] = ()  # a quote not found only for Latin and Cyrillic letters alike


class Sources:
    """Article texts from a search path of directories (the first that has a name wins), each read and
    normalised once."""

    def __init__(self, directories: str | Sequence[str], limits: ExtractLimits | None = None) -> None:
        self.directories = [directories] if isinstance(directories, str) else list(directories)
        self.limits = limits  # None: the defaults (argmap.files.sources.extract.ExtractLimits)
        self._cache: dict[str, textmatch.Normalised | Finding | None] = {}
        self.extracted: dict[str, Extraction] = {}  # name -> a page's or PDF's extraction
        self._full: dict[str, textmatch.Normalised] = {}  # name -> its extraction's full text, normalised
        self.paths: dict[str, str] = {}  # name -> the file it was read from
        self._names: Suggester | None = None

    @property
    def directory(self) -> str:  # the one directory of a single-directory search path (older callers)
        return self.directories[0] if self.directories else ""

    @property
    def max_size(self) -> int:
        return self.limits.max_size if self.limits is not None else MAX_SOURCE_SIZE

    def searched(self) -> str:
        return ", ".join(self.directories) or "(no directory)"

    def resolve(self, name: str, directory: str | None = None) -> str | None:
        """The file for `name` inside `directory` (default: the first), or None if the name tries to leave it."""
        if not name or os.path.isabs(name) or "\x00" in name:
            return None
        base = os.path.realpath(self.directory if directory is None else directory)
        full = os.path.realpath(os.path.join(base, name))
        return full if os.path.commonpath([base, full]) == base else None

    def locate_file(self, name: str) -> str | bool | None:
        """The first file for `name` on the search path; None if there is none; False if it leaves them all."""
        inside = [full for full in (self.resolve(name, d) for d in self.directories) if full is not None]
        if not inside:
            return False
        return next((full for full in inside if os.path.isfile(full)), None)

    def file_names(self, unreadable: str | None = None) -> list[str]:
        """The names of the files in the search path's directories, in its order; a directory that cannot be
        read stands as `unreadable`, or not at all."""
        names: list[str] = []
        for directory in self.directories:
            try:
                with os.scandir(directory) as entries:
                    names.extend(e.name for e in entries if e.is_file())
            except OSError:
                if unreadable is not None:
                    names.append(unreadable)
        return names

    def did_you_mean(self, name: str) -> str:
        if self._names is None:
            self._names = Suggester(self.file_names())
        return self._names.hint(name)

    def get(self, m: Map) -> textmatch.Normalised | Finding | None:
        name = m.source.text
        if name in self._cache:
            return self._cache[name]
        full = self.locate_file(name)
        result: textmatch.Normalised | Finding | None
        if full is False:
            result = SOURCE_PATH_ESCAPES.at(m.path, m.source.text_line, m.source.text_column,
                                            f"source text {name!r} is outside the sources directories ({self.searched()})",
                                            "give the file name only, as it is in a sources directory")
        elif not isinstance(full, str):
            result = None
        elif is_extracted(name):
            remember_inputs([full])
            result = self._extract(m, name, full)
        else:
            remember_inputs([full])
            try:
                if os.path.getsize(full) > self.max_size:
                    raise OSError(f"larger than {self.max_size:,} bytes")
                with open(full, "rb") as handle:
                    text = handle.read().decode("utf-8-sig")  # the bytes are dropped at once
                result = textmatch.normalise(text)
                self.paths[name] = full
            except UnicodeDecodeError as error:
                result = SOURCE_UNREADABLE.at(m.path, m.source.text_line, m.source.text_column,
                                              f"source text {name!r} is not UTF-8 (byte {error.start})",
                                              "convert the article text to UTF-8")
            except OSError as error:
                result = SOURCE_UNREADABLE.at(m.path, m.source.text_line, m.source.text_column,
                                              f"cannot read source text {name!r}: {error}",
                                              "check the file and its permissions")
        self._cache[name] = result
        return result

    def _extract(self, m: Map, name: str, full: str) -> textmatch.Normalised | Finding:
        """The main text of the page or PDF `name` (argmap.files.sources), or the finding that says why not."""
        from argmap.files.sources.extract import ExtractionError, extract_file

        try:
            extraction = extract_file(full, self.limits)
        except ExtractionError as error:
            return SOURCE_UNREADABLE.at(m.path, m.source.text_line, m.source.text_column, error.message, error.hint)
        self.extracted[name] = extraction
        self.paths[name] = full
        return textmatch.normalise(extraction.text)

    def outside(self, m: Map, quote: str, max_gap: int = textmatch.DEFAULT_MAX_GAP) -> str:
        """For a quote not in a page's (or PDF's) main text: the part of the file it was found in
        ("the page's comments"), or "" if it is nowhere in the file either."""
        extraction = self.extracted.get(m.source.text)
        if extraction is None or not extraction.full:
            return ""
        everything = self._full.get(m.source.text)
        if everything is None:
            everything = self._full[m.source.text] = textmatch.normalise(extraction.full)
        found = textmatch.find(quote, everything, max_gap)
        return f"{extraction.where()} {extraction.region(found.start)}" if found else ""

    def page(self, m: Map, offset: int) -> int | None:
        """The PDF page of offset `offset` in the map's article (None for any other article)."""
        extraction = self.extracted.get(m.source.text)
        return extraction.page(offset) if extraction is not None else None


def locate(m: Map, sources: Sources, max_gap: int = textmatch.DEFAULT_MAX_GAP) -> Iterator[Located]:
    article = sources.get(m)
    if not isinstance(article, textmatch.Normalised):
        return
    for item in m.evidence:
        if not item.quote.strip():
            continue
        match = textmatch.find(item.quote, article, max_gap)
        if match:
            yield Located(m, item, match, None, page=sources.page(m, match.start))
            continue
        outside = sources.outside(m, item.quote, max_gap)
        failure = textmatch.explain(item.quote, article, max_gap)
        alike = tuple(textmatch.lookalikes(item.quote, article, max_gap)) if failure.rule is None and not outside else ()
        near = (textmatch.nearest(item.quote, article, failure.part)
                if failure.rule is None and not outside and not alike else None)
        yield Located(m, item, None, near, failure, outside, lookalikes=alike)


def _shorten(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_RULE_HINTS = {
    "words": "an ellipsis joins parts of two words or more: quote more of the words around the cut",
    "gap": "an ellipsis stands for at most {gap} characters of one paragraph: quote the parts as two pieces of evidence",
    "paragraph": "an ellipsis stands for words left out of one paragraph: quote each paragraph as its own evidence",
    "order": "quote the parts in the article's order, each once",
    "inside-words": "quote whole words, as the article has them",
}


def _finding(m: Map, located: Located, article: textmatch.Normalised, max_gap: int) -> Finding:
    item, failure, name = located.evidence, located.failure, m.source.text
    at = (m.path, item.quote_line, item.quote_column)
    if located.outside:
        return QUOTE_NOT_FOUND.at(*at, f"quote of evidence {item.id!r} is not in the article's main text of {name}: "
                                  f"found in {located.outside}, outside the article's main text",
                                  "quote the article's own words: navigation, adverts, related links, comments and a "
                                  "PDF's running headers are not the article")
    if located.lookalikes:
        return _lookalike_finding(m, located, at)
    if failure is not None and failure.rule is not None:
        return QUOTE_NOT_FOUND.at(*at, f"quote of evidence {item.id!r} does not match {name}: {failure.message}",
                                  _RULE_HINTS[failure.rule].format(gap=max_gap))
    message = f"quote of evidence {item.id!r} is not in {name}"
    if failure is not None and failure.message != "not in the article":
        message += f": {failure.message}"
    wording = textmatch.in_other_case(item.quote, article, max_gap)
    if wording is not None:
        return QUOTE_NOT_FOUND.at(*at, f"quote of evidence {item.id!r} differs from {name} only in capitals",
                                  f"the article has: \"{_shorten(wording)}\"")
    near = located.near
    if near:
        hint = f"closest passage ({percent(near.score)} similar) at line {near.line} of {name}: \"{_shorten(near.passage)}\""
        if near.differs:
            hint += f"; {near.differs}"
    else:
        hint = "copy the quote again from the article"
    return QUOTE_NOT_FOUND.at(*at, message, hint)


def _letters(found: Sequence[textmatch.Lookalike], quote: str) -> str:
    """The first look-alike letter in words, and how many more there are."""
    more = len(found) - 1
    return found[0].describe("\n" not in quote.strip()) + (
        f" (and {more} more such letter{'s' if more > 1 else ''})" if more else "")


def _lookalike_finding(m: Map, located: Located, at: tuple[str, int, int]) -> Finding:
    item, name = located.evidence, m.source.text
    first = located.lookalikes[0]
    said = _letters(located.lookalikes, item.quote)
    if first.side == "quote":
        hint = f"retype the letter as the article has it ({first.other!r}, U+{ord(first.other):04X})"
    else:
        hint = ("the article's copy has a letter of the other script in the word: correct the copy if it was mangled, "
                "or quote it as it stands and say so (`# argmap: ignore[Q005] reason`)")
    return LOOKALIKE_LETTER.at(*at, f"quote of evidence {item.id!r} matches {name} only if Latin and Cyrillic letters "
                               f"drawn alike are read as one: {said}", hint)


def mixed_warnings(m: Map, item: Evidence) -> Iterator[Finding]:
    """Q005 as a warning for a quote found verbatim whose words mix Latin and Cyrillic letters drawn alike."""
    found = textmatch.mixed_letters(item.quote)
    if not found:
        return
    said = _letters(found, item.quote)
    yield LOOKALIKE_LETTER.at(m.path, item.quote_line, item.quote_column,
                              f"quote of evidence {item.id!r} is verbatim but mixes scripts in a word: {said}, as the "
                              f"article {m.source.text} does; a search for the word will not find it",
                              "if the article has the letter, keep the quote and say so (`# argmap: ignore[Q005] reason`); "
                              "if it came from copying, retype the letter in both", severity=Severity.WARNING)


def check_map(m: Map, sources: Sources, require: bool = False, counts: QuoteCounts | None = None,
              max_gap: int = textmatch.DEFAULT_MAX_GAP) -> Iterator[Finding]:
    """Every quote of one map against its article text; `counts` (if given) is updated."""
    counts = counts if counts is not None else QuoteCounts()
    missing = Severity.ERROR if require else Severity.INFO
    if not m.evidence:
        return
    if not m.source.text:
        count_unchecked(m, counts)
        yield SOURCE_MISSING.at(m.path, m.line, m.column, "the map names no article text (source.text)",
                                "add `text: FILE` under source, naming the article in the sources directory",
                                severity=missing)
        return
    article = sources.get(m)
    if not isinstance(article, textmatch.Normalised):
        count_unchecked(m, counts)
        if isinstance(article, Finding):
            yield article
            return
        name = m.source.text
        yield SOURCE_MISSING.at(m.path, m.source.text_line, m.source.text_column,
                                f"article text {name!r} is not in the sources directories searched: {sources.searched()}",
                                sources.did_you_mean(name) or "put the article's text there, or fix `source.text`",
                                severity=missing)
        return
    for located in locate(m, sources, max_gap):
        counts.total += 1
        counts.articles.add(sources.paths.get(m.source.text, m.source.text))
        if located.match:
            counts.verified += 1
            yield from mixed_warnings(m, located.evidence)
            continue
        counts.failed += 1
        yield _finding(m, located, article, max_gap)


def check(corpus: Corpus, directories: str | Sequence[str], require: bool = False,
          counts: QuoteCounts | None = None, max_gap: int = textmatch.DEFAULT_MAX_GAP) -> Iterator[Finding]:
    sources = Sources(directories)
    for m in corpus.maps:
        yield from check_map(m, sources, require, counts, max_gap)
