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
`agreements` walks, one agent's row at a time, the answering agents of that agent's questions and
accumulates only the pairs that meet there (the sum over questions of answering² rather than agents² ×
questions); nothing is kept between rows, so memory follows one row, not every pair; its
sums add the same floats in the same order as `pair_agreement`. `spread` works from the histogram of the
stance values, not from every pair: its sums are of multiples of 25, exact in floating point. So every
number is bit for bit that of the definitions above (tests/analysis/test_analysis_agreement_fast.py).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from argmap.analysis.arguments import Argument, debate
from argmap.analysis.positions import StanceEntry, Stances, as_stances, latest, question_ids
from argmap.core.record import field, record
from argmap.model.maps import Corpus

SCALE_SPAN = 4  # the largest possible distance between two stances: +2 against -2


@record
class StanceMatrix:
    """The agent × question table of latest stances."""

    agents: list[str]  # agents with at least one stance, by id
    questions: list[str]  # questions with at least one stance, registry order first
    cells: dict[tuple[str, str], StanceEntry] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # agent id -> display name
    population: str = "all"  # whose stances: everyone, the maps' authors in their own maps, or those quoted
    as_of: str | None = None  # only maps dated no later than this
    min_shared: int = 1  # an agreement resting on fewer shared questions is not shown
    arguments: list[Argument] = field(default_factory=list)  # `same` clusters of links.yaml, and who makes each
    bases: tuple[str, ...] = ()  # only stances resting on these bases (--basis); () is every stance

    @property
    def authors_only(self) -> bool:
        return self.population == "authors"

    @property
    def who(self) -> str:
        """Who the rows are, for a heading: 'agents', 'authors in their own maps' or 'quoted people'."""
        return {"authors": "authors in their own maps", "quoted": "people quoted in the maps"}.get(self.population, "agents")

    def stance(self, agent: str, question: str) -> int | None:
        entry = self.cells.get((agent, question))
        return entry.stance if entry else None

    def stances_of(self, agent: str) -> dict[str, int]:
        """question -> stance for one agent."""
        return {q: e.stance for (a, q), e in self.cells.items() if a == agent}

    def stances_on(self, question: str) -> dict[str, int]:
        """agent -> stance for one question."""
        return {a: e.stance for (a, q), e in self.cells.items() if q == question}


@record(frozen=True)
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


@record(frozen=True)
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
    if authors_only:
        stances = stances.restricted("authors", stances.as_of, stances.bases)
    entries = stances.entries()
    cells = latest(entries)
    agents = sorted({a for a, _ in cells})
    answered = {q for _, q in cells}
    questions = [q for q in question_ids(stances.registries, entries) if q in answered]
    names = {e.agent: e.agent_name for e in entries}
    table = StanceMatrix(agents, questions, cells, names, stances.population, stances.as_of,
                         bases=stances.bases)
    if stances.registries.links:
        table.arguments = debate(stances).arguments()
    return table


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
    """Every unordered pair of `agents` (a before b in `agents` order) with its agreement, made when asked
    for and never all held: one question answered by 4,000 agents is 8 million pairs (their list took
    5 GB). Iterating gives every pair in `itertools.combinations(agents, 2)` order, `sharing()` only the
    pairs with a shared question, in the same order, one agent's row at a time; `pair(a, b)` makes one."""

    def __init__(self, agents: list[str], questions: list[str], by_question: dict[str, dict[str, int]]) -> None:
        self.agents = agents
        self._rank = {a: i for i, a in enumerate(agents)}
        self._questions = [q for q in questions if q in by_question]
        self._order = {q: i for i, q in enumerate(self._questions)}
        # question -> its answering agents (rank, id, stance, side) in agents order; agent -> its questions
        self._answering: dict[str, list[tuple[int, str, int, int]]] = {}
        self._of: dict[str, dict[str, int]] = {}
        for q in self._questions:
            row = sorted((self._rank[a], a, v, _side(v)) for a, v in by_question[q].items() if a in self._rank)
            self._answering[q] = row
            for _, a, v, _ in row:
                self._of.setdefault(a, {})[q] = v

    def __len__(self) -> int:
        n = len(self.agents)
        return n * (n - 1) // 2

    def __iter__(self) -> Iterator[PairAgreement]:
        for i, a in enumerate(self.agents):
            row = self._row(a)
            for b in self.agents[i + 1:]:
                p = row.get(b)
                yield p if p is not None else PairAgreement(a, b, (), 0, 0, None)

    def sharing(self) -> Iterator[PairAgreement]:
        """The pairs with at least one shared question, in the order of iteration."""
        for a in self.agents:
            row = self._row(a)
            yield from sorted(row.values(), key=lambda p: self._rank[p.b])

    def _row(self, a: str) -> dict[str, PairAgreement]:
        """b -> pair (a, b) for every b after `a` sharing a question with it. The sums add the same floats
        in the same order (the questions' order) as pair_agreement, so each agreement is the same to the bit."""
        rank = self._rank[a]
        mine = self._of.get(a, {})
        sums: dict[str, list[Any]] = {}
        for q in sorted(mine, key=self._order.__getitem__):
            va = mine[q]
            sa = _side(va)
            answering = self._answering[q]
            start = bisect.bisect_right(answering, rank, key=lambda item: item[0])
            for _, b, vb, sb in answering[start:]:
                acc = sums.get(b)
                if acc is None:
                    acc = sums[b] = [[], 0.0, 0, 0]
                acc[0].append(q)
                acc[1] += closeness(va, vb)
                acc[2] += sa == sb
                acc[3] += sa * sb < 0
        return {b: PairAgreement(a, b, tuple(qs), same, opposite, total / len(qs))
                for b, (qs, total, same, opposite) in sums.items()}

    def grid(self, agents: list[str]) -> Iterator[tuple[str, list[tuple[str, PairAgreement | None]]]]:
        """The rows of an agreement table: each agent with each agent and their pair (None with itself)."""
        for a in agents:
            yield a, [(b, None if a == b else self.pair(a, b)) for b in agents]

    def pair(self, a: str, b: str) -> PairAgreement:
        """The pair of two different agents, in either order, made from their stances alone."""
        if self._rank[a] > self._rank[b]:
            a, b = b, a
        mine, theirs = self._of.get(a, {}), self._of.get(b, {})
        shared = sorted((q for q in (mine if len(mine) <= len(theirs) else theirs) if q in mine and q in theirs),
                        key=self._order.__getitem__)
        if not shared:
            return PairAgreement(a, b, (), 0, 0, None)
        total = 0.0
        for q in shared:
            total += closeness(mine[q], theirs[q])
        same = sum(1 for q in shared if _side(mine[q]) == _side(theirs[q]))
        opposite = sum(1 for q in shared if _side(mine[q]) * _side(theirs[q]) < 0)
        return PairAgreement(a, b, tuple(shared), same, opposite, total / len(shared))


def agreements(source: Corpus | Stances | StanceMatrix, authors_only: bool = False) -> Agreements:
    """Every unordered pair of agents with its agreement over the questions both answer (see `Agreements`)."""
    matrix = _matrix(source, authors_only)
    by_question = _by_question(matrix)
    # like pair_agreement(order=matrix.questions): shared questions in that order (sorted if it is empty)
    return Agreements(matrix.agents, matrix.questions or sorted(by_question), by_question)


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
