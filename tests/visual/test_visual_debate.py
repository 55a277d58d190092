"""`argmap graph --links` and the report's debate section: the corpus as one debate, maps as clusters,
links coloured by relation, claims by grounded status; in DOT, Mermaid, SVG and PNG; map text escaped."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from argmap.analysis.links.evaluate import grounded_claims
from argmap.model.corpus import load_corpus
from argmap.outputs.render import diagram, dot, mermaid, svg
from argmap.outputs.render.diagram import LINK_COLORS, STATUS_FILLS
from tests.clirun import run_cli as argmap

from .conftest import HOSTILE, MAPS, need_dot, run


@pytest.fixture(scope="module")
def picture() -> diagram.Diagram:
    corpus, _, _ = load_corpus([str(MAPS)])
    return diagram.debate_diagram(corpus, grounded_claims(corpus))


def test_the_debate_holds_each_linked_claim_and_every_link(picture: diagram.Diagram) -> None:
    corpus, _, _ = load_corpus([str(MAPS)])
    ends = {e for link in corpus.links for e in (link.source.id, link.target.id)}
    claims = {f"{n.group}#{n.ref}" for n in picture.nodes if n.kind == "claim"}
    assert claims == {e for e in ends if not e.endswith("#" + corpus.map_by_id(e.split("#")[0]).thesis.id)}  # type: ignore[union-attr]
    assert len(picture.groups) == len({e.split("#")[0] for e in ends})
    assert sum(1 for edge in picture.edges if edge.link) == len(corpus.links)
    status = grounded_claims(corpus)
    assert all(n.status == status[f"{n.group}#{n.ref}"] for n in picture.nodes)
    assert {n.status for n in picture.nodes} == {"in", "out", "undecided"}


def test_dot_draws_maps_as_clusters_and_colours_links_and_status() -> None:
    result = argmap("graph", "--links", str(MAPS))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert len(re.findall(r"^  subgraph cluster_\d+ \{", text, re.M)) == 5
    for colour in [*LINK_COLORS.values(), *STATUS_FILLS.values()]:
        assert colour in text
    assert 'dir="both", arrowhead="tee", arrowtail="tee"' in text  # opposes: a mutual attack
    assert "grounded: undecided" in text


def test_mermaid_draws_maps_as_subgraphs() -> None:
    result = argmap("graph", "--links", str(MAPS), "-f", "mermaid")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert len(re.findall(r"^    subgraph g\d+ \[\"", text, re.M)) == 5
    assert re.search(r"^    n\d+ x--x\|\"opposes\"\| n\d+$", text, re.M)
    assert re.search(r"^    n\d+ ---\|\"same\"\| n\d+$", text, re.M)
    assert "classDef undecided fill:#fff8c5" in text


def test_svg_and_png_through_graphviz(tmp_path: Path) -> None:
    need_dot()
    out = tmp_path / "debate.svg"
    assert argmap("graph", "--links", str(MAPS), "-f", "svg", "-o", str(out)).returncode == 0
    drawn = out.read_text(encoding="utf-8")
    assert "<svg" in drawn and "cluster_1" in drawn
    png = tmp_path / "debate.png"
    assert argmap("graph", "--links", str(MAPS), "-f", "png", "-o", str(png)).returncode == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_links_needs_links_and_excludes_questions(tmp_path: Path) -> None:
    bare = tmp_path / "maps"
    shutil.copytree(MAPS, bare)
    (bare / "links.yaml").unlink()
    result = argmap("graph", "--links", str(bare))
    assert result.returncode == 2 and "no links to draw" in result.stderr
    both = argmap("graph", "--links", "--questions", str(MAPS))
    assert both.returncode == 2 and "choose one" in both.stderr


@pytest.fixture
def hostile_debate(hostile_corpus: Path) -> Path:
    (hostile_corpus / "links.yaml").write_text(yaml.safe_dump({"argmap": 1, "links": [
        {"from": "eve-2024-hostile#c1", "to": "eve-2024-hostile#c2", "relation": "opposes", "note": HOSTILE}]},
        allow_unicode=True), encoding="utf-8")
    return hostile_corpus


def test_hostile_text_stays_text_in_every_drawing(hostile_debate: Path) -> None:
    corpus, _, _ = load_corpus([str(hostile_debate)])
    picture = diagram.debate_diagram(corpus, grounded_claims(corpus))
    assert picture.edges and picture.groups
    source = dot.render(picture)
    assert "\x1b" not in source and "&lt;script&gt;" in source
    program = need_dot()
    done = subprocess.run([program, "-Tsvg"], input=source.encode(), capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert b"<script" not in done.stdout
    for line in mermaid.render(picture).splitlines()[4:]:
        if '"' in line:  # a node, a subgraph title or a link label: one quoted string
            label = re.sub(r"<br>|</?small>", "", line)
            quoted = label.split('"', 1)[1]
            assert "<" not in quoted and ">" not in quoted and "%%" not in quoted and quoted.count('"') == 1, line
    drawn = svg.render_debate(picture)
    assert "<script" not in drawn and "&lt;script&gt;" in drawn


def test_report_has_a_debate_section_only_with_links(tmp_path: Path, hostile_debate: Path) -> None:
    out = tmp_path / "report.html"
    assert run("report", str(MAPS), "-o", str(out)).exit_code == 0  # type: ignore[attr-defined]
    page = out.read_text(encoding="utf-8")
    assert '<section id="debate">' in page and 'href="#debate"' in page
    assert page.count('class="argument debate"') == 1 and 'id="arguments"' in page
    assert "<script" not in page
    bare = tmp_path / "maps"
    shutil.copytree(MAPS, bare)
    (bare / "links.yaml").unlink()
    assert run("report", str(bare), "-o", str(out)).exit_code == 0  # type: ignore[attr-defined]
    assert 'id="debate"' not in out.read_text(encoding="utf-8")
    assert run("report", str(hostile_debate), "-o", str(out)).exit_code == 0  # type: ignore[attr-defined]
    hostile_page = out.read_text(encoding="utf-8")
    assert 'id="debate"' in hostile_page and "<script>" not in hostile_page
