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

Public API (also used by the HTML report): `stance_matrix`, `agreements`, `agreement_table`,
`pair_agreement`, `divisiveness`, `most_divisive`, `most_agreed`.

How it stays fast on a thousand agents: each agent answers a few questions, so most pairs share none.
`agreements` walks each question's answering agents and accumulates only the pairs that meet there (the
sum over questions of answering² rather than agents² × questions) and makes the others on demand; its
sums add the same floats in the same order as `pair_agreement`. `spread` works from the histogram of the
stance values, not from every pair: its sums are of multiples of 25, exact in floating point. So every
number is bit for bit that of the definitions above (tests/analysis/test_analysis_agreement_fast.py).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from argmap.analysis.positions import StanceEntry, Stances, as_stances, latest, question_ids
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


def stance_matrix(source: Corpus | Stances, authors_only: bool = False) -> StanceMatrix:
    """Latest stances of every agent on every question; `authors_only` keeps the stances maps'
    authors hold in their own maps. Reads no grounds, quotes or notes."""
    stances = as_stances(source)
    entries = stances.entries(authors_only=authors_only)
    cells = latest(entries)
    agents = sorted({a for a, _ in cells})
    answered = {q for _, q in cells}
    questions = [q for q in question_ids(stances.registries, entries) if q in answered]
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


def _matrix(source: Corpus | Stances | StanceMatrix, authors_only: bool) -> StanceMatrix:
    return source if isinstance(source, StanceMatrix) else stance_matrix(source, authors_only)


def _by_question(matrix: StanceMatrix) -> dict[str, dict[str, int]]:
    """question -> agent -> stance, in one pass over the cells."""
    out: dict[str, dict[str, int]] = {}
    for (a, q), entry in matrix.cells.items():
        out.setdefault(q, {})[a] = entry.stance
    return out


class Agreements:
    """Every unordered pair of `agents` (a before b in `agents` order) with its agreement, held sparsely:
    only the pairs that share a question are stored; the others are made on demand, with `agreement`
    None and nothing shared. Iterating gives every pair in `itertools.combinations(agents, 2)` order."""

    def __init__(self, agents: list[str], shared: dict[tuple[str, str], PairAgreement]) -> None:
        self.agents = agents
        self.shared = shared  # (a, b) -> pair, only the pairs with at least one shared question
        self._rank = {a: i for i, a in enumerate(agents)}

    def __len__(self) -> int:
        n = len(self.agents)
        return n * (n - 1) // 2

    def __iter__(self) -> Iterator[PairAgreement]:
        shared = self.shared
        for a, b in itertools.combinations(self.agents, 2):
            p = shared.get((a, b))
            yield p if p is not None else PairAgreement(a, b, (), 0, 0, None)

    def pair(self, a: str, b: str) -> PairAgreement:
        """The pair of two different agents, in either order."""
        if self._rank[a] > self._rank[b]:
            a, b = b, a
        p = self.shared.get((a, b))
        return p if p is not None else PairAgreement(a, b, (), 0, 0, None)


def agreements(source: Corpus | Stances | StanceMatrix, authors_only: bool = False) -> Agreements:
    """Every unordered pair of agents with its agreement over the questions both answer (see `Agreements`)."""
    matrix = _matrix(source, authors_only)
    rank = {a: i for i, a in enumerate(matrix.agents)}
    by_question = _by_question(matrix)
    # like pair_agreement(order=matrix.questions): shared questions in that order (sorted if it is empty)
    questions = matrix.questions or sorted(by_question)
    # (a, b) -> [shared questions, sum of closeness, same side, opposite side]; the sum adds the same
    # floats in the same order as pair_agreement does, so the agreement is the same to the last bit
    sums: dict[tuple[str, str], list] = {}
    for q in questions:
        answering = sorted((rank[a], a, v, _side(v)) for a, v in by_question.get(q, {}).items() if a in rank)
        for i, (_, a, va, sa) in enumerate(answering):
            for _, b, vb, sb in answering[i + 1:]:
                acc = sums.get((a, b))
                if acc is None:
                    acc = sums[(a, b)] = [[], 0, 0, 0]
                acc[0].append(q)
                acc[1] += closeness(va, vb)
                acc[2] += sa == sb
                acc[3] += sa * sb < 0
    shared = {(a, b): PairAgreement(a, b, tuple(qs), same, opposite, total / len(qs))
              for (a, b), (qs, total, same, opposite) in sums.items()}
    return Agreements(matrix.agents, shared)


