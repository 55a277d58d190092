"""`@common_options` (argmap.interfaces.commands.base): the options an analysis command ends with, declared once, reach
typer as if each command spelt them, and the command as one `Common`."""

from __future__ import annotations

from typing import Annotated

import typer
from typer.testing import CliRunner

from argmap.interfaces.commands.base import ColorMode, Common, Format, PathsArg, common_options


def _app(seen: list[Common]) -> typer.Typer:
    app = typer.Typer()

    @app.command()
    @common_options
    def show(
        paths: PathsArg = None,
        compact: Annotated[bool, typer.Option("--compact", help="Short.")] = False,
        *,
        common: Common,
    ) -> None:
        """Show."""
        seen.append(common)

    @app.command()
    def other() -> None:  # two commands: typer then wants the command's name
        pass

    return app


def test_the_options_come_after_the_commands_own_in_order() -> None:
    command = typer.main.get_command(_app([])).commands["show"]  # type: ignore[attr-defined]
    assert [p.name for p in command.params] == ["paths", "compact", "output_format", "output", "color", "config", "isolated"]
    assert [p.opts for p in command.params[2:]] == [["--format", "-f"], ["--output", "-o"], ["--color"], ["--config"],
                                                    ["--isolated"]]
    assert command.help == "Show."


def test_the_command_gets_them_as_one_common() -> None:
    seen: list[Common] = []
    app = _app(seen)
    done = CliRunner().invoke(app, ["show", "maps", "--compact", "-f", "json", "-o", "out.json", "--isolated"])
    assert done.exit_code == 0, done.output
    assert seen == [Common(Format.json, "out.json", ColorMode.auto, None, True)]
    done = CliRunner().invoke(app, ["show"])
    assert done.exit_code == 0, done.output
    assert seen[1] == Common(Format.text, None, ColorMode.auto, None, False)
    assert seen[1].progress and not Common(Format.json, None, ColorMode.never, None, False).progress
