"""Who argues what, against whom, and what changed: positions, matrix, compare, timeline, diff.

Thin: each command loads the corpus, calls one analysis and one renderer. The analyses and rich are
imported inside the commands. `positions`, `matrix`, `compare` and `timeline` print stances only, so they
keep only the stances of each map, where the map is built (`_stances`); `diff` needs whole maps.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Optional, TextIO, TypeVar

import typer

from argmap.cli import ColorMode, app, default_corpus, usage_error, use_color

if TYPE_CHECKING:
    from argmap.analysis.positions import Stances
    from argmap.diagnostics import Finding
    from argmap.model import Corpus

T = TypeVar("T")


class Format(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


TABLE_LIMIT = 30  # agents in matrix's text and Markdown tables unless --limit or --all

CorpusOption = Annotated[Optional[str], typer.Option("--corpus", "-c", help="Map directory or file (default: maps/).")]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="text, json or markdown.")]
OutputOption = Annotated[Optional[str], typer.Option("--output", "-o", help="Write to a file instead of standard output.")]
ColorOption = Annotated[ColorMode, typer.Option("--color", help="Colour the text output.")]


def _load(paths: list[str] | None, allow_empty: bool = False) -> Corpus:
    """The corpus at `paths` (default maps/); an unreadable (or, unless allowed, empty) corpus is a usage error."""
    from argmap.cli import load_corpus_for_command

    targets = default_corpus(paths)
    corpus, findings = load_corpus_for_command(targets)
    _loaded(targets, bool(corpus.maps), findings, allow_empty)
    return corpus


def _stances(paths: list[str] | None, details: bool) -> Stances:
    """The corpus at `paths` as `_load` loads it, but of each map only its stances (with their grounds,
    quotes and notes if `details`), taken where the map is built (in worker processes for a large corpus):
    no whole map is ever held, so memory follows the stances, not the text. Same limits and usage errors."""
    from argmap.analysis.positions import StanceHook, Stances
    from argmap.cli import command_limits
    from argmap.corpus import discover, gc_paused, load_registries, map_results

    targets = default_corpus(paths)
    with command_limits() as limits, gc_paused():
        files = discover(targets)
        registries, findings = load_registries(files, limits)
        stances = Stances(registries, [])
        for kept, found in map_results(files, limits, hook=StanceHook(registries, details)):
            findings.extend(found)
            if kept is not None:
                stances.maps.append(kept)  # type: ignore[arg-type]
    _loaded(targets, bool(stances.maps), findings)
    return stances


def _loaded(targets: list[str], has_maps: bool, findings: list[Finding], allow_empty: bool = False) -> None:
    """No map (unless allowed) is a usage error; errors in the maps are worth a warning."""
    from argmap.diagnostics import Severity

    if not has_maps and not allow_empty:
        usage_error(f"no maps found in {', '.join(targets)}")
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    if errors:
        sys.stderr.write(f"argmap: warning: the maps have {errors} error{'s' if errors != 1 else ''}; "
                         "results may be incomplete (run `argmap check`)\n")


def _show(name: str, args: tuple[Any, ...], output_format: Format, output: str | None, color: ColorMode,
          table_options: dict[str, Any] | None = None, **json_options: Any) -> None:
    """Render with `argmap.analysis.render_FORMAT.NAME(*args, stream, ...)` to standard output (coloured
    for text at a terminal) or atomically to the file `output`; `table_options` go to the text and
    Markdown renderers, `json_options` to the JSON one."""
    import importlib

    render = getattr(importlib.import_module(f"argmap.analysis.render_{output_format.value}"), name)

    def write(stream: TextIO, colored: bool) -> None:
        if output_format is Format.text:
            render(*args, stream, colored, **(table_options or {}))
        elif output_format is Format.json:
            render(*args, stream, **json_options)
        else:
            render(*args, stream, **(table_options or {}))

    if output:
        from argmap.output import OutputError, write_output

        try:
            write_output(output, lambda stream: write(stream, False))
        except (OutputError, OSError) as error:
            usage_error(str(error))
        return
    write(sys.stdout, use_color(color))


def _lookup(find: Callable[[], T]) -> T:
    from argmap.analysis.lookup import UnknownName

    try:
        return find()
    except UnknownName as error:
        usage_error(str(error))


def _corpus_paths(corpus_path: str | None) -> list[str] | None:
    return [corpus_path] if corpus_path else None


@app.command()
def positions(
    question: Annotated[Optional[str], typer.Argument(help="A question id (default: every question).")] = None,
    corpus_path: CorpusOption = None,
    output_format: FormatOption = Format.text,
    output: OutputOption = None,
    color: ColorOption = ColorMode.auto,
) -> None:
    """Every agent's stance on a question, with its grounds and quotes, and how many agree."""
    from argmap.analysis import lookup
    from argmap.analysis import positions as analysis

    stances = _stances(_corpus_paths(corpus_path), details=True)  # grounds, quotes and notes are printed
    qid = _lookup(lambda: lookup.question(stances, question)) if question is not None else None
    items = analysis.positions(stances, qid)
    _show("positions", (items,), output_format, output, color, single=qid is not None)


