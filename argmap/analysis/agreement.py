"""Who agrees with whom: the stance matrix, pairwise agreement, and how much each question divides.

The measures (documented in docs/analysis.md, one sentence each):

- Every agent counts with its *latest* stance on a question (by map date, then map id).
- **Agreement** of two agents = 100 × (1 − mean |a − b| / 4) over the questions both answer, in
  percent: 100% means identical stances on every shared question, 0% means +2 against −2 on every one.
  Pairs with no shared question have no agreement (`None`, printed "—"), never 0% or 100%.
- **Same side** / **opposite side**: of the shared questions, how many both agree, both disagree or both
  stand neutral / how many one agrees with and the other disagrees with.
- **Consensus** of a question = the mean agreement over every pair of agents answering it.
- **Divisiveness** of a question = the share of those pairs that stand on opposite sides, in percent.
  Both need at least two agents; with fewer they are `None`.

Public API (also used by the HTML report): `stance_matrix`, `agreement_table`, `pair_agreement`,
`divisiveness`, `most_divisive`, `most_agreed`.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field

from argmap.analysis.positions import StanceEntry, latest, question_ids, stance_entries
from argmap.model import Corpus

SCALE_SPAN = 4  # the largest possible distance between two stances: +2 against -2


@dataclass
class StanceMatrix:
    """The agent × question table of latest stances."""

    agents: list[str]  # agents with at least one stance, by id
    questions: list[str]  # questions with at least one stance, registry order first
    cells: dict[tuple[str, str], StanceEntry] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # agent id -> display name
    authors_only: bool = False

    def stance(self, agent: str, question: str) -> int | None:
        entry = self.cells.get((agent, question))
        return entry.stance if entry else None

    def stances_of(self, agent: str) -> dict[str, int]:
        """question -> stance for one agent."""
        return {q: e.stance for (a, q), e in self.cells.items() if a == agent}

    def stances_on(self, question: str) -> dict[str, int]:
        """agent -> stance for one question."""
        return {a: e.stance for (a, q), e in self.cells.items() if q == question}


@dataclass(frozen=True)
class PairAgreement:
    a: str
    b: str
    shared: tuple[str, ...]  # the questions both answer
    same_side: int
    opposite_side: int
    agreement: float | None  # percent, None when nothing is shared

    @property
    def one_neutral(self) -> int:
        """Shared questions on which exactly one of the two stands neutral."""
        return len(self.shared) - self.same_side - self.opposite_side


@dataclass(frozen=True)
class QuestionSpread:
    question: str
    agents: int
    agree: int
    neutral: int
    disagree: int
    mean: float | None  # mean stance of the agents answering
    pairs: int  # pairs of agents answering
    opposing_pairs: int
    consensus: float | None  # percent
    divisiveness: float | None  # percent


def _side(value: int) -> int:
    return (value > 0) - (value < 0)


def closeness(a: int, b: int) -> float:
    """Agreement of two stances on one question, in percent."""
    return 100.0 * (1 - abs(a - b) / SCALE_SPAN)


def stance_matrix(corpus: Corpus, authors_only: bool = False) -> StanceMatrix:
    """Latest stances of every agent on every question; `authors_only` keeps the stances maps'
    authors hold in their own maps."""
    entries = stance_entries(corpus, authors_only=authors_only)
    cells = latest(entries)
    agents = sorted({a for a, _ in cells})
    answered = {q for _, q in cells}
    questions = [q for q in question_ids(corpus, entries) if q in answered]
    names = {e.agent: e.agent_name for e in entries}
    return StanceMatrix(agents, questions, cells, names, authors_only)


def pair_agreement(a: str, b: str, stances_a: Mapping[str, int], stances_b: Mapping[str, int],
                   order: list[str] | None = None) -> PairAgreement:
    """Agreement of two agents given question -> stance for each."""
    shared = [q for q in (order or sorted(stances_a)) if q in stances_a and q in stances_b]
    same = sum(1 for q in shared if _side(stances_a[q]) == _side(stances_b[q]))
    opposite = sum(1 for q in shared if _side(stances_a[q]) * _side(stances_b[q]) < 0)
    value = None
    if shared:
        value = sum(closeness(stances_a[q], stances_b[q]) for q in shared) / len(shared)
    return PairAgreement(a, b, tuple(shared), same, opposite, value)


def _matrix(source: Corpus | StanceMatrix, authors_only: bool) -> StanceMatrix:
    return source if isinstance(source, StanceMatrix) else stance_matrix(source, authors_only)


def agreement_table(source: Corpus | StanceMatrix, authors_only: bool = False) -> list[PairAgreement]:
    """Every unordered pair of agents (a < b by id), with its agreement over the questions both answer."""
    matrix = _matrix(source, authors_only)
    stances = {a: matrix.stances_of(a) for a in matrix.agents}
    return [pair_agreement(a, b, stances[a], stances[b], matrix.questions)
            for a, b in itertools.combinations(matrix.agents, 2)]


def agreement_lookup(pairs: list[PairAgreement]) -> dict[tuple[str, str], PairAgreement]:
    """(a, b) and (b, a) -> the pair, for filling a symmetric table."""
    out = {}
    for p in pairs:
        out[(p.a, p.b)] = out[(p.b, p.a)] = p
    return out


def spread(question: str, stances: Mapping[str, int]) -> QuestionSpread:
    values = list(stances.values())
    pairs = list(itertools.combinations(values, 2))
    opposing = sum(1 for x, y in pairs if _side(x) * _side(y) < 0)
    return QuestionSpread(
        question=question, agents=len(values), agree=sum(1 for v in values if v > 0),
        neutral=sum(1 for v in values if v == 0), disagree=sum(1 for v in values if v < 0),
        mean=sum(values) / len(values) if values else None, pairs=len(pairs), opposing_pairs=opposing,
        consensus=sum(closeness(x, y) for x, y in pairs) / len(pairs) if pairs else None,
        divisiveness=100.0 * opposing / len(pairs) if pairs else None,
    )


def divisiveness(source: Corpus | StanceMatrix, authors_only: bool = False) -> list[QuestionSpread]:
    """Every answered question's spread, most divisive first (then least consensus, then most agents);
    questions fewer than two agents answer come last."""
    matrix = _matrix(source, authors_only)
    spreads = [spread(q, matrix.stances_on(q)) for q in matrix.questions]
    return sorted(spreads, key=lambda s: (s.divisiveness is None, -(s.divisiveness or 0),
                                          s.consensus if s.consensus is not None else 101, -s.agents))


def most_divisive(spreads: list[QuestionSpread], n: int = 3) -> list[QuestionSpread]:
    """The questions with opposing pairs, most divisive first."""
    return [s for s in spreads if s.divisiveness][:n]


def most_agreed(spreads: list[QuestionSpread], n: int = 3) -> list[QuestionSpread]:
    """The questions at least two agents answer without anyone on opposite sides, highest consensus first."""
    calm = [s for s in spreads if s.divisiveness == 0]
    return sorted(calm, key=lambda s: (-(s.consensus or 0), -s.agents))[:n]
