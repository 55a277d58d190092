"""Who argues what, against whom, and what changed: positions, matrix, compare, timeline, diff.

Thin: each command loads the corpus, calls one analysis and one renderer. The analyses and rich are
imported inside the commands. `positions`, `matrix`, `compare` and `timeline` print stances only, so they
keep only the stances of each map, where the map is built (`base.load_stances`); `diff` needs whole maps.
"""

from __future__ import annotations

import os
import re
import sys
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, Optional, TextIO

import typer

from argmap import completion
from argmap.commands.base import (
    DEFAULT_CORPUS,
    ColorMode,
    ColorOpt,
    ConfigOpt,
    Format,
    FormatOption,
    IsolatedOpt,
    OutputOpt,
    PathsArg,
    app,
    emit,
    load_corpus,
    load_stances,
    lookup,
    settings,
    usage_error,
    use_color,
)

if TYPE_CHECKING:
    from argmap.analysis.positions import Stances
    from argmap.model import Corpus


TABLE_LIMIT = 30  # agents in matrix's text and Markdown tables unless --limit or --all

AuthorsOnlyOpt = Annotated[bool, typer.Option("--authors-only", help="Only the stances the maps' authors hold in their own maps.")]
QuotedOnlyOpt = Annotated[bool, typer.Option("--quoted-only", help="Only the stances of the people the maps quote, not of their authors.")]
AsOfOpt = Annotated[Optional[str], typer.Option("--as-of", metavar="DATE", help="Answer as of DATE (YYYY, YYYY-MM or YYYY-MM-DD): later maps are left out.")]


def _restrict(stances: Stances, authors_only: bool, quoted_only: bool, as_of: str | None) -> Stances:
    """The population and date the options ask for; the authors and the people they quote are not
    counted together when either option is given."""
    from argmap.schema import DATE_PATTERN

    if authors_only and quoted_only:
        usage_error("--authors-only and --quoted-only exclude each other")
    if as_of is not None and (as_of == "unknown" or not re.search(DATE_PATTERN, as_of)):
        usage_error(f"--as-of {as_of!r}: give a date as YYYY, YYYY-MM or YYYY-MM-DD")
    population = "authors" if authors_only else "quoted" if quoted_only else "all"
    return stances.restricted(population, as_of)


def _show(name: str, args: tuple[Any, ...], output_format: Format, output: str | None, color: ColorMode,
          table_options: dict[str, Any] | None = None, **json_options: Any) -> None:
    """Render with `argmap.analysis.render_FORMAT.NAME(*args, stream, ...)` to standard output (coloured
    for text at a terminal) or atomically to the file `output`; `table_options` go to the text and
    Markdown renderers, `json_options` to the JSON one."""
    import importlib

    render = getattr(importlib.import_module(f"argmap.analysis.render_{output_format.value}"), name)
    colored = output_format is Format.text and not output and use_color(color)

    def write(stream: TextIO) -> None:
        if output_format is Format.text:
            render(*args, stream, colored, **(table_options or {}))
        elif output_format is Format.json:
            render(*args, stream, **json_options)
        else:
            render(*args, stream, **(table_options or {}))

    emit(output, write)


