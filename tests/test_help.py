"""`argmap --help` lists every command with its whole first paragraph, not cut at about 45 characters."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys

import pytest

from argmap.interfaces.commands import COMMANDS


def help_text(*args: str) -> str:
    env = {**os.environ, "COLUMNS": "80"}
    done = subprocess.run([sys.executable, "-m", "argmap", *args, "--help"], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def first_paragraph(doc: str | None) -> str:
    return " ".join(inspect.cleandoc(doc or "").split("\n\n")[0].split())


def listed(text: str) -> str:
    """The Commands section with its wrapping undone."""
    return " ".join(text.split("Commands:", 1)[1].split())


@pytest.mark.parametrize("group", ["", "links"])
def test_every_command_is_described_whole(group: str) -> None:
    import importlib

    from argmap.interfaces.commands.base import app

    for module in set(COMMANDS.values()):
        importlib.import_module(f"argmap.interfaces.commands.{module}")
    text = help_text(*([group] if group else []))
    target = app if not group else next(g.typer_instance for g in app.registered_groups if g.name == group)
    assert target is not None
    section = listed(text)
    assert "..." not in section
    described = [info for info in target.registered_commands if info.callback and info.callback.__doc__]
    assert described
    for info in described:
        assert first_paragraph(info.callback.__doc__) in section  # type: ignore[union-attr]
