"""`argmap compare` and `argmap timeline`, and how names on the command line are resolved."""

from __future__ import annotations

import json

import pytest

from argmap.analysis import compare, lookup, timeline


def test_compare_agents(corpus):
    c = compare.compare(corpus, compare.agent_side(corpus, "alice-archer"), compare.agent_side(corpus, "bob-baker"))
    assert [(r.question, r.a.stance, r.b.stance, r.verdict) for r in c.rows] == [
        ("q-alpha", 1, -1, "disagree"), ("q-beta", -1, -1, "agree"), ("q-gamma", 2, 0, "differ")]
    assert c.pair.agreement == pytest.approx(200 / 3)


def test_compare_maps(corpus):
    """A map's side is what its authors hold in it: alice-2020-first +2/-1, bob-2020-reply -1/-1/0."""
    c = compare.compare(corpus, compare.map_side(corpus, "alice-2020-first"), compare.map_side(corpus, "bob-2020-reply"))
    assert [(r.question, r.verdict) for r in c.rows] == [("q-alpha", "disagree"), ("q-beta", "agree"), ("q-gamma", "only-b")]
    assert c.pair.agreement == pytest.approx(62.5)  # (25 + 100) / 2


def test_compare_cli(run, corpus_path):
    out = run("compare", "alice-archer", "Bobby", corpus_path).stdout  # an alias resolves
    assert "3 shared questions: 1 agree, 1 disagree, 1 where one of the two is neutral; agreement 67%" in out
    assert "q-alpha  disagree (opposite sides)" in out
    data = json.loads(run("compare", "alice-2020-first", "carol-cole", corpus_path, "-f", "json").stdout)
    assert data["a"] == {"kind": "map", "id": "alice-2020-first", "name": "Build the bridge"}
    assert data["b"]["kind"] == "agent"
    assert data["rows"][0]["verdict"] == "disagree" and data["rows"][0]["b"]["quote"]["evidence"] == "q-carol-cost"
    assert data["summary"]["only_a"] == 1
    md = run("compare", "alice-archer", "bob-baker", corpus_path, "-f", "markdown").stdout
    assert "| Question | A | B | Verdict | A's quote | B's quote |" in md
    result = run("compare", "alice-archer", "bob-bakr", corpus_path, code=2)
    assert "did you mean bob-baker" in result.stderr


def test_timeline(corpus):
    t = timeline.timeline(corpus, "alice-archer")
    assert [(s.entry.map, s.entry.question, s.entry.stance, s.changed) for s in t.steps] == [
        ("alice-2020-first", "q-alpha", 2, False), ("alice-2020-first", "q-beta", -1, False),
        ("alice-2021-second", "q-alpha", 1, True), ("alice-2021-second", "q-gamma", 2, False)]
    assert [s.previous.stance for s in t.changes] == [2]
    assert t.maps == ["alice-2020-first", "alice-2021-second"]


def test_timeline_cli(run, corpus_path):
    out = run("timeline", "alice-archer", corpus_path).stdout
    assert out.splitlines()[0] == "Alice Archer (alice-archer): 4 positions in 2 maps, 1 change"
    assert "q-alpha  CHANGED from +2 strongly-agree (alice-2020-first, 2020-01)" in out
    data = json.loads(run("timeline", "Alice Archer", corpus_path, "-f", "json").stdout)
    assert data["changes"] == 1
    assert data["entries"][2] == {"date": "2021", "map": "alice-2021-second", "question": "q-alpha", "stance": 1,
                                  "label": "agree", "basis": None, "previous": 2, "previous_map": "alice-2020-first", "changed": True}
    assert "**changed** from +2 strongly-agree" in run("timeline", "alice-archer", corpus_path, "-f", "markdown").stdout
    assert "did you mean alice-archer" in run("timeline", "alice", corpus_path, code=2).stderr


def test_lookup(corpus):
    assert lookup.agent(corpus, "bobby") == "bob-baker"
    assert lookup.agent(corpus, "author@unknown-2021-anon") == "author@unknown-2021-anon"
    assert lookup.agent_or_map(corpus, "bob-2020-reply") == ("map", "bob-2020-reply")
    with pytest.raises(lookup.UnknownName, match="did you mean q-gamma"):
        lookup.question(corpus, "q-gama")
    with pytest.raises(lookup.UnknownName, match=r"see agents\.yaml"):
        lookup.agent(corpus, "zzzzzz")
