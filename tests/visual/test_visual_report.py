"""`argmap report`: one self-contained HTML file, checked as text and in a real headless Chromium."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from argmap.analysis.agreement import stance_matrix
from argmap.model.corpus import load_corpus

from . import cdp
from .conftest import MAPS, run


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = run("report", str(MAPS), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_report_is_one_self_contained_file(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    parser = _Collect()
    parser.feed(page)
    tags = [t for t, _ in parser.tags]
    assert "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    assert "@import" not in page and "@font-face" not in page
    assert not re.search(r"url\((?!#)", page), "only in-page references (SVG markers) may use url()"
    for _, attrs in parser.tags:
        for name in ("src", "href"):
            value = attrs.get(name)
            assert value is None or value.startswith(("#", "http://", "https://")), attrs
    assert 'name="viewport"' in page and "@media print" in page


def test_report_has_every_part(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    corpus, _, _ = load_corpus([str(MAPS)])
    for anchor in ("overview", "stances", "heatmap", "agreement-table", "agreement", "questions", "maps", "checks"):
        assert f'id="{anchor}"' in page, anchor
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="argument"') == len(corpus.maps)
    for m in corpus.maps:
        assert m.id in page
    for question in corpus.questions.values():
        assert question.proposition.replace("'", "&#x27;").replace('"', "&quot;") in page
    assert "All checks pass." in page or "error(s)" in page
    # quotes appear under the questions
    assert page.count("<blockquote>") >= 10


def test_report_shows_check_results(tmp_path: Path, hostile_corpus: Path) -> None:
    out = tmp_path / "r.html"
    assert run("report", str(hostile_corpus), "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert 'id="findings"' in page and "A006" in page


def test_report_to_stdout_and_refusal_to_overwrite(tmp_path: Path) -> None:
    result = run("report", str(MAPS))
    assert result.exit_code == 0 and result.output.startswith("<!DOCTYPE html>")
    refused = run("report", str(MAPS), "-o", str(MAPS / "questions.yaml"))
    assert refused.exit_code == 2 and "refusing to overwrite" in refused.output


# -- in a real browser --------------------------------------------------------------------------------

VISIBLE = """(() => {
  const seen = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 20 && r.height > 20 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const heat = document.getElementById('heatmap');
  const svgs = [...document.querySelectorAll('svg.argument:not(.debate)')];
  const debate = [...document.querySelectorAll('svg.debate')];
  return {heat: !!heat && seen(heat), heatCells: heat ? heat.querySelectorAll('td').length : 0,
          coloured: heat ? [...heat.querySelectorAll('td')].filter(td => td.style.background).length : 0,
          agreement: !!document.getElementById('agreement') && seen(document.getElementById('agreement')),
          diagrams: svgs.length, diagramsVisible: svgs.filter(seen).length,
          nodes: document.querySelectorAll('svg.argument:not(.debate) g.node').length,
          debate: debate.filter(seen).length, debateNodes: document.querySelectorAll('svg.debate g.node').length,
          scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth};
})()"""


@pytest.fixture(scope="module")
def browser() -> cdp.Browser:
    binary = cdp.chromium()
    if binary is None:
        pytest.skip("Chromium is not installed (bash .ci/install-extras installs Debian's chromium)")
    with cdp.Browser(binary) as b:
        yield b  # type: ignore[misc]


def test_report_in_chromium_desktop(report: Path, browser: cdp.Browser, tmp_path_factory: pytest.TempPathFactory) -> None:
    browser.open(report.as_uri(), 1280, 900)
    assert browser.problems() == []
    assert browser.requests() == [report.as_uri()], "the report must not load anything"
    state = browser.evaluate(VISIBLE)
    corpus, _, _ = load_corpus([str(MAPS)])
    assert state["heat"] and state["agreement"]
    assert state["coloured"] == len(stance_matrix(corpus).cells)  # one coloured cell per stance
    assert state["diagrams"] == state["diagramsVisible"] == len(corpus.maps)
    assert state["nodes"] == sum(len(m.nodes) + len(m.evidence) for m in corpus.maps)
    # the debate (links.yaml): one more diagram, a node per thesis and per claim a link names
    ends = {e for link in corpus.links for e in (link.source.id, link.target.id)}
    theses = {f"{m.id}#{m.thesis.id}" for m in corpus.maps if m.thesis}
    assert state["debate"] == 1 and state["debateNodes"] == len(ends | theses)
    shot = tmp_path_factory.mktemp("shots") / "report-desktop.png"
    data = browser.screenshot(str(shot))
    assert cdp.png_size(data) == (1280, 900)
    assert cdp.png_colours(data) > 20, "the first screen looks blank"
    browser.evaluate("document.getElementById('maps').scrollIntoView()")
    data = browser.screenshot(str(shot.with_name("report-maps.png")))
    assert cdp.png_colours(data) > 10, "the diagrams look blank"


def test_report_on_a_phone_scrolls_only_inside_its_tables(report: Path, browser: cdp.Browser,
                                                           tmp_path_factory: pytest.TempPathFactory) -> None:
    browser.open(report.as_uri(), 390, 844, mobile=True)
    assert browser.problems() == []
    state = browser.evaluate(VISIBLE)
    assert state["scrollWidth"] <= state["width"] + 1, state  # no sideways scrolling of the page itself
    assert state["heat"] and state["diagramsVisible"] == state["diagrams"]
    data = browser.screenshot(str(tmp_path_factory.mktemp("shots") / "report-phone.png"))
    assert cdp.png_colours(data) > 20


def test_report_with_javascript_off_and_in_print(report: Path, browser: cdp.Browser,
                                                 tmp_path_factory: pytest.TempPathFactory) -> None:
    browser.open(report.as_uri(), 1280, 900, javascript=False)
    assert browser.problems() == []
    data = browser.screenshot(str(tmp_path_factory.mktemp("shots") / "report-nojs.png"))
    assert cdp.png_colours(data) > 20
    pdf = base64.b64decode(browser.send("Page.printToPDF", {"printBackground": True})["data"])
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 3, pages


def test_hostile_report_in_chromium_runs_nothing(hostile_corpus: Path, browser: cdp.Browser, tmp_path: Path) -> None:
    out = tmp_path / "hostile.html"
    assert run("report", str(hostile_corpus), "-o", str(out)).exit_code == 0
    browser.open(out.as_uri(), 1000, 800)
    assert browser.problems() == []
    assert browser.requests() == [out.as_uri()]
    assert not any(e.get("method") == "Page.javascriptDialogOpening" for e in browser.events)
    assert browser.evaluate("document.querySelectorAll('script').length") == 0
    assert "<script>alert(1)</script>" in browser.evaluate("document.body.innerText")
