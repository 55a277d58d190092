"""Writing for `argmap new`: a new file that must not exist, and entries appended to agents.yaml.

Both refuse rather than replace: the map is linked into place only if its name is still free (so a file
that appears meanwhile is not overwritten either), and agents.yaml is changed only if the appended text
reads back as the same registry with the new agents at its end.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence

from argmap.syntax.yamlsource import Limits


class AgentsFileError(Exception):
    """agents.yaml cannot take the new entries safely: the user adds them by hand."""


def _temporary(directory: str, text: str) -> str:
    handle, temporary = tempfile.mkstemp(prefix=".argmap-", suffix=".tmp", dir=directory or ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        os.unlink(temporary)
        raise
    return temporary


def write_new(path: str, text: str) -> None:
    """Write `text` to the new file `path`, whole or not at all; FileExistsError if it exists."""
    temporary = _temporary(os.path.dirname(path), text)
    try:
        try:
            os.link(temporary, path)  # fails if `path` exists, whatever it is: never replaces
        except OSError as error:
            if isinstance(error, FileExistsError) or error.errno not in (1, 18, 38, 95):  # EPERM, EXDEV, ENOSYS, EOPNOTSUPP
                raise
            with open(path, "x", encoding="utf-8", newline="") as stream:  # no hard links here
                stream.write(text)
    finally:
        os.unlink(temporary)


def append_agents(path: str, entries: Sequence[Callable[[str, str], str]], ids: list[str], modeline: str) -> None:
    """Append the agents `ids` to the agents list of `path` (or create the file): `entries` write one list
    item each at the indentation they are given (dash, keys), and the one YAML editor adds them at the end
    of the file, checked to read back as the same registry with these agents at its end; the file is
    rewritten atomically, only if it still holds what was read."""
    from argmap.files.output import OutputError, replace_file
    from argmap.syntax import yamledit
    from argmap.syntax.yamlsource import parse

    if not os.path.lexists(path):
        write_new(path, f"{modeline}\nargmap: 1\nagents:\n" + "".join(entry("  ", "    ") for entry in entries))
        return
    real = os.path.realpath(path)
    try:
        with open(real, "rb") as stream:
            raw = stream.read()
        text = raw.decode("utf-8-sig")
        source = yamledit.Source(text, display=path)
    except (OSError, UnicodeDecodeError, yamledit.EditError) as error:
        raise AgentsFileError(f"cannot add to {path}: {error}") from None
    if not isinstance(source.data, dict) or not isinstance(source.data.get("agents"), list):
        raise AgentsFileError(f"cannot add to {path}: it has no `agents:` list")
    known = len(source.data["agents"])
    try:
        edit = source.append("agents", entries, at_end=True)
    except yamledit.EditError:
        edit = None
    after, _ = parse(yamledit.apply(text, [edit]), path, Limits()) if edit else (None, [])
    items = after.data.get("agents") if after is not None and isinstance(after.data, dict) else None
    if edit is None or not isinstance(items, list) or \
            [item.get("id") if isinstance(item, dict) else None for item in items[known:]] != ids:
        raise AgentsFileError(f"cannot add to {path} safely (its `agents:` list is not the last thing in it); "
                              "add the entry by hand")
    try:
        replace_file(real, raw + edit.text.encode("utf-8"), expected=raw)
    except OutputError as error:
        raise AgentsFileError(str(error)) from None
