"""`argmap matrix`: the stance matrix, pairwise agreement and divisiveness, worked out by hand.

Agreement = 100 × (1 − mean |a − b| / 4) over the shared questions:
    alice–anon   q-beta -1/+1                      → 1 − 2/4          = 50%
    alice–bob    q-alpha +1/-1, q-beta -1/-1, q-gamma +2/0 → 1 − (4/3)/4 = 66.7%
    alice–carol  q-alpha +1/-2                     → 1 − 3/4          = 25%
    anon–bob     q-beta +1/-1                      → 50%
    anon–carol   nothing shared                    → None ("—", 0 shared)
    bob–carol    q-alpha -1/-2                     → 75%
Per question (pairs among the agents answering):
    q-alpha  +1 -1 -2: pairs 50, 25, 75 → consensus 50%;  2 of 3 pairs opposed → divisiveness 66.7%
    q-beta   -1 +1 -1: pairs 50, 100, 50 → consensus 66.7%; 2 of 3 opposed → 66.7%
    q-gamma  +2 0:     one pair, 50 → consensus 50%; none opposed → 0%
"""

from __future__ import annotations

import json

import pytest

from argmap.analysis import agreement

ALICE, ANON, BOB, CAROL = "alice-archer", "author@unknown-2021-anon", "bob-baker", "carol-cole"


def test_stance_matrix(corpus):
    m = agreement.stance_matrix(corpus)
    assert m.agents == [ALICE, ANON, BOB, CAROL]
    assert m.questions == ["q-alpha", "q-beta", "q-gamma"]  # q-delta: nobody answers it
    table = {a: [m.stance(a, q) for q in m.questions] for a in m.agents}
    assert table == {ALICE: [1, -1, 2], ANON: [None, 1, None], BOB: [-1, -1, 0], CAROL: [-2, None, None]}
    assert m.cells[(ALICE, "q-alpha")].map == "alice-2021-second"  # the latest, not the 2020 +2


def test_authors_only_drops_reported_agents(corpus):
    m = agreement.stance_matrix(corpus, authors_only=True)
    assert m.agents == [ALICE, ANON, BOB]


def test_agreement_table(corpus):
    pairs = {(p.a, p.b): p for p in agreement.agreement_table(corpus)}
    expected = {(ALICE, ANON): (1, 50.0, 0, 1), (ALICE, BOB): (3, 200 / 3, 1, 1), (ALICE, CAROL): (1, 25.0, 0, 1),
                (ANON, BOB): (1, 50.0, 0, 1), (ANON, CAROL): (0, None, 0, 0), (BOB, CAROL): (1, 75.0, 1, 0)}
    assert set(pairs) == set(expected)
    for key, (shared, value, same, opposite) in expected.items():
        p = pairs[key]
        assert (len(p.shared), p.same_side, p.opposite_side) == (shared, same, opposite), key
        assert p.agreement == (None if value is None else pytest.approx(value)), key
    assert pairs[(ALICE, BOB)].one_neutral == 1  # q-gamma: +2 against 0


def test_pair_agreement_bounds():
    assert agreement.pair_agreement("a", "b", {"q": 2}, {"q": -2}).agreement == 0.0
    assert agreement.pair_agreement("a", "b", {"q": 1, "r": 0}, {"q": 1, "r": 0}).agreement == 100.0
    assert agreement.pair_agreement("a", "b", {"q": 1}, {"r": 1}).agreement is None


