"""The in-process runner (tests/clirun.py) gives what a process gives, and leaves the test process as it was."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from argmap.core.rules import UNKNOWN_KEY
from argmap.interfaces.commands import base
from tests.clirun import ROOT, run_cli, run_process
from tests.conftest import failing_map

SAME = [
    ("--version",), ("--help",), ("check", "--help"), ("nosuch",),
    ("check", "{S003}"), ("check", "no/such/dir"), ("explain", "S03"),
    ("check", "maps", "--format", "json", "--no-cache"), ("positions", "maps"), ("matrix", "maps", "--format", "markdown"),
    ("export", "--to", "json", "maps"), ("rules", "--format", "json"),
]


@pytest.mark.e2e
def test_in_process_is_what_a_process_gives(tmp_path: Path) -> None:
    broken = str(failing_map(UNKNOWN_KEY, tmp_path))
    for args in SAME:
        args = tuple(broken if arg == "{S003}" else arg for arg in args)
        inside, outside = run_cli(*args), run_process(*args)
        assert (inside.code, inside.stdout, inside.stderr) == (outside.code, outside.stdout, outside.stderr), args


def test_the_test_process_is_left_as_it_was(tmp_path: Path) -> None:
    environ, cwd, argv, commands = dict(os.environ), os.getcwd(), list(sys.argv), base.app.registered_commands
    streams = (sys.stdin, sys.stdout, sys.stderr)
    result = run_cli("check", "maps", "-o", str(tmp_path / "out.txt"), env={"TMPDIR": str(tmp_path), "NO_COLOR": "1"})
    assert result.code == 0, result.stderr
    assert dict(os.environ) == environ and os.getcwd() == cwd and sys.argv == argv
    assert base.app.registered_commands is commands and len(commands) > 1
    assert (sys.stdin, sys.stdout, sys.stderr) == streams


def test_an_unexpected_exception_is_argmaps_message_or_with_debug_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.checks import engine

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "run", boom)
    cwd, environ = os.getcwd(), dict(os.environ)
    shown = run_cli("check", "maps")
    assert shown.code == 2 and "internal error: RuntimeError: boom" in shown.stderr
    with pytest.raises(RuntimeError, match="boom"):
        run_cli("check", "maps", debug=True)
    assert os.getcwd() == cwd and dict(os.environ) == environ  # put back after the exception too


@pytest.mark.e2e
def test_help_lists_the_commands_in_one_order_whatever_ran_before() -> None:
    """`links` defines `evaluate` too: a process (or a test run) that imported it first listed `evaluate`
    first in --help. The order is the table's (argmap.interfaces.commands.COMMANDS), whatever ran before."""
    fresh = run_process("--help").stdout
    run_cli("links", "--help")
    assert run_cli("--help").stdout == fresh


def test_a_run_sees_the_environment_of_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runner read the environment after clearing it: every command ran with none (no PATH, no
    ARGMAP_DOT), so the tests of tools found through them passed or failed for the wrong reason."""
    monkeypatch.setenv("ARGMAP_DOT", "/no/such/dot")
    result = run_cli("graph", str(ROOT / "maps" / "melyantsou-2021-merger-fears.yaml"), "--format", "svg", "-o", "-")
    assert result.code == 2 and "Graphviz is not installed" in result.stderr
    assert run_cli("graph", "--help", env={"PATH": None}).code == 0


def test_a_command_is_built_once_for_each_set_of_commands_and_help() -> None:
    """tests/clirun.py keeps what typer builds: the same app gives the same command, until its commands or
    their short help (which argmap's run fills in) change, and a CliRunner call in process reuses it too."""
    import typer
    import typer.main
    from typer.testing import CliRunner

    app = typer.Typer()

    @app.command()
    def one() -> None:
        """One."""
        print("one")

    @app.command()
    def two() -> None:
        print("two")

    first = typer.main.get_command(app)
    assert typer.main.get_command(app) is first
    assert CliRunner().invoke(app, ["one"]).output == "one\n" and typer.main.get_command(app) is first
    app.registered_commands[0].short_help = "Uno."
    changed = typer.main.get_command(app)
    assert changed is not first and "Uno." in CliRunner().invoke(app, ["--help"]).output
    kept = app.registered_commands
    app.registered_commands = kept[1:]
    assert CliRunner().invoke(app, []).output == "two\n"  # one command left: typer builds it alone
    app.registered_commands = kept
    assert typer.main.get_command(app) is changed
