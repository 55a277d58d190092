"""`positions` at 80 and 120 columns (issue 21): long lines wrap with a hanging indent, in a terminal and
in plain output when COLUMNS is set, so `because:`, quotes and notes keep their place; `--compact` gives
one line per agent."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.interfaces.cli import app
from argmap.outputs.analysis.render_text import Out, wrap_spans

ANSI = re.compile(r"\x1b\[[0-9;]*m")
MAPS = "maps"
QUESTION = "integration-stays-gradual"


def positions(*args: str, columns: int | None, color: bool) -> list[str]:
    env = {"NO_COLOR": "", "FORCE_COLOR": ""}
    if columns:
        env["COLUMNS"] = str(columns)
    result = CliRunner().invoke(app, ["positions", *args, "--color", "always" if color else "never"], env=env)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return ANSI.sub("", result.stdout).splitlines()


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def rejoin(wrapped: list[str], logical: list[str], width: int) -> None:
    """Each logical line is its wrapped lines joined again; every continuation line is indented at least as
    deep as the line it continues (deeper than a heading), and no line is wider than `width`."""
    at = 0
    for line in logical:
        first = wrapped[at]
        assert line.startswith(first.rstrip()), (first, line)
        assert len(first) <= width, first
        rest = line[len(first):].lstrip(" ")
        at += 1
        while rest:
            more = wrapped[at]
            assert indent(more) >= max(indent(first), 2), (first, more)
            assert len(more) <= width, more
            assert rest.startswith(more.strip()), (rest, more)
            rest = rest[len(more.strip()):].lstrip(" ")
            at += 1
    assert at == len(wrapped)


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("question", [QUESTION, None])
def test_positions_keep_their_indentation(in_root: object, columns: int, color: bool, question: str | None) -> None:
    args = [question] if question else []
    logical = positions(*args, columns=None, color=False)
    wrapped = positions(*args, columns=columns, color=color)
    assert max(len(line) for line in logical) > columns  # there is something to wrap
    rejoin(wrapped, logical, columns)
    becauses = [n for n, line in enumerate(wrapped) if line.lstrip().startswith("because: ")]
    assert becauses
    for n in becauses:  # the reason's own continuation lines stand under its first word
        follow = wrapped[n + 1]
        if not follow.lstrip().startswith(("“", "because", "note:")) and indent(follow) > 6:
            assert indent(follow) == indent(wrapped[n]) + len("because: ")


def test_plain_output_is_unwrapped_without_columns(in_root: object) -> None:
    assert max(len(line) for line in positions(QUESTION, columns=None, color=False)) > 200


def test_compact_is_one_line_per_agent(in_root: object) -> None:
    full = positions(QUESTION, columns=None, color=False)
    compact = positions(QUESTION, "--compact", columns=None, color=False)
    assert len(compact) < len(full) // 4
    rows = [line for line in compact[2:] if line.strip()]
    summary = compact[1]
    agents = int(summary.split()[0])
    assert len(rows) == agents
    assert all("because:" not in line and "“" not in line for line in compact)
    assert all(re.match(r"^ +[+-]?\d ", row) for row in rows)
    result = CliRunner().invoke(app, ["positions", QUESTION, "--compact", "--format", "markdown"])
    assert result.exit_code == 0 and "| Agent | Stance | Where | Date |" in result.stdout


def test_a_word_longer_than_the_line_is_folded_never_lost() -> None:
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COLUMNS", "30")
        with Out(out, False) as o:
            o.line("    note: ", "x" * 70, hang=10)
    lines = out.getvalue().splitlines()
    assert "".join(line.strip() for line in lines) == "note:" + "x" * 70
    assert all(len(line) <= 30 for line in lines)


@given(st.text(alphabet=st.sampled_from("ab c"), max_size=200), st.integers(25, 120), st.integers(0, 40))
def test_wrap_spans_keep_every_word_in_order(text: str, width: int, hang: int) -> None:
    hang = min(hang, width - 20)
    spans = wrap_spans(text, width, hang)
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "")
    assert len(spans[0]) and all(b - a <= (width if n == 0 else width - hang) for n, (a, b) in enumerate(spans))
