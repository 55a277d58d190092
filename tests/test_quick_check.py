"""`argmap check`'s quick path (argmap.interfaces.commands.quick, run without typer) understands every command line it
takes as the typer command does, and leaves every other to typer. The cases are generated from the typer
command's own parameters, so that an option added to, renamed in or removed from `check` fails here until
the quick path's table (argmap.interfaces.commands.checking.CHECK_LINE) says the same."""

from __future__ import annotations

import os
from itertools import chain
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

import argmap.interfaces.commands.check as check_module
from argmap.interfaces.cli import app
from argmap.interfaces.commands.checking import CHECK_LINE
from argmap.interfaces.commands.quick import parse


def _check_command() -> Any:
    return typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]


# click's classes are typer's own (typer._click) from typer 0.23, the click package's before: read by their
# attributes, as either.
def _options() -> list[Any]:
    return [p for p in _check_command().params if p.param_type_name == "option"]


def _choices(option: Any) -> list[str] | None:
    choices = getattr(option.type, "choices", None)
    return None if choices is None else [str(choice) for choice in choices]


def _least(option: Any) -> int | None:
    """The least value of an integer option (typer's `min=`), else None."""
    return int(option.type.min or 0) if hasattr(option.type, "min") else None


def _samples(option: Any) -> list[str]:
    """Values the option takes, as a user types them."""
    least = _least(option)
    return _choices(option) or ([str(least), str(least + 7)] if least is not None else ["x", "E1,C2", "a b"])


def _spellings(option: Any) -> list[str]:
    return [*option.opts, *option.secondary_opts]


def _cases() -> list[list[str]]:
    """Every spelling of every option with each sample value (a repeatable one twice), alone and between
    paths; no option at all; and every option at once."""
    cases: list[list[str]] = [[], ["a.yaml"], ["a.yaml", "b", "c/"]]
    every: list[str] = []
    for option in _options():
        for spelling in _spellings(option):
            given = [[spelling]] if option.is_flag else [[spelling, value] for value in _samples(option)]
            if option.multiple:
                given.append([*given[0], *given[-1]])
            for words in given:
                cases += [words, ["a.yaml", *words, "b"]]
        every += [option.opts[0]] if option.is_flag else [option.opts[0], _samples(option)[0]]
    cases.append(["a.yaml", *every, "b"])
    return cases


def _typer_reads(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """The arguments the typer command gives run_check for `argmap check ARGV`."""
    seen: list[dict[str, object]] = []
    monkeypatch.setattr(check_module, "run_check", lambda **arguments: seen.append(arguments))
    result = CliRunner().invoke(app, ["check", *argv])
    assert result.exit_code == 0 and len(seen) == 1, (argv, result.output)
    return seen[0]


def test_the_quick_path_knows_exactly_the_spellings_of_the_typer_command() -> None:
    typer_spellings = set(chain.from_iterable(_spellings(option) for option in _options()))
    quick_spellings = set(chain.from_iterable((*option.flags, *option.off) for option in CHECK_LINE))
    assert quick_spellings == typer_spellings
    assert {option.name for option in CHECK_LINE} == {option.name for option in _options()}
    assert [p.name for p in _check_command().params if p.param_type_name == "argument"] == ["paths"]


@pytest.mark.parametrize("argv", _cases(), ids=" ".join)
def test_the_quick_path_reads_a_command_line_as_typer_does(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    quick = parse(argv, CHECK_LINE, "paths")
    assert quick is not None, f"the quick path leaves {argv} to typer"
    typer_reads = _typer_reads(argv, monkeypatch)
    assert quick == typer_reads
    assert {k: type(v) for k, v in quick.items()} == {k: type(v) for k, v in typer_reads.items()}  # a list as a list


def _left_to_typer() -> list[list[str]]:
    """Command lines typer answers with its help or its own error, or reads by rules the quick path does not
    copy: each spelling without its value, with a value like an option, with a value typer refuses, glued
    to its value, or given twice."""
    cases = [["--help"], ["-h"], ["a.yaml", "--help"], ["--"], ["--", "-a.yaml"], ["-vq"], ["-fjson"], ["-j2"],
             ["--no-such-option"], ["-"], ["a.yaml", "--verbos"]]
    for option in _options():
        for spelling in _spellings(option):
            if option.is_flag:
                cases += [[spelling, spelling], [f"{spelling}=1"]]
                continue
            value = _samples(option)[0]
            cases += [[spelling], ["a.yaml", spelling], [spelling, "-"], [spelling, "--strict"], [f"{spelling}={value}"]]
            if not option.multiple:
                cases.append([spelling, value, spelling, value])
            if _choices(option):
                cases += [[spelling, "no-such-choice"], [spelling, value.upper()]]
            least = _least(option)
            if least is not None:
                cases += [[spelling, str(least - 1)], [spelling, "1.5"], [spelling, "²"], [spelling, "1_0"]]
    return cases


@pytest.mark.parametrize("argv", _left_to_typer(), ids=" ".join)
def test_anything_else_is_left_to_typer(argv: list[str]) -> None:
    assert parse(argv, CHECK_LINE, "paths") is None


def test_shell_completion_is_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_ARGMAP_COMPLETE", "complete_bash")
    assert parse(["a.yaml"], CHECK_LINE, "paths") is None


@pytest.mark.parametrize("word", ["maps/*.yaml", "~/maps", "%MAPS%", "$MAPS"])
def test_what_typer_expands_on_windows_is_left_to_it(word: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert parse([word], CHECK_LINE, "paths") is not None  # elsewhere the shell has expanded it, or not
    monkeypatch.setattr(os, "name", "nt")
    assert parse([word], CHECK_LINE, "paths") is None
    assert parse(["maps"], CHECK_LINE, "paths") is not None
