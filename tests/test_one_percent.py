"""One percentage and one colour band everywhere (issue 23): an agreement of 62.5% printed 63% in `matrix`
and 62% in the report and the charts, whose colour bands disagreed with the terminal's at 62.5 and 12.5."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.core import palette
from argmap.core.words import percent, whole_percent
from argmap.interfaces.cli import app
from argmap.outputs.analysis import fmt

AGENTS = """argmap: 1
agents:
  - id: ana
    name: Ana
  - id: ben
    name: Ben
  - id: cy
    name: Cy
"""
QUESTIONS = """argmap: 1
questions:
  - id: q-one
    proposition: One.
  - id: q-two
    proposition: Two.
"""


def a_map(ident: str, agent: str, one: int, two: int) -> str:
    return f"""argmap: 1
id: {ident}
source:
  title: T
  date: 2020-01-01
  authors: [{agent}]
thesis:
  id: t
  text: A thesis.
positions:
  - agent: author
    question: q-one
    stance: {one}
  - agent: author
    question: q-two
    stance: {two}
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    # ana and ben: closeness 75 and 50, agreement 62.5; ana and cy: 25 and 0, agreement 12.5
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "agents.yaml").write_text(AGENTS, encoding="utf-8")
    (maps / "questions.yaml").write_text(QUESTIONS, encoding="utf-8")
    (maps / "ana.yaml").write_text(a_map("ana", "ana", 2, 2), encoding="utf-8")
    (maps / "ben.yaml").write_text(a_map("ben", "ben", 1, 0), encoding="utf-8")
    (maps / "cy.yaml").write_text(a_map("cy", "cy", -1, -2), encoding="utf-8")
    return maps


def cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args),
                                env={"NO_COLOR": "1", "FORCE_COLOR": "", "COLUMNS": "200"})
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result.stdout


def test_62_5_prints_as_63_everywhere(corpus: Path, tmp_path: Path) -> None:
    pairs = {(p["a"], p["b"]): p for p in json.loads(cli("matrix", "-f", "json", str(corpus)))["agreement"]}
    assert pairs[("ana", "ben")]["agreement"] == 62.5  # the number itself, unrounded, in JSON
    assert pairs[("ana", "cy")]["agreement"] == 12.5
    text = cli("matrix", str(corpus))
    markdown = cli("matrix", "-f", "markdown", str(corpus))
    report = tmp_path / "report.html"
    cli("report", "-o", str(report), str(corpus))
    svg = tmp_path / "agreement.svg"
    cli("plot", "agreement", "-o", str(svg), str(corpus))
    drawn = svg.read_text(encoding="utf-8")
    for shown in (text, markdown, report.read_text(encoding="utf-8"), drawn):
        assert "63%" in shown and "13%" in shown
        assert "62%" not in shown and "12%" not in shown
    assert ">63<" in drawn and ">13<" in drawn  # the number in the cell


def test_the_report_and_the_chart_colour_a_cell_by_its_printed_band(corpus: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    cli("report", "-o", str(report), str(corpus))
    html = report.read_text(encoding="utf-8")
    for value in (62.5, 12.5):
        fill, ink = palette.agreement_fill(value, 2)
        assert f"background:{fill};color:{ink}" in html


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_the_band_is_the_band_of_the_printed_number(value: float) -> None:
    shown = whole_percent(value)
    assert percent(value) == fmt.percent(value) == f"{shown}%"
    assert palette.agreement_step(value) == palette.agreement_step(float(shown))


def test_half_rounds_up() -> None:
    assert [percent(v) for v in (12.5, 37.5, 62.5, 87.5)] == ["13%", "38%", "63%", "88%"]
    assert [palette.agreement_step(v) for v in (12.5, 37.5, 62.5, 87.5)] == [-1, 0, 1, 2]
    assert percent(None) == "—"
