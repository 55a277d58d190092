"""The fast `matrix` (sparse pairs, per-question histograms, the JSON written pair by pair, the capped
tables) against the straightforward definitions of docs/analysis.md, written out literally here.

Every number must be the same to the last bit, not approximately: the fast path adds the same floats
(pairs) or exact multiples of 25 (questions), so `==` is the test.
"""

from __future__ import annotations

import io
import itertools
import json
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from argmap.analysis import agreement
from argmap.analysis.positions import StanceEntry
from argmap.core.safetext import json_document
from argmap.model.maps import Corpus, Question
from argmap.outputs.analysis import render_json

# -- the reference: the definitions, literally, over every pair -------------------------------------------


def side(v: int) -> int:
    return (v > 0) - (v < 0)


def ref_pair(a: str, b: str, sa: dict[str, int], sb: dict[str, int], questions: list[str]) -> dict[str, Any]:
    """Agreement = 100 × (1 − mean |a − b| / 4) over the questions both answer."""
    shared = [q for q in questions if q in sa and q in sb]
    value = sum(100.0 * (1 - abs(sa[q] - sb[q]) / 4) for q in shared) / len(shared) if shared else None
    same = sum(1 for q in shared if side(sa[q]) == side(sb[q]))
    opposite = sum(1 for q in shared if side(sa[q]) * side(sb[q]) < 0)
    return {"a": a, "b": b, "shared": tuple(shared), "same_side": same, "opposite_side": opposite,
            "agreement": value}


def ref_pairs(agents: list[str], questions: list[str], stances: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    return [ref_pair(a, b, stances.get(a, {}), stances.get(b, {}), questions) for a, b in itertools.combinations(agents, 2)]


def ref_spread(values: list[int]) -> dict[str, Any]:
    """Consensus = mean agreement over every pair answering; divisiveness = share of them on opposite sides."""
    pairs = list(itertools.combinations(values, 2))
    opposing = sum(1 for x, y in pairs if side(x) * side(y) < 0)
    return {
        "agents": len(values), "agree": sum(v > 0 for v in values), "neutral": sum(v == 0 for v in values),
        "disagree": sum(v < 0 for v in values), "mean": sum(values) / len(values) if values else None,
        "pairs": len(pairs), "opposing_pairs": opposing,
        "consensus": sum(100.0 * (1 - abs(x - y) / 4) for x, y in pairs) / len(pairs) if pairs else None,
        "divisiveness": 100.0 * opposing / len(pairs) if pairs else None,
    }


# -- random stance matrices -----------------------------------------------------------------------------

STANCE = st.integers(min_value=-2, max_value=2)
NAMES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=6)


def entry(agent: str, question: str, stance: int) -> StanceEntry:
    return StanceEntry(agent=agent, agent_name=agent.upper(), question=question, stance=stance, map=f"map-{question}",
                       map_title="", date="2021", sort_date="2021", is_author=True)


IDS = st.sampled_from([f"a{i:02d}" for i in range(12)])


@st.composite
def matrices(draw: st.DrawFn, names: st.SearchStrategy[str] = IDS, max_agents: int = 12) -> agreement.StanceMatrix:
    agents = sorted(draw(st.sets(names, max_size=max_agents)))
    questions = draw(st.lists(st.sampled_from([f"q{i}" for i in range(8)]), unique=True, max_size=8))
    density = draw(st.floats(0, 1))
    cells = {}
    for a in agents:
        for q in questions:
            if draw(st.floats(0, 1)) < density:
                cells[(a, q)] = entry(a, q, draw(STANCE))
    return agreement.StanceMatrix(agents, questions, cells, {a: a.upper() for a in agents})


def stances_by_agent(m: agreement.StanceMatrix) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for (a, q), e in m.cells.items():
        out.setdefault(a, {})[q] = e.stance
    return out


def as_dict(p: agreement.PairAgreement) -> dict[str, Any]:
    return {"a": p.a, "b": p.b, "shared": p.shared, "same_side": p.same_side, "opposite_side": p.opposite_side,
            "agreement": p.agreement}


# -- the analysis ---------------------------------------------------------------------------------------


