"""`argmap brief`, the tallies that say what they count, and grouping by period (issue 20, sections 3 and 5).

The fixture corpus (tests/brief/corpus): five maps on a family of questions (q-merge, with q-merge-formal
and q-merge-control beneath it, q-stay-apart excluding q-merge-formal), links between them, an agent
(Ana Antal) who moves from +2 in 2019 to -1 in 2021 with a note, two quoted speakers, and an undated
anonymous map. Its brief is compared whole against tests/brief/q-merge.txt and .json.
"""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.analysis import brief as analysis
from argmap.analysis import periods
from argmap.analysis.positions import StanceEntry, as_stances, positions, tally
from argmap.interfaces.cli import app
from argmap.model.config import ConfigError, Settings, load
from argmap.model.corpus import load_corpus
from argmap.model.maps import Corpus

HERE = Path(__file__).parent / "brief"
CORPUS = HERE / "corpus"


def cli(*args: str, code: int = 0) -> tuple[str, str]:
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "", "FORCE_COLOR": "", "COLUMNS": "100"})
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr, result.exception)
    return result.stdout, result.stderr


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    loaded, _, _ = load_corpus([str(CORPUS)])
    return loaded


# -- the brief, whole --------------------------------------------------------------------------------------


def test_brief_text_whole() -> None:
    out, _ = cli("brief", "q-merge", str(CORPUS), "--isolated")
    assert out == (HERE / "q-merge.txt").read_text(encoding="utf-8")


def test_brief_json_whole() -> None:
    out, _ = cli("brief", "q-merge", str(CORPUS), "--isolated", "--format", "json")
    assert json.loads(out) == json.loads((HERE / "q-merge.json").read_text(encoding="utf-8"))


def test_brief_fits_one_screen() -> None:
    out, _ = cli("brief", "q-merge", str(CORPUS), "--isolated")
    lines = out.splitlines()
    assert len(lines) <= 50
    assert max(len(line) for line in lines) <= 100


def test_brief_markdown_has_every_section() -> None:
    out, _ = cli("brief", "q-merge", str(CORPUS), "--isolated", "--format", "markdown")
    for heading in ("### q-merge", "#### Family", "#### By year", "#### Where the authors agree", "#### Cruxes",
                    "#### Over time", "#### Unanswered"):
        assert heading in out
    assert "**Authors: 1 neutral, 3 disagree; other speakers: 1 agree**" in out


def test_answer_is_counts_authors_first(corpus: Corpus) -> None:
    b = analysis.brief(corpus, "q-merge-formal")
    assert b.answer == "Authors: 1 agree, 2 disagree; other speakers: 1 agree, 1 disagree"
    assert analysis.brief(corpus, "q-stay-apart").answer == "Authors: none takes it up; other speakers: none"


def test_family_from_the_registry(corpus: Corpus) -> None:
    roles = dict(analysis.family(corpus, "q-merge-formal"))
    assert roles == {"q-merge": ("broader", "implies"), "q-merge-control": ("sibling",), "q-stay-apart": ("excludes",)}
    assert dict(analysis.family(corpus, "q-merge")) == {"q-merge-formal": ("narrower", "implied by"),
                                                        "q-merge-control": ("narrower",)}


def test_cruxes_opposed_first_with_the_makers_stances(corpus: Corpus) -> None:
    b = analysis.brief(corpus, "q-merge")
    assert [(c.a.claim, c.relation, c.b.claim) for c in b.cruxes] == [
        ("ben-2021-programs#programs-no-council", "attacks", "ana-2019-roadmap#roadmap-council"),
        ("cleo-2021-control#control-not-merger", "opposes", "ana-2019-roadmap#thesis"),
        ("ben-2021-programs#mayor-breakthrough", "attacks", "cleo-2021-control#summit-empty"),
    ]
    assert [c.opposed for c in b.cruxes] == [True, True, False]
    assert b.cruxes[2].a.stance is None  # the mayor takes no stance on q-merge in that map
    assert b.cruxes[0].a.quote == "there is no word of a common council"


