"""`argmap graph`: DOT and Mermaid with nothing installed, SVG and PNG through Graphviz, clear errors."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from argmap.model.corpus import load_corpus
from argmap.outputs.render import diagram, dot, mermaid

from .conftest import MAPS, ONE_MAP, need_dot, run


def test_dot_of_one_map_has_every_claim_evidence_and_position() -> None:
    result = run("graph", str(ONE_MAP))
    assert result.exit_code == 0, result.output
    corpus, _, _ = load_corpus([str(ONE_MAP)])
    m = corpus.maps[0]
    text = result.output
    assert text.startswith("digraph argmap {") and text.rstrip().endswith("}")
    nodes = re.findall(r"^\s+n\d+ \[", text, re.M)
    agents = {m.agent_id(p.agent.id) for p in m.positions}
    questions = {p.question.id for p in m.positions}
    assert len(nodes) == 1 + len(m.claims) + len(m.evidence) + len(agents) + len(questions)
    edges = re.findall(r"^\s+n\d+ -> n\d+", text, re.M)
    relations = sum(len(c.supports) + len(c.attacks) for c in m.nodes)
    grounds = sum(len(e.grounds) for e in m.evidence)
    assert len(edges) == relations + grounds + len(m.positions)
    assert 'arrowhead="tee"' in text  # attacks are drawn differently from supports
    assert "cluster_positions" in text and "strongly-agree" in text


def test_mermaid_of_one_map() -> None:
    result = run("graph", str(ONE_MAP), "--format", "mermaid")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "---" and lines[1].startswith('title: "') and lines[3] == "flowchart BT"
    assert any(" --x " in line for line in lines), "attacks drawn as --x"
    assert any("-.->" in line for line in lines), "evidence drawn dotted"
    assert any(line.strip().startswith("linkStyle") for line in lines)


def test_a_map_can_be_named_by_id_or_chosen_with_map(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(MAPS.parent)
    by_id = run("graph", "melyantsou-2021-merger-fears")
    chosen = run("graph", "maps", "--map", "melyantsou-2021-merger-fears")
    by_file = run("graph", str(ONE_MAP))
    assert by_id.exit_code == chosen.exit_code == 0
    assert by_id.output == chosen.output == by_file.output


def test_several_maps_need_a_choice() -> None:
    result = run("graph", str(MAPS))
    assert result.exit_code == 2
    assert "--map" in result.output and "--questions" in result.output


def test_unknown_map_id_is_a_usage_error() -> None:
    result = run("graph", str(MAPS), "--map", "no-such-map")
    assert result.exit_code == 2 and "no map with id 'no-such-map'" in result.output


def test_questions_view_puts_questions_in_the_middle() -> None:
    result = run("graph", str(MAPS), "--questions")
    assert result.exit_code == 0, result.output
    assert "layout=twopi" in result.output and 'root="hub"' in result.output
    corpus, _, _ = load_corpus([str(MAPS)])
    hub_edges = re.findall(r"hub -> n\d+", result.output)
    assert len(hub_edges) == len(corpus.questions)
    # edges coloured by stance: at least the two ends of the scale occur in these maps
    assert diagram.STANCE_COLORS[-2] in result.output and diagram.STANCE_COLORS[2] in result.output
    mermaid_result = run("graph", str(MAPS), "--questions", "--format", "mermaid")
    assert mermaid_result.exit_code == 0 and "flowchart LR" in mermaid_result.output


def test_graphviz_missing_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGMAP_DOT", str(tmp_path / "no-dot-here"))
    for fmt in ("svg", "png"):
        result = run("graph", str(ONE_MAP), "--format", fmt, "-o", str(tmp_path / f"x.{fmt}"))
        assert result.exit_code == 2
        assert "Graphviz is not installed: apt-get install graphviz / brew install graphviz" in result.output
        assert not (tmp_path / f"x.{fmt}").exists()
    assert run("graph", str(ONE_MAP), "--format", "dot").exit_code == 0  # dot needs nothing


def test_svg_and_png_through_graphviz(tmp_path: Path) -> None:
    need_dot()
    svg_file, png_file = tmp_path / "map.svg", tmp_path / "map.png"
    assert run("graph", str(ONE_MAP), "--format", "svg", "-o", str(svg_file)).exit_code == 0
    assert run("graph", str(ONE_MAP), "--format", "png", "-o", str(png_file)).exit_code == 0
    svg_text = svg_file.read_text(encoding="utf-8")
    assert "<svg" in svg_text and "Fears that Moscow" in svg_text
    assert png_file.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png_file.stat().st_size > 20_000
    q_file = tmp_path / "questions.png"
    assert run("graph", str(MAPS), "--questions", "--format", "png", "-o", str(q_file)).exit_code == 0
    assert q_file.stat().st_size > 20_000


def test_every_real_map_is_valid_dot(tmp_path: Path) -> None:
    program = need_dot()
    corpus, _, _ = load_corpus([str(MAPS)])
    sources = [dot.render(diagram.map_diagram(corpus, m)) for m in corpus.maps]
    sources.append(dot.render(diagram.questions_diagram(corpus)))
    for source in sources:
        done = subprocess.run([program, "-Tsvg"], input=source.encode(), capture_output=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr.decode()
        assert b"Warning" not in done.stderr and b"Error" not in done.stderr, done.stderr.decode()


def test_output_never_overwrites_an_input() -> None:
    result = run("graph", str(ONE_MAP), "-o", str(MAPS / "agents.yaml"))
    assert result.exit_code == 2 and "refusing to overwrite an input file" in result.output


def test_mermaid_and_dot_cut_long_texts_only_when_asked() -> None:
    corpus, _, _ = load_corpus([str(ONE_MAP)])
    m = corpus.maps[0]
    cut = mermaid.render(diagram.map_diagram(corpus, m, max_label=40))
    whole = dot.render(diagram.map_diagram(corpus, m, max_label=0))
    assert "…" in cut
    assert m.claims[0].text.split()[-1] in whole
