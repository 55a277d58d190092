"""Answers that show their age and their source (issue 12): silences, --as-of, the two populations,
agreements on one shared question, and narrower questions beneath broader ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from argmap.analysis import positions as analysis
from argmap.analysis.positions import dated_by
from argmap.model.corpus import load_corpus

from .conftest import CORPUS


@pytest.fixture
def refined(tmp_path: Path) -> Path:
    """The hand-worked corpus with q-gamma refining q-alpha."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    questions = target / "questions.yaml"
    questions.write_text(questions.read_text().replace(
        "    proposition: The town council acts in good faith.\n",
        "    proposition: The town council acts in good faith.\n    refines: [q-alpha]\n"))
    return target


def test_a_later_article_silent_on_a_question_is_named(run) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("positions", "q-beta", str(CORPUS), "-f", "json").stdout)
    alice = next(p for p in data["positions"] if p["agent"] == "alice-archer")
    assert alice["map"] == "alice-2020-first" and alice["latest"]
    assert alice["silent_later"] == [{"map": "alice-2021-second", "date": "2021"}]
    text = run("positions", "q-beta", str(CORPUS)).stdout
    assert "as of alice-2020-first (2020-01); Alice Archer's later article alice-2021-second (2021) is silent on it" in text
    # A question the later article answers is not silent.
    alpha = json.loads(run("positions", "q-alpha", str(CORPUS), "-f", "json").stdout)
    assert all(p["silent_later"] == [] for p in alpha["positions"])
    assert "is silent on it" in run("positions", "q-beta", str(CORPUS), "-f", "markdown").stdout


@pytest.mark.parametrize(("date", "as_of", "counts"), [
    ("2021", "2021-06", True), ("2021-09-21", "2021-09", True), ("2021-09-21", "2021-08", False),
    ("2020-01", "2021", True), ("9999", "2030", False), ("2021-06-01", "2021-05-31", False),
])
def test_dated_by_compares_at_the_precision_both_have(date: str, as_of: str, counts: bool) -> None:
    assert dated_by(date, as_of) is counts


def test_as_of_answers_as_of_a_date(run) -> None:  # type: ignore[no-untyped-def]
    now = json.loads(run("positions", "q-alpha", str(CORPUS), "-f", "json").stdout)
    then = json.loads(run("positions", "q-alpha", str(CORPUS), "--as-of", "2020-06", "-f", "json").stdout)
    assert then["as_of"] == "2020-06" and now["as_of"] is None
    alice_now = next(p for p in now["positions"] if p["agent"] == "alice-archer" and p["latest"])
    alice_then = next(p for p in then["positions"] if p["agent"] == "alice-archer" and p["latest"])
    assert alice_now["map"] == "alice-2021-second" and alice_then["map"] == "alice-2020-first"
    assert all(p["date"][:7] <= "2020-06" for p in then["positions"])  # June 15 counts as of June
    assert "As of 2020-06 (maps dated later are left out)" in run("positions", "q-alpha", str(CORPUS), "--as-of", "2020-06").stdout
    assert "give a date" in run("positions", "q-alpha", str(CORPUS), "--as-of", "June", code=2).stderr


def test_authors_and_quoted_people_are_counted_apart(run) -> None:  # type: ignore[no-untyped-def]
    authors = json.loads(run("positions", "q-alpha", str(CORPUS), "--authors-only", "-f", "json").stdout)
    quoted = json.loads(run("positions", "q-alpha", str(CORPUS), "--quoted-only", "-f", "json").stdout)
    assert authors["population"] == "authors" and quoted["population"] == "quoted"
    assert authors["positions"] and all(p["is_author"] for p in authors["positions"])
    assert quoted["positions"] and not any(p["is_author"] for p in quoted["positions"])
    both = run("positions", "q-alpha", str(CORPUS), "--authors-only", "--quoted-only", code=2)
    assert "exclude each other" in both.stderr
    matrix = json.loads(run("matrix", str(CORPUS), "--quoted-only", "-f", "json").stdout)
    assert matrix["population"] == "quoted" and "carol-cole" in {a["id"] for a in matrix["agents"]}
    assert "people quoted in the maps" in run("matrix", str(CORPUS), "--quoted-only").stdout
    compared = json.loads(run("compare", "alice-archer", "carol-cole", str(CORPUS), "--authors-only", "-f", "json").stdout)
    assert compared  # carol is quoted only: under --authors-only she has no stance left to compare


def test_an_agreement_on_one_shared_question_is_marked_and_min_shared_hides_it(run) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("matrix", str(CORPUS), "-f", "json").stdout)
    ones = [p for p in data["agreement"] if p["shared"] == 1]
    assert ones, "the hand-worked corpus has a pair sharing one question"
    text = run("matrix", str(CORPUS)).stdout
    assert "(1)*" in text and "* = resting on one shared question" in text
    assert "(1)\\*" in run("matrix", str(CORPUS), "-f", "markdown").stdout  # * escaped in Markdown
    strict = json.loads(run("matrix", str(CORPUS), "--min-shared", "2", "-f", "json").stdout)
    assert strict["min_shared"] == 2 and all(p["shared"] >= 2 for p in strict["agreement"])
    hidden = run("matrix", str(CORPUS), "--min-shared", "2").stdout
    assert "(1)*" not in hidden and "fewer than 2 questions are left blank" in hidden


def test_narrower_questions_are_shown_beneath_their_broad_question(run, refined: Path) -> None:  # type: ignore[no-untyped-def]
    items = analysis.positions(load_corpus([str(refined)])[0])
    order = [(qp.question, qp.depth, qp.broader) for qp in items]
    assert order[:2] == [("q-alpha", 0, None), ("q-gamma", 1, "q-alpha")]
    text = run("positions", str(refined)).stdout
    assert "↳ q-gamma" in text and "(narrower question of q-alpha)" in text
    data = json.loads(run("positions", str(refined), "-f", "json").stdout)
    assert next(q for q in data["questions"] if q["question"] == "q-gamma")["refines"] == "q-alpha"
    matrix = json.loads(run("matrix", str(refined), "-f", "json").stdout)
    assert next(q for q in matrix["questions"] if q["id"] == "q-gamma")["refines"] == ["q-alpha"]
    assert "(narrower question of q-alpha)" in run("matrix", str(refined)).stdout
    assert "(narrower question of q-alpha)" in run("compare", "alice-archer", "bob-baker", str(refined)).stdout


def test_the_reports_question_headline_states_its_sample(run, refined: Path) -> None:  # type: ignore[no-untyped-def]
    page = run("report", str(refined)).stdout
    assert 'class="meta sample">Answered by ' in page
    assert "narrower question of <code>q-alpha</code>" in page
