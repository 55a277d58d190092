"""`argmap graph`, `argmap report` and `argmap export`: see the argument, and hand it to other tools."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Optional, TextIO

import typer

from argmap.cli import app, default_corpus, usage_error

if TYPE_CHECKING:
    from argmap.model import Corpus



class GraphFormat(str, Enum):
    dot = "dot"
    mermaid = "mermaid"
    svg = "svg"
    png = "png"


class ExportFormat(str, Enum):
    json = "json"
    argdown = "argdown"
    aif = "aif"


def _load(paths: list[str]) -> Corpus:
    from argmap.cli import load_corpus_for_command

    return load_corpus_for_command(paths)[0]


def _emit(output: str | None, corpus: Corpus | None, write: Callable[[TextIO], None]) -> None:
    from argmap.output import OutputError, write_output

    if not output or output == "-":
        write(sys.stdout)
        sys.stdout.flush()
        return
    try:
        write_output(output, write, protect=corpus)
    except (OutputError, OSError) as error:
        usage_error(str(error))


def _binary(data: bytes) -> Callable[[TextIO], None]:
    def write(stream: TextIO) -> None:
        stream.flush()
        buffer = getattr(stream, "buffer", None)
        if buffer is None:  # a stream without bytes underneath (as in some test runners)
            stream.write(data.decode("latin-1"))
        else:
            buffer.write(data)
            buffer.flush()
    return write


@app.command()
def graph(
    paths: Annotated[Optional[list[str]], typer.Argument(
        help="A map file, a map id, or (with --questions or --map) files and directories of the corpus (default: maps/).")] = None,
    output_format: Annotated[GraphFormat, typer.Option("--format", "-f", help="dot and mermaid need nothing; svg and png need Graphviz.")] = GraphFormat.dot,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    questions: Annotated[bool, typer.Option("--questions", help="Draw the corpus: questions in the middle, agents around, edges coloured by stance.")] = False,
    map_id: Annotated[Optional[str], typer.Option("--map", help="The id of the map to draw, when the paths hold several.")] = None,
    max_label: Annotated[int, typer.Option("--max-label", min=0, help="Cut texts longer than this many characters (0: never).")] = 160,
) -> None:
    """Draw one map (thesis, claims, evidence, supports and attacks, positions), or the corpus with --questions.

    Exit status: 0 drawn, 2 usage error (no such map, several maps without --map, Graphviz missing).
    """
    from argmap.render import diagram as diagrams
    from argmap.render import dot, mermaid
    from argmap.schema import ID_PATTERN

    targets = list(paths or [])
    if not questions and len(targets) == 1 and not os.path.exists(targets[0]) and re.match(ID_PATTERN, targets[0]) and not map_id:
        map_id, targets = targets[0], []  # `argmap graph MAP-ID` looks in the default corpus
    corpus = _load(default_corpus(targets))
    if questions:
        picture = diagrams.questions_diagram(corpus, max_label)
    else:
        if map_id:
            chosen = corpus.map_by_id(map_id)
            if chosen is None:
                usage_error(f"no map with id {map_id!r} in {', '.join(default_corpus(targets))}")
        elif len(corpus.maps) == 1:
            chosen = corpus.maps[0]
        elif not corpus.maps:
            usage_error("no map to draw (a map file failed to load? run `argmap check`)")
        else:
            usage_error(f"{len(corpus.maps)} maps found: choose one with --map ID, or draw the corpus with --questions")
        picture = diagrams.map_diagram(corpus, chosen, max_label)
    if output_format is GraphFormat.mermaid:
        _emit(output, corpus, lambda stream: stream.write(mermaid.render(picture)))
        return
    source = dot.render(picture)
    if output_format is GraphFormat.dot:
        _emit(output, corpus, lambda stream: stream.write(source))
        return
    from argmap.render import graphviz

    if output_format is GraphFormat.png and not output and sys.stdout.isatty():
        usage_error("PNG is binary: write it to a file with -o FILE.png")
    try:
        data = graphviz.render(source, output_format.value, dpi=110 if output_format is GraphFormat.png else 0)
    except graphviz.GraphvizError as error:
        usage_error(str(error))
    _emit(output, corpus, _binary(data))


@app.command()
def report(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Map files or directories (default: maps/).")] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="The HTML file to write (default: stdout).")] = None,
    sources: Annotated[Optional[str], typer.Option("--sources", help="Directory of article texts: check every quote too.")] = None,
    title: Annotated[str, typer.Option("--title", help="The report's title.")] = "Argument map report",
    show_all: Annotated[bool, typer.Option("--all", help="Every agent in the heat map and agreement table (default: the 30 answering the most).")] = False,
) -> None:
    """One self-contained HTML file: stance heat map, agreement table, questions with quotes, each map's
    diagram, and the check results. No scripts, no network: mail it to a colleague.
    """
    from argmap import config, engine
    from argmap.corpus import CorpusError
    from argmap.render import html_report

    if sources and not os.path.isdir(sources):
        usage_error(f"--sources: not a directory: {sources}")
    try:
        limits = config.load(".").limits()
        result = engine.run(default_corpus(paths), engine.Options(sources=sources, limits=limits))
    except (CorpusError, config.ConfigError) as error:
        usage_error(str(error))
    page = html_report.render(result.corpus, result.findings, result.files, title,
                              limit=None if show_all else html_report.TABLE_LIMIT)
    _emit(output, result.corpus, lambda stream: stream.write(page))


@app.command()
def export(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Map files or directories (default: maps/).")] = None,
    to: Annotated[Optional[ExportFormat], typer.Option("--to", "-t", help="json (argmap's own, versioned), argdown or aif.")] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    schema: Annotated[bool, typer.Option("--schema", help="Print the JSON Schema of the json export and exit.")] = False,
) -> None:
    """Export the corpus for other argument tools: json, argdown (Argdown) or aif (AIF JSON, with speakers)."""
    from argmap.export import json_export
    from argmap.safetext import json_document

    if schema:
        _emit(output, None, lambda stream: stream.write(json_document(json_export.SCHEMA)))
        return
    if to is None:
        usage_error("choose a format with --to json, --to argdown or --to aif")
    corpus = _load(default_corpus(paths))
    if to is ExportFormat.json:
        text = json_document(json_export.to_json(corpus))
    elif to is ExportFormat.argdown:
        from argmap.export import argdown

        text = argdown.render(corpus)
    else:
        from argmap.export import aif

        text = json_document(aif.render(corpus))
    _emit(output, corpus, lambda stream: stream.write(text))
