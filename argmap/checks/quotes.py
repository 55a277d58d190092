"""Quotes: every piece of evidence is in its article, read from a sources directory at check time."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

from argmap import textmatch
from argmap.diagnostics import Finding, Severity
from argmap.model import Corpus, Evidence, Map
from argmap.output import remember_inputs
from argmap.rules import RULES

MAX_SOURCE_SIZE = 50_000_000


@dataclass(frozen=True)
class Located:
    """Where one quote stands in its article (for `argmap quotes`)."""

    map: Map
    evidence: Evidence
    match: textmatch.Match | None
    near: textmatch.NearMiss | None


class Sources:
    """Article texts from one directory, each read and normalised once."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self._cache: dict[str, textmatch.Normalised | Finding | None] = {}

    def resolve(self, name: str) -> str | None:
        """The file for `name` inside the directory, or None if the name tries to leave it."""
        if not name or os.path.isabs(name) or "\x00" in name:
            return None
        base = os.path.realpath(self.directory)
        full = os.path.realpath(os.path.join(base, name))
        return full if os.path.commonpath([base, full]) == base else None

    def get(self, m: Map) -> textmatch.Normalised | Finding | None:
        name = m.source.text
        if name in self._cache:
            return self._cache[name]
        full = self.resolve(name)
        result: textmatch.Normalised | Finding | None
        if full is None:
            result = RULES["Q004"].at(m.path, m.source.text_line, m.source.text_column,
                                      f"source text {name!r} is outside the sources directory",
                                      "give the file name only, as it is in the sources directory")
        elif not os.path.isfile(full):
            result = None
        else:
            remember_inputs([full])
            try:
                if os.path.getsize(full) > MAX_SOURCE_SIZE:
                    raise OSError(f"larger than {MAX_SOURCE_SIZE:,} bytes")
                with open(full, "rb") as handle:
                    raw = handle.read()
                result = textmatch.normalise(raw.decode("utf-8-sig"))
            except UnicodeDecodeError as error:
                result = RULES["Q003"].at(m.path, m.source.text_line, m.source.text_column,
                                          f"source text {name!r} is not UTF-8 (byte {error.start})",
                                          "convert the article text to UTF-8")
            except OSError as error:
                result = RULES["Q003"].at(m.path, m.source.text_line, m.source.text_column,
                                          f"cannot read source text {name!r}: {error}",
                                          "check the file and its permissions")
        self._cache[name] = result
        return result


def locate(m: Map, sources: Sources) -> Iterator[Located]:
    article = sources.get(m)
    if not isinstance(article, textmatch.Normalised):
        return
    for item in m.evidence:
        if not item.quote.strip():
            continue
        match = textmatch.find(item.quote, article)
        yield Located(m, item, match, None if match else textmatch.nearest(item.quote, article))


def _shorten(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_map(m: Map, sources: Sources, require: bool = False) -> Iterator[Finding]:
    """Every quote of one map against its article text."""
    missing = Severity.ERROR if require else Severity.INFO
    if not m.evidence:
        return
    if not m.source.text:
        yield RULES["Q002"].at(m.path, m.line, m.column, "the map names no article text (source.text)",
                               "add `text: FILE` under source, naming the article in the sources directory",
                               severity=missing)
        return
    article = sources.get(m)
    if isinstance(article, Finding):
        yield article
        return
    if article is None:
        yield RULES["Q002"].at(m.path, m.source.text_line, m.source.text_column,
                               f"article text {m.source.text!r} is not in {sources.directory}",
                               "put the article's text there, or fix `source.text`", severity=missing)
        return
    for located in locate(m, sources):
        if located.match:
            continue
        item = located.evidence
        near = located.near
        if near:
            hint = (f"closest passage ({near.score:.0f}% similar) at line {near.line} of {m.source.text}: "
                    f"\"{_shorten(near.passage)}\"")
        else:
            hint = "copy the quote again from the article"
        yield RULES["Q001"].at(m.path, item.quote_line, item.quote_column,
                               f"quote of evidence {item.id!r} is not in {m.source.text}", hint)


def check(corpus: Corpus, directory: str, require: bool = False) -> Iterator[Finding]:
    sources = Sources(directory)
    for m in corpus.maps:
        yield from check_map(m, sources, require)