@app.command()
def positions(
    words: Annotated[Optional[list[str]], typer.Argument(
        help="A question id (default: every question), then map files or directories (default: maps/).",
        metavar="[QUESTION] [PATH]...", show_default=False, autocompletion=completion.complete_question)] = None,
    authors_only: AuthorsOnlyOpt = False,
    quoted_only: QuotedOnlyOpt = False,
    as_of: AsOfOpt = None,
    output_format: FormatOption = Format.text,
    output: OutputOpt = None,
    color: ColorOpt = ColorMode.auto,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """Every agent's stance on a question, with its grounds and quotes, and how many agree; with
    links.yaml, for each side, the arguments (claims linked `same`) that more than one agent's stances rest on.

    An agent's stance is its latest; where a later article by the agent does not restate it, the output
    says which article the stance comes from and that the later one is silent.

    The first word is the question unless it is an existing file or directory: `argmap positions maps2/`
    shows every question of maps2/. A word that is both is refused as ambiguous.
    """
    from argmap.analysis import fmt
    from argmap.analysis import lookup as names
    from argmap.analysis import positions as analysis

    words = list(words or [])
    question = words.pop(0) if words and not os.path.exists(words[0]) else None
    stances = load_stances(words or None, settings(config, isolated), details=True,  # grounds, quotes, notes are printed
                           progress=output_format is not Format.json)
    if question is None and words and words[0] in stances.registries.questions:
        usage_error(f"{words[0]!r} is both a question and a path: rename or move the path, "
                    f"or give it as ./{words[0]}")
    scoped = _restrict(stances, authors_only, quoted_only, as_of)
    qid = lookup(lambda: names.question(stances, question)) if question is not None else None
    items = analysis.positions(scoped, qid)
    _show("positions", (items,), output_format, output, color,
          table_options={"scope": fmt.population_line(scoped.population, scoped.as_of)},
          single=qid is not None, population=scoped.population, as_of=scoped.as_of)


@app.command()
def matrix(
    paths: PathsArg = None,
    authors_only: AuthorsOnlyOpt = False,
    quoted_only: QuotedOnlyOpt = False,
    as_of: AsOfOpt = None,
    min_shared: Annotated[int, typer.Option("--min-shared", min=1, metavar="N", help=(
        "Leave out the agreement of pairs that share fewer than N questions (an agreement on one question "
        "says little; it is marked *)."))] = 1,
    limit: Annotated[int, typer.Option("--limit", min=2, metavar="N", help=(
        "Text and Markdown: show the N agents answering the most questions in the stance and agreement "
        "tables, and in JSON's agreement list (JSON always has every agent and stance)."))] = TABLE_LIMIT,
    show_all: Annotated[bool, typer.Option("--all", help="Show every agent in the tables, every pair in JSON.")] = False,
    output_format: FormatOption = Format.text,
    output: OutputOpt = None,
    color: ColorOpt = ColorMode.auto,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """The agent × question stance table, agent × agent agreement, and the questions that divide most;
    with links.yaml, the arguments made in several maps (claims linked `same`) and who makes each."""
    from argmap.analysis import agreement

    stances = load_stances(paths, settings(config, isolated), details=False,  # no renderer prints a cell's grounds
                           progress=output_format is not Format.json)
    table = agreement.stance_matrix(_restrict(stances, authors_only, quoted_only, as_of))
    table.min_shared = min_shared
    pairs = agreement.agreements(table)
    spreads = agreement.divisiveness(table)
    _show("matrix", (table, pairs, spreads, stances.registries), output_format, output, color,
          table_options={"limit": None if show_all else limit}, limit=None if show_all else limit)


@app.command()
def compare(
    a: Annotated[str, typer.Argument(help="An agent id (or name, or alias), or a map id.",
                                     autocompletion=completion.complete_agent_or_map)],
    b: Annotated[str, typer.Argument(help="Another agent or map.", autocompletion=completion.complete_agent_or_map)],
    paths: PathsArg = None,
    authors_only: AuthorsOnlyOpt = False,
    quoted_only: QuotedOnlyOpt = False,
    as_of: AsOfOpt = None,
    output_format: FormatOption = Format.text,
    output: OutputOpt = None,
    color: ColorOpt = ColorMode.auto,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """Two agents (latest stances) or two maps (their authors' stances) side by side, question by question;
    with links.yaml, also the claims they share (linked `same`) and those that clash (`opposes`, `attacks`),
    with their quotes. An agent's claims are those it makes; a map's, every claim in it."""
    from argmap.analysis import compare as analysis
    from argmap.analysis import lookup as names

    stances = load_stances(paths, settings(config, isolated), details=True,  # each side's grounds and first quote
                           progress=output_format is not Format.json)
    stances = _restrict(stances, authors_only, quoted_only, as_of)
    sides = []
    for name in (a, b):
        kind, ident = lookup(partial(names.agent_or_map, stances, name))
        sides.append(analysis.agent_side(stances, ident) if kind == "agent" else analysis.map_side(stances, ident))
    result = analysis.compare(stances.registries, sides[0], sides[1], stances)
    _show("compare", (result,), output_format, output, color)


@app.command()
def timeline(
    agent: Annotated[str, typer.Argument(help="An agent id, name or alias.", autocompletion=completion.complete_agent)],
    paths: PathsArg = None,
    output_format: FormatOption = Format.text,
    output: OutputOpt = None,
    color: ColorOpt = ColorMode.auto,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """An agent's stances across maps in date order, marking every change."""
    from argmap.analysis import lookup as names
    from argmap.analysis import timeline as analysis

    stances = load_stances(paths, settings(config, isolated), details=False,  # a timeline prints no grounds or quotes
                           progress=output_format is not Format.json)
    ident = lookup(lambda: names.agent(stances, agent))
    _show("timeline", (analysis.timeline(stances, ident),), output_format, output, color)


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="The old version: a map file, a directory, or a git revision.")],
    new: Annotated[Optional[str], typer.Argument(help="The new version (default: the working tree).")] = None,
    corpus_path: Annotated[Optional[str], typer.Option(
        "--corpus", "-c", help="The maps' path in the working tree and inside revisions (default: maps/).")] = None,
    output_format: FormatOption = Format.text,
    output: OutputOpt = None,
    color: ColorOpt = ColorMode.auto,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """What changed in the argument between two versions: stances, claims, evidence, relations, questions.

    OLD and NEW are each an existing file or directory, else a git revision of the repository in the
    current directory (`argmap diff HEAD~1`, `argmap diff main feature`). With one revision, the working
    tree is NEW.
    """
    from contextlib import ExitStack

    from argmap.analysis import diff as analysis
    from argmap.analysis import gitrev

    run = settings(config, isolated)
    working = [corpus_path or DEFAULT_CORPUS]  # inside revisions too, so it need not exist here
    if new is None and os.path.exists(old):
        usage_error(f"{old} is a path: give the new version too (argmap diff OLD NEW)")
    with ExitStack() as stack:
        loaded = []
        for spec in (old, new):
            if spec is None:
                loaded.append(load_corpus(working, run, allow_empty=True, progress=output_format is not Format.json))
            elif os.path.exists(spec):
                loaded.append(load_corpus([spec], run, allow_empty=True, progress=output_format is not Format.json))
            else:
                try:  # a blob over the configured max-file-size is not read
                    path = stack.enter_context(gitrev.checkout(spec, working[0], run.max_file_size))
                except gitrev.RevisionError as error:
                    usage_error(str(error))
                loaded.append(load_corpus([path], run, allow_empty=True, progress=output_format is not Format.json))
        labels = (old, new if new is not None else "working tree")
        result = analysis.diff(loaded[0], loaded[1], *labels)
    _show("diff", (result,), output_format, output, color)


@app.command("diff-driver")
def diff_driver(
    args: Annotated[list[str], typer.Argument(help="What git passes: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE.")],
    output_format: FormatOption = Format.text,
    color: ColorOpt = ColorMode.auto,
) -> None:
    """The argument diff of one map, for git: `git config diff.argmap.command "argmap diff-driver --"`.

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
    elif kind == "links":
        corpus.links = list(value)  # type: ignore[call-overload]
    else:
        corpus.questions = {q.id: q for q in value}  # type: ignore[attr-defined]
    return corpus