@app.command()
def matrix(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Map files or directories (default: maps/).")] = None,
    authors_only: Annotated[bool, typer.Option("--authors-only", help="Only the stances authors hold in their own maps.")] = False,
    limit: Annotated[int, typer.Option("--limit", min=2, metavar="N", help=(
        "Text and Markdown: show the N agents answering the most questions in the stance and agreement "
        "tables; JSON always has every agent."))] = TABLE_LIMIT,
    show_all: Annotated[bool, typer.Option("--all", help="Text and Markdown: show every agent in the tables.")] = False,
    output_format: FormatOption = Format.text,
    output: OutputOption = None,
    color: ColorOption = ColorMode.auto,
) -> None:
    """The agent × question stance table, agent × agent agreement, and the questions that divide most."""
    from argmap.analysis import agreement

    stances = _stances(paths, details=False)  # no renderer prints a matrix cell's grounds, quotes or note
    table = agreement.stance_matrix(stances, authors_only)
    pairs = agreement.agreements(table)
    spreads = agreement.divisiveness(table)
    _show("matrix", (table, pairs, spreads, stances.registries), output_format, output, color,
          table_options={"limit": None if show_all else limit})


@app.command()
def compare(
    a: Annotated[str, typer.Argument(help="An agent id (or name, or alias), or a map id.")],
    b: Annotated[str, typer.Argument(help="Another agent or map.")],
    corpus_path: CorpusOption = None,
    output_format: FormatOption = Format.text,
    output: OutputOption = None,
    color: ColorOption = ColorMode.auto,
) -> None:
    """Two agents (latest stances) or two maps (their authors' stances) side by side, question by question."""
    from argmap.analysis import compare as analysis
    from argmap.analysis import lookup

    stances = _stances(_corpus_paths(corpus_path), details=True)  # each side's grounds and first quote are printed
    sides = []
    for name in (a, b):
        kind, ident = _lookup(lambda name=name: lookup.agent_or_map(stances, name))
        sides.append(analysis.agent_side(stances, ident) if kind == "agent" else analysis.map_side(stances, ident))
    result = analysis.compare(stances.registries, sides[0], sides[1])
    _show("compare", (result,), output_format, output, color)


