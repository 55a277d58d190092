"""C009: a question that `refines` a broader one must imply it, directly or through a chain of `implies`."""

from __future__ import annotations

from pathlib import Path

from argmap.checks import refinements
from argmap.checks.engine import run
from argmap.model.config import Settings
from argmap.model.maps import Corpus, Question, Ref


def _registry(questions: dict[str, tuple[list[str], list[str]]]) -> Corpus:
    """questions: id -> (refines, implies)."""
    c = Corpus()
    for line, (qid, (broader, implied)) in enumerate(questions.items(), start=1):
        c.questions[qid] = Question(qid, f"{qid} holds.", refines=[Ref(b, line, 14) for b in broader],
                                    implies=[Ref(b, line, 30) for b in implied], path="questions.yaml", line=line)
    return c


def _codes(c: Corpus) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in refinements.check_registry(c)]


def test_a_refinement_without_implies_is_reported_on_the_refines() -> None:
    c = _registry({"annex": ([], []), "incorporate": (["annex"], [])})
    findings = list(refinements.check_registry(c))
    assert [(f.code, f.line, f.column) for f in findings] == [("C009", 2, 14)]
    assert "'incorporate' refines 'annex' but does not imply it" in findings[0].message
    assert findings[0].hint == ("add annex to implies, or drop refines if the question is a sibling rather than "
                                "a narrower one")


def test_implies_directly_or_through_a_chain_is_enough() -> None:
    assert _codes(_registry({"annex": ([], []), "incorporate": (["annex"], ["annex"])})) == []
    chain = {"annex": ([], []), "absorb": ([], ["annex"]), "incorporate": (["annex"], ["absorb"])}
    assert _codes(_registry(chain)) == []


def test_implying_the_other_way_is_not_enough() -> None:
    """The broader question implying the narrower one is the wrong direction."""
    c = _registry({"annex": ([], ["incorporate"]), "incorporate": (["annex"], [])})
    assert _codes(c) == [("C009", 2)]


def test_unknown_and_circular_refinements_are_left_to_c006_and_c008() -> None:
    assert _codes(_registry({"a": (["nope"], [])})) == [("C006", 1)]
    assert [code for code, _ in _codes(_registry({"a": (["b"], []), "b": (["a"], [])}))] == ["C008"]


def test_check_reports_it_from_questions_yaml(tmp_path: Path) -> None:
    (tmp_path / "questions.yaml").write_text(
        "argmap: 1\nquestions:\n  - id: annex\n    proposition: Russia seeks to annex Belarus.\n"
        "  - id: incorporate\n    proposition: Russia seeks formal incorporation.\n    refines: [annex]\n",
        encoding="utf-8")
    (tmp_path / "agents.yaml").write_text("argmap: 1\nagents: []\n", encoding="utf-8")
    result = run([str(tmp_path)], Settings())
    hits = [f for f in result.findings if f.code == "C009"]
    assert [(Path(f.path).name, f.line, f.column) for f in hits] == [("questions.yaml", 7, 15)]
    assert result.exit_code == 1


def test_the_implications_are_built_when_a_map_first_asks() -> None:
    """Most maps never ask (an agent must agree with one question and disagree with another in it): checking
    one map does not pay for condensing the whole `implies` graph of the registry."""
    from argmap.checks.consistency import Implications

    implied = Implications({"a": ["b"], "b": ["c"], "c": [], "d": ["d"]})
    assert implied._direct is not None  # nothing built yet
    assert implied.reaches("a", "c") and not implied.reaches("c", "a") and implied.reaches("d", "d")
    assert implied._direct is None
