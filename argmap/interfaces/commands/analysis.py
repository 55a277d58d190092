"""Who argues what, against whom, and what changed: positions, matrix, compare, timeline, diff.

Thin: each command loads the corpus, calls one analysis and one renderer. The analyses and rich are
imported inside the commands. `positions`, `matrix`, `compare` and `timeline` print stances only, so they
keep only the stances of each map, where the map is built (`base.load_stances`); `diff` needs whole maps.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Collection
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, Optional, TextIO

import typer

from argmap.core.defaults import AGENTS_SHOWN
from argmap.interfaces import completion
from argmap.interfaces.commands.base import (
    DEFAULT_CORPUS,
    ColorMode,
    ColorOpt,
    Common,
    Format,
    FormatOption,
    PathsArg,
    app,
    argument,
    common_options,
    count_option,
    emit,
    load_corpus,
    load_stances,
    load_version,
    lookup,
    usage_error,
)

if TYPE_CHECKING:
    from argmap.analysis.positions import Stances
    from argmap.model.maps import Corpus
    from argmap.syntax.yamlsource import Limits


TABLE_LIMIT = AGENTS_SHOWN  # agents in matrix's text and Markdown tables unless --limit or --all

AuthorsOnlyOpt = Annotated[bool, typer.Option("--authors-only", help="Only the stances the maps' authors hold in their own maps.")]
QuotedOnlyOpt = Annotated[bool, typer.Option("--quoted-only", help="Only the stances of the people the maps quote, not of their authors.")]
CountOpt = Annotated[str, typer.Option("--count", metavar="agents|stances", help=(
    "What a tally counts: each agent once, by its latest stance (agents), or every stance, one per agent "
    "and map (stances)."), autocompletion=lambda: ["agents", "stances"])]
ByOpt = Annotated[Optional[str], typer.Option("--by", metavar="year|period", help=(
    "Also tally each question per year, or per named period of the settings ([tool.argmap.periods]); "
    "maps of unknown date are grouped as undated."), autocompletion=lambda: ["year", "period"])]
AsOfOpt = Annotated[Optional[str], typer.Option("--as-of", metavar="DATE", help="Answer as of DATE (YYYY, YYYY-MM or YYYY-MM-DD): later maps are left out.")]
BasisOpt = Annotated[Optional[list[str]], typer.Option("--basis", metavar="BASIS", help=(
    "Keep only the stances known this way: stated, reported, act or inferred (repeat the option, or give a "
    "comma list: --basis stated,act). A stance whose position says no basis is left out."))]


def bases_option(given: list[str] | None) -> tuple[str, ...]:
    """The --basis values, each one of stance.BASES, in the vocabulary's order; () when none was given."""
    from argmap.core.didyoumean import did_you_mean
    from argmap.core.stance import BASES

    wanted = {part.strip() for value in given or [] for part in value.split(",") if part.strip()}
    for value in sorted(wanted - set(BASES)):
        usage_error(f"--basis {value!r} is not a basis; "
                    + did_you_mean(value, list(BASES), f"use {', '.join(BASES)}"))
    return tuple(b for b in BASES if b in wanted)


def _restrict(stances: Stances, authors_only: bool, quoted_only: bool, as_of: str | None,
              basis: list[str] | None = None) -> Stances:
    """The population, date and bases the options ask for; the authors and the people they quote are not
    counted together when either option is given."""
    from argmap.model.schema import DATE_PATTERN

    bases = bases_option(basis)
    if authors_only and quoted_only:
        usage_error("--authors-only and --quoted-only exclude each other")
    if as_of is not None and (as_of == "unknown" or not re.search(DATE_PATTERN, as_of)):
        usage_error(f"--as-of {as_of!r}: give a date as YYYY, YYYY-MM or YYYY-MM-DD")
    population = "authors" if authors_only else "quoted" if quoted_only else "all"
    return stances.restricted(population, as_of, bases)


def _by(by: str | None, periods: tuple[tuple[str, str, str], ...]) -> str:
    """'' (no grouping), 'year' or 'period'; --by period needs periods in the settings."""
    from argmap.analysis.periods import GROUPINGS

    if by is None:
        return ""
    if by not in GROUPINGS:
        usage_error(f"--by {by!r}: give {' or '.join(GROUPINGS)}")
    if by == "period" and not periods:
        usage_error("--by period: no periods in the settings; add [tool.argmap.periods] with "
                    'name = ["FIRST-DATE", "LAST-DATE"] to pyproject.toml or argmap.toml, or use --by year')
    return by