def test_divisiveness(corpus):
    spreads = agreement.divisiveness(corpus)
    assert [s.question for s in spreads] == ["q-alpha", "q-beta", "q-gamma"]  # ties: lower consensus first
    alpha, beta, gamma = spreads
    assert (alpha.agents, alpha.agree, alpha.neutral, alpha.disagree, alpha.pairs, alpha.opposing_pairs) == (3, 1, 0, 2, 3, 2)
    assert alpha.consensus == pytest.approx(50.0) and alpha.divisiveness == pytest.approx(200 / 3)
    assert alpha.mean == pytest.approx(-2 / 3)
    assert beta.consensus == pytest.approx(200 / 3) and beta.divisiveness == pytest.approx(200 / 3)
    assert gamma.consensus == pytest.approx(50.0) and gamma.divisiveness == 0.0
    assert [s.question for s in agreement.most_divisive(spreads)] == ["q-alpha", "q-beta"]
    assert [s.question for s in agreement.most_agreed(spreads)] == ["q-gamma"]


def test_single_agent_question_has_no_spread():
    s = agreement.spread("q", {"a": 1})
    assert (s.pairs, s.consensus, s.divisiveness) == (0, None, None)


def _rows(text: str, header: str) -> dict[str, list[str]]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[:1] == [header])
    rows = {}
    for line in lines[start + 2:]:
        if not line.strip() or not line.startswith(("a", "b", "c", "u", "1", "2", "3", "4", "q")) or ":" in line:
            break
        cells = line.split()
        if line.startswith("unnamed author "):  # the label of an author@MAP id, with a key below the table
            cells = [" ".join(cells[:3]), *cells[3:]]
        rows[cells[0]] = cells[1:]
    return rows


def test_matrix_text(run, corpus_path):
    out = run("matrix", corpus_path).stdout
    stances = _rows(out, "agent")
    assert stances == {ALICE: ["+1", "-1", "+2"], "unnamed author 1": ["·", "+1", "·"], BOB: ["-1", "-1", "0"],
                       CAROL: ["-2", "·", "·"]}
    assert f"  unnamed author 1 = {ANON}" in out
    assert "  Q1 q-alpha: The bridge should be built." in out
    # the agreement table: row 1 is alice, columns 1..4; "— (0)" for anon–carol, never 0% or 100%
    assert "1   alice-archer                     50% (1)*     67% (3)      25% (1)*" in out
    assert "— (0)" in out
    questions = _rows(out, "question")
    assert questions["q-alpha"] == ["3", "1", "0", "2", "-0.67", "50%", "67%"]
    assert questions["q-gamma"] == ["2", "1", "1", "0", "+1.00", "50%", "0%"]
    assert "Divides all speakers most (authors and the people they quote): q-alpha (67% of pairs opposed), q-beta (67% of pairs opposed)" in out


def test_matrix_json(run, corpus_path):
    data = json.loads(run("matrix", corpus_path, "--format", "json", "--authors-only").stdout)
    assert data["authors_only"] is True
    assert [a["id"] for a in data["agents"]] == [ALICE, ANON, BOB]
    assert {"agent": BOB, "question": "q-gamma", "stance": 0, "map": "bob-2020-reply", "date": "2020-06-15",
            "basis": None} in data["stances"]
    pair = next(p for p in data["agreement"] if (p["a"], p["b"]) == (ALICE, BOB))
    assert pair == {"a": ALICE, "b": BOB, "shared": 3, "questions": ["q-alpha", "q-beta", "q-gamma"],
                    "agreement": 66.7, "same_side": 1, "opposite_side": 1, "one_neutral": 1}
    assert data["questions_by_divisiveness"][0]["question"] in {"q-alpha", "q-beta"}


def test_matrix_markdown(run, corpus_path):
    out = run("matrix", corpus_path, "--format", "markdown").stdout
    assert "| alice\\-archer |" not in out  # hyphens need no escape
    assert "| 1 | alice-archer |  | 50% (1)\\* | 67% (3) | 25% (1)\\* |" in out
    assert "| 2 | author&#64;" not in out
    assert "| q-alpha | 3 | 1 | 0 | 2 | -0.67 | 50% | 67% |" in out


def test_matrix_colour_is_a_heat_map(run, corpus_path):
    out = run("matrix", corpus_path, "--color", "always").stdout
    assert "\x1b[" in out