def test_gaps(corpus: Corpus) -> None:
    b = analysis.brief(corpus, "q-merge-formal")
    assert [(s.map, s.authors) for s in b.silent] == [("ana-2021-second", ("Ana Antal",)),
                                                      ("anon-budget", ("unnamed author",))]
    assert [h.name for h in b.hearsay] == ["Dora Dahl", "Max Mayer"]
    assert b.open_family == ["q-stay-apart"]


def test_moves_with_the_note(corpus: Corpus) -> None:
    (move,) = analysis.brief(corpus, "q-merge").moves
    assert move.name == "Ana Antal" and move.changed
    assert [s.stance for s in move.steps] == [2, -1]
    assert move.steps[-1].note.startswith("The 2021 programs")


def test_basis_shown_when_present(corpus: Corpus) -> None:
    """Positions may carry a basis (stated, reported, act, inferred): read when there, else nothing."""
    entry = analysis.brief(corpus, "q-merge").periods[0]
    assert all(h.basis is None for h in entry.holders)

    e = StanceEntry("x", "X", "q", 1, "m", "t", "2020", "2020", False)
    assert analysis.basis_of(e) is None
    reported = StanceEntry("x", "X", "q", 1, "m", "t", "2020", "2020", False, basis="reported")
    assert analysis.basis_of(reported) == "reported"
    assert analysis.hearsay([reported]) == [analysis.Hearsay("x", "X", ("reported",))]


def test_listing_and_all() -> None:
    out, _ = cli("brief", str(CORPUS), "--isolated")
    assert "q-merge: The larger town seeks to absorb the smaller one." in out
    assert "  Authors: 1 neutral, 3 disagree; other speakers: 1 agree" in out
    assert "q-stay-apart" in out
    every, _ = cli("brief", str(CORPUS), "--isolated", "--all", "--format", "json")
    assert [q["question"] for q in json.loads(every)["questions"]] == [
        "q-merge", "q-merge-formal", "q-merge-control", "q-stay-apart", "q-budget"]
    listed, _ = cli("brief", str(CORPUS), "--isolated", "--format", "json")
    assert json.loads(listed)["count"] == "agents"


def test_unknown_question_is_a_usage_error() -> None:
    _, err = cli("brief", "q-merj", str(CORPUS), "--isolated", code=2)
    assert "no question 'q-merj'" in err and "did you mean q-merge" in err
    _, err = cli("brief", "q-merge", str(CORPUS), "--isolated", "--all", code=2)
    assert "--all" in err


# -- what a tally counts -------------------------------------------------------------------------------------


def test_tally_agents_or_stances(corpus: Corpus) -> None:
    entries = [e for e in as_stances(corpus).entries(question="q-merge")]
    agents, stances = tally(entries, "agents"), tally(entries, "stances")
    assert (agents.agree, agents.neutral, agents.disagree, agents.count) == (1, 1, 3, "agents")
    assert (stances.agree, stances.neutral, stances.disagree, stances.count) == (2, 1, 3, "stances")
    assert stances.agents == agents.agents == 5 and stances.counted == 6


def test_positions_says_what_it_counts() -> None:
    out, _ = cli("positions", "q-merge", str(CORPUS), "--isolated")
    flat = " ".join(out.split())  # plain output wraps at the terminal's width
    assert "5 agents, each by its latest stance: 1 agree, 1 neutral, 3 disagree" in flat
    assert "--count stances counts every stance" in flat
    out, _ = cli("positions", "q-merge", str(CORPUS), "--isolated", "--count", "stances")
    assert "6 stances of 5 agents, one per agent and map: 2 agree, 1 neutral, 3 disagree" in out
    data = json.loads(cli("positions", "q-merge", str(CORPUS), "--isolated", "--count", "stances", "-f", "json")[0])
    assert data["summary"]["count"] == "stances" and data["summary"]["counted"] == 6
    cli("positions", "q-merge", str(CORPUS), "--isolated", "--count", "maps", code=2)


# -- periods ---------------------------------------------------------------------------------------------


