"""`matrix` text in an 80- or 100-column terminal (issue 10): tables cut into pages of columns, agents by
number with a legend when needed, never a column cut short with "…"."""

from __future__ import annotations

import io
import re

import pytest

from argmap.analysis import agreement
from argmap.analysis.positions import StanceEntry
from argmap.model.maps import Corpus, Question
from argmap.outputs.analysis import render_text

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def table(agents: int, questions: int) -> agreement.StanceMatrix:
    """Agents with long ids, each answering most of `questions` questions with long ids."""
    names = [f"agent-with-a-rather-long-identifier-{i:03d}" for i in range(agents)]
    qids = [f"question-about-something-contested-{j:03d}" for j in range(questions)]
    cells = {(a, q): StanceEntry(agent=a, agent_name=a, question=q, stance=(i + j) % 5 - 2, map="m", map_title="",
                                 date="2021", sort_date="2021", is_author=True)
             for i, a in enumerate(names) for j, q in enumerate(qids) if (i * 7 + j) % 5}
    return agreement.StanceMatrix(names, qids, cells, {a: a for a in names})


def render(m: agreement.StanceMatrix, color: bool) -> str:
    corpus = Corpus(questions={q: Question(q, f"Proposition {q}.") for q in m.questions})
    out = io.StringIO()
    render_text.matrix(m, agreement.agreements(m), agreement.divisiveness(m), corpus, out, color, limit=30)
    return ANSI.sub("", out.getvalue())


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("color", [True, False])
def test_matrix_fits_the_terminal_and_cuts_nothing_short(columns: int, color: bool,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    m = table(agents=40, questions=24)
    text = render(m, color)
    assert "…" not in text
    shown = agreement.busiest_agents(m, 30)
    lines = text.splitlines()
    for agent in shown:
        assert any(agent in line for line in lines), agent
    for question in m.questions:
        assert any(question in line for line in lines), question
    tables = [line for line in lines if not line.startswith(("  Q", "Stances", "The stance", "Agreement", "both",
                                                             "Questions", "Divides", "Agreed", "divisiveness"))]
    assert max(len(line) for line in tables) <= columns, max(tables, key=len)
    # every stance cell is there: one row per shown agent on each page, 24 question columns in all
    assert sum(len(re.findall(r"\bQ\d+\b", line)) for line in lines if line.startswith("agent ")) == 24


def test_matrix_without_columns_is_one_table_when_piped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    text = render(table(agents=5, questions=24), color=False)
    assert sum(1 for line in text.splitlines() if line.startswith("agent ")) == 1
