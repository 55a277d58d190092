"""`argmap reliability` (do independent coders agree?) and `argmap plot` (pictures of the analyses).

Thin, like the other command modules: typer and the standard library at import time; the analyses, numpy
(through `krippendorff`) and matplotlib only inside the commands that need them, so that no other
command starts slower.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from enum import Enum
from typing import Annotated, Optional, TextIO

import typer

from argmap.core.defaults import AGENTS_SHOWN
from argmap.core.diagnostics import EXIT_FINDINGS
from argmap.interfaces.commands.base import (
    DEFAULT_CORPUS,
    ConfigOpt,
    Format,
    FormatOption,
    IsolatedOpt,
    OutputOpt,
    SourcesOpt,
    app,
    argument,
    count_option,
    emit,
    load_stances,
    load_version,
    lookup,
    settings,
    usage_error,
    warn,
)


class PlotKind(str, Enum):
    distribution = "distribution"
    timeline = "timeline"
    agreement = "agreement"


class PlotFormat(str, Enum):
    svg = "svg"
    png = "png"


def missing_extra(extra: str, package: str, what: str) -> None:
    usage_error(f"{what} needs the {package!r} package: pip install 'argmap[{extra}]'")


@app.command()
def reliability(
    corpora: Annotated[list[str], argument(
        "CORPUS CORPUS [CORPUS]...", "Two or more coders' corpora of the same articles: each a directory, or a git revision.")],
    sources: SourcesOpt = None,
    corpus_path: Annotated[Optional[str], typer.Option("--corpus", "-c", help="The maps' path inside git revisions (default: maps/).")] = None,
    output_format: FormatOption = Format.text,
    output: OutputOpt = None,
    min_alpha: Annotated[Optional[float], typer.Option("--min-alpha", metavar="X", min=-1.0, max=1.0, help=(
        "Exit 1 when the stance alpha (ordinal) is below X, or undefined: a floor for CI."))] = None,
    min_coverage: Annotated[Optional[float], typer.Option("--min-coverage", metavar="Y", min=0.0, max=1.0, help=(
        "Exit 1 when the coverage (units both coders recorded / units either recorded; with more coders the "
        "lowest pair's) is below Y."))] = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """How far independent coders agree: Krippendorff's alpha on stances (overall, per question, per pair),
    coverage, and with --sources the quotes and the argument structure; every disagreement listed.

    Maps are matched by their article (source.text, else the map id); a corpus without questions.yaml or
    agents.yaml uses the first corpus's. Needs the reliability extra: pip install 'argmap[reliability]'.
    See docs/reliability.md for what each number is. Exit 1 when --min-alpha or --min-coverage is not met.
    """
    from argmap.analysis import reliability as analysis
    from argmap.outputs.analysis import reliability_render as render

    if len(corpora) < 2:
        usage_error("reliability compares two or more coders: give at least two corpora")
    run = settings(config, isolated, sources=tuple(sources) if sources else None)
    labels = analysis.coder_labels(corpora)
    with ExitStack() as stack:
        loaded = [(label, load_version(spec, corpus_path or DEFAULT_CORPUS, run, stack)) for label, spec in zip(labels, corpora, strict=True)]
        from argmap.checks.quotes import Sources

        try:
            result = analysis.reliability(loaded, Sources(run.sources) if run.sources else None, run.max_ellipsis_gap)
        except analysis.MissingExtra:
            missing_extra("reliability", "krippendorff", "argmap reliability")
    for message in result.warnings:
        warn(message)
    writer = {Format.text: render.text, Format.json: render.json, Format.markdown: render.markdown}[output_format]
    emit(output, lambda stream: writer(result, stream))
    failed = result.floors(min_alpha if min_alpha is not None else run.min_alpha,
                           min_coverage if min_coverage is not None else run.min_coverage)
    for line in failed:
        sys.stderr.write(f"argmap: {line}\n")
    if failed:
        sys.stderr.flush()
        raise typer.Exit(EXIT_FINDINGS)


def _binary(data: bytes) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a stream without bytes underneath (as in some test runners)
        sys.stdout.write(data.decode("latin-1"))
    else:
        buffer.write(data)
        buffer.flush()


@app.command()
def plot(
    words: Annotated[list[str], argument(
        "KIND [AGENT] [PATH]...", "distribution, timeline AGENT, or agreement; then map files or directories (default: maps/).")],
    output: OutputOpt = None,
    output_format: Annotated[Optional[PlotFormat], typer.Option(
        "--format", "-f", help="svg (drawn by argmap) or png (needs the plot extra); default: from -o's extension, else svg.")] = None,
    show_all: Annotated[bool, typer.Option("--all", help=f"agreement: every agent (default: the {AGENTS_SHOWN} answering the most).")] = False,
    count: Annotated[str, typer.Option("--count", metavar="agents|stances", help=(
        "distribution: count each agent once, by its latest stance (agents), or every stance, one per agent "
        "and map (stances)."))] = "agents",
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """Draw an analysis: each question's stance distribution, an agent's stances over time, or the
    agreement between agents as a heat map with allies next to each other.

    SVG needs nothing; PNG needs the plot extra (pip install 'argmap[plot]'). No browser, no network.
    """
    from argmap.analysis import lookup as names
    from argmap.outputs.plot import charts, png

    words = list(words)
    try:
        kind = PlotKind(words.pop(0))
    except ValueError:
        usage_error(f"unknown plot {words[0] if words else ''!r}: choose distribution, timeline AGENT or agreement")
    agent_name = None
    if kind is PlotKind.timeline:
        if not words:
            usage_error("plot timeline needs an agent: argmap plot timeline AGENT [PATH]...")
        agent_name = words.pop(0)
    chosen = output_format
    if chosen is None:
        chosen = PlotFormat.png if output and output.lower().endswith(".png") else PlotFormat.svg
    if chosen is PlotFormat.png and (not output or output == "-") and sys.stdout.isatty():
        usage_error("PNG is binary: write it to a file with -o FILE.png")
    if chosen is PlotFormat.png and not png.available():
        missing_extra("plot", "matplotlib", "a PNG plot")
    count = count_option(count)
    stances = load_stances(words or None, settings(config, isolated), details=False)
    if kind is PlotKind.distribution:
        picture = charts.distribution(stances, count)
    elif kind is PlotKind.timeline:
        assert agent_name is not None
        ident = lookup(lambda: names.agent(stances, agent_name))
        picture = charts.timeline(stances, ident)
    else:
        picture = charts.agreement(stances, None if show_all else charts.AGREEMENT_LIMIT)
    if chosen is PlotFormat.svg:
        from argmap.outputs.plot import svg

        document = svg.document(picture)

        def write(stream: TextIO) -> None:
            stream.write(document)

        emit(output, write)
        return
    data = png.render(picture)
    if not output or output == "-":
        _binary(data)
        return

    def write_png(stream: TextIO) -> None:
        stream.flush()
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            stream.write(data.decode("latin-1"))
        else:
            buffer.write(data)
            buffer.flush()

    emit(output, write_png)
