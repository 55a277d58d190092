"""`argmap check` and `argmap quotes`: the linter, and where each quote stands in its article."""

from __future__ import annotations

import sys
import time
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from argmap.commands.base import (
    ColorMode,
    ColorOpt,
    ConfigOpt,
    IsolatedOpt,
    OutputOpt,
    PathsArg,
    SourcesOpt,
    app,
    corpus_errors,
    corpus_paths,
    emit,
    load_corpus,
    progress_bar,
    say,
    settings,
    usage_error,
    use_color,
)

if TYPE_CHECKING:
    from argmap.engine import Result
    from argmap.reporters import Reporter


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


def _split(values: list[str] | None) -> list[str] | None:
    """`--select A,B --select C` as [A, B, C]; None when the option was not given."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _severities(values: list[str] | None) -> dict[str, object] | None:
    from argmap.config import ConfigError, parse_severity

    if values is None:
        return None
    out: dict[str, object] = {}
    try:
        for item in _split(values) or []:
            code, _, level = item.partition("=")
            out.update(parse_severity({code: level}, "--severity"))
    except ConfigError as error:
        usage_error(str(error))
    return out


def _codes(values: list[str] | None, origin: str) -> tuple[str, ...] | None:
    from argmap.config import ConfigError, check_codes

    codes = _split(values)
    if codes is None:
        return None
    try:
        return check_codes(codes, origin)
    except ConfigError as error:
        usage_error(str(error))


@app.command()
def check(
    paths: PathsArg = None,
    output_format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.text,
    output: OutputOpt = None,
    strict: Annotated[Optional[bool], typer.Option("--strict/--no-strict", help="Warnings fail the check too.")] = None,
    select: Annotated[Optional[list[str]], typer.Option("--select", metavar="CODES", help="Only these rules: codes, prefixes or names.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", metavar="CODES", help="Skip these rules.")] = None,
    severity: Annotated[Optional[list[str]], typer.Option("--severity", metavar="CODE=LEVEL", help="Re-grade a rule: CODE=error|warning|info.")] = None,
    sources: SourcesOpt = None,
    require_sources: Annotated[Optional[bool], typer.Option(
        "--require-sources/--no-require-sources", help="Every quote must be checked: an unchecked quote is an error.")] = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    show_settings: Annotated[bool, typer.Option("--show-settings", help="Print the settings in force and where they come from, and exit.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="On standard error: the configuration file in force and the time of each stage.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the findings (text): no summary.")] = False,
    max_file_size: Annotated[Optional[int], typer.Option("--max-file-size", min=1, metavar="BYTES", help="Largest file read, in bytes.")] = None,
    max_depth: Annotated[Optional[int], typer.Option("--max-depth", min=1, metavar="N", help="Deepest YAML nesting accepted.")] = None,
    max_nodes: Annotated[Optional[int], typer.Option("--max-nodes", min=1, metavar="N", help="Most YAML nodes per file (alias bombs).")] = None,
    max_ellipsis_gap: Annotated[Optional[int], typer.Option(
        "--max-ellipsis-gap", min=1, metavar="N", help="Most characters one `...` in a quote may stand for.")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=0, metavar="N", help="Worker processes; 0 decides by corpus size.")] = None,
    color: ColorOpt = ColorMode.auto,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Check every map afresh: neither read nor write .argmap_cache.")] = False,
    show_suppressed: Annotated[bool, typer.Option(
        "--show-suppressed", help="Also list the findings suppressed where they live, with their reasons (text).")] = False,
    show_unanswered: Annotated[bool, typer.Option(
        "--show-unanswered", help="Also list, per map, the shared questions it takes no position on (text and json).")] = False,
) -> None:
    """Check maps: syntax, schema, references, structure, consistency and (with --sources) quotes.

    Exit status: 0 no errors, 1 errors found (or warnings with --strict), 2 usage error.
    """
    from argmap import api, reporters

    run = settings(
        config, isolated, strict=strict, select=_codes(select, "--select"), ignore=_codes(ignore, "--ignore"),
        severity=_severities(severity), sources=tuple(sources) if sources else None, require_sources=require_sources,
        max_file_size=max_file_size, max_depth=max_depth, max_nodes=max_nodes, max_ellipsis_gap=max_ellipsis_gap,
        jobs=jobs,
    )
    if show_settings:
        from argmap.safetext import clean

        for key, value in run.shown():
            sys.stdout.write(clean(f"{key}: {value}") + "\n")
        raise typer.Exit()
    if run.require_sources and not run.sources:
        usage_error("--require-sources needs the article texts: give --sources DIR (or `sources` in [tool.argmap])")
    if quiet and verbose:
        usage_error("--quiet and --verbose exclude each other")
    if show_unanswered and output_format not in (CheckFormat.text, CheckFormat.json):
        usage_error("--show-unanswered goes with --format text or json")
    started = time.perf_counter()
    if verbose:
        say(f"configuration: {run.path or 'none (defaults)'}")
    targets = corpus_paths(paths)
    # --show-unanswered reads the positions from the maps (a run that keeps them skips the cache)
    with corpus_errors(), progress_bar("checking maps", output_format is CheckFormat.text and not quiet) as advance:
        result = api.check(targets, run=run, keep_model=show_unanswered, cache=not no_cache, progress=advance)
    if result.files == 0:
        usage_error(f"no map files found in {', '.join(targets)} (maps are .yaml or .yml files)")
    checked = time.perf_counter()
    render = reporters.get(output_format.value)
    colored = output_format is CheckFormat.text and not output and use_color(color)
    if show_unanswered or quiet or show_suppressed:
        render = _extended(output_format, result, show_unanswered, quiet, show_suppressed)
    emit(output, lambda stream: render(result, stream, colored), protect=result.corpus)
    if verbose:
        say(f"read and checked {result.files:,} files in {checked - started:.2f} s; "
            f"reported in {time.perf_counter() - checked:.2f} s")
    raise typer.Exit(result.exit_code)


def _extended(output_format: CheckFormat, result: Result, show_unanswered: bool, quiet: bool,
              show_suppressed: bool = False) -> Reporter:
    """The reporter with the shared questions each map leaves open (text or JSON), the suppressed
    findings (text; JSON and SARIF always carry them), and without the summary (`quiet`, text only)."""
    from argmap import reporters
    from argmap.reporters import jsonfmt, text

    rows = None
    if show_unanswered:
        from argmap.authoring.unanswered import unanswered

        rows = unanswered(result.corpus)
    if output_format is CheckFormat.json:
        return lambda result, out, color: jsonfmt.report(result, out, color, unanswered=rows)
    if output_format is CheckFormat.text:
        return lambda result, out, color: text.report(result, out, color, unanswered=rows, quiet=quiet,
                                                      show_suppressed=show_suppressed)
    return reporters.get(output_format.value)  # quiet changes nothing in the formats made for machines


def _joined(values: object) -> str:
    return "; ".join(str(v) for v in values) if isinstance(values, list) else ""


@app.command()
def quotes(
    paths: PathsArg = None,
    sources: SourcesOpt = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
    max_ellipsis_gap: Annotated[Optional[int], typer.Option(
        "--max-ellipsis-gap", min=1, metavar="N", help="Most characters one `...` in a quote may stand for.")] = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    find: Annotated[Optional[str], typer.Option(
        "--find", metavar="TEXT", help="Find the passages nearest a remembered or paraphrased phrase, to paste as a quote: "
        "in every .txt file of the sources, or in the articles of the maps given as PATH.")] = None,
    unquoted: Annotated[Optional[str], typer.Option(
        "--unquoted", metavar="MAP", help="List the sentences of MAP's article that carry its claims' words but no quote yet.")] = None,
    top: Annotated[Optional[int], typer.Option("--top", "-n", min=1, metavar="N", help="How many passages (--find: 5, --unquoted: 10).")] = None,
) -> None:
    """Show where each quote stands in its article: line, column and character offset.

    With --find TEXT: the passages of the articles nearest TEXT, verbatim, ready to paste. With --unquoted
    MAP: the sentences of MAP's article that carry the argument's words and that no quote covers yet.
    """
    from argmap.checks.quotes import Sources, locate
    from argmap.safetext import clean, json_document

    if output_format not in ("text", "json"):
        usage_error(f"unknown format {output_format!r}: use text or json")
    if find is not None and unquoted is not None:
        usage_error("--find and --unquoted are two different questions: give one")
    if top is not None and find is None and unquoted is None:
        usage_error("--top goes with --find or --unquoted")
    run = settings(config, isolated, sources=tuple(sources) if sources else None, max_ellipsis_gap=max_ellipsis_gap)
    if not run.sources:
        usage_error("--sources DIR is required: the directory of article texts the maps quote")
    if find is not None or unquoted is not None:
        from argmap.commands.passages import find_passages, unquoted_sentences

        if find is not None:
            find_passages(find, paths, run, top, output_format == "json")
        else:
            unquoted_sentences(unquoted or "", paths, run, top, output_format == "json")
        return
    corpus = load_corpus(paths, run)
    store = Sources(run.sources, run.extract_limits)
    rows = []
    for m in corpus.maps:
        for loc in locate(m, store, run.max_ellipsis_gap):
            rows.append({
                "map": m.id, "evidence": loc.evidence.id, "file": m.path, "line": loc.evidence.quote_line,
                "source": m.source.text, "found": loc.match is not None,
                "source_line": loc.match.line if loc.match else None,
                "source_column": loc.match.column if loc.match else None,
                "offset": loc.match.start if loc.match else None,
                "end_offset": loc.match.end if loc.match else None,
                "closest_score": loc.near.score if loc.near else None,
                "page": loc.page, "found_outside": loc.outside or None,  # a PDF's page; a page's navigation, ...
                # Q005: found only were Latin and Cyrillic letters drawn alike read as one, and which
                "lookalikes": [x.describe("\n" not in loc.evidence.quote.strip()) for x in loc.lookalikes] or None,
            })
    if output_format == "json":
        sys.stdout.write(json_document({"quotes": rows}))
        return
    for row in rows:
        page = f"page {row['page']}, " if row["page"] else ""
        where = (f"{page}line {row['source_line']}, column {row['source_column']}, offset {row['offset']}"
                 if row["found"] else f"NOT FOUND (in {row['found_outside']}, outside the article's main text)"
                 if row["found_outside"] else f"NOT FOUND (Q005: {_joined(row['lookalikes'])})"
                 if row["lookalikes"] else f"NOT FOUND (closest {row['closest_score']}%)"
                 if row["closest_score"] is not None else "NOT FOUND")
        sys.stdout.write(clean(f"{row['file']}:{row['line']}: {row['evidence']} -> {row['source']} {where}") + "\n")
