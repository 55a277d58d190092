"""`refines`: narrower questions beneath broader ones, and a hierarchy without circles."""

from __future__ import annotations

from argmap.checks import refinements
from argmap.model.maps import Corpus, Question, Ref


def corpus(relations: dict[str, list[str]], implies: bool = True) -> Corpus:
    """Questions refining the broader ones named, and (unless `implies` is false) implying them (C009)."""
    registry = Corpus()
    for line, (qid, broader) in enumerate(relations.items(), start=1):
        registry.questions[qid] = Question(qid, f"{qid} holds.", refines=[Ref(b, line, 5) for b in broader],
                                           implies=[Ref(b, line, 5) for b in broader] if implies else [],
                                           path="questions.yaml", line=line)
    return registry


def test_narrower_questions_follow_their_broad_question() -> None:
    c = corpus({"annex": [], "incorporate": ["annex"], "control": ["annex"], "other": [], "deeper": ["control"]})
    assert refinements.narrower(c) == {"annex": ["incorporate", "control"], "control": ["deeper"]}
    order = refinements.in_hierarchy_order(c, ["other", "deeper", "control", "annex", "incorporate"])
    assert order == [("other", 0), ("annex", 0), ("incorporate", 1), ("control", 1), ("deeper", 2)]
    # A narrower question whose broad question is not shown keeps its own place.
    assert refinements.in_hierarchy_order(c, ["control", "deeper"]) == [("control", 0), ("deeper", 1)]


def test_a_circle_is_one_finding_and_its_members_are_still_shown() -> None:
    c = corpus({"a": ["c"], "b": ["a"], "c": ["b"], "d": ["a"]})
    findings = list(refinements.check_registry(c))
    assert [f.code for f in findings] == ["C008"]
    assert "a -> c -> b -> a" in findings[0].message
    assert sorted(q for q, _ in refinements.in_hierarchy_order(c, ["a", "b", "c", "d"])) == ["a", "b", "c", "d"]


def test_a_question_refining_itself_or_nothing_known() -> None:
    c = corpus({"a": ["a"], "b": ["nope"]})
    codes = sorted((f.code, f.line) for f in refinements.check_registry(c))
    assert codes == [("C006", 2), ("C008", 1)]


def test_a_long_chain_is_checked_without_recursion() -> None:
    n = 50_000
    c = corpus({f"q{i}": [f"q{i - 1}"] if i else [] for i in range(n)})
    assert list(refinements.check_registry(c)) == []
    assert refinements.in_hierarchy_order(c, [f"q{i}" for i in range(3)]) == [("q0", 0), ("q1", 1), ("q2", 2)]
    assert refinements.in_hierarchy_order(c, list(c.questions))[-1] == (f"q{n - 1}", n - 1)
