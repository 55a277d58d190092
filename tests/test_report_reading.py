"""Reading the results (issue 21): one colour-blind-safe palette everywhere, agreement cells that say how
many questions a pair shares and are paler the fewer, a timeline that draws each stance at its value and
a year-only date as the year, and a debate diagram that fits the page and marks cut text with "…"."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.analysis.agreement import agreements, stance_matrix
from argmap.analysis.links.evaluate import grounded_claims
from argmap.analysis.positions import as_stances
from argmap.core import palette
from argmap.model.corpus import load_corpus
from argmap.model.maps import Corpus
from argmap.outputs.analysis import render_text
from argmap.outputs.plot import charts
from argmap.outputs.plot import svg as plot_svg
from argmap.outputs.plot.canvas import Picture
from argmap.outputs.render import html_report, svg
from argmap.outputs.render.diagram import debate_diagram

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    loaded, _, _ = load_corpus([str(ROOT / "maps")])
    return loaded


def _root(picture: Picture) -> ET.Element:
    return ET.fromstring(plot_svg.element(picture))


def test_one_palette_red_to_blue_for_terminal_report_and_plots() -> None:
    from argmap.outputs.render import diagram

    assert diagram.STANCE_FILLS is palette.STANCE_FILLS
    # no green in the terminal: its stance and agreement styles are the palette's fills
    for value, style in render_text.STANCE_STYLE.items():
        assert palette.STANCE_FILLS[value] in style
        assert "green" not in style and "red3" not in style
    assert render_text.heat(100) == render_text.STANCE_STYLE[2] and render_text.heat(0) == render_text.STANCE_STYLE[-2]
    for percent in (0.0, 12.4, 12.5, 37.5, 50.0, 62.5, 87.5, 100.0):
        step = palette.agreement_step(percent)
        assert render_text.heat(percent) == render_text.STANCE_STYLE[step]
        assert palette.agreement_fill(percent)[0] == palette.STANCE_FILLS[step]
    assert [palette.agreement_step(v) for v in (0, 12.5, 37.5, 62.5, 87.5)] == [-2, -1, 0, 1, 2]


def test_a_pair_sharing_one_question_is_paler_than_one_sharing_ten() -> None:
    def lightness(colour: str) -> int:
        return sum(int(colour[i:i + 2], 16) for i in (1, 3, 5))

    one, three, ten = (palette.agreement_fill(100, n)[0] for n in (1, 3, 10))
    assert lightness(one) > lightness(three) > lightness(ten) and ten == palette.STANCE_FILLS[2]


def test_report_counts_are_readable_and_cells_shaded_by_questions_shared(corpus: Corpus) -> None:
    page = html_report.render(corpus, [], 5)
    table = page[page.index('id="agreement"'):page.index("</table>", page.index('id="agreement"'))]
    counts = re.findall(r'<td style="background:(#[0-9a-f]{6});color:(#[0-9a-f]{6})"[^>]*>\d+%<br><span class="n">(\d+)q</span>',
                        table)
    assert counts and 'class="small">' not in table  # the muted grey of .small was nearly invisible on dark blue
    assert "table.agree td .n{" in page and "color:inherit" in page
    fills = {int(n): fill for fill, _, n in counts}
    assert len(set(fills.values())) > 1
    matrix = stance_matrix(corpus)
    pairs = agreements(matrix)
    pair = next(p for p in pairs if len(p.shared) == 1 and p.agreement == 100)
    assert palette.agreement_fill(100, 1)[0] != palette.STANCE_FILLS[2]
    assert pair is not None


def test_plot_agreement_shows_how_many_questions_each_pair_shares(corpus: Corpus) -> None:
    root = _root(charts.agreement(as_stances(corpus)))
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    counts = [t for t in texts if re.fullmatch(r"\d+q", t)]
    assert counts and "6q" in counts  # Kazakevich and Melyantsou share six questions
    assert any("how many questions the pair shares" in t for t in texts)


def test_timeline_points_stand_at_their_values_and_a_year_is_drawn_as_a_span(corpus: Corpus) -> None:
    stances = as_stances(corpus)
    root = _root(charts.timeline(stances, "dzianis-melyantsou"))
    levels = {float(line.get("y1", 0)) for line in root.iter(f"{SVG}line")
              if line.get("x1") and float(line.get("x1", 0)) == 140.0}  # the five grid lines of the scale
    assert len(levels) == 5
    circles = [c for c in root.iter(f"{SVG}circle")]
    assert circles and all(float(c.get("cy", 0)) in levels for c in circles)  # nothing nudged off its value
    hollow = [c for c in circles if c.get("fill") == "#ffffff"]
    assert hollow  # melyantsou-2021-merger-fears is dated 2021 only
    dashed = [line for line in root.iter(f"{SVG}line") if line.get("stroke-dasharray") and float(line.get("y1", 0)) in levels
              and line.get("y1") == line.get("y2") and line.get("stroke") not in ("#d0d7de", "#1f2328")]
    assert dashed  # the bar across the year
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert any(t.startswith("×") for t in texts)  # questions at one stance on one date share a marked point
    assert charts._span("2021") == (2021, 2022.0, False) and charts._span("2021-09-21")[2]  # type: ignore[index]


def test_debate_fits_the_page_and_marks_cut_text(corpus: Corpus) -> None:
    drawing = svg.render_debate(debate_diagram(corpus, grounded_claims(corpus)))
    root = ET.fromstring(drawing)
    assert "debate" in (root.get("class") or "")
    assert ".diagram svg.debate{max-width:100%}" in html_report.CSS
    heads = [t for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold"]
    spans = [s.text or "" for t in heads for s in t.iter(f"{SVG}tspan")]
    assert spans and all(len(s) <= int(svg.DEBATE_COLUMN / (svg.CHAR_WIDTH * 1.1)) for s in spans)
    assert any(s.endswith("…") for s in spans)
    theses = [m for m in corpus.maps if m.thesis and len(m.thesis.text) > 300]
    assert theses
    texts = "".join(t.text or "" for t in root.iter(f"{SVG}tspan"))
    assert texts.count("…") >= len(theses)


def test_debate_columns_are_ordered_to_cross_less(corpus: Corpus) -> None:
    d = debate_diagram(corpus, grounded_claims(corpus))
    ordered = svg._debate_order(d)

    def crossings(columns: dict[str, list[object]]) -> int:
        place = {n.key: (list(d.groups).index(g), i) for g, nodes in columns.items() for i, n in enumerate(nodes)}  # type: ignore[attr-defined]
        edges = [(place[e.source], place[e.target]) for e in d.edges if e.source in place and e.target in place
                 and place[e.source][0] != place[e.target][0]]
        edges = [(a, b) if a[0] < b[0] else (b, a) for a, b in edges]
        count = 0
        for i, (a, b) in enumerate(edges):
            for c, f in edges[i + 1:]:
                if (a[0], b[0]) == (c[0], f[0]) and (a[1] - c[1]) * (b[1] - f[1]) < 0:
                    count += 1
        return count

    given: dict[str, list[object]] = {}
    for node in d.nodes:
        given.setdefault(node.group, []).append(node)
    assert crossings(ordered) < crossings(given)  # type: ignore[arg-type]


def test_terminal_matrix_is_red_to_blue(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLORTERM", "truecolor")
    out = io.StringIO()
    matrix = stance_matrix(corpus)
    from argmap.analysis.agreement import divisiveness

    render_text.matrix(matrix, agreements(matrix), divisiveness(matrix), corpus, out, True, width=200)
    text = out.getvalue()
    # +2 on #2166ac and -2 on #b2182b in true colour; rich caches a style's codes for the first terminal it
    # met, so after another test they may be those of 256 or 16 colours: blue or cyan, never green.
    backgrounds = set(re.findall(r"\x1b\[[0-9;]*?(4[0-7]|10[0-7]|48;5;\d+|48;2;\d+;\d+;\d+)m", text))
    assert backgrounds & {"48;2;33;102;172", "44", "46", "104", "106"} or any(b.startswith("48;5;") for b in backgrounds)
    assert not backgrounds & {"42", "102", "48;5;28", "48;5;114", "48;5;34"}  # no green (green4, pale_green3)