def test_positions_by_year() -> None:
    out, _ = cli("positions", "q-merge", str(CORPUS), "--isolated", "--by", "year")
    assert "by year (each agent by its latest stance in the year; maps of unknown date as undated):" in out
    assert "    2019: 2 agree, 0 neutral, 0 disagree (2 agents)" in out
    assert "    2021: 0 agree, 0 neutral, 3 disagree (3 agents)" in out
    assert "    undated: 0 agree, 1 neutral, 0 disagree (1 agent)" in out
    data = json.loads(cli("positions", "q-merge", str(CORPUS), "--isolated", "--by", "year", "-f", "json")[0])
    assert [p["period"] for p in data["periods"]] == ["2019", "2021", "undated"]


def test_period_spec_precision() -> None:
    spring = periods.PeriodSpec("spring", "2021-03", "2021-05")
    assert spring.holds("2021-03-01") and spring.holds("2021-05") and spring.holds("2021-05-31")
    assert not spring.holds("2021-06-01") and not spring.holds("2020")
    assert spring.holds("2021")  # a map dated only by its year may be in it
    assert periods.label("unknown", "year") == periods.UNDATED
    assert periods.label("9999", "period", [spring]) == periods.UNDATED
    assert periods.label("2019-01", "period", [spring]) == periods.OUTSIDE


def test_group_by_named_period(corpus: Corpus) -> None:
    named = periods.specs([("before", "2019", "2020-12"), ("after", "2021-01", "2021-12")])
    entries = as_stances(corpus).entries(question="q-merge")
    groups = periods.group(entries, "period", named)
    assert [(name, len(es)) for name, es in groups] == [("before", 2), ("after", 3), ("undated", 1)]
    only_after = periods.group(entries, "period", named[1:])
    assert [name for name, _ in only_after] == ["after", periods.OUTSIDE, periods.UNDATED]


def test_periods_in_the_settings(tmp_path: Path) -> None:
    (tmp_path / "argmap.toml").write_text('[periods]\nroadmap = ["2019", "2019-12"]\nprograms = ["2021-01", "2021-12-31"]\n')
    settings = load(str(tmp_path))
    assert settings.periods == (("roadmap", "2019", "2019-12"), ("programs", "2021-01", "2021-12-31"))
    assert ("periods", "roadmap=2019..2019-12, programs=2021-01..2021-12-31") in settings.shown()
    for bad in ('roadmap = "2019"', 'roadmap = ["2019"]', 'roadmap = ["2019", "soon"]', 'roadmap = ["2020", "2019"]'):
        (tmp_path / "argmap.toml").write_text(f"[periods]\n{bad}\n")
        with pytest.raises(ConfigError):
            load(str(tmp_path))
    assert Settings().periods == ()


def test_brief_by_named_period(tmp_path: Path) -> None:
    config = tmp_path / "argmap.toml"
    config.write_text('[periods]\nroadmap = ["2019-01", "2019-12"]\nprograms = ["2021-01", "2021-12"]\n')
    out, _ = cli("brief", "q-merge", str(CORPUS), "--config", str(config))
    assert "By period (each agent by its latest stance in the period;" in out
    assert "  roadmap (2019-01 to 2019-12)  Authors: 1 agree; other speakers: 1 agree" in out
    assert "  undated (maps of unknown date)  Authors: 1 neutral; other speakers: none" in out
    out, _ = cli("positions", "q-merge", str(CORPUS), "--config", str(config), "--by", "period")
    assert "    programs (2021-01 to 2021-12): 0 agree, 0 neutral, 3 disagree (3 agents)" in out
    _, err = cli("positions", "q-merge", str(CORPUS), "--isolated", "--by", "period", code=2)
    assert "no periods in the settings" in err


# -- hostile text --------------------------------------------------------------------------------------------


