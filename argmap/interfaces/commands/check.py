"""`argmap check` and `argmap quotes`: the linter, and where each quote stands in its article.

`check` declares the linter's command line; what it does is argmap.interfaces.commands.checking's, which also runs
its common invocations without typer (argmap.interfaces.entry).
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from argmap.interfaces.commands.base import (
    ColorMode,
    ColorOpt,
    ConfigOpt,
    IsolatedOpt,
    OutputOpt,
    PathsArg,
    SourcesOpt,
    app,
    load_corpus,
    settings,
    usage_error,
)
from argmap.interfaces.commands.checking import CheckFormat, run_check


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
    run_check(**locals())  # its parameters, every one


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
    from argmap.core.safetext import clean, json_document

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
        from argmap.interfaces.commands.passages import find_passages, unquoted_sentences

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
