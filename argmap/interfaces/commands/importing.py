"""`argmap import`: other tools' argument maps (Argdown, AIF JSON) in, as a corpus that `argmap check` passes;
Hypothesis highlights in, as evidence of a map."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from argmap.interfaces.commands.base import ConfigOpt, IsolatedOpt, SourcesOpt, app, argument, say, usage_error

if TYPE_CHECKING:
    from argmap.authoring.importers.builder import Draft


class ImportFormat(str, Enum):
    argdown = "argdown"
    aif = "aif"
    qdpx = "qdpx"
    hypothesis = "hypothesis"


@app.command("import")
def import_(
    source_format: Annotated[ImportFormat, argument("FORMAT", (
        "argdown (an .argdown file, parsed by the Argdown CLI, or its JSON export), aif (AIF JSON, as AIFdb and OVA "
        "write it), qdpx (a REFI-QDA project, as ATLAS.ti, MAXQDA, NVivo and QualCoder export it; docs/qdpx.md) or "
        "hypothesis (Hypothesis's API JSON: highlights into --map MAP)."))],
    path: Annotated[str, argument("FILE", "The file to import.")],
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="DIR", help=(
        "argdown, aif, qdpx: the directory to write the corpus to (made if missing); no existing file in it is ever "
        "replaced."))] = None,
    map_path: Annotated[Optional[str], typer.Option("--map", metavar="MAP", help=(
        "hypothesis: the map whose article was annotated; the highlights are added to its evidence."))] = None,
    sources: SourcesOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=(
        "hypothesis: show the entries that would be added, change nothing."))] = False,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """Import an Argdown, AIF or QDPX file as a corpus, or Hypothesis highlights into a map. Argdown, AIF: one
    map per document (per map for argmap's own exports),
    with agents.yaml and questions.yaml. Every statement, argument, support and attack is kept where argmap
    allows it; what could not be carried over is listed on standard output. A QDPX project gives one skeleton
    map per text source (its coded selections as evidence, its codes as claims), with the article texts
    written to DIR/sources.

    hypothesis: each highlight on the map's article becomes an evidence entry, its quote verified against
    the article (--sources); tags naming claims (ID or claim:ID) ground it, speaker:ID names its speaker.
    The map is edited in place, every other line kept; what cannot be placed is listed (docs/data.md).

    Exit status: 0 imported, 1 (hypothesis) some annotations not placed (each listed; the others added),
    2 usage error (unreadable file, missing Argdown CLI, a file in DIR in the way, a QDPX file that is not a
    project or is over the limits).
    """
    import os

    from argmap.authoring.importers import builder
    from argmap.model.corpus import gc_paused

    if not os.path.isfile(path):
        usage_error(f"no such file: {path}")
    if source_format is ImportFormat.hypothesis:
        if output is not None:
            usage_error("import hypothesis adds to a map: give it with --map MAP, not -o")
        if map_path is None:
            usage_error("import hypothesis adds the highlights to a map: give it with --map MAP")
        _import_hypothesis(path, map_path, sources, dry_run, config, isolated)
        return
    if map_path is not None or dry_run:
        usage_error("--map and --dry-run apply to import hypothesis")
    if sources:
        usage_error("--sources applies to import hypothesis")
    if output is None:
        usage_error(f"import {source_format.value} writes a corpus: give its directory with -o DIR")
    if source_format is ImportFormat.qdpx:
        _import_qdpx(path, output)
        return
    with gc_paused():  # a large graph makes many objects and no cycles: collections only cost (quadratic)
        draft = _read(source_format, path)
        with _writing(output):
            written = builder.write_corpus(draft, output)
    _wrote(written, draft, output)


@contextmanager
def _writing(output: str) -> Iterator[None]:
    """A corpus written to `output`, its failures as usage errors."""
    from argmap.authoring.importers import builder

    try:
        yield
    except builder.ImportTargetError as error:
        usage_error(str(error))
    except OSError as error:
        usage_error(f"cannot write {output}: {error.strerror or error}")


def _wrote(written: list[str], draft: Draft, output: str, texts: str = "", check: str = "") -> None:
    """What the import wrote (the maps beside agents.yaml and questions.yaml, and `texts`), how to check it
    (`argmap check OUTPUT` and `check`), and what it did not carry over."""
    maps = len(written) - 2
    say(f"wrote {maps} map{'s' if maps != 1 else ''}, {texts}{len(draft.agents)} agents and {len(draft.questions)} questions "
        f"to {output}; check them with `argmap check {output}{check}`")
    _report(draft.report)


def _report(report: list[str]) -> None:
    """What an import did not carry over, or changed, one line each (standard output: part of the result)."""
    from argmap.core.safetext import clean

    if report:
        sys.stdout.write(f"Not carried over, or changed ({len(report)}):\n")
        for line in report:
            sys.stdout.write(clean(f"- {line}") + "\n")
    else:
        sys.stdout.write("Everything was carried over.\n")


def _read(source_format: ImportFormat, path: str) -> Any:
    from argmap.authoring.importers import builder

    draft: builder.Draft
    try:
        if source_format is ImportFormat.argdown:
            from argmap.authoring.importers import argdown

            try:
                draft = argdown.read(path, argdown.parse(path))
            except argdown.ArgdownError as error:
                usage_error(str(error))
        else:
            from argmap.authoring.importers import aif

            with open(path, encoding="utf-8-sig") as handle:
                data = builder.load_json(handle.read())
            try:
                draft = aif.read(path, data)
            except aif.AifError as error:
                usage_error(str(error))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        usage_error(f"cannot read {path}: {error}")
    return draft


def _import_qdpx(path: str, output: str) -> None:
    import os

    from argmap.authoring.importers import builder, qdpx

    try:
        draft, texts = qdpx.read(path)
    except qdpx.QdpxError as error:
        usage_error(str(error))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        usage_error(f"cannot read {path}: {error}")
    folder = os.path.join(output, qdpx.TEXTS_FOLDER)
    taken = [t.name for t in texts if os.path.lexists(os.path.join(folder, t.name))]
    if taken:
        usage_error(f"refusing to overwrite existing files in {folder}: {', '.join(sorted(taken))} "
                    "(import into a new or empty directory)")
    with _writing(output):
        written = builder.write_corpus(draft, output)
        if texts:
            os.makedirs(folder, exist_ok=True)
        for text in texts:
            # O_EXCL: a file that appeared since the check above is still never replaced
            with open(os.path.join(folder, text.name), "x", encoding="utf-8", newline="") as handle:
                handle.write(text.content)
    _wrote(written, draft, output, f"{len(texts)} article text{'s' if len(texts) != 1 else ''}, ", f" --sources {folder}")


def _import_hypothesis(path: str, map_path: str, sources: list[str] | None, dry_run: bool, config: str | None,
                       isolated: bool) -> None:
    import os

    from argmap.authoring.importers import hypothesis
    from argmap.checks.fix import write_in_place
    from argmap.checks.quotes import Sources
    from argmap.core.safetext import clean
    from argmap.files import textmatch
    from argmap.files.output import OutputError
    from argmap.interfaces.commands.base import settings
    from argmap.model import maps as model
    from argmap.model.corpus import display_path
    from argmap.syntax.yamlsource import parse, read_text

    run = settings(config, isolated, sources=tuple(sources) if sources else None)
    if not run.sources:
        usage_error("import hypothesis verifies each quote against the article: give its directory with --sources DIR")
    if not os.path.isfile(map_path):
        usage_error(f"no such map: {map_path}")
    display = display_path(map_path)
    text, findings = read_text(map_path, display, run.limits)
    doc = parse(text, display, run.limits)[0] if text is not None else None
    if text is None or doc is None or not isinstance(doc.data, dict):
        usage_error(f"cannot read the map {display}" + (f": {findings[0].message}" if findings else ""))
    m = model.build_map(doc)
    article = Sources(list(run.sources)).get(m) if m.source.text else None
    if not isinstance(article, textmatch.Normalised):
        usage_error(getattr(article, "message", None) or
                    f"the article of {display} ({m.source.text or 'no source.text'}) is not in the sources directories")
    try:
        items = hypothesis.read(path)
        planned = hypothesis.plan(m, article, items, run.max_ellipsis_gap)
        new_text = hypothesis.apply(doc, text, planned.entries, display, run.limits) if planned.entries else text
        if planned.entries and not dry_run:
            write_in_place(map_path, new_text, text)  # refused if the map was saved meanwhile
    except hypothesis.HypothesisError as error:
        usage_error(str(error))
    except (OutputError, OSError) as error:
        usage_error(f"cannot write {display}: {error}")
    verb = "would add" if dry_run else "added"
    out = [f"{verb} {len(planned.entries)} of {planned.total} annotations to {display} as evidence; "
           f"{len(planned.unplaced)} not placed"]
    if planned.entries:
        out.append(f"{'To add' if dry_run else 'Added'} ({len(planned.entries)}):")
        if dry_run:
            out.extend(line for e in planned.entries for line in hypothesis.render_entry(e, "  ", "    ").splitlines())
        else:
            out.extend(f"+ {e.id}: {e.quote!r} (grounds {', '.join(e.grounds)}; speaker {e.speaker})"
                       for e in planned.entries)
    if planned.unplaced:
        out.append(f"Not placed ({len(planned.unplaced)}):")
        out.extend(f"- annotation {u.annotation}" + (f" by {u.user}" if u.user else "") + f": {u.reason}"
                   for u in planned.unplaced)
    sys.stdout.write("".join(clean(line) + "\n" for line in out))
    sys.stdout.flush()
    if planned.unplaced:
        raise typer.Exit(1)
