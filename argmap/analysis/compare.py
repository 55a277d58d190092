"""Two agents, or two maps, side by side, question by question."""

from __future__ import annotations

from argmap.analysis.agreement import PairAgreement, pair_agreement
from argmap.analysis.arguments import ClaimComparison, Side, compare_claims, debate
from argmap.analysis.positions import StanceEntry, Stances, as_stances, latest, question_ids
from argmap.core.record import record
from argmap.model.maps import Corpus

AGREE, DISAGREE, DIFFER, ONLY_A, ONLY_B = "agree", "disagree", "differ", "only-a", "only-b"


@record
class Row:
    question: str
    proposition: str
    a: StanceEntry | None
    b: StanceEntry | None
    verdict: str  # agree (same side), disagree (opposite sides), differ (one neutral), only-a, only-b


@record
class Comparison:
    a: Side
    b: Side
    rows: list[Row]
    pair: PairAgreement
    registries: Corpus | None = None  # the questions, for their hierarchy
    claims: ClaimComparison | None = None  # shared arguments and clashes, when links.yaml links the two

    def count(self, verdict: str) -> int:
        return sum(1 for r in self.rows if r.verdict == verdict)


def agent_side(source: Corpus | Stances, agent: str) -> Side:
    known = as_stances(source)
    stances = {q: e for (_, q), e in latest(known.entries(agent=agent)).items()}
    return Side("agent", agent, known.registries.agent_name(agent), stances)


def map_side(source: Corpus | Stances, map_id: str) -> Side:
    known = as_stances(source)
    entries = [e for e in known.entries(authors_only=True) if e.map == map_id]
    stances: dict[str, StanceEntry] = {}
    for e in entries:
        stances.setdefault(e.question, e)
    title = known.map_title(map_id)
    return Side("map", map_id, title if title is not None and title != "unknown" else map_id, stances)


def verdict(a: int | None, b: int | None) -> str:
    if a is None:
        return ONLY_B
    if b is None:
        return ONLY_A
    sa, sb = (a > 0) - (a < 0), (b > 0) - (b < 0)
    if sa == sb:
        return AGREE
    return DISAGREE if sa * sb < 0 else DIFFER


def compare(corpus: Corpus, a: Side, b: Side, stances: Stances | None = None) -> Comparison:
    """`corpus` gives the questions: the registries (`Stances.registries`) are enough. The claims the two
    share or clash on come from `stances` (or from `corpus`'s maps), when there are links."""
    entries = list(a.stances.values()) + list(b.stances.values())
    rows = []
    for q in question_ids(corpus, entries):
        ea, eb = a.stances.get(q), b.stances.get(q)
        if ea is None and eb is None:
            continue
        registered = corpus.questions.get(q)
        rows.append(Row(q, registered.proposition if registered else "", ea, eb,
                        verdict(ea.stance if ea else None, eb.stance if eb else None)))
    pair = pair_agreement(a.id, b.id, {q: e.stance for q, e in a.stances.items()},
                          {q: e.stance for q, e in b.stances.items()}, [r.question for r in rows])
    result = Comparison(a, b, rows, pair, corpus)
    if corpus.links:
        result.claims = compare_claims(debate(stances or as_stances(corpus)), a, b) or None
    return result
