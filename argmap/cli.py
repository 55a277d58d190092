"""The command line: translates arguments into library calls, and nothing else.

Each command imports what it needs when it runs, so `argmap --version` stays near the bare interpreter.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from argmap import __version__
from argmap.diagnostics import EXIT_USAGE

if TYPE_CHECKING:
    from argmap.diagnostics import Finding
    from argmap.model import Corpus
    from argmap.yamlsource import Limits

app = typer.Typer(
    name="argmap",
    help="Argument maps in YAML: check them, see who argues what, and diff positions.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class ColorMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def usage_error(message: str) -> NoReturn:
    from argmap.safetext import clean

    sys.stderr.write(f"argmap: error: {clean(message)}\n")
    raise typer.Exit(EXIT_USAGE)


def use_color(mode: ColorMode, stream: object = None) -> bool:
    if mode is ColorMode.always:
        return True
    if mode is ColorMode.never or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)()) and os.environ.get("TERM") != "dumb"


def default_corpus(paths: list[str] | None) -> list[str]:
    if paths:
        return paths
    return ["maps"] if os.path.isdir("maps") else ["."]


@contextmanager
def command_limits() -> Iterator[Limits]:
    """For loading a corpus in any command but `check`: the safety limits of [tool.argmap], and a bad
    configuration or a path that does not exist (raised inside the block) as a usage error."""
    from argmap import config
    from argmap.corpus import CorpusError

    try:
        yield config.load(".").limits()
    except (CorpusError, config.ConfigError) as error:
        usage_error(str(error))


def load_corpus_for_command(paths: list[str]) -> tuple[Corpus, list[Finding]]:
    """The corpus for any command but `check`, every map whole."""
    from argmap.corpus import load_corpus

    with command_limits() as limits:
        corpus, findings, _ = load_corpus(paths, limits)
    return corpus, findings


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"argmap {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Argument maps in YAML: check them, see who argues what, and diff positions."""


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


