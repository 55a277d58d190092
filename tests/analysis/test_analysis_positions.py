"""`argmap positions`: entries, grounds, quotes, summary; the JSON shape; the real maps."""

from __future__ import annotations

import json

from argmap.analysis import positions

from .conftest import REPO


def test_entries_of_q_alpha_in_order(corpus):
    [qp] = positions.positions(corpus, "q-alpha")
    # ordered by each agent's latest stance (alice +1, bob -1, carol -2), then by date within an agent
    assert [(e.agent, e.map, e.stance) for e in qp.entries] == [
        ("alice-archer", "alice-2020-first", 2),
        ("alice-archer", "alice-2021-second", 1),
        ("bob-baker", "bob-2020-reply", -1),
        ("carol-cole", "alice-2020-first", -2),
    ]
    assert qp.latest["alice-archer"].map == "alice-2021-second"
    # each agent counted once, by its latest stance: alice +1 agrees; bob and carol disagree
    assert qp.summary == positions.Summary(agents=3, agree=1, neutral=0, disagree=2, positions=4)


def test_author_is_resolved_and_flagged(corpus):
    entries = positions.stance_entries(corpus, question="q-beta")
    assert {(e.agent, e.is_author) for e in entries} == {
        ("alice-archer", True), ("bob-baker", True), ("author@unknown-2021-anon", True)}
    assert [e.agent for e in positions.stance_entries(corpus, authors_only=True) if e.agent == "carol-cole"] == []


def test_grounds_and_quotes_prefer_the_agents_own_words(corpus):
    [qp] = positions.positions(corpus, "q-alpha")
    carol = qp.latest["carol-cole"]
    assert [g.id for g in carol.grounds] == ["carol-too-costly"]
    # q-reported-cost (the author's) is written first, but carol's own words come first
    assert [q.evidence for q in carol.quotes] == ["q-carol-cost", "q-reported-cost"]
    assert carol.quotes[0].speaker == "carol-cole"
    # evidence cited directly comes before evidence of the grounding claims; at most two quotes
    [beta] = positions.positions(corpus, "q-beta")
    alice = beta.latest["alice-archer"]
    assert [q.evidence for q in alice.quotes] == ["q-no-flood"]
    first = next(e for e in qp.entries if e.map == "alice-2020-first" and e.agent == "alice-archer")
    assert [g.id for g in first.grounds] == ["thesis", "bridge-pays-off"]
    assert [q.evidence for q in first.quotes] == ["q-alice-pays"]


def test_every_question_listed_even_unanswered(corpus):
    items = positions.positions(corpus)
    assert [qp.question for qp in items] == ["q-alpha", "q-beta", "q-gamma", "q-delta"]
    assert items[-1].summary.positions == 0


def test_text_output(run, corpus_path):
    out = run("positions", "q-alpha", corpus_path).stdout
    assert out.splitlines()[0] == "q-alpha: The bridge should be built."
    assert "3 agents, each by its latest stance: 1 agree, 0 neutral, 2 disagree" in out
    assert "+2 strongly-agree   Alice Archer (alice-archer), author of alice-2020-first (2020-01) [earlier]" in out
    assert "Carol Cole (carol-cole), reported in alice-2020-first (2020-01)" in out
    assert "“we simply cannot afford it” [q-carol-cost]" in out
    assert "\x1b" not in out  # plain when not a terminal


def test_json_shape(run, corpus_path):
    data = json.loads(run("positions", "q-alpha", corpus_path, "--format", "json").stdout)
    assert data["question"] == "q-alpha"
    assert data["summary"] == {"agents": 3, "agree": 1, "neutral": 0, "disagree": 2, "positions": 4,
                               "count": "agents", "counted": 3,
                               "by_basis": {"agree": {"unstated": 1}, "neutral": {}, "disagree": {"unstated": 2}}}
    first = data["positions"][0]
    assert {"agent", "map", "date", "stance"} <= set(first)
    assert [(p["agent"], p["map"], p["date"], p["stance"], p["latest"]) for p in data["positions"]] == [
        ("alice-archer", "alice-2020-first", "2020-01", 2, False),
        ("alice-archer", "alice-2021-second", "2021", 1, True),
        ("bob-baker", "bob-2020-reply", "2020-06-15", -1, True),
        ("carol-cole", "alice-2020-first", "2020-01", -2, True),
    ]
    assert first["grounds"][1] == {"id": "bridge-pays-off", "text": "The bridge pays for itself within ten years."}
    assert first["quotes"][0]["evidence"] == "q-alice-pays"
    every = json.loads(run("positions", corpus_path, "--format", "json").stdout)
    assert [q["question"] for q in every["questions"]] == ["q-alpha", "q-beta", "q-gamma", "q-delta"]


def test_markdown_table(run, corpus_path):
    out = run("positions", "q-alpha", corpus_path, "--format", "markdown").stdout
    assert out.startswith("### q-alpha\n")
    assert "| Agent | Stance | Where | Date | Grounds | Quotes | Note |" in out
    assert "| Carol Cole | -2 strongly-disagree | reported in alice-2020-first | 2020-01 |" in out


def test_unknown_question_did_you_mean(run, corpus_path):
    result = run("positions", "q-alfa", corpus_path, code=2)
    assert "no question 'q-alfa'" in result.stderr and "did you mean q-alpha" in result.stderr
    assert result.stdout == ""


def test_empty_corpus_is_a_usage_error(run, tmp_path):
    (tmp_path / ".git").mkdir()  # keep the registry search inside tmp_path
    result = run("positions", str(tmp_path), code=2)
    assert "no maps found" in result.stderr
    assert "no such file" in run("matrix", str(tmp_path / "missing"), code=2).stderr


def test_real_maps_russia_seeks_annexation(run):
    """On maps/: the four stances the articles record on annexation (incorporation or a Russian-dominated
    union state), with their authors' reasons; the September 2021 Melyantsou article takes no position on
    it (adjudicated against the second coding), and the Sochi author's +1 rests on an inference."""
    data = json.loads(run("positions", "russia-seeks-annexation", str(REPO / "maps"), "--format", "json").stdout)
    got = {(p["agent"], p["map"], p["stance"]) for p in data["positions"]}
    assert got == {
        ("author@unknown-2019-sochi-integration-roadmap", "unknown-2019-sochi-integration-roadmap", 1),
        ("andrei-kazakevich", "kazakevich-2021-putin-lukashenka-summit", -1),
        ("dzianis-melyantsou", "melyantsou-2021-merger-fears", -1),
        ("balazs-jarabik", "rudnik-2019-independence-integration", -1),
    }
    counts = {k: v for k, v in data["summary"].items() if k != "by_basis"}  # the bases are the maps' to say
    assert counts == {"agents": 4, "agree": 1, "neutral": 0, "disagree": 3, "positions": 4,
                      "count": "agents", "counted": 4}
    kazakevich = next(p for p in data["positions"] if p["agent"] == "andrei-kazakevich")
    assert kazakevich["quotes"][0]["evidence"] == "q-not-incorporation"
    text = run("positions", "russia-seeks-annexation", str(REPO / "maps")).stdout
    assert "4 agents, each by its latest stance: 1 agree (1 inferred), 0 neutral, 3 disagree (1 reported, 1 inferred)" in text
