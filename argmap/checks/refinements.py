"""Questions that refine broader ones (`refines` in questions.yaml): the hierarchy the analyses show a
broad question with its narrower questions beneath, and the rules that keep it a hierarchy.

A narrower question is one whose agreement is agreement with the broader: "Russia seeks formal
incorporation" narrows "Russia seeks to annex or absorb Belarus" because seeking the one is seeking the
other. The logic itself is `implies`'s to say (C002 checks stances against it), so a `refines` must come
with an `implies` of the broader question, directly or through a chain (C009); a question that only sits
beside another on the same subject is a sibling, not a refinement.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks.consistency import implications
from argmap.core.diagnostics import Finding
from argmap.core.didyoumean import Suggester
from argmap.core.graphs import cycles
from argmap.core.rules import REFINEMENT_CYCLE, REFINEMENT_NOT_IMPLIED, RELATION_UNKNOWN_QUESTION
from argmap.model.maps import Corpus


def broader_of(corpus: Corpus, question: str) -> str | None:
    """The registered question that `question` refines (the first it names), if any."""
    q = corpus.questions.get(question)
    return next((r.id for r in q.refines if r.id in corpus.questions and r.id != question), None) if q else None


def narrower(corpus: Corpus) -> dict[str, list[str]]:
    """Each broad question's narrower questions, in registry order (known questions only, no self)."""
    out: dict[str, list[str]] = {}
    for qid, question in corpus.questions.items():
        for ref in question.refines:
            if ref.id in corpus.questions and ref.id != qid and qid not in out.get(ref.id, []):
                out.setdefault(ref.id, []).append(qid)
    return out


def in_hierarchy_order(corpus: Corpus, ids: list[str]) -> list[tuple[str, int]]:
    """`ids` with each broad question followed by its narrower ones (depth-first), as (id, depth): the
    order positions, matrix and the report show questions in. Ids outside the registry keep their place."""
    below = narrower(corpus)
    wanted = set(ids)
    has_parent = {child for children in below.values() for child in children if child in wanted}
    out: list[tuple[str, int]] = []
    placed: set[str] = set()

    def place(root: str) -> None:
        stack = [(root, 0)]  # depth first, without recursion: a chain may be long
        while stack:
            qid, depth = stack.pop()
            if qid in placed:  # a question that refines two broader ones is shown under the first
                continue
            placed.add(qid)
            out.append((qid, depth))
            stack.extend((child, depth + 1) for child in reversed(below.get(qid, [])) if child in wanted)

    for qid in ids:
        if qid not in has_parent:
            place(qid)
    for qid in ids:  # in a cycle (C008) every member has a parent: shown rather than lost
        if qid not in placed:
            place(qid)
    return out


def check_registry(corpus: Corpus) -> Iterator[Finding]:
    """C006 for a `refines` that names no question, C008 for a circle of refinements (reported once, on
    the question where the circle is found to close), C009 for a `refines` the question does not imply."""
    known = Suggester(corpus.questions)
    for question in corpus.questions.values():
        for ref in question.refines:
            if ref.id not in corpus.questions:
                yield RELATION_UNKNOWN_QUESTION.at(question.path, ref.line, ref.column, f"question {ref.id!r} does not exist",
                                                   known.hint(ref.id, "fix the id in questions.yaml"))
    broader = {qid: [r.id for r in q.refines if r.id in corpus.questions] for qid, q in corpus.questions.items()}
    in_circle: set[str] = set()
    for circle in cycles(broader):
        in_circle.update(circle)
        qid, target = circle[-2], circle[-1]
        question = corpus.questions[qid]
        ref = next(r for r in question.refines if r.id == target)
        yield REFINEMENT_CYCLE.at(question.path, ref.line, ref.column,
                                  "questions refine each other in a circle: " + " -> ".join(circle),
                                  f"remove `refines: [{target}]` from {qid}, or another link of the circle")
    implied = implications(corpus)
    for question in corpus.questions.values():
        if question.id in in_circle:  # the circle (C008) is the defect to mend first: one defect, one finding
            continue
        for ref in question.refines:
            if ref.id in corpus.questions and ref.id != question.id and not implied.reaches(question.id, ref.id):
                yield REFINEMENT_NOT_IMPLIED.at(
                    question.path, ref.line, ref.column,
                    f"{question.id!r} refines {ref.id!r} but does not imply it: agreeing with the narrower "
                    "question would not be agreeing with the broader one",
                    f"add {ref.id} to implies, or drop refines if the question is a sibling rather than a "
                    "narrower one")