def _question_first(default: str) -> Any:
    """The words of `positions` and `brief`: a question (by default `default`), then paths."""
    return argument("[QUESTION] [PATH]...", f"A question id (default: {default}), then map files or directories (default: maps/).",
                    autocompletion=completion.complete_question)


def _question_and_paths(words: list[str] | None) -> tuple[str | None, list[str]]:
    """The first word is the question unless it is an existing file or directory; the rest are paths."""
    paths = list(words or [])
    return (paths.pop(0) if paths and not os.path.exists(paths[0]) else None), paths


def _not_both(question: str | None, paths: list[str], questions: Collection[str]) -> None:
    """A first word taken as a path that also names a question is ambiguous."""
    if question is None and paths and paths[0] in questions:
        usage_error(f"{paths[0]!r} is both a question and a path: rename or move the path, "
                    f"or give it as ./{paths[0]}")


def _show(name: str, args: tuple[Any, ...], common: Common, table_options: dict[str, Any] | None = None,
          **json_options: Any) -> None:
    """Render with `argmap.analysis.render_FORMAT.NAME(*args, stream, ...)` to standard output (coloured
    for text at a terminal) or atomically to the file --output; `table_options` go to the text and
    Markdown renderers, `json_options` to the JSON one."""
    import importlib

    render = getattr(importlib.import_module(f"argmap.outputs.analysis.render_{common.format.value}"), name)
    colored = common.colored

    def write(stream: TextIO) -> None:
        if common.format is Format.text:
            render(*args, stream, colored, **(table_options or {}))
        elif common.format is Format.json:
            render(*args, stream, **json_options)
        else:
            render(*args, stream, **(table_options or {}))

    emit(common.output, write)


@app.command()
@common_options
def positions(
    words: Annotated[Optional[list[str]], _question_first("every question")] = None,
    authors_only: AuthorsOnlyOpt = False,
    quoted_only: QuotedOnlyOpt = False,
    as_of: AsOfOpt = None,
    count: CountOpt = "agents",
    by: ByOpt = None,
    basis: BasisOpt = None,
    compact: Annotated[bool, typer.Option("--compact", help=(
        "Text and Markdown: one line per agent (its latest stance, and the map it is from), without grounds, "
        "quotes and notes."))] = False,
    *,
    common: Common,
) -> None:
    """Every agent's stance on a question, with its grounds and quotes, and how many agree; with
    links.yaml, for each side, the arguments (claims linked `same`) that more than one agent's stances rest on.

    An agent's stance is its latest; where a later article by the agent does not restate it, the output
    says which article the stance comes from and that the later one is silent.

    The first word is the question unless it is an existing file or directory: `argmap positions maps2/`
    shows every question of maps2/. A word that is both is refused as ambiguous.
    """
    from argmap.analysis import lookup as names
    from argmap.analysis import positions as analysis
    from argmap.outputs.analysis import fmt

    question, words = _question_and_paths(words)
    run = common.settings()
    count, by = count_option(count), _by(by, run.periods)
    stances = load_stances(words or None, run, details=True,  # grounds, quotes, notes are printed
                           progress=common.progress)
    _not_both(question, words, stances.registries.questions)
    scoped = _restrict(stances, authors_only, quoted_only, as_of, basis)
    qid = lookup(lambda: names.question(stances, question)) if question is not None else None
    items = analysis.positions(scoped, qid, count, by, run.periods)
    _show("positions", (items,), common,
          table_options={"scope": fmt.population_line(scoped.population, scoped.as_of, scoped.bases), "compact": compact},
          single=qid is not None, population=scoped.population, as_of=scoped.as_of, bases=scoped.bases)


