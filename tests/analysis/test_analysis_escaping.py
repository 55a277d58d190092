"""Map text is data: hostile text can neither break a Markdown table, inject HTML, nor drive a terminal."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from argmap.outputs.analysis.render_markdown import md

from .conftest import CORPUS

HOSTILE = 'pipe | <script>alert(1)</script> & [bold red]red[/bold red] \\x1b[31mansi\\x1b[0m @someone *em* `code`\\nsecond line'


@pytest.fixture
def hostile(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    (root / ".git").mkdir()
    path = root / "bob-2020-reply.yaml"
    text = path.read_text()
    text = text.replace("text: The snow melt makes a flood likely this spring.", f'text: "{HOSTILE}"')
    text = text.replace('quote: "the snow melt is the heaviest on record"', f'quote: "{HOSTILE}"')
    text = text.replace("note: The flood is likely, he says, but not this year.", f'note: "{HOSTILE}"')
    path.write_text(text)
    return str(root)


def _table_rows(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("|")]


def _cells(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row))


def test_markdown_escapes(run, hostile):
    out = run("positions", "q-beta", hostile, "-f", "markdown").stdout
    assert "pipe \\| &lt;script&gt;" in out
    assert "<script>" not in out and "\x1b" not in out
    assert "\\[bold red\\]" in out and "\\*em\\*" in out and "\\`code\\`" in out
    assert "@someone" not in out  # no GitHub mention
    rows = _table_rows(out)
    assert len(rows) == 2 + 3  # header, rule, three agents: the newline did not split a row
    assert {_cells(r) for r in rows} == {_cells(rows[0])}
    diff = run("compare", "bob-baker", "alice-archer", hostile, "-f", "markdown").stdout
    assert {_cells(r) for r in _table_rows(diff)} == {7}


def test_text_output_is_literal(run, hostile):
    for color in ("never", "always"):
        out = run("positions", "q-beta", hostile, "--color", color).stdout
        assert "[bold red]red[/bold red]" in out  # printed, not interpreted as rich markup
        assert "\\x1b[31mansi" in out  # the escape is shown, not sent to the terminal
        assert "<script>" in out
        assert "second line" in out and "\\nsecond line" in out


def test_json_keeps_the_text(run, hostile):
    data = json.loads(run("positions", "q-beta", hostile, "-f", "json").stdout)
    bob = next(p for p in data["positions"] if p["agent"] == "bob-baker")
    assert bob["grounds"][0]["text"].startswith("pipe | <script>")
    assert "\x1b[31m" in bob["grounds"][0]["text"]


def test_md_function():
    assert md("a|b\nc") == "a\\|b c"
    assert md("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert md("x\x1by") == "x\\\\x1by"
    assert md("mail a@b.org, ping @dev") == "mail a@b.org, ping @\u2060dev"