def test_hostile_text_is_data(tmp_path: Path) -> None:
    """Map text with rich markup, a terminal escape, HTML, a table bar and a mention is printed as data."""
    corpus = tmp_path / "maps"
    shutil.copytree(CORPUS, corpus)
    path = corpus / "ben-2021-programs.yaml"
    # YAML's "\e" is the escape character: the map's text holds a real ESC
    hostile = '"[bold red]x[/bold red] \\e[31mred <script>alert(1)</script> | @everyone *star*"'
    path.write_text(path.read_text(encoding="utf-8").replace("The programs contain no common council.", hostile),
                    encoding="utf-8")
    out, _ = cli("brief", "q-merge", str(corpus), "--isolated", "--color", "always")
    assert "\x1b[31mred" not in out  # the map's escape is shown, never sent
    assert "\\x1b[31mred" in out
    assert "[bold red]x[/bold red]" in out  # rich markup printed as it is
    md, _ = cli("brief", "q-merge", str(corpus), "--isolated", "--format", "markdown")
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "@everyone" not in md and "\\*star\\*" in md and "\\|" in md
    data = json.loads(cli("brief", "q-merge", str(corpus), "--isolated", "--format", "json")[0])
    assert any(c["from"]["text"].startswith("[bold red]x[/bold red] \x1b[31mred") for c in data["cruxes"])


def test_positions_per_period_in_the_analysis(corpus: Corpus) -> None:
    (qp,) = positions(corpus, "q-merge", by="year")
    assert [(p.period, p.summary.agree, p.summary.disagree) for p in qp.periods] == [
        ("2019", 2, 0), ("2021", 0, 3), ("undated", 0, 0)]



# -- most divisive: among the authors apart from among all speakers -----------------------------------------


def test_matrix_ranks_divisiveness_among_authors_apart() -> None:
    out, _ = cli("matrix", str(CORPUS), "--isolated")
    out = " ".join(out.split())  # plain output wraps at the terminal's width
    assert "Divides the authors most (maps' authors in their own maps): q-merge-formal (67% of pairs opposed) " in out
    assert ("Divides all speakers most (authors and the people they quote): q-merge-formal (60% of pairs opposed), "
            "q-merge (30% of pairs opposed)") in out
    assert "most divisive first (agents, each counted once by its latest stance)" in out
    data = json.loads(cli("matrix", str(CORPUS), "--isolated", "-f", "json")[0])
    among = {s["question"]: s["divisiveness"] for s in data["questions_by_divisiveness_among_authors"]}
    assert among["q-merge"] == 0.0 and among["q-merge-formal"] == 66.7
    assert data["count"] == "agents"
    only, _ = cli("matrix", str(CORPUS), "--isolated", "--authors-only")
    assert "Divides all speakers" not in only and "Divides the authors most" in only