@app.command()
def check(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Map files or directories (default: maps/).", metavar="[PATH]...")] = None,
    output_format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.text,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write the report to a file.")] = None,
    strict: Annotated[Optional[bool], typer.Option("--strict/--no-strict", help="Warnings fail the check too.")] = None,
    select: Annotated[Optional[list[str]], typer.Option("--select", metavar="CODES", help="Only these rules: codes, prefixes or names.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", metavar="CODES", help="Skip these rules.")] = None,
    severity: Annotated[Optional[list[str]], typer.Option("--severity", metavar="CODE=LEVEL", help="Re-grade a rule: CODE=error|warning|info.")] = None,
    sources: Annotated[Optional[str], typer.Option("--sources", metavar="DIR", help="Directory of article texts: check every quote.")] = None,
    require_sources: Annotated[Optional[bool], typer.Option("--require-sources/--no-require-sources", help="A missing article text is an error.")] = None,
    config: Annotated[Optional[str], typer.Option("--config", metavar="FILE", help="Read settings from this TOML file.")] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore pyproject.toml and argmap.toml.")] = False,
    max_file_size: Annotated[Optional[int], typer.Option("--max-file-size", min=1, metavar="BYTES", help="Largest file read, in bytes.")] = None,
    max_depth: Annotated[Optional[int], typer.Option("--max-depth", min=1, metavar="N", help="Deepest YAML nesting accepted.")] = None,
    max_nodes: Annotated[Optional[int], typer.Option("--max-nodes", min=1, metavar="N", help="Most YAML nodes per file (alias bombs).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, metavar="N", help="Worker processes; 0 decides by corpus size.")] = 0,
    color: Annotated[ColorMode, typer.Option("--color", help="Colour the text output.")] = ColorMode.auto,
) -> None:
    """Check maps: syntax, schema, references, structure, consistency and (with --sources) quotes.

    Exit status: 0 no errors, 1 errors found (or warnings with --strict), 2 usage error.
    """
    from argmap import config as config_mod
    from argmap import engine
    from argmap.corpus import CorpusError

    try:
        settings = config_mod.Settings() if isolated else config_mod.load(".", config)
        extra_severity = {}
        for item in _split(severity):
            code, _, level = item.partition("=")
            extra_severity.update(config_mod.parse_severity({code: level}, "--severity"))
        options = engine.Options(
            keep_model=False,
            select=config_mod.check_codes(_split(select), "--select") or settings.select,
            ignore=settings.ignore + config_mod.check_codes(_split(ignore), "--ignore"),
            severity={**settings.severity, **extra_severity},
            sources=sources or settings.sources,
            require_sources=settings.require_sources if require_sources is None else require_sources,
            strict=settings.strict if strict is None else strict,
            limits=settings.limits(max_file_size, max_depth, max_nodes),
            jobs=jobs,
        )
        if settings.max_quote_length:
            options.max_quote_length = settings.max_quote_length
        if options.sources and not os.path.isdir(options.sources):
            usage_error(f"--sources: not a directory: {options.sources}")
        result = engine.run(default_corpus(paths), options)
    except (config_mod.ConfigError, CorpusError) as error:
        usage_error(str(error))
    if result.files == 0:  # as ruff does: nothing to check is not an error, but say so
        sys.stderr.write(f"argmap: warning: no map files found in {', '.join(default_corpus(paths))}\n")
    from argmap import reporters
    from argmap.output import OutputError, write_output

    render = reporters.get(output_format.value)
    if output:
        try:
            write_output(output, lambda stream: render(result, stream, False), protect=result.corpus)
        except (OutputError, OSError) as error:
            usage_error(str(error))
    else:
        render(result, sys.stdout, output_format is CheckFormat.text and use_color(color))
    raise typer.Exit(result.exit_code)


@app.command()
def rules(
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
) -> None:
    """List every rule with its code, default severity and one sentence."""
    from argmap.rules import FAMILIES, RULES
    from argmap.safetext import json_document

    if output_format == "json":
        sys.stdout.write(json_document([{"code": r.code, "name": r.name, "severity": r.severity.value,
                                         "summary": r.summary, "explanation": r.explanation} for r in RULES.values()]))
        return
    if output_format != "text":
        usage_error(f"unknown format {output_format!r}: use text or json")
    family = ""
    for rule in RULES.values():
        if rule.code[0] != family:
            family = rule.code[0]
            sys.stdout.write(f"\n{family}  {FAMILIES[family]}\n")
        sys.stdout.write(f"  {rule.code}  {rule.name:<30} {rule.severity.value:<8} {rule.summary}\n")


@app.command()
def explain(code: Annotated[str, typer.Argument(help="A rule code such as S003, or its name.")]) -> None:
    """Explain one rule: what it catches, why, and how to fix it."""
    from argmap.rules import BY_NAME, RULES
    from argmap.suggest import Suggester

    rule = RULES.get(code.upper()) or BY_NAME.get(code)
    if rule is None:
        close = Suggester([*RULES, *BY_NAME]).closest(code)
        usage_error(f"no rule {code!r}" + (f"; did you mean {close[0]}?" if close else "; see `argmap rules`"))
    sys.stdout.write(f"{rule.code} {rule.name} (default severity: {rule.severity.value})\n\n"
                     f"{rule.summary}\n\n{rule.explanation}\n\n"
                     f"Silence it with `--ignore {rule.code}`, or re-grade it with "
                     f"`--severity {rule.code}=warning` or [tool.argmap] severity in pyproject.toml.\n")


@app.command()
def schema(kind: Annotated[str, typer.Argument(help="map, agents or questions")] = "map") -> None:
    """Print the JSON Schema (draft-07) of maps or of a registry, for editors and other tools."""
    from argmap.safetext import json_document
    from argmap.schema import SCHEMAS

    if kind not in SCHEMAS:
        usage_error(f"unknown schema {kind!r}: use map, agents or questions")
    sys.stdout.write(json_document(SCHEMAS[kind]))


@app.command()
def quotes(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Map files or directories (default: maps/).", metavar="[PATH]...")] = None,
    sources: Annotated[str, typer.Option("--sources", metavar="DIR", help="Directory of article texts.")] = "",
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
) -> None:
    """Show where each quote stands in its article: line, column and character offset."""

    from argmap.checks.quotes import Sources, locate
    from argmap.safetext import clean, json_document

    if not sources or not os.path.isdir(sources):
        usage_error("--sources DIR is required and must be a directory")
    if output_format not in ("text", "json"):
        usage_error(f"unknown format {output_format!r}: use text or json")
    corpus, _ = load_corpus_for_command(default_corpus(paths))
    store = Sources(sources)
    rows = []
    for m in corpus.maps:
        for loc in locate(m, store):
            rows.append({
                "map": m.id, "evidence": loc.evidence.id, "file": m.path, "line": loc.evidence.quote_line,
                "source": m.source.text, "found": loc.match is not None,
                "source_line": loc.match.line if loc.match else None,
                "source_column": loc.match.column if loc.match else None,
                "offset": loc.match.start if loc.match else None,
                "end_offset": loc.match.end if loc.match else None,
                "closest_score": loc.near.score if loc.near else None,
            })
    if output_format == "json":
        sys.stdout.write(json_document({"quotes": rows}))
        return
    for row in rows:
        where = (f"line {row['source_line']}, column {row['source_column']}, offset {row['offset']}"
                 if row["found"] else f"NOT FOUND (closest {row['closest_score']}%)")
        sys.stdout.write(clean(f"{row['file']}:{row['line']}: {row['evidence']} -> {row['source']} {where}") + "\n")


def main(only: str | None = None) -> None:
    """Run the command line; no traceback ever reaches the user. `only` names the command about to
    run (argmap.entry knows it): typer then builds that one command, not all of them."""
    if only:
        app.registered_commands = [c for c in app.registered_commands if command_name(c) == only]
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("argmap: interrupted\n")
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as error:
        if os.environ.get("ARGMAP_DEBUG"):
            raise
        from argmap.safetext import clean

        sys.stderr.write(f"argmap: internal error: {clean(type(error).__name__)}: {clean(str(error))}\n"
                         "Please report this with the input that caused it (ARGMAP_DEBUG=1 shows details).\n")
        sys.exit(EXIT_USAGE)


def command_name(command: typer.models.CommandInfo) -> str:
    return command.name or (command.callback.__name__ if command.callback else "").replace("_", "-")


def _register_commands() -> None:
    """Command modules register themselves on `app` when imported."""
    import importlib
    import pkgutil

    import argmap.commands as package

    if package.CORE_ONLY:
        return
    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"argmap.commands.{info.name}")


_register_commands()
