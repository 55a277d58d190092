"""`argmap quotes --find` and `--unquoted` as the command line runs them: which articles, and the output.

The search itself is `argmap.authoring.find`; this module only picks the articles and prints.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from argmap.authoring import find as finder
from argmap.core.folds import words as fold
from argmap.core.safetext import clean, json_document
from argmap.core.words import percent
from argmap.interfaces.commands.base import load_corpus, usage_error, warn

if TYPE_CHECKING:
    from argmap.model.config import Settings
    from argmap.model.maps import Map


def _map_article(m: Map, run: Settings) -> finder.Article | None:
    """The article a map names, from the sources search path; None (with a warning) if it is not there."""
    from argmap.checks.quotes import Sources

    name = m.source.text
    if not name:
        warn(f"{m.path}: the map names no article text (source.text)")
        return None
    full = Sources(run.sources).locate_file(name)
    if not isinstance(full, str):
        warn(f"{m.path}: article text {name!r} is not in the sources directories ({', '.join(run.sources)})")
        return None
    try:
        return finder.read_article(name, full)
    except finder.ArticleError as error:
        warn(str(error))
        return None


def _articles(paths: list[str] | None, run: Settings) -> list[finder.Article]:
    """The articles the maps at `paths` name; without paths, every .txt file of the sources."""
    out: list[finder.Article] = []
    if paths:
        seen: set[str] = set()
        for m in load_corpus(paths, run).maps:
            if m.source.text in seen:
                continue
            seen.add(m.source.text)
            article = _map_article(m, run)
            if article is not None:
                out.append(article)
        return out
    for name, full in finder.text_files(run.sources):
        try:
            out.append(finder.read_article(name, full))
        except finder.ArticleError as error:
            warn(str(error))
    return out


def find_passages(phrase: str, paths: list[str] | None, run: Settings, top: int | None, as_json: bool) -> None:
    if not fold(phrase):
        usage_error("--find needs words to look for")
    articles = _articles(paths, run)
    if not articles:
        usage_error(f"no article texts to search: no .txt file in {', '.join(run.sources)}" if not paths
                    else "none of the maps' article texts is in the sources directories")
    hits = finder.find(phrase, articles, top or finder.TOP)
    if as_json:
        sys.stdout.write(json_document({"find": phrase, "articles": len(articles), "passages": [h.to_dict() for h in hits]}))
        return
    if not hits:
        sys.stdout.write("No passage found.\n")
        return
    for number, hit in enumerate(hits, 1):
        sys.stdout.write(clean(f"{number}. {hit.article}:{hit.line}:{hit.column}  {percent(hit.score)} similar") + "\n")
        sys.stdout.write("   " + clean(hit.passage) + "\n")


def unquoted_sentences(map_path: str, paths: list[str] | None, run: Settings, top: int | None, as_json: bool) -> None:
    if paths:
        usage_error("--unquoted takes the map itself (--unquoted MAP), not PATH arguments")
    maps = load_corpus([map_path], run).maps
    if len(maps) != 1:
        usage_error(f"--unquoted takes one map file; {map_path} holds {len(maps)}")
    m = maps[0]
    article = _map_article(m, run)
    if article is None:
        usage_error(f"cannot read the article of {m.path}")
    argument = [node.text for node in m.nodes]
    rows = finder.unquoted(article, argument, [e.quote for e in m.evidence], top or 10, run.max_ellipsis_gap)
    if as_json:
        sys.stdout.write(json_document({"map": m.id, "path": m.path, "source": m.source.text,
                                        "sentences": [r.to_dict() for r in rows]}))
        return
    if not rows:
        sys.stdout.write(clean(f"Every sentence of {m.source.text} that carries the argument's words is quoted.") + "\n")
        return
    sys.stdout.write(clean(f"Sentences of {m.source.text} with the argument's words and no quote ({m.id}):") + "\n")
    for row in rows:
        sys.stdout.write(clean(f"{m.source.text}:{row.line}:{row.column}  [{', '.join(row.words)}]") + "\n")
        sys.stdout.write("   " + clean(row.sentence) + "\n")
