"""Consistency: each agent's stances agree with themselves and with the question registry."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from argmap import stance as scale
from argmap.checks import confusables
from argmap.diagnostics import Finding
from argmap.model import Corpus, Map, Position
from argmap.rules import RULES
from argmap.suggest import Suggester


def implications(corpus: Corpus) -> dict[str, set[str]]:
    """For each question, every question it implies, directly or through a chain."""
    direct = {qid: {r.id for r in q.implies if r.id in corpus.questions} for qid, q in corpus.questions.items()}
    closure: dict[str, set[str]] = {}
    for start in direct:
        seen: set[str] = set()
        frontier = list(direct[start])
        while frontier:
            nxt = frontier.pop()
            if nxt not in seen:
                seen.add(nxt)
                frontier.extend(direct.get(nxt, ()))
        closure[start] = seen
    return closure


def exclusions(corpus: Corpus) -> set[frozenset[str]]:
    return {frozenset((qid, r.id)) for qid, q in corpus.questions.items() for r in q.excludes
            if r.id in corpus.questions and r.id != qid}


def check_registry(corpus: Corpus) -> Iterator[Finding]:
    known = Suggester(corpus.questions)
    for q in corpus.questions.values():
        for ref in [*q.implies, *q.excludes]:
            if ref.id not in corpus.questions:
                yield RULES["C006"].at(q.path, ref.line, ref.column, f"question {ref.id!r} does not exist",
                                       known.hint(ref.id, "fix the id in questions.yaml"))
            elif ref.id == q.id:
                yield RULES["C007"].at(q.path, ref.line, ref.column, f"question {q.id!r} relates to itself",
                                       "remove the relation")
    closure = implications(corpus)
    for pair in sorted(exclusions(corpus), key=sorted):
        a, b = sorted(pair)
        if b in closure.get(a, ()) or a in closure.get(b, ()):
            q = corpus.questions[a]
            yield RULES["C007"].at(q.path, q.line, q.column,
                                   f"{a!r} and {b!r} both imply and exclude each other",
                                   "one of the relations is wrong; nobody could agree with the implying question")
    yield from confusables.check_agents(corpus)  # R011: the agents registry, checked once


def check_map(m: Map, corpus: Corpus, closure: dict[str, set[str]], excluded: set[frozenset[str]]) -> Iterator[Finding]:
    held: dict[tuple[str, str], Position] = {}
    for position in m.positions:
        if position.stance is None or not position.question.id:
            continue
        agent = m.agent_id(position.agent.id)
        key = (agent, position.question.id)
        if key in held:
            first = held[key]
            if first.stance == position.stance:
                yield RULES["C005"].at(m.path, position.line, position.column,
                                       f"{agent} on {key[1]} is recorded twice (line {first.line})",
                                       "merge the two positions")
            else:
                yield RULES["C001"].at(
                    m.path, position.line, position.column,
                    f"{agent} holds {scale.signed(position.stance)} on {key[1]} here but "
                    f"{scale.signed(first.stance or 0)} at line {first.line}",
                    "keep the one stance the text supports")
            continue
        held[key] = position
    stances: dict[str, dict[str, Position]] = defaultdict(dict)
    for (agent, question), position in held.items():
        stances[agent][question] = position
    for agent, mine in stances.items():
        for a, pa in mine.items():
            if (pa.stance or 0) <= 0:
                continue
            for b in sorted(closure.get(a, ())):
                pb = mine.get(b)
                if pb and (pb.stance or 0) < 0:
                    yield RULES["C002"].at(
                        m.path, pb.line, pb.column,
                        f"{agent} agrees that {a} but disagrees that {b}, which it implies",
                        f"check both stances, or the `implies` relation of {a} in questions.yaml")
            for b, pb in mine.items():
                if a < b and frozenset((a, b)) in excluded and (pb.stance or 0) > 0:
                    later = max(pa, pb, key=lambda p: (p.line, p.column))
                    yield RULES["C003"].at(
                        m.path, later.line, later.column,
                        f"{agent} agrees with both {a} and {b}, which exclude each other",
                        "check both stances, or the `excludes` relation in questions.yaml")
