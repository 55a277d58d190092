"""Consistency: each agent's stances agree with themselves and with the question registry."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from argmap.core import stance as scale
from argmap.core.diagnostics import Finding
from argmap.core.didyoumean import Suggester
from argmap.core.graphs import strong_components
from argmap.core.rules import (
    CONFLICTING_STANCES,
    DUPLICATE_POSITION,
    EXCLUSION_BROKEN,
    IMPLICATION_BROKEN,
    POSITION_WITHOUT_BASIS,
    RELATION_CONTRADICTION,
    RELATION_UNKNOWN_QUESTION,
)
from argmap.model.maps import Corpus, Map, Position


class Implications:
    """Which questions a question implies, directly or through a chain, answered one pair at a time.

    The transitive closure is quadratic in the registry (a chain of 8,000 `implies` held 32 million
    pairs: 4.2 GB), and the checks only ever ask about pairs that both appear in one exclusion or in one
    agent's stances. So the `implies` graph is condensed into its strongly connected components (every
    question of a cycle implies every other), and each component gets two interval labels from
    depth-first traversals in opposite child orders: if a reaches b, b's intervals lie inside a's. Most
    pairs that do not reach are told apart by the labels alone; the rest are settled by a search that
    prunes every branch whose intervals cannot hold b. Building is linear in the registry; on a chain or
    a tree the labels alone answer every question.
    """

    def __init__(self, direct: dict[str, list[str]]) -> None:
        self._direct: dict[str, list[str]] | None = direct  # built on the first question (_build)

    def _build(self) -> None:
        """The components and their labels: only once a map asks (most maps never do: an agent must agree with
        one question and disagree with another in it), so that checking one map does not pay for the registry."""
        direct = self._direct
        assert direct is not None
        self.component, cyclic = _components(direct)
        succ: list[set[int]] = [set() for _ in cyclic]
        for a, targets in direct.items():
            ca = self.component[a]
            for b in targets:
                cb = self.component[b]
                if cb != ca:
                    succ[ca].add(cb)
        self.cyclic = cyclic  # components in which a question implies itself (a cycle, or implies: [itself])
        self.succ = [sorted(s) for s in succ]
        self.labels = [_intervals(self.succ, reverse) for reverse in (False, True)]
        self._direct = None

    def _inside(self, a: int, b: int) -> bool:
        return all(low[a] <= low[b] and post[b] <= post[a] for low, post in self.labels)

    def reaches(self, a: str, b: str) -> bool:
        """Whether `a` implies `b` through one or more `implies`."""
        if self._direct is not None:
            self._build()
        ca, cb = self.component.get(a), self.component.get(b)
        if ca is None or cb is None:
            return False
        if ca == cb:
            return a != b or self.cyclic[ca]
        if not self._inside(ca, cb):
            return False
        seen = {ca}
        stack = [ca]
        while stack:
            for nxt in self.succ[stack.pop()]:
                if nxt == cb:
                    return True
                if nxt not in seen and self._inside(nxt, cb):
                    seen.add(nxt)
                    stack.append(nxt)
        return False


def _components(direct: dict[str, list[str]]) -> tuple[dict[str, int], list[bool]]:
    """Each question's strongly connected component, numbered so that edges go from higher to lower
    numbers, and whether each component holds a cycle."""
    component: dict[str, int] = {}
    cyclic: list[bool] = []
    for ident, members in enumerate(strong_components(direct, direct)):
        for member in members:
            component[member] = ident
        cyclic.append(len(members) > 1 or members[0] in direct.get(members[0], ()))
    return component, cyclic


def _intervals(succ: list[list[int]], reverse: bool) -> tuple[list[int], list[int]]:
    """One interval label per component of the condensed (acyclic) graph: its rank in a post-order
    traversal, and the lowest rank among everything it reaches."""
    count = len(succ)
    post = [-1] * count
    low = [0] * count
    rank = 0
    roots = range(count - 1, -1, -1)  # higher numbers first: the sources of the edges
    for root in (reversed(roots) if reverse else roots):
        if post[root] >= 0:
            continue
        post[root] = -2  # on the path
        work: list[tuple[int, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            children = succ[node]
            if i < len(children):
                work.append((node, i + 1))
                child = children[-1 - i] if reverse else children[i]
                if post[child] == -1:
                    post[child] = -2
                    work.append((child, 0))
                continue
            post[node] = rank
            low[node] = min([rank, *(low[c] for c in children)])
            rank += 1
    return low, post


def implications(corpus: Corpus) -> Implications:
    """The `implies` relation of the registry, with chains followed (see `Implications`)."""
    return Implications({qid: [r.id for r in q.implies if r.id in corpus.questions]
                         for qid, q in corpus.questions.items()})


def exclusions(corpus: Corpus) -> set[frozenset[str]]:
    return {frozenset((qid, r.id)) for qid, q in corpus.questions.items() for r in q.excludes
            if r.id in corpus.questions and r.id != qid}


def check_registry(corpus: Corpus) -> Iterator[Finding]:
    known = Suggester(corpus.questions)
    for q in corpus.questions.values():
        for ref in [*q.implies, *q.excludes]:
            if ref.id not in corpus.questions:
                yield RELATION_UNKNOWN_QUESTION.at(q.path, ref.line, ref.column, f"question {ref.id!r} does not exist",
                                                   known.hint(ref.id, "fix the id in questions.yaml"))
            elif ref.id == q.id:
                yield RELATION_CONTRADICTION.at(q.path, ref.line, ref.column, f"question {q.id!r} relates to itself",
                                                "remove the relation")
    implied = implications(corpus)
    for pair in sorted(exclusions(corpus), key=sorted):
        a, b = sorted(pair)
        if implied.reaches(a, b) or implied.reaches(b, a):
            q = corpus.questions[a]
            yield RELATION_CONTRADICTION.at(q.path, q.line, q.column,
                                            f"{a!r} and {b!r} both imply and exclude each other",
                                            "one of the relations is wrong; nobody could agree with the implying question")
    from argmap.checks import confusables  # (here: a re-check has the registry's findings from the cache)

    yield from confusables.check_agents(corpus)  # R011: the agents registry, checked once


BASIS_HINT = ("add `basis:` stated (the speaker's own words), reported (the author's paraphrase), "
              "act (a petition, vote, protest...) or inferred")


def check_map(m: Map, corpus: Corpus, implied: Implications, excluded: set[frozenset[str]]) -> Iterator[Finding]:
    held: dict[tuple[str, str], Position] = {}
    for position in m.positions:
        if not position.basis_written:
            who = position.agent.id or "the agent"
            on = f" on {position.question.id}" if position.question.id else ""
            yield POSITION_WITHOUT_BASIS.at(m.path, position.line, position.column,
                                            f"the stance of {who}{on} does not say how it is known", BASIS_HINT)
        if position.stance is None or not position.question.id:
            continue
        agent = m.agent_id(position.agent.id)
        key = (agent, position.question.id)
        if key in held:
            first = held[key]
            if first.stance == position.stance:
                yield DUPLICATE_POSITION.at(m.path, position.line, position.column,
                                            f"{agent} on {key[1]} is recorded twice (line {first.line})",
                                            "merge the two positions")
            else:
                yield CONFLICTING_STANCES.at(
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
        # only pairs of this agent's own stances are asked about: |agreed| x |disagreed| questions
        against = sorted(q for q, p in mine.items() if (p.stance or 0) < 0)
        for a, pa in mine.items():
            if (pa.stance or 0) <= 0:
                continue
            for b in against:
                pb = mine[b]
                if implied.reaches(a, b):
                    yield IMPLICATION_BROKEN.at(
                        m.path, pb.line, pb.column,
                        f"{agent} agrees that {a} but disagrees that {b}, which it implies",
                        f"check both stances, or the `implies` relation of {a} in questions.yaml")
            for b, pb in mine.items():
                if a < b and frozenset((a, b)) in excluded and (pb.stance or 0) > 0:
                    later = max(pa, pb, key=lambda p: (p.line, p.column))
                    yield EXCLUSION_BROKEN.at(
                        m.path, later.line, later.column,
                        f"{agent} agrees with both {a} and {b}, which exclude each other",
                        "check both stances, or the `excludes` relation in questions.yaml")
