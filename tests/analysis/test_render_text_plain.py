"""Plain text output (piped or saved) is written without rich, line by line: it must be exactly what rich
printed, with trailing blanks stripped, and lines and tables must keep their order."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from argmap.core.safetext import clean
from argmap.outputs.analysis.render_text import Out
from tests.profiles import scaled

PART = st.one_of(st.text(), st.tuples(st.text(), st.sampled_from(["bold", "red", "dim", ""])))


def through_rich(lines: list[list[str | tuple[str, str]]]) -> str:
    """How plain output was made before: every line printed by a rich console into a buffer."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=False, no_color=True, color_system=None, highlight=False,
                      emoji=False, markup=False, width=10_000, soft_wrap=True)
    for parts in lines:
        text = Text()
        for part in parts:
            text.append(clean(part if isinstance(part, str) else part[0]))
        console.print(text)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


@scaled(2)
@given(st.lists(st.lists(PART, max_size=4), max_size=4))
def test_plain_lines_are_what_rich_prints(lines: list[list[str | tuple[str, str]]]) -> None:
    out = io.StringIO()
    with Out(out, False) as o:
        for parts in lines:
            o.line(*parts)
    assert out.getvalue() == through_rich(lines)


def test_lines_and_tables_keep_their_order() -> None:
    out = io.StringIO()
    with Out(out, False) as o:
        o.line("before  ")
        table = o.table("agent", "Q1")
        table.add_row("ann", "+2")
        o.print(table)
        o.line("after")
    lines = out.getvalue().splitlines()
    assert lines[0] == "before" and lines[-1] == "after"
    assert any("ann" in line and "+2" in line for line in lines[1:-1])
    assert all(line == line.rstrip() for line in lines)