@app.command()
@common_options
def matrix(
    paths: PathsArg = None,
    authors_only: AuthorsOnlyOpt = False,
    quoted_only: QuotedOnlyOpt = False,
    as_of: AsOfOpt = None,
    basis: BasisOpt = None,
    min_shared: Annotated[int, typer.Option("--min-shared", min=1, metavar="N", help=(
        "Leave out the agreement of pairs that share fewer than N questions (an agreement on one question "
        "says little; it is marked *)."))] = 1,
    limit: Annotated[int, typer.Option("--limit", min=2, metavar="N", help=(
        "Text and Markdown: show the N agents answering the most questions in the stance and agreement "
        "tables, and in JSON's agreement list (JSON always has every agent and stance)."))] = TABLE_LIMIT,
    show_all: Annotated[bool, typer.Option("--all", help="Show every agent in the tables, every pair in JSON.")] = False,
    table_names: Annotated[Optional[list[str]], typer.Option(
        "--table", metavar="TABLE", autocompletion=lambda: ["stances", "agreement", "questions", "arguments"],
        help="Text and Markdown: print only this table (stances, agreement, questions or arguments); repeat "
        "for several. Default: all.")] = None,
    *,
    common: Common,
) -> None:
    """The agent × question stance table, agent × agent agreement, and the questions that divide most;
    with links.yaml, the arguments made in several maps (claims linked `same`) and who makes each."""
    from argmap.analysis import agreement
    from argmap.outputs.analysis.render_text import TABLES

    unknown = [t for t in table_names or [] if t not in TABLES]
    if unknown:
        usage_error(f"--table {unknown[0]!r}: one of {', '.join(TABLES)}")
    chosen = tuple(t for t in TABLES if not table_names or t in table_names)
    stances = load_stances(paths, common.settings(), details=False,  # no renderer prints a cell's grounds
                           progress=common.progress)
    scoped = _restrict(stances, authors_only, quoted_only, as_of, basis)
    table = agreement.stance_matrix(scoped)
    table.min_shared = min_shared
    pairs = agreement.agreements(table)
    spreads = agreement.divisiveness(table)
    # what divides the authors, apart from what divides every speaker (issue 20)
    among_authors = agreement.divisiveness(scoped.restricted("authors", scoped.as_of)) if scoped.population == "all" else None
    _show("matrix", (table, pairs, spreads, stances.registries), common,
          table_options={"limit": None if show_all else limit, "among_authors": among_authors, "tables": chosen},
          among_authors=among_authors, limit=None if show_all else limit)


@app.command()
@common_options
def compare(
    a: Annotated[str, typer.Argument(help="An agent id (or name, or alias), or a map id.",
                                     autocompletion=completion.complete_agent_or_map)],
    b: Annotated[str, typer.Argument(help="Another agent or map.", autocompletion=completion.complete_agent_or_map)],
    paths: PathsArg = None,
    authors_only: AuthorsOnlyOpt = False,
    quoted_only: QuotedOnlyOpt = False,
    as_of: AsOfOpt = None,
    basis: BasisOpt = None,
    *,
    common: Common,
) -> None:
    """Two agents (latest stances) or two maps (their authors' stances) side by side, question by question;
    with links.yaml, also the claims they share (linked `same`) and those that clash (`opposes`, `attacks`),
    with their quotes. An agent's claims are those it makes; a map's, every claim in it."""
    from argmap.analysis import compare as analysis
    from argmap.analysis import lookup as names

    stances = load_stances(paths, common.settings(), details=True,  # each side's grounds and first quote
                           progress=common.progress)
    stances = _restrict(stances, authors_only, quoted_only, as_of, basis)
    sides = []
    for name in (a, b):
        kind, ident = lookup(partial(names.agent_or_map, stances, name))
        sides.append(analysis.agent_side(stances, ident) if kind == "agent" else analysis.map_side(stances, ident))
    result = analysis.compare(stances.registries, sides[0], sides[1], stances)
    _show("compare", (result,), common)


@app.command()
@common_options
def timeline(
    agent: Annotated[str, typer.Argument(help="An agent id, name or alias.", autocompletion=completion.complete_agent)],
    paths: PathsArg = None,
    *,
    common: Common,
) -> None:
    """An agent's stances across maps in date order, marking every change."""
    from argmap.analysis import lookup as names
    from argmap.analysis import timeline as analysis

    stances = load_stances(paths, common.settings(), details=False,  # a timeline prints no grounds or quotes
                           progress=common.progress)
    ident = lookup(lambda: names.agent(stances, agent))
    _show("timeline", (analysis.timeline(stances, ident),), common)


