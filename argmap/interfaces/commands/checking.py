"""What `argmap check` does, without typer: the typer command (argmap.interfaces.commands.check) declares the command
line and calls `run_check`; its common invocations (paths and options spelled out, as editors, hooks and
scripts run it on every save) are parsed here by `quick` and run without importing typer at all.
"""

from __future__ import annotations

import sys
import time
from enum import Enum

from argmap.interfaces.commands import quick as line
from argmap.interfaces.commands.common import (
    ColorMode,
    corpus_errors,
    corpus_paths,
    emit,
    progress_bar,
    say,
    settings,
    usage_error,
    use_color,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn

    from argmap.checks.engine import Result
    from argmap.outputs.reporters import Reporter


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
    from argmap.model.config import ConfigError, parse_severity

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
    from argmap.model.config import ConfigError, check_codes

    codes = _split(values)
    if codes is None:
        return None
    try:
        return check_codes(codes, origin)
    except ConfigError as error:
        usage_error(str(error))


def run_check(*, paths: list[str] | None, output_format: CheckFormat, output: str | None, strict: bool | None,
              select: list[str] | None, ignore: list[str] | None, severity: list[str] | None,
              sources: list[str] | None, require_sources: bool | None, config: str | None, isolated: bool,
              show_settings: bool, verbose: bool, quiet: bool, max_file_size: int | None, max_depth: int | None,
              max_nodes: int | None, max_ellipsis_gap: int | None, jobs: int | None, color: ColorMode,
              no_cache: bool, show_suppressed: bool, show_unanswered: bool) -> NoReturn:
    """`argmap check` with the command line's values, as typer passes them (every one, defaults included);
    leaves with the exit status."""
    from argmap.checks import engine  # not through argmap.interfaces.api (the library's facade): a module fewer to import
    from argmap.outputs import reporters

    run = settings(
        config, isolated, strict=strict, select=_codes(select, "--select"), ignore=_codes(ignore, "--ignore"),
        severity=_severities(severity), sources=tuple(sources) if sources else None, require_sources=require_sources,
        max_file_size=max_file_size, max_depth=max_depth, max_nodes=max_nodes, max_ellipsis_gap=max_ellipsis_gap,
        jobs=jobs,
    )
    if show_settings:
        from argmap.core.safetext import clean

        for key, value in run.shown():
            sys.stdout.write(clean(f"{key}: {value}") + "\n")
        raise SystemExit(0)
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
        result = engine.run(list(targets), run, keep_model=show_unanswered, cache=not no_cache, progress=advance)
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
    raise SystemExit(result.exit_code)


def _extended(output_format: CheckFormat, result: Result, show_unanswered: bool, quiet: bool,
              show_suppressed: bool = False) -> Reporter:
    """The reporter with the shared questions each map leaves open (text or JSON), the suppressed
    findings (text; JSON and SARIF always carry them), and without the summary (`quiet`, text only)."""
    from argmap.outputs import reporters
    from argmap.outputs.reporters import jsonfmt, text

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


# How the spellings of `argmap check`'s options (declared in argmap.interfaces.commands.check) map onto run_check's
# parameters, with typer's defaults; tests/test_quick_check.py holds this to the typer command.
CHECK_LINE = (
    line.Option("output_format", ("--format", "-f"), CheckFormat.text, CheckFormat),
    line.Option("output", ("--output", "-o"), value=line.text),
    line.Option("strict", ("--strict",), off=("--no-strict",)),
    line.Option("select", ("--select",), value=line.text, many=True),
    line.Option("ignore", ("--ignore",), value=line.text, many=True),
    line.Option("severity", ("--severity",), value=line.text, many=True),
    line.Option("sources", ("--sources",), value=line.text, many=True),
    line.Option("require_sources", ("--require-sources",), off=("--no-require-sources",)),
    line.Option("config", ("--config",), value=line.text),
    line.Option("isolated", ("--isolated",), False),
    line.Option("show_settings", ("--show-settings",), False),
    line.Option("verbose", ("--verbose", "-v"), False),
    line.Option("quiet", ("--quiet", "-q"), False),
    line.Option("max_file_size", ("--max-file-size",), value=line.at_least(1)),
    line.Option("max_depth", ("--max-depth",), value=line.at_least(1)),
    line.Option("max_nodes", ("--max-nodes",), value=line.at_least(1)),
    line.Option("max_ellipsis_gap", ("--max-ellipsis-gap",), value=line.at_least(1)),
    line.Option("jobs", ("--jobs", "-j"), value=line.at_least(0)),
    line.Option("color", ("--color",), ColorMode.auto, ColorMode),
    line.Option("no_cache", ("--no-cache",), False),
    line.Option("show_suppressed", ("--show-suppressed",), False),
    line.Option("show_unanswered", ("--show-unanswered",), False),
)


def quick(argv: list[str]) -> bool:
    """Run `argmap check ARGV` without typer and leave with its status, if ARGV is one of the invocations
    argmap.interfaces.commands.quick parses; False (nothing done) when typer is to parse it."""
    arguments = line.parse(argv, CHECK_LINE, "paths")
    if arguments is None:
        return False
    line.run(run_check, arguments)
    return True
