"""`argmap init [DIR]`: start a corpus the way `cargo new` or `npm init` start a project."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from argmap.interfaces.commands.base import app, usage_error


@app.command()
def init(
    directory: Annotated[str, typer.Argument(help="Where to start the corpus (default: the current directory).")] = ".",
    sources: Annotated[str | None, typer.Option("--sources", metavar="DIR",
                                                help="The directory of the article texts: written as `sources` in "
                                                     "the settings, so that check (and the hook) verify quotes.")] = None,
) -> None:
    """Start a corpus: maps/ with the registries and an example map, the JSON Schemas, [tool.argmap]
    settings, a pre-commit hook and a GitHub Actions workflow. Existing files are never overwritten.

    Without --sources the settings leave `sources` commented out and quotes are not checked (check's
    summary says so); the hook and the workflow install argmap from its repository at this version's tag.

    Exit status: 0 done (whatever was skipped), 2 when DIR is not a directory that can be written.
    """
    from argmap.authoring import scaffold
    from argmap.core.safetext import clean

    if os.path.exists(directory) and not os.path.isdir(directory):
        usage_error(f"{directory} exists and is not a directory")
    relative = None
    if sources is not None:
        if not os.path.isdir(sources):
            usage_error(f"--sources {sources}: no such directory (the article texts)")
        # Relative to the settings file, which is in DIR, as [tool.argmap] paths are read.
        relative = os.path.relpath(os.path.abspath(sources), os.path.abspath(directory)).replace(os.sep, "/")
    written, skipped = [], []
    for item in scaffold.plan(directory, relative):
        target = os.path.join(directory, item.path)
        try:
            if item.append_to:
                if scaffold.has_settings(target):
                    skipped.append(f"{item.path} (it already has [tool.argmap])")
                    continue
                with open(target, "a", encoding="utf-8") as handle:
                    handle.write(item.text)
                written.append(f"{item.path} ([tool.argmap] appended)")
                continue
            os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
            # O_EXCL: created here or not at all, even if another process makes the file meanwhile.
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            skipped.append(f"{item.path} (exists)")
            continue
        except OSError as error:
            usage_error(f"cannot write {target}: {error.strerror or error}")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(item.text)
        written.append(item.path)
    for line in written:
        sys.stdout.write(clean(f"wrote   {line}") + "\n")
    for line in skipped:
        sys.stdout.write(clean(f"skipped {line}") + "\n")
    if relative is None and any(line.startswith(("argmap.toml", "pyproject.toml")) for line in written):
        sys.stdout.write("Quotes are not checked until `sources` names the article texts in the settings "
                         "(argmap init --sources DIR writes it).\n")
    where = "" if os.path.abspath(directory) == os.getcwd() else f"cd {directory} && "
    sys.stdout.write(clean(f"Next: {where}argmap check maps") + "\n")
