"""`argmap graph`, `argmap report` and `argmap export`: see the argument, and hand it to other tools."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Optional, TextIO

import typer

from argmap.core.defaults import AGENTS_SHOWN
from argmap.interfaces import completion
from argmap.interfaces.commands.analysis import BasisOpt, bases_option
from argmap.interfaces.commands.base import (
    ConfigOpt,
    IsolatedOpt,
    OutputOpt,
    PathsArg,
    SourcesOpt,
    app,
    argument,
    corpus_errors,
    corpus_paths,
    emit,
    load_corpus,
    progress_bar,
    settings,
    usage_error,
)


class GraphFormat(str, Enum):
    dot = "dot"
    mermaid = "mermaid"
    svg = "svg"
    png = "png"


class ExportFormat(str, Enum):
    json = "json"
    argdown = "argdown"
    aif = "aif"
    csv = "csv"
    sqlite = "sqlite"
    parquet = "parquet"
    qdpx = "qdpx"
    annotations = "annotations"
    csl = "csl"


TABLE_FORMATS = (ExportFormat.csv, ExportFormat.sqlite, ExportFormat.parquet)


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
    paths: Annotated[Optional[list[str]], argument(
        "[PATH]...", "A map file, a map id, or (with --questions or --map) files and directories of the corpus (default: maps/).")] = None,
    output_format: Annotated[GraphFormat, typer.Option("--format", "-f", help="dot and mermaid need nothing; svg and png need Graphviz.")] = GraphFormat.dot,
    output: OutputOpt = None,
    questions: Annotated[bool, typer.Option("--questions", help="Draw the corpus: questions in the middle, agents around, edges coloured by stance.")] = False,
    links: Annotated[bool, typer.Option("--links", help=(
        "Draw the corpus as one debate: each map a cluster (its thesis and the claims links.yaml names), the links "
        "across maps coloured by relation, claims coloured by grounded status (argmap evaluate)."))] = False,
    map_id: Annotated[Optional[str], typer.Option("--map", help="The id of the map to draw, when the paths hold several.",
                                                  autocompletion=completion.complete_map)] = None,
    max_label: Annotated[int, typer.Option("--max-label", min=0, help="Cut texts longer than this many characters (0: never).")] = 160,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """Draw one map (thesis, claims, evidence, supports and attacks, positions), or the corpus with --questions
    (who takes which stance) or --links (the maps as one debate).

    Exit status: 0 drawn, 2 usage error (no such map, several maps without --map, Graphviz missing).
    """
    from argmap.core.ids import is_id
    from argmap.outputs.render import diagram as diagrams
    from argmap.outputs.render import dot, mermaid

    targets = list(paths or [])
    if questions and links:
        usage_error("--questions and --links draw two different pictures: choose one")
    if not questions and not links and len(targets) == 1 and not os.path.exists(targets[0]) and is_id(targets[0]) and not map_id:
        map_id, targets = targets[0], []  # `argmap graph MAP-ID` looks in the default corpus
    corpus = load_corpus(targets or None, settings(config, isolated), allow_empty=True)
    if questions:
        picture = diagrams.questions_diagram(corpus, max_label)
    elif links:
        if not corpus.links:
            usage_error("no links to draw: the corpus has no links.yaml (docs/links.md)")
        from argmap.analysis.links.evaluate import grounded_claims

        picture = diagrams.debate_diagram(corpus, grounded_claims(corpus), max_label)
    else:
        if map_id:
            chosen = corpus.map_by_id(map_id)
            if chosen is None:
                usage_error(f"no map with id {map_id!r} in {', '.join(corpus_paths(targets or None))}")
        elif len(corpus.maps) == 1:
            chosen = corpus.maps[0]
        elif not corpus.maps:
            usage_error("no map to draw (a map file failed to load? run `argmap check`)")
        else:
            usage_error(f"{len(corpus.maps)} maps found: choose one with --map ID, or draw the corpus with --questions")
        picture = diagrams.map_diagram(corpus, chosen, max_label)
    if output_format is GraphFormat.mermaid:
        emit(output, lambda stream: stream.write(mermaid.render(picture)))
        return
    source = dot.render(picture)
    if output_format is GraphFormat.dot:
        emit(output, lambda stream: stream.write(source))
        return
    from argmap.outputs.render import graphviz

    if output_format is GraphFormat.png and not output and sys.stdout.isatty():
        usage_error("PNG is binary: write it to a file with -o FILE.png")
    try:
        data = graphviz.render(source, output_format.value, dpi=110 if output_format is GraphFormat.png else 0)
    except graphviz.GraphvizError as error:
        usage_error(str(error))
    emit(output, _binary(data))


@app.command()
def report(
    paths: PathsArg = None,
    output: OutputOpt = None,
    sources: SourcesOpt = None,
    title: Annotated[str, typer.Option("--title", help="The report's title.")] = "Argument map report",
    show_all: Annotated[bool, typer.Option("--all", help=(
        f"Every agent in the heat map and agreement table (default: the {AGENTS_SHOWN} answering the most)."))] = False,
    basis: BasisOpt = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """One self-contained HTML file: stance heat map, agreement table, questions with quotes, each map's
    diagram, and the check results. No scripts, no network: mail it to a colleague.
    """
    from argmap.analysis.positions import with_bases
    from argmap.checks import engine
    from argmap.outputs.analysis import fmt
    from argmap.outputs.render import html_report
    from argmap.outputs.reporters.text import quotes_line

    bases = bases_option(basis)
    # The check section shows what `argmap check` would: the same [tool.argmap] rules, grades and sources.
    run = settings(config, isolated, sources=tuple(sources) if sources else None)
    targets = corpus_paths(paths)
    with corpus_errors(), progress_bar("checking maps") as advance:
        result = engine.run(targets, run, keep_model=True, progress=advance)
    page = html_report.render(with_bases(result.corpus, bases), result.findings, result.files, title,
                              limit=None if show_all else html_report.TABLE_LIMIT, quotes=quotes_line(result),
                              periods=run.periods, scope=fmt.population_line("all", None, bases))
    emit(output, lambda stream: stream.write(page), protect=result.corpus)
    from argmap.files.output import is_stdout

    if output and not is_stdout(output):  # a file written in silence looked like a failure
        from argmap.core.safetext import clean
        from argmap.core.words import plural

        sys.stderr.write(clean(f"argmap: wrote {output} ({plural(len(result.corpus.maps), 'map')}, "
                               f"{len(page.encode('utf-8')) / 1024:,.0f} KB)") + "\n")


@app.command()
def export(
    paths: PathsArg = None,
    to: Annotated[Optional[ExportFormat], typer.Option("--to", "-t", help=(
        "json (argmap's own, versioned), argdown, aif; tidy tables: csv, sqlite, parquet; annotations (W3C Web "
        "Annotations of the quotes, needs --sources); csl (the sources as CSL-JSON) (docs/data.md); "
        "qdpx: a REFI-QDA project for ATLAS.ti, MAXQDA, NVivo, QualCoder (docs/qdpx.md)."))] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="PATH", help=(
        "json, argdown, aif, annotations, csl: this file (- for standard output). csv, parquet: this directory "
        "(made if missing). sqlite, qdpx: this file (required)."))] = None,
    sources: SourcesOpt = None,
    excel_safe: Annotated[bool, typer.Option("--excel-safe", help=(
        "csv only: a leading ' before text cells starting with = + - @ (spreadsheets run them as formulas) "
        "and a byte order mark. Changes the data: for spreadsheets, not for analysis."))] = False,
    schema: Annotated[bool, typer.Option("--schema", help="Print the JSON Schema of the json export and exit.")] = False,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """Export the corpus for other argument tools: json, argdown (Argdown) or aif (AIF JSON, with speakers);
    or as tidy tables for pandas, R and SQL: csv (one file per table), sqlite (one database), parquet.

    The tables (maps, agents, questions, claims, evidence, relations, positions, agreement) and their
    columns are documented in docs/data.md; with --sources, evidence rows carry each quote's offsets in
    its article. qdpx writes a REFI-QDA project for ATLAS.ti, MAXQDA, NVivo and QualCoder (needs
    --sources and -o): each quote a coded selection in its article (docs/qdpx.md). annotations writes each
    quote found in its article (--sources) as a W3C Web Annotation; csl writes each map's source as CSL-JSON
    for Zotero and citation processors.

    Exit status: 0 written, 1 annotations written but some quotes not located (each listed on standard
    error), 2 usage error.
    """
    from argmap.core.safetext import json_document
    from argmap.outputs.export import json_export

    if schema:
        emit(output, lambda stream: stream.write(json_document(json_export.SCHEMA)))
        return
    if to is None:
        usage_error("choose a format with --to json, --to argdown, --to aif, --to csv, --to sqlite, --to parquet or --to qdpx")
    if excel_safe and to is not ExportFormat.csv:
        usage_error("--excel-safe applies to --to csv only")
    if to is ExportFormat.qdpx:
        _export_qdpx(paths, output, sources, config, isolated)
        return
    if sources and to not in (*TABLE_FORMATS, ExportFormat.annotations):
        usage_error("--sources applies to the tables (--to csv, sqlite or parquet: the evidence offsets), to "
                    "--to annotations and to --to qdpx")
    if to is ExportFormat.annotations:
        _export_annotations(paths, output, sources, config, isolated)
        return
    if to in TABLE_FORMATS:
        _export_tables(paths, to, output, sources, excel_safe, config, isolated)
        return
    corpus = load_corpus(paths, settings(config, isolated), allow_empty=True)
    if to is ExportFormat.json:
        text = json_document(json_export.to_json(corpus))
    elif to is ExportFormat.csl:
        from argmap.outputs.export import csl

        text = json_document(csl.render(corpus))
    elif to is ExportFormat.argdown:
        from argmap.outputs.export import argdown

        text = argdown.render(corpus)
    else:
        from argmap.outputs.export import aif

        text = json_document(aif.render(corpus))
    emit(output, lambda stream: stream.write(text))


def _export_qdpx(paths: list[str] | None, output: str | None, sources: list[str] | None, config: str | None,
                 isolated: bool) -> None:
    from argmap.core.safetext import clean
    from argmap.files.output import OutputError, is_stdout, protect_tree, write_output
    from argmap.interfaces.commands.base import say
    from argmap.outputs.export import qdpx

    if not output or is_stdout(output):
        usage_error("--to qdpx writes a zip file: give it with -o FILE.qdpx")
    if not sources:
        usage_error("--to qdpx needs the article texts, to place each quote in its article: give them with --sources DIR")
    run = settings(config, isolated, sources=tuple(sources))
    for directory in run.sources:
        protect_tree(directory)
    corpus = load_corpus(paths, run, allow_empty=True)
    built = qdpx.build(corpus, tuple(run.sources), run.max_ellipsis_gap)
    try:
        write_output(output, _binary(built.data), protect=corpus)
    except OutputError as error:
        usage_error(str(error))
    say(f"wrote {output}: {built.sources} article{'s' if built.sources != 1 else ''}, "
        f"{built.selections} coded quote{'s' if built.selections != 1 else ''}")
    if built.left_out:
        sys.stderr.write(f"Left out ({len(built.left_out)}):\n")
        for line in built.left_out:
            sys.stderr.write(clean(f"- {line}") + "\n")


def _export_annotations(paths: list[str] | None, output: str | None, sources: list[str] | None,
                        config: str | None, isolated: bool) -> None:
    from argmap.checks.quotes import Sources
    from argmap.core.safetext import clean, json_document
    from argmap.outputs.export import annotations

    run = settings(config, isolated, sources=tuple(sources) if sources else None)
    if not run.sources:
        usage_error("--to annotations locates each quote in its article: give the articles' directory with --sources DIR")
    from argmap.files.output import protect_tree

    for directory in run.sources:
        protect_tree(directory)  # -o never replaces an article
    corpus = load_corpus(paths, run, allow_empty=True)
    result = annotations.build(corpus, Sources(list(run.sources)), run.max_ellipsis_gap)
    text = json_document(result.document)
    emit(output, lambda stream: stream.write(text), protect=corpus)
    if result.unplaced:
        for item in result.unplaced:
            sys.stderr.write(clean(f"{item.path}:{item.line}:{item.column}: evidence {item.evidence_id!r} of "
                                   f"{item.map_id}: not exported: {item.reason}") + "\n")
        sys.stderr.write(f"argmap: {result.annotations} quotes exported as annotations, "
                         f"{len(result.unplaced)} not located (listed above)\n")
        sys.stderr.flush()
        raise typer.Exit(1)


def _export_tables(paths: list[str] | None, to: ExportFormat, output: str | None, sources: list[str] | None,
                   excel_safe: bool, config: str | None, isolated: bool) -> None:
    from argmap.files.output import OutputError, check_target, is_stdout, protect_tree, write_folder, write_output
    from argmap.outputs.export import tables as tidy

    kind = "a database file" if to is ExportFormat.sqlite else "a directory"
    if not output or is_stdout(output):
        usage_error(f"--to {to.value} writes {kind}: give it with -o PATH")
    if to is ExportFormat.parquet:
        from argmap.outputs.export import parquet_export

        try:
            parquet_export.check()
        except parquet_export.ParquetUnavailable as error:
            usage_error(str(error))
    run = settings(config, isolated, sources=tuple(sources) if sources else None)
    for directory in run.sources:
        protect_tree(directory)
    corpus = load_corpus(paths, run, allow_empty=True)
    built = tidy.build(corpus, tuple(run.sources) if sources else (), run.max_ellipsis_gap)
    try:
        if to is ExportFormat.sqlite:
            from argmap.outputs.export import sqlite_export

            real = check_target(output, corpus)
            try:
                sqlite_export.check_replaceable(real)
            except sqlite_export.NotAnExport as error:
                usage_error(str(error))
            data = sqlite_export.encode(built, os.path.dirname(real))
            write_output(output, _binary(data), protect=corpus)
            return
        if os.path.exists(output) and not os.path.isdir(output):
            usage_error(f"--to {to.value} writes a directory of files, and {output} is not a directory")
        # Every file is made first in a new temporary folder, then moved into place (output.write_folder):
        # a refusal or an error part-way leaves the folder as it was.
        files: list[tuple[str, Callable[[TextIO], object]]] = []
        for table in tidy.TABLES:
            rows = built.rows[table.name]
            if to is ExportFormat.csv:
                from argmap.outputs.export import csv_export

                def write(stream: TextIO, table: tidy.Table = table, rows: list[tuple[object, ...]] = rows) -> None:
                    csv_export.write_table(stream, table, rows, excel_safe)

                files.append((f"{table.name}.csv", write))
            else:
                from argmap.outputs.export import parquet_export

                files.append((f"{table.name}.parquet", _binary(parquet_export.encode(table, rows))))
        write_folder(output, files, protect=corpus)
    except (OutputError, OSError) as error:
        usage_error(str(error))
    except Exception as error:  # the sqlite module's own errors, named for the user
        import sqlite3

        if isinstance(error, sqlite3.Error):
            usage_error(f"cannot write {output}: {error}")
        raise