def matrix_of(rows: dict[str, list[int | None]]) -> agreement.StanceMatrix:
    """A matrix from agent -> stances on q0, q1, ... (None: no stance)."""
    width = max((len(r) for r in rows.values()), default=0)
    cells = {(a, f"q{i}"): entry(a, f"q{i}", v) for a, r in rows.items() for i, v in enumerate(r) if v is not None}
    return agreement.StanceMatrix(sorted(rows), [f"q{i}" for i in range(width)], cells)


@given(matrices())
@example(matrix_of({"a": [1, -1, 2, None], "b": [-1, -1, 0, 2], "c": [-2, None, 1, 1], "d": [None] * 4}))
def test_agreement_table_is_the_definition(m):
    expected = ref_pairs(m.agents, m.questions, stances_by_agent(m))
    got = [as_dict(p) for p in agreement.agreement_table(m)]
    assert got == expected  # == on floats: bit for bit
    for p in agreement.agreement_table(m):
        assert p.one_neutral == len(p.shared) - p.same_side - p.opposite_side >= 0


@given(matrices())
def test_agreements_object(m):
    table = agreement.agreements(m)
    every = list(table)
    assert len(table) == len(every) == len(m.agents) * (len(m.agents) - 1) // 2
    assert [(p.a, p.b) for p in every] == list(itertools.combinations(m.agents, 2))
    assert list(table.sharing()) == [p for p in every if p.shared]  # same pairs, same order
    for p in every:
        assert table.pair(p.a, p.b) == p == table.pair(p.b, p.a)


@given(st.lists(STANCE, max_size=40))
def test_spread_is_the_definition(values):
    s = agreement.spread("q", {f"a{i}": v for i, v in enumerate(values)})
    got = {k: getattr(s, k) for k in ref_spread(values)}
    assert got == ref_spread(values)  # == on floats: bit for bit


@given(matrices())
def test_divisiveness_is_the_definition(m):
    spreads = agreement.divisiveness(m)
    assert sorted(s.question for s in spreads) == sorted(m.questions)
    for s in spreads:
        expected = ref_spread([e.stance for (_, q), e in m.cells.items() if q == s.question])
        assert {k: getattr(s, k) for k in expected} == expected


def test_a_large_spread_stays_exact():
    values = [-2] * 300 + [-1] * 201 + [0] * 7 + [1] * 150 + [2] * 333
    s = agreement.spread("q", {str(i): v for i, v in enumerate(values)})
    assert (s.consensus, s.divisiveness, s.opposing_pairs) == tuple(ref_spread(values)[k] for k in
                                                                   ("consensus", "divisiveness", "opposing_pairs"))


def test_agreements_without_a_question_order():
    """A hand-built matrix without `questions` orders shared questions by id, as pair_agreement does."""
    cells = {(a, q): entry(a, q, v) for a, q, v in [("x", "q2", 1), ("x", "q1", -1), ("y", "q1", 2), ("y", "q2", 0)]}
    p = agreement.agreement_table(agreement.StanceMatrix(["x", "y"], [], cells))[0]
    assert p == agreement.pair_agreement("x", "y", {"q2": 1, "q1": -1}, {"q1": 2, "q2": 0})
    assert p.shared == ("q1", "q2")


# -- the JSON, written pair by pair ---------------------------------------------------------------------


def reference_json(m: agreement.StanceMatrix, corpus: Corpus) -> str:
    """What `argmap matrix --format json` wrote before it was made fast: one json_document of it all
    (with only the pairs that share a question: listing the others made the file quadratic)."""
    return json_document({
        "version": render_json.SCHEMA_VERSION,
        "authors_only": m.authors_only,
        "population": m.population,
        "as_of": m.as_of,
        "bases": list(m.bases),
        "min_shared": m.min_shared,
        "agents": [{"id": a, "name": m.names.get(a, a)} for a in m.agents],
        "questions": [{"id": q, "proposition": corpus.questions[q].proposition if q in corpus.questions else "",
                       "refines": [r.id for r in corpus.questions[q].refines] if q in corpus.questions else []}
                      for q in m.questions],
        "stances": [{"agent": a, "question": q, "stance": m.cells[(a, q)].stance, "map": m.cells[(a, q)].map,
                     "date": m.cells[(a, q)].date, "basis": m.cells[(a, q)].basis}
                    for a in m.agents for q in m.questions if (a, q) in m.cells],
        "agreement": [{"a": p["a"], "b": p["b"], "shared": len(p["shared"]), "questions": list(p["shared"]),
                       "agreement": None if p["agreement"] is None else round(p["agreement"], 1),
                       "same_side": p["same_side"], "opposite_side": p["opposite_side"],
                       "one_neutral": len(p["shared"]) - p["same_side"] - p["opposite_side"]}
                      for p in ref_pairs(m.agents, m.questions, stances_by_agent(m)) if p["shared"]],
        "questions_by_divisiveness": [render_json.spread(s) for s in agreement.divisiveness(m)],
        "count": "agents",  # what the questions' tallies count (issue 20)
    })