@app.command()
def timeline(
    agent: Annotated[str, typer.Argument(help="An agent id, name or alias.")],
    corpus_path: CorpusOption = None,
    output_format: FormatOption = Format.text,
    output: OutputOption = None,
    color: ColorOption = ColorMode.auto,
) -> None:
    """An agent's stances across maps in date order, marking every change."""
    from argmap.analysis import lookup
    from argmap.analysis import timeline as analysis

    stances = _stances(_corpus_paths(corpus_path), details=False)  # a timeline prints no grounds, quotes or notes
    ident = _lookup(lambda: lookup.agent(stances, agent))
    _show("timeline", (analysis.timeline(stances, ident),), output_format, output, color)


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="The old version: a map file, a directory, or a git revision.")],
    new: Annotated[Optional[str], typer.Argument(help="The new version (default: the working tree).")] = None,
    corpus_path: Annotated[Optional[str], typer.Option(
        "--corpus", "-c", help="The maps' path in the working tree and inside revisions (default: maps/).")] = None,
    output_format: FormatOption = Format.text,
    output: OutputOption = None,
    color: ColorOption = ColorMode.auto,
) -> None:
    """What changed in the argument between two versions: stances, claims, evidence, relations, questions.

    OLD and NEW are each an existing file or directory, else a git revision of the repository in the
    current directory (`argmap diff HEAD~1`, `argmap diff main feature`). With one revision, the working
    tree is NEW.
    """
    from contextlib import ExitStack

    from argmap.analysis import diff as analysis
    from argmap.analysis import gitrev

    working = default_corpus(_corpus_paths(corpus_path))
    if new is None and os.path.exists(old):
        usage_error(f"{old} is a path: give the new version too (argmap diff OLD NEW)")
    with ExitStack() as stack:
        loaded = []
        for spec in (old, new):
            if spec is None:
                loaded.append(_load(working, allow_empty=True))
            elif os.path.exists(spec):
                loaded.append(_load([spec], allow_empty=True))
            else:
                from argmap.cli import command_limits

                with command_limits() as limits:  # a blob over the configured max-file-size is not read
                    size_limit = limits.max_file_size
                try:
                    path = stack.enter_context(gitrev.checkout(spec, working[0], size_limit))
                except gitrev.RevisionError as error:
                    usage_error(str(error))
                loaded.append(_load([path], allow_empty=True))
        labels = (old, new if new is not None else "working tree")
        result = analysis.diff(loaded[0], loaded[1], *labels)
    _show("diff", (result,), output_format, output, color)


@app.command("diff-driver")
def diff_driver(
    args: Annotated[list[str], typer.Argument(help="What git passes: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE.")],
    output_format: FormatOption = Format.text,
    color: ColorOption = ColorMode.auto,
) -> None:
    """The argument diff of one map, for git: `git config diff.argmap.command "argmap diff-driver"`.

    See docs/analysis.md for the .gitattributes line.
    """
    from argmap.analysis import diff as analysis

    if len(args) == 1:  # git passes only the path of an unmerged file
        sys.stdout.write(f"* Unmerged path {args[0]}\n")
        return
    if len(args) not in (7, 9):
        usage_error(f"diff-driver expects the 7 arguments git passes, got {len(args)}")
    path, old_file, new_file = args[0], args[1], args[4]
    new_path = args[7] if len(args) == 9 else path
    result = analysis.diff(_one_file(old_file, path), _one_file(new_file, new_path), f"a/{path}", f"b/{new_path}")
    _show("diff", (result,), output_format, None, color)


def _one_file(file: str, name: str) -> Corpus:
    """One map or registry file as a corpus; /dev/null (an added or deleted file) is an empty corpus."""
    from argmap.corpus import REGISTRY_NAMES, load_one
    from argmap.model import Corpus
    from argmap.yamlsource import Limits

    corpus = Corpus()
    if file == os.devnull or not os.path.isfile(file):
        return corpus
    kind = REGISTRY_NAMES.get(os.path.basename(name), "map")
    value, findings = load_one(file, kind, Limits())
    if value is None:
        sys.stderr.write(f"argmap: warning: cannot read {name} ({len(findings)} problems); compared as empty\n")
    elif kind == "map":
        corpus.maps.append(value)  # type: ignore[arg-type]
    elif kind == "agents":
        corpus.agents = {a.id: a for a in value}  # type: ignore[attr-defined]
    else:
        corpus.questions = {q.id: q for q in value}  # type: ignore[attr-defined]
    return corpus