@app.command()
@common_options
def diff(
    old: Annotated[str, typer.Argument(help="The old version: a map file, a directory, or a git revision.")],
    new: Annotated[Optional[str], typer.Argument(help="The new version (default: the working tree).")] = None,
    corpus_path: Annotated[Optional[str], typer.Option(
        "--corpus", "-c", help="The maps' path in the working tree and inside revisions (default: maps/).")] = None,
    *,
    common: Common,
) -> None:
    """What changed in the argument between two versions: stances, claims, evidence, relations, questions.

    OLD and NEW are each an existing file or directory, else a git revision of the repository in the
    current directory (`argmap diff HEAD~1`, `argmap diff main feature`). With one revision, the working
    tree is NEW.
    """
    from contextlib import ExitStack

    from argmap.analysis import diff as analysis
    from argmap.analysis import gitrev

    run = common.settings()
    working = [corpus_path or DEFAULT_CORPUS]  # inside revisions too, so it need not exist here
    if new is None and os.path.exists(old):
        usage_error(f"{old} is a path: give the new version too (argmap diff OLD NEW)")
    with ExitStack() as stack:
        loaded = []
        for spec in (old, new):
            if spec is None:
                loaded.append(load_corpus(working, run, allow_empty=True, progress=common.progress))
            else:
                loaded.append(load_version(spec, working[0], run, stack, allow_empty=True, progress=common.progress))
        labels = (old, new if new is not None else "working tree")
        result = analysis.diff(loaded[0], loaded[1], *labels)
    if not result.changes and new is None and not os.path.exists(old):
        # `argmap diff HEAD` with nothing changed: say whether the files are untouched or only reformatted
        same = gitrev.untouched(old, working[0])
        where = working[0].rstrip("/") + "/"
        if same is True:
            result.files_note = f"{where} is untouched since {old}: no file in it differs."
        elif same is False:
            result.files_note = (f"The files in {where} differ from {old}, but not the argument "
                                 "(layout, comments, order or spelling of what the analyses do not read).")
    _show("diff", (result,), common)


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
    from argmap.model import config as config_mod

    try:  # the repository's [tool.argmap] limits; its sources are not needed to compare two versions of a file
        limits = config_mod.load(".").limits
    except config_mod.ConfigError as error:
        usage_error(str(error))
    result = analysis.diff(_one_file(old_file, path, limits), _one_file(new_file, new_path, limits),
                           f"a/{path}", f"b/{new_path}")
    _show("diff", (result,), Common(output_format, None, color, None, False))


def _one_file(file: str, name: str, limits: Limits) -> Corpus:
    """One map or registry file as a corpus; /dev/null (an added or deleted file) is an empty corpus."""
    from argmap.model.corpus import REGISTRY_NAMES, load_one
    from argmap.model.maps import Corpus

    corpus = Corpus()
    if file == os.devnull or not os.path.isfile(file):
        return corpus
    kind = REGISTRY_NAMES.get(os.path.basename(name), "map")
    value, findings = load_one(file, kind, limits)
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


@app.command()
@common_options
def brief(
    words: Annotated[Optional[list[str]], _question_first("every question, one line each")] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Brief every question in full.")] = False,
    by: ByOpt = None,
    count: CountOpt = "agents",
    *,
    common: Common,
) -> None:
    """One question on one screen: its family in questions.yaml, who holds what by period (authors apart
    from the people they quote, with each stance's basis where recorded), where the authors agree, the
    cruxes (claims linked attacks or opposes, a quote a side), what moved and why, and what the corpus
    leaves unanswered. Without QUESTION, every question with its one-line answer.

    The first word is the question unless it is an existing file or directory, as for `positions`.
    """
    from argmap.analysis import brief as analysis
    from argmap.analysis import lookup as names

    question, words = _question_and_paths(words)
    if question is not None and show_all:
        usage_error("--all briefs every question: give no QUESTION with it")
    run = common.settings()
    count, grouping = count_option(count), _by(by, run.periods)
    corpus = load_corpus(words or None, run, progress=common.progress)
    _not_both(question, words, corpus.questions)
    if question is not None:
        qid = lookup(lambda: names.question(corpus, question))
        _show("brief", (analysis.brief(corpus, qid, grouping, run.periods, count),), common)
    elif show_all:
        _show("briefs", (analysis.brief_all(corpus, grouping, run.periods, count)[0],), common)
    else:
        _show("brief_list", (analysis.listing(corpus, count),), common)
