"""What every command shares: the typer app and the options every command spells the same way, and (from
argmap.interfaces.commands.common, which needs no typer) the settings built once, the corpus loaded one way, and
output written one way. Command modules import this, never each other; `argmap.interfaces.cli` imports them all,
`argmap.interfaces.entry` only the one it runs.

Only typer and the standard library are imported here at start-up; the work is imported inside functions.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from argmap._version import __version__
from argmap.core.record import record
from argmap.interfaces.commands.common import DEFAULT_CORPUS as DEFAULT_CORPUS
from argmap.interfaces.commands.common import PROGRESS_DELAY as PROGRESS_DELAY
from argmap.interfaces.commands.common import ColorMode as ColorMode
from argmap.interfaces.commands.common import corpus_errors as corpus_errors
from argmap.interfaces.commands.common import corpus_paths as corpus_paths
from argmap.interfaces.commands.common import count_option as count_option
from argmap.interfaces.commands.common import emit as emit
from argmap.interfaces.commands.common import guarded
from argmap.interfaces.commands.common import load_corpus as load_corpus
from argmap.interfaces.commands.common import load_stances as load_stances
from argmap.interfaces.commands.common import load_version as load_version
from argmap.interfaces.commands.common import lookup as lookup
from argmap.interfaces.commands.common import progress_bar as progress_bar
from argmap.interfaces.commands.common import say as say
from argmap.interfaces.commands.common import settings as settings
from argmap.interfaces.commands.common import usage_error as usage_error
from argmap.interfaces.commands.common import use_color as use_color
from argmap.interfaces.commands.common import warn as warn

if TYPE_CHECKING:
    from argmap.model.config import Settings


class Format(str, Enum):
    """The output formats of the analyses. (Here, not in common: an enum costs start-up to build, and the
    quick path of `argmap check` never needs this one.)"""

    text = "text"
    json = "json"
    markdown = "markdown"

app = typer.Typer(
    name="argmap",
    help="Argument maps in YAML: check them, see who argues what, and diff positions.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion; values come from argmap.interfaces.completion
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

if "--install-completion" in sys.argv:  # only then: the fix costs an import that start-up need not pay
    from argmap.interfaces.completion import keep_bashrc_once

    keep_bashrc_once()

def argument(metavar: str, help: str, **more: Any) -> Any:
    """A command's argument as --help names (`metavar`) and describes it, with no default shown: typer's
    would be the empty list, or nothing at all."""
    return typer.Argument(metavar=metavar, help=help, show_default=False, **more)


# The options every command that reads a corpus spells the same way.
PathsArg = Annotated[Optional[list[str]], argument("[PATH]...", "Map files or directories (default: maps/).")]
OutputOpt = Annotated[Optional[str], typer.Option(
    "--output", "-o", metavar="FILE", help="Write to this file (- for standard output) instead of standard output.")]
ColorOpt = Annotated[ColorMode, typer.Option("--color", help="Colour the text output.")]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="text, json or markdown.")]
ConfigOpt = Annotated[Optional[str], typer.Option("--config", metavar="FILE", help="Read settings from this TOML file.")]
IsolatedOpt = Annotated[bool, typer.Option("--isolated", help="Ignore pyproject.toml and argmap.toml.")]
SourcesOpt = Annotated[Optional[list[str]], typer.Option(
    "--sources", metavar="DIR",
    help="Directory of article texts: check every quote. Repeat for a search path (first match wins).")]

# The options an analysis command ends with, in this order, as `common_options` adds them.
_COMMON: tuple[tuple[str, Any, Any], ...] = (
    ("output_format", FormatOption, Format.text),
    ("output", OutputOpt, None),
    ("color", ColorOpt, ColorMode.auto),
    ("config", ConfigOpt, None),
    ("isolated", IsolatedOpt, False),
)


@record(frozen=True)
class Common:
    """The options an analysis command ends with (--format, --output, --color, --config, --isolated), as the
    one argument `common_options` hands the command."""

    format: Format
    output: str | None
    color: ColorMode
    config: str | None
    isolated: bool

    def settings(self, **overrides: Any) -> Settings:
        return settings(self.config, self.isolated, **overrides)

    @property
    def progress(self) -> bool:
        """A progress bar may be drawn: not while writing a format made for machines."""
        return self.format is not Format.json

    @property
    def colored(self) -> bool:
        """Text to standard output, coloured as --color and the terminal allow."""
        return self.format is Format.text and not self.output and use_color(self.color)


def common_options(command: Callable[..., None]) -> Callable[..., None]:
    """`command`, which takes a keyword-only `common: Common`, as typer sees a command with the options of
    `Common` after its own (so in --help), declared once here instead of in every command."""
    import functools
    import inspect
    import typing

    hints = typing.get_type_hints(command, include_extras=True)
    params = [p.replace(annotation=hints.get(p.name, p.annotation))
              for p in inspect.signature(command).parameters.values() if p.name != "common"]
    params += [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=kind, default=default)
               for name, kind, default in _COMMON]

    @functools.wraps(command)
    def run(**given: Any) -> None:
        common = Common(*(given.pop(name) for name, _, _ in _COMMON))
        command(**given, common=common)

    # typer reads the parameters from the signature, their types from the annotations
    run.__signature__ = inspect.Signature(params, return_annotation=None)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in params} | {"return": None}
    return run


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"argmap {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Argument maps in YAML: check them, see who argues what, and diff positions."""


def command_name(command: typer.models.CommandInfo) -> str:
    return command.name or (command.callback.__name__ if command.callback else "").replace("_", "-")


def full_short_help(typer_app: typer.Typer) -> None:
    """Each command's whole first paragraph in the command lists of --help: click cuts it at the first
    sentence or about 45 characters ("Check maps: syntax, schema, references, structure,...")."""
    import inspect

    for info in typer_app.registered_commands:
        doc = info.help or (info.callback.__doc__ if info.callback else None)
        if info.short_help is None and doc:
            info.short_help = " ".join(inspect.cleandoc(doc).split("\n\n")[0].split())
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            full_short_help(group.typer_instance)


def run(only: str | None = None) -> None:
    """Run the command line; no traceback ever reaches the user. `only` names the command about to
    run (argmap.interfaces.entry knows it): typer then builds that one command, not all of them."""
    if only:
        app.registered_commands = [c for c in app.registered_commands if command_name(c) == only]
    else:
        # --help lists the commands in the order of the one table (argmap.interfaces.commands.COMMANDS), whichever
        # module happened to be imported first (a process that ran `links` before lists `evaluate` first)
        from argmap.interfaces.commands import COMMANDS

        order = {name: i for i, name in enumerate(COMMANDS)}
        app.registered_commands = sorted(app.registered_commands, key=lambda c: order.get(command_name(c), len(order)))
    full_short_help(app)
    guarded(app)
