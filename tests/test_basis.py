"""`basis`: how each stance is known (stated, reported, act, inferred), from the format to every output."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.checks.engine import run
from argmap.core.stance import BASES
from argmap.interfaces.cli import app
from argmap.model.config import Settings
from argmap.model.corpus import load_corpus
from argmap.model.maps import Corpus

AGENTS = """\
argmap: 1
agents:
  - id: ann-author
    name: Ann Author
  - id: bob-quoted
    name: Bob Quoted
  - id: cat-petitioner
    name: Cat Petitioner
  - id: dan-silent
    name: Dan Silent
"""
QUESTIONS = """\
argmap: 1
questions:
  - id: plan-works
    proposition: The plan works.
"""


def _map(map_id: str, date: str, positions: Sequence[tuple[str, str, str | None]]) -> str:
    """A small map whose author is Ann; `positions`: (agent, stance, basis or None)."""
    others = ", ".join(agent for agent, _, _ in positions if agent != "author")
    body = textwrap.dedent(f"""\
        argmap: 1
        id: {map_id}
        source:
          title: A plan
          authors: [ann-author]
          outlet: unknown
          date: {date}
        agents: [{others}]
        thesis:
          id: thesis
          text: The plan works.
          by: author
        evidence:
          - id: e-works
            quote: "The plan works."
            speaker: author
            grounds: [thesis]
        positions:
        """)
    for agent, stance, basis in positions:
        body += f"  - agent: {agent}\n    question: plan-works\n    stance: {stance}\n"
        body += f"    basis: {basis}\n" if basis else ""
        body += "    grounds: [thesis]\n"
    return body


FIRST = [("author", "agree", "stated"), ("bob-quoted", "agree", "reported"),
         ("cat-petitioner", "agree", "act"), ("dan-silent", "disagree", "inferred")]


def _corpus(root: Path, maps: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "agents.yaml").write_text(AGENTS, encoding="utf-8")
    (root / "questions.yaml").write_text(QUESTIONS, encoding="utf-8")
    for name, text in maps.items():
        (root / f"{name}.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return _corpus(tmp_path / "maps", {"ann-2020": _map("ann-2020", "2020", FIRST)})


def _load(path: Path) -> Corpus:
    corpus, _findings, _files = load_corpus([str(path)])
    return corpus


def cli(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1"})
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    return result.output


# -- the format ----------------------------------------------------------------------------------------


def test_the_vocabulary_is_the_four_labels() -> None:
    assert list(BASES) == ["stated", "reported", "act", "inferred"]


def test_the_model_reads_basis(corpus_dir: Path) -> None:
    [m] = _load(corpus_dir).maps
    assert [p.basis for p in m.positions] == ["stated", "reported", "act", "inferred"]


def test_a_complete_map_is_clean_under_strict(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "maps", {"m": _map("m", "2020", [("author", "agree", "stated")])})
    result = run([str(root)], Settings(strict=True))
    assert [(f.code, f.message) for f in result.findings] == []
    assert result.exit_code == 0


def test_a_position_without_basis_is_c010_and_fails_strict(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "maps", {"m": _map("m", "2020", [("author", "agree", None)])})
    result = run([str(root)], Settings(strict=True))
    [finding] = result.findings
    assert (finding.code, finding.severity.value, finding.line) == ("C010", "warning", 19)
    assert "does not say how it is known" in finding.message
    for word in BASES:
        assert word in finding.hint
    assert result.exit_code == 1
    assert run([str(root)], Settings()).exit_code == 0  # a warning: only --strict fails


def test_a_misspelt_basis_is_a_schema_error_with_a_suggestion_not_c010(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "maps", {"m": _map("m", "2020", [("author", "agree", "reportd")])})
    [finding] = run([str(root)], Settings()).findings
    assert (finding.code, finding.line) == ("S008", 22)
    assert "'reportd'" in finding.message and "reported" in finding.hint


def test_the_json_schema_lists_the_four_values() -> None:
    from argmap.model.schema import MAP_SCHEMA

    basis = MAP_SCHEMA["definitions"]["position"]["properties"]["basis"]
    assert basis["enum"] == list(BASES)
    assert "basis" not in MAP_SCHEMA["definitions"]["position"]["required"]  # format-1 maps still load
    on_disk = json.loads((Path(__file__).parents[1] / "schema" / "map.schema.json").read_text(encoding="utf-8"))
    assert on_disk["definitions"]["position"]["properties"]["basis"]["enum"] == list(BASES)


def test_fix_corrects_a_misspelt_basis(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "maps", {"m": _map("m", "2020", [("author", "agree", "infered")])})
    out = cli("fix", str(root), code=0)
    assert "'infered' -> 'inferred' (S008)" in out
    assert "basis: inferred\n" in (root / "m.yaml").read_text(encoding="utf-8")


def test_lsp_completes_the_four_values_with_their_meaning(corpus_dir: Path) -> None:
    pytest.importorskip("lsprotocol")
    from argmap.interfaces.lsp.completion import complete

    text = (corpus_dir / "ann-2020.yaml").read_text(encoding="utf-8")
    lines = text.replace("basis: stated", "basis: ").splitlines()
    row = next(i for i, line in enumerate(lines) if line.strip() == "basis:")
    items = complete("map", lines, row, len(lines[row]), None, _load(corpus_dir))
    assert [i.label for i in items] == list(BASES)
    assert items[1].detail == BASES["reported"]


def test_the_cache_format_changed() -> None:
    from argmap.checks import cache

    assert cache.FORMAT >= 3  # entries written before basis and C010 are not reused


# -- exports -------------------------------------------------------------------------------------------


def test_json_export_carries_basis_and_reads_it_back(corpus_dir: Path) -> None:
    from argmap.outputs.export.json_export import corpus_from_json, to_json, without_locations

    corpus = _load(corpus_dir)
    data = to_json(corpus)
    assert [p["basis"] for p in data["maps"][0]["positions"]] == ["stated", "reported", "act", "inferred"]
    assert corpus_from_json(json.loads(json.dumps(data))) == without_locations(corpus)
    import jsonschema  # type: ignore[import-untyped,unused-ignore]

    from argmap.outputs.export.json_export import SCHEMA

    jsonschema.validate(data, SCHEMA)


def test_tables_have_a_basis_column(corpus_dir: Path) -> None:
    import argmap

    rows = argmap.tables(str(corpus_dir))["positions"]
    assert {r["agent"]: r["basis"] for r in rows} == {
        "ann-author": "stated", "bob-quoted": "reported", "cat-petitioner": "act", "dan-silent": "inferred"}


def test_argdown_and_aif_carry_basis_and_their_imports_bring_it_back(corpus_dir: Path, tmp_path: Path) -> None:
    from argmap.outputs.export import aif, argdown

    corpus = _load(corpus_dir)
    assert 'basis: "reported"' in argdown.render(corpus)
    texts = [n["text"] for n in aif.render(corpus)["nodes"]]
    assert any(t.endswith(" : agree (reported): The plan works.") for t in texts)
    from argmap.authoring.importers.aif import read as read_aif
    from argmap.authoring.importers.builder import write_corpus

    draft = read_aif("corpus.json", aif.render(corpus))
    bases = {s.basis for m in draft.maps for s in m.stances}
    assert {"stated", "reported", "act", "inferred"} <= bases
    written = write_corpus(draft, str(tmp_path / "imported"))
    maps = [Path(p).read_text(encoding="utf-8") for p in written if Path(p).name not in ("agents.yaml", "questions.yaml")]
    assert any("basis: reported" in text for text in maps)


# -- diff ----------------------------------------------------------------------------------------------


def test_diff_reports_a_basis_change(tmp_path: Path) -> None:
    from argmap.analysis.diff import diff

    old = _corpus(tmp_path / "old", {"ann-2020": _map("ann-2020", "2020", FIRST)})
    changed = [("author", "agree", "stated"), ("bob-quoted", "agree", "stated"),
               ("cat-petitioner", "agree", "act"), ("dan-silent", "disagree", "inferred")]
    new = _corpus(tmp_path / "new", {"ann-2020": _map("ann-2020", "2020", changed)})
    result = diff(_load(old), _load(new), "old", "new")
    assert [(c.kind, c.agent, c.old, c.new) for c in result.changes] == [
        ("position-rebased", "bob-quoted", "reported", "stated")]
    text = cli("diff", str(old), str(new))
    assert "bob-quoted on plan-works in ann-2020: basis reported → stated" in text


# -- analyses ------------------------------------------------------------------------------------------


def test_positions_show_each_basis_and_count_reported_and_inferred(corpus_dir: Path) -> None:
    text = cli("positions", "plan-works", str(corpus_dir))
    assert "4 agents, each by its latest stance: 3 agree (1 reported), 0 neutral, 1 disagree (1 inferred)" in " ".join(text.split())
    assert "+1 agree (reported)" in text and "+1 agree (act)" in text and "-1 disagree (inferred)" in text
    data = json.loads(cli("positions", "plan-works", str(corpus_dir), "--format", "json"))
    assert data["summary"]["by_basis"] == {"agree": {"stated": 1, "reported": 1, "act": 1}, "neutral": {},
                                           "disagree": {"inferred": 1}}
    assert {p["agent"]: p["basis"] for p in data["positions"]}["cat-petitioner"] == "act"
    markdown = cli("positions", "plan-works", str(corpus_dir), "--format", "markdown")
    assert "3 agree (1 reported)" in markdown and "+1 agree (reported)" in markdown


def test_a_stance_without_basis_is_counted_unstated(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "maps", {"m": _map("m", "2020", [("author", "agree", None)])})
    data = json.loads(cli("positions", "plan-works", str(root), "--format", "json"))
    assert data["summary"]["by_basis"]["agree"] == {"unstated": 1}
    assert data["positions"][0]["basis"] is None
    assert "1 agent, each by its latest stance: 1 agree, 0 neutral, 0 disagree" in cli("positions", "plan-works", str(root))


def test_basis_filter_keeps_only_those_stances(corpus_dir: Path) -> None:
    data = json.loads(cli("positions", "plan-works", str(corpus_dir), "--format", "json",
                          "--basis", "stated,act"))
    assert sorted(p["agent"] for p in data["positions"]) == ["ann-author", "cat-petitioner"]
    assert data["bases"] == ["stated", "act"]
    repeated = json.loads(cli("positions", "plan-works", str(corpus_dir), "--format", "json",
                              "--basis", "act", "--basis", "stated"))
    assert repeated["positions"] == data["positions"]
    assert "Only the stances known as stated or act" in cli("positions", str(corpus_dir), "--basis", "stated,act")
    matrix = json.loads(cli("matrix", str(corpus_dir), "--format", "json", "--basis", "inferred"))
    assert [s["agent"] for s in matrix["stances"]] == ["dan-silent"]
    assert matrix["stances"][0]["basis"] == "inferred"
    compared = json.loads(cli("compare", "ann-author", "bob-quoted", str(corpus_dir), "--format", "json",
                              "--basis", "stated"))
    assert compared["rows"][0]["verdict"] == "only-a" and compared["rows"][0]["a"]["basis"] == "stated"
    out = CliRunner().invoke(app, ["positions", str(corpus_dir), "--basis", "reportd"])
    assert out.exit_code == 2 and "reported" in out.output


def test_compare_and_timeline_show_the_basis(corpus_dir: Path) -> None:
    assert "+1 agree (reported)" in cli("compare", "ann-author", "bob-quoted", str(corpus_dir))
    assert "+1 agree (reported)" in cli("timeline", "bob-quoted", str(corpus_dir))
    data = json.loads(cli("timeline", "bob-quoted", str(corpus_dir), "--format", "json"))
    assert data["entries"][0]["basis"] == "reported"


def test_report_shows_and_filters_by_basis(corpus_dir: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    cli("report", str(corpus_dir), "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert "3 agree (1 reported)" in html and "(inferred)" in html
    cli("report", str(corpus_dir), "-o", str(page), "--basis", "stated")
    html = page.read_text(encoding="utf-8")
    assert "1 agent, each by its latest stance: 1 agree, 0 neutral, 0 disagree" in html
    assert "only the stances known as stated" in html


def test_the_api_exposes_basis_and_its_filter(corpus_dir: Path) -> None:
    import argmap

    [q] = argmap.positions(str(corpus_dir), "plan-works")
    assert {e.agent: e.basis for e in q.entries}["bob-quoted"] == "reported"
    assert q.summary.indirect("agree") == {"reported": 1}
    [only] = argmap.positions(str(corpus_dir), "plan-works", basis=["act"])
    assert [e.agent for e in only.entries] == ["cat-petitioner"]
    with pytest.raises(ValueError, match="not a basis"):
        argmap.positions(str(corpus_dir), basis=["hearsay"])


def test_a_warm_cache_still_reports_a_missing_basis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """C010 is a per-map finding: the cached result of a map must hold it, cold and warm alike."""
    root = _corpus(tmp_path / "maps", {"m": _map("m", "2020", [("author", "agree", None)])})
    monkeypatch.chdir(tmp_path)
    cold = run([str(root)], Settings(), cache=True)
    warm = run([str(root)], Settings(), cache=True)
    assert [f.code for f in cold.findings] == [f.code for f in warm.findings] == ["C010"]
    assert (tmp_path / ".argmap_cache").is_dir()