def busiest_agents(matrix: StanceMatrix, limit: int | None) -> list[str]:
    """The agents a table shows: all of them when `limit` is None or not below their number, else the
    `limit` agents answering the most questions (ties: first by id), in `matrix.agents` order."""
    if limit is None or len(matrix.agents) <= limit:
        return list(matrix.agents)
    answered = Counter(a for a, _ in matrix.cells)
    rank = {a: i for i, a in enumerate(matrix.agents)}
    chosen = sorted(matrix.agents, key=lambda a: (-answered[a], rank[a]))[:max(limit, 0)]
    return sorted(chosen, key=rank.__getitem__)


def agreement_table(source: Corpus | Stances | StanceMatrix, authors_only: bool = False) -> list[PairAgreement]:
    """Every unordered pair of agents (a < b by id), with its agreement over the questions both answer."""
    return list(agreements(source, authors_only))


def agreement_lookup(pairs: list[PairAgreement]) -> dict[tuple[str, str], PairAgreement]:
    """(a, b) and (b, a) -> the pair, for filling a symmetric table."""
    out = {}
    for p in pairs:
        out[(p.a, p.b)] = out[(p.b, p.a)] = p
    return out


def spread(question: str, stances: Mapping[str, int]) -> QuestionSpread:
    """How the agents answering a question split, from the histogram of their stances: the pair counts
    and sums below equal those over every pair of agents (exactly: each closeness is a multiple of 25)."""
    values = list(stances.values())
    n = len(values)
    counts = sorted(Counter(values).items())
    agree = sum(c for v, c in counts if v > 0)
    disagree = sum(c for v, c in counts if v < 0)
    pairs = n * (n - 1) // 2
    closeness_sum = 0.0
    for i, (x, cx) in enumerate(counts):
        closeness_sum += cx * (cx - 1) // 2 * closeness(x, x)
        for y, cy in counts[i + 1:]:
            closeness_sum += cx * cy * closeness(x, y)
    opposing = agree * disagree
    return QuestionSpread(
        question=question, agents=n, agree=agree, neutral=n - agree - disagree, disagree=disagree,
        mean=sum(values) / n if values else None, pairs=pairs, opposing_pairs=opposing,
        consensus=closeness_sum / pairs if pairs else None,
        divisiveness=100.0 * opposing / pairs if pairs else None,
    )


def divisiveness(source: Corpus | Stances | StanceMatrix, authors_only: bool = False) -> list[QuestionSpread]:
    """Every answered question's spread, most divisive first (then least consensus, then most agents);
    questions fewer than two agents answer come last."""
    matrix = _matrix(source, authors_only)
    by_question = _by_question(matrix)
    spreads = [spread(q, by_question.get(q, {})) for q in matrix.questions]
    return sorted(spreads, key=lambda s: (s.divisiveness is None, -(s.divisiveness or 0),
                                          s.consensus if s.consensus is not None else 101, -s.agents))


def most_divisive(spreads: list[QuestionSpread], n: int = 3) -> list[QuestionSpread]:
    """The questions with opposing pairs, most divisive first."""
    return [s for s in spreads if s.divisiveness][:n]


def most_agreed(spreads: list[QuestionSpread], n: int = 3) -> list[QuestionSpread]:
    """The questions at least two agents answer without anyone on opposite sides, highest consensus first."""
    calm = [s for s in spreads if s.divisiveness == 0]
    return sorted(calm, key=lambda s: (-(s.consensus or 0), -s.agents))[:n]
