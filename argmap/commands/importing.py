"""`argmap import`: other tools' argument maps (Argdown, AIF JSON) in, as a corpus that `argmap check` passes."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Any

import typer

from argmap.commands.base import app, say, usage_error


class ImportFormat(str, Enum):
    argdown = "argdown"
    aif = "aif"
    qdpx = "qdpx"


@app.command("import")
def import_(
    source_format: Annotated[ImportFormat, typer.Argument(
        metavar="FORMAT", help=(
            "argdown (an .argdown file, parsed by the Argdown CLI, or its JSON export), aif (AIF JSON, as AIFdb and OVA "
            "write it) or qdpx (a REFI-QDA project, as ATLAS.ti, MAXQDA, NVivo and QualCoder export it; docs/qdpx.md)."),
        show_default=False)],
    path: Annotated[str, typer.Argument(metavar="FILE", help="The file to import.", show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", metavar="DIR", help=(
        "The directory to write the corpus to (made if missing); no existing file in it is ever replaced."))],
) -> None:
    """Import an Argdown or AIF file as a corpus: one map per document (per map for argmap's own exports),
    with agents.yaml and questions.yaml. Every statement, argument, support and attack is kept where argmap
    allows it; what could not be carried over is listed on standard output. A QDPX project gives one skeleton
    map per text source (its coded selections as evidence, its codes as claims), with the article texts
    written to DIR/sources.

    Exit status: 0 imported, 2 usage error (unreadable file, missing Argdown CLI, a file in DIR in the way,
    a QDPX file that is not a project or is over the limits).
    """
    import os

    from argmap.corpus import gc_paused
    from argmap.importers import builder
    from argmap.safetext import clean

    if not os.path.isfile(path):
        usage_error(f"no such file: {path}")
    if source_format is ImportFormat.qdpx:
        _import_qdpx(path, output)
        return
    with gc_paused():  # a large graph makes many objects and no cycles: collections only cost (quadratic)
        draft = _read(source_format, path)
        try:
            written = builder.write_corpus(draft, output)
        except builder.ImportTargetError as error:
            usage_error(str(error))
        except OSError as error:
            usage_error(f"cannot write {output}: {error.strerror or error}")
    maps = len(written) - 2
    say(f"wrote {maps} map{'s' if maps != 1 else ''}, {len(draft.agents)} agents and {len(draft.questions)} questions "
        f"to {output}; check them with `argmap check {output}`")
    if draft.report:
        sys.stdout.write(f"Not carried over, or changed ({len(draft.report)}):\n")
        for line in draft.report:
            sys.stdout.write(clean(f"- {line}") + "\n")
    else:
        sys.stdout.write("Everything was carried over.\n")


def _read(source_format: ImportFormat, path: str) -> Any:
    from argmap.importers import builder

    draft: builder.Draft
    try:
        if source_format is ImportFormat.argdown:
            from argmap.importers import argdown

            try:
                draft = argdown.read(path, argdown.parse(path))
            except argdown.ArgdownError as error:
                usage_error(str(error))
        else:
            from argmap.importers import aif

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

    from argmap.importers import builder, qdpx
    from argmap.safetext import clean

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
    try:
        written = builder.write_corpus(draft, output)
        if texts:
            os.makedirs(folder, exist_ok=True)
        for text in texts:
            # O_EXCL: a file that appeared since the check above is still never replaced
            with open(os.path.join(folder, text.name), "x", encoding="utf-8", newline="") as handle:
                handle.write(text.content)
    except builder.ImportTargetError as error:
        usage_error(str(error))
    except OSError as error:
        usage_error(f"cannot write {output}: {error.strerror or error}")
    maps = len(written) - 2
    say(f"wrote {maps} map{'s' if maps != 1 else ''}, {len(texts)} article text{'s' if len(texts) != 1 else ''}, "
        f"{len(draft.agents)} agents and {len(draft.questions)} questions to {output}; check them with "
        f"`argmap check {output} --sources {folder}`")
    if draft.report:
        sys.stdout.write(f"Not carried over, or changed ({len(draft.report)}):\n")
        for line in draft.report:
            sys.stdout.write(clean(f"- {line}") + "\n")
    else:
        sys.stdout.write("Everything was carried over.\n")
