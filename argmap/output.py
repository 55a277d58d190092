"""Writing output files: atomically, and never over an input of the run."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TextIO

from argmap.model import Corpus


class OutputError(Exception):
    pass


# Every file this process has read as input (maps, registries, article texts): output is never written
# over one of them, whichever command writes and whether or not it passes `protect`. They are resolved
# only when something is written: `argmap check` on 10,000 maps writes nothing, and should not pay
# (in time or memory) for 10,000 resolved paths.
_INPUTS: list[str] = []


def remember_inputs(paths: list[str]) -> None:
    _INPUTS.extend(paths)


_TREES: list[str] = []


def protect_tree(directory: str) -> None:
    _TREES.append(directory)


def is_stdout(target: str) -> bool:
    return target == "-"


def _is_input(real: str) -> bool:
    return any(os.path.realpath(p) == real for p in _INPUTS)


def write_output(target: str, write: Callable[[TextIO], None], protect: Corpus | None = None) -> None:
    """Write to a temporary file beside `target`, then rename it into place."""
    real = os.path.realpath(target)
    if protect is not None:
        inputs = {os.path.realpath(m.path) for m in protect.maps} | \
                 {os.path.realpath(p) for p in protect.registry_files}
        if real in inputs:
            raise OutputError(f"refusing to overwrite an input file: {target}")
    if _is_input(real):
        raise OutputError(f"refusing to overwrite an input file: {target}")
    directory = os.path.dirname(real) or "."
    if not os.path.isdir(directory):
        raise OutputError(f"directory does not exist: {os.path.dirname(target)}")
    import tempfile

    fd, temp = tempfile.mkstemp(prefix=".argmap-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            write(stream)
        # mkstemp makes the file private (0600); a report is meant to be shared, so give it the mode a
        # plain open() would: the existing file's, or 0666 less the umask.
        os.chmod(temp, _mode_for(real))
        os.replace(temp, real)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def _mode_for(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