def fast_json(m: agreement.StanceMatrix, corpus: Corpus) -> str:
    out = io.StringIO()
    render_json.matrix(m, agreement.agreements(m), agreement.divisiveness(m), corpus, out)
    return out.getvalue()


HOSTILE = ['"agreement": "argmap-agreement-0"', '\n  "agreement": []', "\u202e\x1b[31m\x85", "«ü»\\", "", "\t"]


@given(matrices(names=NAMES | st.sampled_from(HOSTILE), max_agents=6), st.sampled_from(HOSTILE))
def test_matrix_json_is_byte_for_byte_json_document(m, proposition):
    corpus = Corpus(questions={q: Question(q, proposition + q) for q in m.questions[:2]})
    text = fast_json(m, corpus)
    assert text == reference_json(m, corpus)
    data = json.loads(text)
    assert len(data["agreement"]) == sum(1 for p in agreement.agreements(m) if p.shared)


# -- the capped text and Markdown tables ----------------------------------------------------------------


def test_busiest_agents():
    cells = {(a, q): entry(a, q, 1) for a, qs in {"a": "1", "b": "123", "c": "12", "d": "123", "e": ""}.items()
             for q in qs}
    m = agreement.StanceMatrix(["a", "b", "c", "d", "e"], ["1", "2", "3"], cells)
    assert agreement.busiest_agents(m, None) == agreement.busiest_agents(m, 5) == ["a", "b", "c", "d", "e"]
    assert agreement.busiest_agents(m, 2) == ["b", "d"]
    assert agreement.busiest_agents(m, 3) == ["b", "c", "d"]  # in id order, not by how many they answer
    assert agreement.busiest_agents(m, 4) == ["a", "b", "c", "d"]  # ties: first by id


def test_small_corpora_show_every_agent(run, corpus_path):
    for fmt in ("text", "markdown"):
        plain = run("matrix", corpus_path, "--format", fmt).stdout
        assert plain == run("matrix", corpus_path, "--format", fmt, "--all").stdout
        assert plain == run("matrix", corpus_path, "--format", fmt, "--limit", "4").stdout
        assert "tables show" not in plain


def test_limit_caps_the_tables_not_the_numbers(run, corpus_path):
    out = run("matrix", corpus_path, "--limit", "2").stdout
    assert "The stance and agreement tables show 2 of the 4 agents" in out
    assert "Stances of 4 agents on 3 questions" in out
    lines = out.splitlines()
    agreement_rows = lines[lines.index(next(line for line in lines if line.startswith("Agreement"))) + 3:][:3]
    assert agreement_rows[0].split() == ["1", "alice-archer", "67%", "(3)"]  # alice and bob answer the most
    assert agreement_rows[1].split() == ["2", "bob-baker", "67%", "(3)"]
    assert agreement_rows[2] == ""
    assert "| q-alpha | 3 | 1 | 0 | 2 | -0.67 | 50% | 67% |" in run("matrix", corpus_path, "-f", "markdown", "--limit", "2").stdout
    # JSON lists every agent and stance, and the agreement of the agents the tables show (issue 22)
    capped = json.loads(run("matrix", corpus_path, "-f", "json", "--limit", "2").stdout)
    whole = json.loads(run("matrix", corpus_path, "-f", "json").stdout)
    assert capped["agents"] == whole["agents"] and capped["stances"] == whole["stances"]
    assert [(p["a"], p["b"]) for p in capped["agreement"]] == [("alice-archer", "bob-baker")]
    assert capped["agreement_capped"]["agents"] == 2 and "agreement_capped" not in whole
    run("matrix", corpus_path, "--limit", "1", code=2)
