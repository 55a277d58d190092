"""Writing for `argmap new`: a new file that must not exist, and entries appended to agents.yaml.

Both refuse rather than replace: the map is linked into place only if its name is still free (so a file
that appears meanwhile is not overwritten either), and agents.yaml is changed only if the appended text
reads back as the same registry with the new agents at its end.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable


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


def append_agents(path: str, entries: Callable[[str], str], ids: list[str], modeline: str) -> None:
    """Append the agents `ids` to the agents list of `path` (or create the file), as YAML list items
    that `entries` writes at the indentation it is given."""
    import yaml

    if not os.path.lexists(path):
        write_new(path, f"{modeline}\nargmap: 1\nagents:\n" + entries("  "))
        return
    real = os.path.realpath(path)
    try:
        with open(real, encoding="utf-8", newline="") as stream:
            text = stream.read()
        before = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise AgentsFileError(f"cannot add to {path}: {error}") from None
    if not isinstance(before, dict) or not isinstance(before.get("agents"), list):
        raise AgentsFileError(f"cannot add to {path}: it has no `agents:` list")
    indent = re.search(r"^([ \t]*)- ", text, re.MULTILINE)  # the list's own indentation
    added = entries(indent.group(1) if indent else "  ")
    after_text = text + ("" if text.endswith("\n") or not text else "\n") + added
    try:
        after = yaml.safe_load(after_text)
    except yaml.YAMLError:
        after = None
    items = after.get("agents") if isinstance(after, dict) else None
    if (not isinstance(items, list) or items[: len(before["agents"])] != before["agents"]
            or [item.get("id") if isinstance(item, dict) else None for item in items[len(before["agents"]):]] != ids):
        raise AgentsFileError(f"cannot add to {path} safely (its `agents:` list is not the last thing in it); "
                              "add the entry by hand")
    temporary = _temporary(os.path.dirname(real), after_text)
    try:
        os.chmod(temporary, os.stat(real).st_mode & 0o7777)
        os.replace(temporary, real)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
