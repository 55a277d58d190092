"""A command's common invocations parsed and run without typer, whose import is most of the start-up of a
command run on every save (`argmap check`). Only paths and the command's options spelled exactly as typer
declares them, each once (a repeatable option any number of times), with well-formed values: for anything
else (--help, `--opt=value`, `-vq`, `--`, a value typer would refuse, an unknown option, shell
completion, a word Windows would have typer expand) `parse` gives None and typer parses the command line, with its own help and messages.

The command line itself is declared once, as the typer command; a table of `Option`s only says how its
spellings map onto the command's parameters, and tests/test_quick_check.py holds it to the typer command
(every spelling, value and default, generated from the typer command's own parameters).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence

from argmap.interfaces.commands.common import guarded


class Option:
    """One parameter of the command: the spellings that set it, and how a value is read. (A plain class:
    a dataclass costs half a millisecond of start-up to build, this one nothing.)"""

    __slots__ = ("default", "flags", "many", "name", "off", "value")

    def __init__(self, name: str, flags: tuple[str, ...], default: object = None,
                 value: Callable[[str], object] | None = None, off: tuple[str, ...] = (), many: bool = False) -> None:
        self.name = name  # the parameter of the command's function
        self.flags = flags  # every spelling, long and short; a flag (no `value`) is True when given
        self.default = default
        self.value = value  # reads a value; ValueError for one typer would refuse
        self.off = off  # a --x/--no-x switch: the spellings that set it False
        self.many = many  # repeatable: the values in order, as a list


def at_least(least: int) -> Callable[[str], int]:
    """An integer of plain digits, at least `least` (as typer's `min=`); anything else is typer's to refuse."""

    def read(text: str) -> int:
        if not (text.isascii() and text.isdigit()) or int(text) < least:
            raise ValueError(text)
        return int(text)

    return read


def text(value: str) -> str:
    return value


def parse(argv: Sequence[str], options: Sequence[Option], argument: str) -> dict[str, object] | None:
    """The keyword arguments typer would call the command with for `argv` (the words after the command's
    name), `argument` being the parameter that takes the paths; None when typer is to parse `argv`."""
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ):
        return None  # click's shell completion (_ARGMAP_COMPLETE=...): typer answers it
    if os.name == "nt" and any(mark in word for word in argv for mark in "*?[~$%"):
        return None  # on Windows typer expands ~, variables and wildcards itself, as a shell would
    spelled: dict[str, tuple[Option, bool]] = {}
    for option in options:
        spelled.update({flag: (option, True) for flag in option.flags})
        spelled.update({flag: (option, False) for flag in option.off})
    given: dict[str, object] = {}
    paths: list[str] = []
    words = iter(argv)
    for word in words:
        if not word.startswith("-"):
            paths.append(word)
            continue
        if word not in spelled:
            return None
        option, on = spelled[word]
        value: object = on
        if option.value is not None:
            # typer takes the next word whatever it is; a value like an option is left to it
            following = next(words, None)
            if following is None or following.startswith("-"):
                return None
            try:
                value = option.value(following)
            except ValueError:
                return None
        if option.many:
            values = given.setdefault(option.name, [])
            assert isinstance(values, list)
            values.append(value)
        elif option.name in given:
            return None  # given twice: typer's rule (the last wins) is not copied here
        else:
            given[option.name] = value
    return {**{option.name: option.default for option in options}, **given, argument: paths or None}


def run(command: Callable[..., object], arguments: Mapping[str, object]) -> None:
    """Call `command` with `arguments` as typer would (its status on SystemExit, 130 on an interrupt,
    "Aborted!" on the end of input, 1 when the reader of standard output has gone) and as
    `argmap.interfaces.commands.base.run` does (no traceback ever reaches the user)."""

    def invoke() -> None:
        try:
            command(**arguments)
        except EOFError:
            sys.stderr.write("\nAborted!\n")
            sys.exit(1)
        except KeyboardInterrupt:
            sys.exit(130)
        except OSError as error:
            import errno  # only here: every check imports this module

            if error.errno != errno.EPIPE:
                raise
            sys.exit(1)

    guarded(invoke)