def test_report_opens_with_the_briefs(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    cli("report", str(CORPUS), "--isolated", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert html.index('<section id="brief">') < html.index('<section id="overview">')
    assert "Authors: 1 neutral, 3 disagree; other speakers: 1 agree" in html
    assert '<table class="periods">' in html and "undated (maps of unknown date)" in html
    assert "divisiveness 60% among all speakers, 67% among the authors" in html
    assert "5 agents, each by its latest stance:" in html


# -- evaluate: what in and out mean ---------------------------------------------------------------------------


def test_evaluate_says_what_in_and_out_mean() -> None:
    out, _ = cli("evaluate", str(CORPUS), "--isolated")
    assert out.startswith("Which claims stand, given the 5 attacks recorded in the maps and links.yaml")
    assert "in: accepted under the semantics, given the attacks recorded; out: defeated by an attacker" in out
    block = out.split("  summit-empty:")[1].split("\n  thesis:")[0]
    assert ("! out only because Max Mayer's claim ben-2021-programs#mayor-breakthrough attacks it, which nothing "
            "in the corpus answers") in block
    council = out.split("  roadmap-council:")[1].split("\n  thesis:")[0]
    assert "!" not in council  # an author's claim defeats it: no mark
    data = json.loads(cli("evaluate", str(CORPUS), "--isolated", "-f", "json")[0])
    assert data["attacks"] == 5 and data["legend"].startswith("in: accepted")
    assert data["claims"]["cleo-2021-control#summit-empty"]["unanswered_attacker"] == "ben-2021-programs#mayor-breakthrough"
    assert data["claims"]["ana-2019-roadmap#roadmap-council"]["unanswered_attacker"] is None
    md, _ = cli("evaluate", str(CORPUS), "--isolated", "-f", "markdown")
    assert "*in: accepted under the semantics" in md and "! out only because" in md


def test_evaluate_of_a_framework_file_marks_nothing(tmp_path: Path) -> None:
    path = tmp_path / "f.apx"
    path.write_text("arg(a).\narg(b).\natt(a,b).\n", encoding="utf-8")
    out, _ = cli("evaluate", "--framework", str(path))
    assert out.startswith("Which claims stand, given the 1 attack recorded in the framework")
    assert "!" not in out.split("(a leader's quoted")[1]


def test_plot_distribution_says_what_it_counts() -> None:
    agents, _ = cli("plot", "distribution", str(CORPUS), "--isolated")
    assert "Stances on each question (each agent by its latest stance)" in agents
    assert "q-merge: 1 agent(s) +2 strongly-agree" in agents
    stances, _ = cli("plot", "distribution", str(CORPUS), "--isolated", "--count", "stances")
    assert "Stances on each question (every stance, one per agent and map)" in stances
    assert "q-merge: 2 stance(s) +2 strongly-agree" in stances


def test_the_library_briefs_too() -> None:
    import argmap

    b = argmap.brief(str(CORPUS), "q-merge")
    assert b.answer == "Authors: 1 neutral, 3 disagree; other speakers: 1 agree"
    (qp,) = argmap.positions(str(CORPUS), "q-merge", count="stances", by="year")
    assert qp.summary.count == "stances" and [p.period for p in qp.periods] == ["2019", "2021", "undated"]


DAYS = st.dates(min_value=datetime.date(2015, 1, 1), max_value=datetime.date(2025, 12, 31))


@given(DAYS, DAYS, DAYS)
def test_a_full_date_is_in_a_period_of_full_dates_exactly_between_its_ends(a, b, d) -> None:  # type: ignore[no-untyped-def]
    start, end = sorted((a.isoformat(), b.isoformat()))
    assert periods.PeriodSpec("p", start, end).holds(d.isoformat()) == (start <= d.isoformat() <= end)


@given(st.lists(st.one_of(DAYS.map(lambda d: d.isoformat()), DAYS.map(lambda d: d.isoformat()[:7]),
                          st.just("unknown")), max_size=30), st.sampled_from(["year", "period"]))
def test_grouping_keeps_every_entry_once(dates, by) -> None:  # type: ignore[no-untyped-def]
    entries = [StanceEntry("a", "A", "q", 0, f"m{i}", "t", d, d if d != "unknown" else "9999", True)
               for i, d in enumerate(dates)]
    named = periods.specs([("early", "2015", "2018-06"), ("late", "2021-01", "2025")])
    groups = periods.group(entries, by, named)
    assert sorted(e.map for _, es in groups for e in es) == sorted(e.map for e in entries)
    names = [name for name, _ in groups]
    assert len(names) == len(set(names)) and all(es for _, es in groups)
    assert (periods.UNDATED in names) == ("unknown" in dates)
    if periods.UNDATED in names:
        assert names[-1] == periods.UNDATED


def test_a_clash_between_two_on_the_same_side_is_no_crux(tmp_path: Path) -> None:
    """Two authors who both disagree with the question part elsewhere: their clash is not where they part
    on it, and the brief does not list it among its cruxes."""
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus_dir)
    links = corpus_dir / "links.yaml"
    links.write_text(links.read_text(encoding="utf-8") + (
        "  - from: ben-2021-programs#programs-no-council\n"
        "    to: cleo-2021-control#control-not-merger\n"
        "    relation: attacks\n"), encoding="utf-8")
    loaded, _, _ = load_corpus([str(corpus_dir)])
    result = analysis.brief(loaded, "q-merge")
    pairs = {(c.a.claim, c.b.claim) for c in result.cruxes}
    assert ("ben-2021-programs#programs-no-council", "ana-2019-roadmap#roadmap-council") in pairs
    assert ("ben-2021-programs#programs-no-council", "cleo-2021-control#control-not-merger") not in pairs
    assert all(c.a.stance is None or c.b.stance is None or (c.a.stance > 0) != (c.b.stance > 0)
               or c.a.stance == 0 or c.b.stance == 0 for c in result.cruxes)
