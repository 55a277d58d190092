"""Saved web pages and PDFs as articles (argmap/files/sources): the main text extracted and quotes checked against
it, a quote from a page's navigation, adverts or comments reported where it was found, `argmap new` filling
`source` from a page's or a PDF's metadata, `source.archived` carried to the report and the tables, and the
hostile files (50 MB, nested 100,000 deep, cyclic or encrypted or endless PDFs) each a finding, in bounded
time. The pages in tests/data/websources are ours (see LICENSE.md there); the PDFs are built here by two
producers: fpdf2 (as a word processor lays out text, with its own fonts) and Chromium's print to PDF."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import time
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.files.sources import extract as extract_module
from argmap.files.sources.extract import ExtractionError, ExtractLimits, extract_file
from argmap.files.sources.pdf import _clean, join_pages, strip_furniture
from argmap.interfaces.cli import app

pytest.importorskip("trafilatura")
pytest.importorskip("pdfminer")

PAGES = Path(__file__).resolve().parent / "data" / "websources"
runner = CliRunner()

QUESTIONS = """argmap: 1
questions:
  - id: union-breakthrough
    proposition: The union programmes are a breakthrough.
"""
AGENTS = """argmap: 1
agents:
  - {id: anna-kovalenka, name: Anna Kovalenka, kind: person}
  - {id: pavel-sidarenka, name: Pavel Sidarenka, kind: person}
  - {id: jane-roe, name: Jane Roe, kind: person}
"""


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A corpus folder and a sources folder; the extraction cache goes under tmp_path."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "maps").mkdir()
    (tmp_path / "src").mkdir()
    (tmp_path / "maps" / "questions.yaml").write_text(QUESTIONS)
    (tmp_path / "maps" / "agents.yaml").write_text(AGENTS)
    return tmp_path


def write_map(root: Path, text: str, quotes: dict[str, str], author: str = "anna-kovalenka",
              extra_source: str = "") -> Path:
    evidence = "".join(f"  - {{id: {k}, quote: {json.dumps(q)}, speaker: author, grounds: [thesis]}}\n"
                       for k, q in quotes.items())
    path = root / "maps" / "kovalenka-2021-union.yaml"
    path.write_text(f"""argmap: 1
id: kovalenka-2021-union
source:
  title: The Union Programmes
  authors: [{author}]
  outlet: The Eastern Ledger
  date: "2021-09-21"
{extra_source}  text: {text}
thesis: {{id: thesis, text: "The programmes are a compromise.", by: author}}
claims: []
evidence:
{evidence}positions:
  - {{agent: author, question: union-breakthrough, stance: disagree, grounds: [thesis]}}
""")
    return path


# -- the pages: main text and metadata ------------------------------------------------------------------

@pytest.mark.parametrize(("name", "inside", "outside", "meta"), [
    ("news-site.html", "they contain no mention of supranational bodies",
     ["Refinance your mortgage", "quiet annexation", "Latest headlines", "We use cookies", "Gas prices fixed"],
     {"title": "The Union Programmes Are a Compromise, Not a Breakthrough", "authors": ["Anna Kovalenka"],
      "date": "2021-09-21", "outlet": "The Eastern Ledger",
      "url": "https://www.eastern-ledger.example/politics/union-programmes"}),
    ("blog.html", "the paperwork has doubled since the spring",
     ["nine hours at the crossing", "Recent Posts", "Proudly powered", "About this blog"],
     {"title": "Why the border still matters", "authors": ["Pavel Sidarenka"], "date": "2022-03-14",
      "outlet": "Notes from the Borderland",
      "url": "https://borderland-notes.example/2022/03/why-the-border-still-matters/"}),
    ("think-tank.html", "Neutrality that depends on a subsidy is a neutrality on loan.",
     ["Sign up for the weekly briefing", "Nuclear power", "donate now", "registered as a non-profit"],
     {"title": "Energy Dependence and the Limits of Neutrality", "authors": ["Maria Lapatka", "Ihar Zhuk"],
      "date": "2020-11-05", "outlet": "Centre for Regional Policy Analysis",
      "url": "https://crpa.example/analysis/energy-dependence-neutrality"}),
    ("archived-copy.html", "the delegations spent most of a day discussing the order",
     ["Learn English online", "The Wayback Machine captured", "News of the week"],
     {"title": "Talks without a timetable", "authors": ["Siarhei Dubovik"], "date": "2019-03-11",
      "outlet": "Minsk Review", "url": "https://minsk-review.example/2019/03/talks/",
      "archived": "https://web.archive.org/web/20190312101500/https://minsk-review.example/2019/03/talks/"}),
])
def test_a_saved_page_gives_its_article_and_metadata(work: Path, name: str, inside: str, outside: list[str],
                                                      meta: dict[str, object]) -> None:
    extraction = extract_file(str(PAGES / name))
    assert inside in " ".join(extraction.text.split())
    for words in outside:
        assert words not in extraction.text, words
        assert words in " ".join(extraction.full.split()), words  # the page has them: around the article
    assert "<" not in extraction.text and "gtag(" not in extraction.full  # no markup, no script
    assert extraction.meta == meta


def test_the_extraction_is_cached_by_content(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = work / "src" / "page.html"
    shutil.copy(PAGES / "blog.html", page)
    first = extract_file(str(page))
    entries = list((work / ".argmap_cache" / "extracted").glob("*.json"))
    assert len(entries) == 1

    def no_worker(*args: object) -> dict[str, object]:
        raise AssertionError("extracted again")

    monkeypatch.setattr(extract_module, "run_worker", no_worker)
    os.utime(page, (1, 1))  # its time changed, its content did not
    assert extract_file(str(page)) == first
    # An entry that is not what argmap writes is a miss (and the page is extracted afresh).
    entries[0].write_text('{"format": 1, "kind": "html", "text": 5}')
    with pytest.raises(AssertionError, match="extracted again"):
        extract_file(str(page))


def test_a_symlinked_cache_directory_is_never_used(work: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (work / ".argmap_cache").mkdir()
    (work / ".argmap_cache" / "extracted").symlink_to(elsewhere, target_is_directory=True)
    extract_file(str(PAGES / "blog.html"))
    assert list(elsewhere.iterdir()) == []


# -- the quote check ------------------------------------------------------------------------------------

def test_quotes_are_checked_against_the_main_text_and_say_where_others_were_found(work: Path) -> None:
    shutil.copy(PAGES / "news-site.html", work / "src" / "ledger.html")
    write_map(work, "ledger.html", {
        "q-main": "they contain no mention of supranational bodies, a common currency or a single parliament",
        "q-cut": "Minsk has gained time and cheap gas; Moscow has gained leverage … over the economy of its neighbour",
        "q-ad": "Refinance your mortgage today and save hundreds every month",
        "q-comment": "nothing but a quiet annexation dressed up as economic cooperation",
        "q-nav": "Latest headlines from the whole region",
        "q-related": "Gas prices fixed for another three years",
        "q-nowhere": "the programmes will create a common parliament by 2023",
    })
    result = runner.invoke(app, ["check", "maps", "--sources", "src", "--no-cache"])
    out = result.output
    assert result.exit_code == 1, out
    assert "'q-main'" not in out and "'q-cut'" not in out
    assert "'q-ad' is not in the article's main text of ledger.html: found in the page's adverts, outside the article's main text" in out
    assert "'q-comment'" in out and "found in the page's comments, outside" in out
    assert "found in the page's navigation, outside" in out
    assert "found in the page's related links, outside" in out
    assert "quote of evidence 'q-nowhere' is not in ledger.html" in out
    assert "2 of 7 quotes verified" in out
    located = runner.invoke(app, ["quotes", "maps", "--sources", "src", "--format", "json"])
    rows = {row["evidence"]: row for row in json.loads(located.stdout)["quotes"]}
    assert rows["q-main"]["found"] and rows["q-main"]["source_line"] == 3
    assert rows["q-comment"]["found_outside"] == "the page's comments"
    text = runner.invoke(app, ["quotes", "maps", "--sources", "src"]).stdout
    assert "q-ad -> ledger.html NOT FOUND (in the page's adverts, outside the article's main text)" in text


def test_a_page_without_the_web_extra_gets_a_finding_naming_it(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(extract_module._LIBRARY, "web", "argmap_no_such_library")
    shutil.copy(PAGES / "blog.html", work / "src" / "blog.html")
    write_map(work, "blog.html", {"q": "the paperwork has doubled since the spring"})
    result = runner.invoke(app, ["check", "maps", "--sources", "src", "--no-cache"])
    assert result.exit_code == 1
    assert "Q003" in result.output and "pip install 'argmap[web]'" in result.output
    assert "Traceback" not in result.output
    made = runner.invoke(app, ["new", "src/blog.html", "--corpus", "maps"])
    assert made.exit_code == 2 and "pip install 'argmap[web]'" in made.output


# -- argmap new -----------------------------------------------------------------------------------------

def test_new_fills_source_from_a_pages_metadata_and_passes_check(work: Path) -> None:
    shutil.copy(PAGES / "archived-copy.html", work / "src" / "talks.html")
    result = runner.invoke(app, ["new", "src/talks.html", "--corpus", "maps", "-o", "maps/new.yaml"])
    assert result.exit_code == 0, result.output
    text = (work / "maps" / "new.yaml").read_text()
    assert "title: Talks without a timetable" in text
    assert "outlet: Minsk Review" in text
    assert 'date: "2019-03-11"' in text
    assert 'url: "https://minsk-review.example/2019/03/talks/"' in text
    assert 'archived: "https://web.archive.org/web/20190312101500/https://minsk-review.example/2019/03/talks/"' in text
    assert "Siarhei Dubovik" in result.output  # a new author, proposed for agents.yaml
    checked = runner.invoke(app, ["check", "maps/new.yaml", "--sources", "src"])
    assert checked.exit_code == 0, checked.output


# -- PDFs -----------------------------------------------------------------------------------------------

PARAGRAPHS = [
    "The integration of the two states has advanced slowly, and the programmes contain no mention of "
    "supranational bodies. Officials on both sides describe the outcome as a technical agreement.",
    "Minsk has gained time while Moscow has gained leverage over the economy of its neighbour, which "
    "depends on discounted oil for a large share of its exports.",
    "Critics argue that the financial arrangements will deepen dependence rather than reduce it, and that "
    "the official \ufb01gures understate the cost.",
]


HYPHENATED = [  # a word split by hand at a line's end, as a justified layout hyphenates it; a soft hyphen
    ("The agreement sets up a council for the coor-", "dination of customs rules, and a commit\u00adtee for energy."),
    ("A second council is charged with the inte-", "gration of the payment systems of both banks."),
    ("The third programme concerns the regu-", "lation of the markets for oil products and gas."),
]


def _font() -> str | None:
    for candidate in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                      "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"):
        if os.path.isfile(candidate):
            return candidate
    return None


def fpdf_report(path: Path, pages: int = 3, encrypted: bool = False) -> None:
    """A report as a word processor lays it out: a running header and a page number on every page,
    words hyphenated at line ends, a soft hyphen, a ligature, metadata."""
    import datetime

    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_title("Integration Without Institutions")
    pdf.set_author("Jane Roe")
    pdf.set_creation_date(datetime.datetime(2021, 9, 21, tzinfo=datetime.timezone.utc))
    font = _font()
    if font is None:
        pytest.skip("no TrueType font (DejaVu or Liberation) to write a ligature with")
    pdf.add_font("body", "", font)
    pdf.set_font("body", size=11)
    for number in range(pages):
        pdf.add_page()
        pdf.cell(0, 8, "Centre for Regional Policy Analysis · Working Paper 7", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        paragraph = PARAGRAPHS[number % len(PARAGRAPHS)]
        pdf.multi_cell(0, 6, f"Part {number + 1}. {paragraph}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        first, rest = HYPHENATED[number % len(HYPHENATED)]
        pdf.multi_cell(0, 6, first, new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 6, rest, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-20)
        pdf.cell(0, 8, str(number + 1), align="C")
    if encrypted:
        pdf.set_encryption(owner_password="owner", user_password="reader")
    pdf.output(str(path))


def test_a_word_processor_pdf_reads_as_its_text_without_its_running_header(work: Path) -> None:
    fpdf_report(work / "src" / "report.pdf")
    extraction = extract_file(str(work / "src" / "report.pdf"))
    flat = " ".join(extraction.text.split())
    assert "Working Paper 7" not in extraction.text
    assert "coordination of customs rules" in flat  # hyphenated across the line: joined
    assert "the integration of the payment systems" in flat and "the regulation of the markets" in flat
    assert "committee for energy" in flat  # the soft hyphen: gone
    assert "official figures understate" in flat  # the ligature: letters
    assert not any(line.strip().isdigit() for line in extraction.text.splitlines())  # page numbers: gone
    assert [extraction.page(extraction.text.index(f"Part {n}.")) for n in (1, 2, 3)] == [1, 2, 3]
    assert extraction.meta == {"title": "Integration Without Institutions", "authors": ["Jane Roe"], "date": "2021-09-21"}

    write_map(work, "report.pdf", {
        "q-one": "the programmes contain no mention of supranational bodies",
        "q-two": "Minsk has gained time while Moscow has gained leverage over the economy of its neighbour",
        "q-header": "Centre for Regional Policy Analysis · Working Paper 7",
    }, author="jane-roe")
    result = runner.invoke(app, ["check", "maps", "--sources", "src", "--no-cache"])
    assert result.exit_code == 1
    assert "'q-header' is not in the article's main text of report.pdf: found in the PDF's running headers" in result.output
    assert "'q-one'" not in result.output and "'q-two'" not in result.output
    located = runner.invoke(app, ["quotes", "maps", "--sources", "src"]).stdout
    assert "q-one -> report.pdf page 1, line" in located
    assert "q-two -> report.pdf page 2, line" in located

    made = runner.invoke(app, ["new", "src/report.pdf", "--corpus", "maps"])
    assert made.exit_code == 0, made.output
    assert re.search(r"title: Integration Without Institutions +# from the PDF's metadata", made.stdout)
    assert "authors: [jane-roe]" in made.stdout and 'date: "2021-09-21"' in made.stdout


def test_a_browsers_print_to_pdf_reads_as_the_pages_text(work: Path) -> None:
    """Chromium prints the page with its own running header (date, title) and footer (address, n/N)."""
    from tests.visual.cdp import Browser, chromium

    binary = chromium()
    if binary is None:
        pytest.skip("chromium is not installed (bash .ci/install-extras)")
    page = work / "page.html"
    # A long article (a page break inside it), without the site around it: what a reader prints.
    body = "".join(f"<p>Paragraph {n}: {PARAGRAPHS[n % 3].replace(chr(0xfb01), 'fi')}</p>" for n in range(30))
    page.write_text(f"<html><head><title>Printed Article</title></head><body><h1>Printed Article</h1>{body}</body></html>")
    with Browser(binary) as browser:
        browser.open(page.as_uri(), 1000, 800, javascript=False)
        printed = browser.send("Page.printToPDF", {"displayHeaderFooter": True, "printBackground": False})
    (work / "src" / "printed.pdf").write_bytes(base64.b64decode(printed["data"]))
    extraction = extract_file(str(work / "src" / "printed.pdf"))
    assert len(extraction.pages) >= 2
    flat = " ".join(extraction.text.split())
    assert "Paragraph 0: The integration of the two states has advanced slowly" in flat
    assert "Paragraph 29:" in flat
    assert "file://" not in extraction.text  # the footer's address, left out on every page
    assert not any(line.strip() in (f"{n}/{len(extraction.pages)}" for n in range(1, 10)) for line in extraction.text.splitlines())
    write_map(work, "printed.pdf", {"q": "Paragraph 28: Minsk has gained time while Moscow has gained leverage"})
    assert runner.invoke(app, ["check", "maps", "--sources", "src", "--no-cache"]).exit_code == 0


TOWNS = ["Brest", "Hrodna", "Vitsebsk", "Mahilyow", "Homel", "Minsk", "Pinsk", "Lida", "Orsha", "Barysaw", "Slutsk",
         "Maladzyechna", "Navapolatsk", "Salihorsk", "Mazyr", "Babruysk", "Zhlobin", "Svetlahorsk", "Kobryn", "Rechytsa",
         "Zhodzina", "Kalinkavichy", "Polatsk", "Asipovichy", "Smarhon", "Dzyarzhynsk", "Vileyka", "Kapyl", "Stoubtsy",
         "Nyasvizh", "Hlybokaye", "Pastavy", "Ashmyany", "Iuye", "Shchuchyn", "Vawkavysk"]


def test_a_typesetters_pdf_reads_as_its_text(work: Path) -> None:
    """groff (a typesetter of the TeX family's age) justifies and hyphenates the lines and prints a running
    header on every page but the first and the page number at the foot of each."""
    if shutil.which("groff") is None or shutil.which("gropdf") is None:
        pytest.skip("groff is not installed (bash .ci/install-extras)")
    lines = [".ds LH Centre for Regional Policy Analysis", ".ds CH", ".ds RH Working Paper 7", ".ds CF %",
             ".TL", "Integration Without Institutions", ".AU", "Jane Roe"]
    for number in range(1, 61):  # three pages and more
        town = TOWNS[number % len(TOWNS)] + ("" if number <= len(TOWNS) else " district")
        lines += [".PP", f"Section {number}. " + PARAGRAPHS[number % 3].replace("\ufb01", "fi").replace(
            "Officials on both sides", f"Officials in {town}").replace("depends on", f"near {town} depends on")
            .replace("Critics argue", f"Critics in {town} argue")]
    source = work / "paper.ms"
    source.write_text("\n".join(lines) + "\n")
    with open(work / "src" / "paper.pdf", "wb") as out:
        subprocess.run(["groff", "-ms", "-Tpdf", "-P-pa4", str(source)], stdout=out, check=True, timeout=60)
    extraction = extract_file(str(work / "src" / "paper.pdf"))
    assert len(extraction.pages) >= 3
    assert "Working Paper 7" not in extraction.text  # the running header
    assert not any(line.strip().isdigit() for line in extraction.text.splitlines())  # the page numbers
    flat = " ".join(extraction.text.split())
    assert extraction.text.startswith("Integration Without Institutions\nJane Roe\nSection 1.")
    assert extraction.meta["title"] == "Integration Without Institutions"  # no Title in its metadata: the first line
    assert "Section 3. The integration of the two states has advanced slowly" in flat  # the justified spaces: one
    write_map(work, "paper.pdf", {"q": "Minsk has gained time while Moscow has gained leverage over the economy",
                                  "q-header": "Centre for Regional Policy Analysis"}, author="jane-roe")
    result = runner.invoke(app, ["check", "maps", "--sources", "src", "--no-cache"])
    assert "'q'" not in result.output
    assert "'q-header' is not in the article's main text of paper.pdf: found in the PDF's running headers" in result.output


def test_furniture_rules_on_lines() -> None:
    assert _clean("e\ufb03cient \ufb02ow co\u00adoperation") == ["efficient flow cooperation"]
    pages = [["Annual Report 2021", f"Body text of page {n} that says something new {w}.", f"- {n} -"]
             for n, w in ((1, "alpha"), (2, "bravo"), (3, "charlie"))]
    kept, dropped = strip_furniture(pages)
    assert kept == [[p[1]] for p in pages]
    assert dropped[0] == ["Annual Report 2021", "- 1 -"]
    text, starts = join_pages([["the inte-", "gration of"], ["states is slow-"], ["ly coming"]])
    assert text == "the integration of\nstates is slowly coming"
    assert starts == [0, 19, 33]


# -- hostile files --------------------------------------------------------------------------------------

def _bounded(seconds: float, call: object) -> ExtractionError:
    began = time.monotonic()
    with pytest.raises(ExtractionError) as caught:
        call()  # type: ignore[operator]
    assert time.monotonic() - began < seconds
    assert "Traceback" not in caught.value.message
    return caught.value


def test_a_50_mb_page_is_refused_before_it_is_read(work: Path) -> None:
    page = work / "src" / "huge.html"
    with open(page, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MiB on paper
    error = _bounded(5, lambda: extract_file(str(page)))
    assert "larger than 50,000,000 bytes" in error.message and "max-source-size" in error.hint
    write_map(work, "huge.html", {"q": "some words here"})
    result = runner.invoke(app, ["check", "maps", "--sources", "src", "--no-cache"])
    assert "Q003" in result.output and "larger than 50,000,000 bytes" in result.output


def test_a_page_nested_100000_deep_is_a_finding_not_a_crash(work: Path) -> None:
    page = work / "deep.html"
    page.write_text("<html><body>" + "<div>" * 100_000 + "<p>deep words</p>" + "</div>" * 100_000 + "</body></html>")
    try:
        extraction = extract_file(str(page), ExtractLimits(timeout=30))
    except ExtractionError as error:
        assert "article" in error.message or "nested" in error.message
    else:
        assert "deep words" in extraction.full


PAGE = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
STREAM = "BT /F1 12 Tf 72 700 Td (Words on a hostile page) Tj ET"
FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def raw_pdf(objects: dict[int, str]) -> bytes:
    """A PDF written object by object (with a correct cross-reference table), for shapes no producer makes."""
    out = b"%PDF-1.4\n"
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n{objects[number]}\nendobj\n".encode("latin-1")
    xref = len(out)
    size = max(objects) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for number in range(1, size):
        out += (f"{offsets[number]:010d} 00000 n \n" if number in offsets else "0000000000 65535 f \n").encode()
    out += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def _objects(**changes: str) -> dict[int, str]:
    objects = {1: "<< /Type /Catalog /Pages 2 0 R >>", 2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", 3: PAGE,
               4: f"<< /Length {len(STREAM)} >>\nstream\n{STREAM}\nendstream", 5: FONT}
    for key, value in changes.items():
        objects[int(key[1:])] = value
    return objects


def test_a_page_tree_that_loops_is_read_once_or_refused(work: Path) -> None:
    """pdfminer.six reads a page tree that holds itself once through (older ones recurse until Python
    stops them: then the finding says the file is nested too deeply)."""
    path = work / "cycle.pdf"
    path.write_bytes(raw_pdf(_objects(o2="<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>")))
    began = time.monotonic()
    try:
        extraction = extract_file(str(path), ExtractLimits(timeout=20))
    except ExtractionError as error:
        assert "nested too deeply" in error.message
    else:
        assert extraction.text == "Words on a hostile page" and extraction.pages == [0]
    assert time.monotonic() - began < 30


@pytest.mark.parametrize(("name", "objects", "expected"), [
    # Contents -> 6 0 R -> 7 0 R -> 6 0 R ...: the parser follows the circle until its budget stops it.
    ("reference-loop", {**_objects(o3=PAGE.replace("4 0 R", "6 0 R")), 6: "7 0 R", 7: "6 0 R"}, "took longer than 2 s"),
    ("not-a-pdf", {}, "not a PDF"),
])
def test_a_looping_or_broken_pdf_is_a_finding(work: Path, name: str, objects: dict[int, str], expected: str) -> None:
    path = work / f"{name}.pdf"
    path.write_bytes(raw_pdf(objects) if objects else b"%PDF-1.7\n\x00\xff garbage " * 100)
    # A budget of 2 s: the loop spends all of it, whatever it is (5 s spent 5 s of CPU for the same finding).
    error = _bounded(20, lambda: extract_file(str(path), ExtractLimits(timeout=2)))
    assert expected in error.message or "ran out of its memory or time budget" in error.message, error.message


def test_a_pdf_of_too_many_pages_is_refused(work: Path) -> None:
    objects = {1: "<< /Type /Catalog /Pages 2 0 R >>",
               2: "<< /Type /Pages /Kids [" + " ".join(f"{10 + i} 0 R" for i in range(3000)) + "] /Count 3000 >>",
               3: "<< /Length 0 >>\nstream\n\nendstream"}
    objects.update({10 + i: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>" for i in range(3000)})
    (work / "many.pdf").write_bytes(raw_pdf(objects))
    error = _bounded(30, lambda: extract_file(str(work / "many.pdf")))
    assert "more than the 2,000 pages" in error.message and "max-source-pages" in error.hint


def test_an_encrypted_pdf_is_a_finding(work: Path) -> None:
    fpdf_report(work / "src" / "locked.pdf", pages=1, encrypted=True)
    error = _bounded(30, lambda: extract_file(str(work / "src" / "locked.pdf")))
    assert "encrypted" in error.message


def test_an_extraction_over_its_budget_is_stopped(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: object, **kwargs: object) -> None:
        raise subprocess.TimeoutExpired("worker", 1)

    monkeypatch.setattr(subprocess, "run", slow)
    error = _bounded(5, lambda: extract_file(str(PAGES / "blog.html"), ExtractLimits(timeout=1), use_cache=False))
    assert "took longer than 1 s" in error.message and "extract-timeout" in error.hint


def test_a_worker_out_of_memory_gives_a_finding(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The child's address space is limited (here to 100 MB, too little for the tree of a 10 MB page):
    whatever the parser does when it runs out, the answer is a finding."""
    monkeypatch.setattr(extract_module, "MEMORY", 100 * 1024 * 1024)
    page = work / "big.html"
    page.write_text("<html><body><article>" + "<p>Words of the article that go on, a paragraph among many.</p>" * 160_000
                    + "</article></body></html>")
    error = _bounded(60, lambda: extract_file(str(page), use_cache=False))
    assert error.message.startswith("big.html")


def test_markup_from_a_page_never_reaches_the_report(work: Path) -> None:
    page = work / "src" / "evil.html"
    page.write_text("""<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; Evil title</title>
<link rel="canonical" href="javascript:alert(2)">
<meta property="og:url" content="https://evil.example/a?x=&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;">
</head><body><article><p>Plain words of the article, long enough to be taken for its main text by the extractor.</p>
<p>A second paragraph <script>alert(4)</script> with more of the article's plain words in it.</p></article></body></html>""")
    made = runner.invoke(app, ["new", "src/evil.html", "--corpus", "maps", "-o", "maps/evil.yaml"])
    assert made.exit_code == 0, made.output
    text = (work / "maps" / "evil.yaml").read_text()
    assert "javascript:" not in text  # not an address a map may link
    report = runner.invoke(app, ["report", "maps", "-o", "report.html"])
    assert report.exit_code in (0, 1), report.output
    html = (work / "report.html").read_text()
    assert "<script>alert" not in html
    assert "javascript:alert" not in html


def test_control_characters_of_a_pages_metadata_are_dropped(work: Path) -> None:
    page = work / "src" / "odd.html"
    page.write_text("<html><head><title>Odd \x1b[31mred\x1b[0m title \u202e reversed</title></head><body><article>"
                    "<p>Plain words of the article that are long enough to be taken for its main text here.</p>"
                    "</article></body></html>")
    title = extract_file(str(page)).meta["title"]
    assert title.startswith("Odd") and title.endswith("title reversed")
    assert not any(unicodedata.category(c).startswith("C") for c in title)
    made = runner.invoke(app, ["new", "src/odd.html", "--corpus", "maps"])
    assert "\x1b" not in made.output and "\u202e" not in made.output


def test_the_report_and_the_tables_carry_url_and_archived(work: Path) -> None:
    shutil.copy(PAGES / "news-site.html", work / "src" / "ledger.html")
    write_map(work, "ledger.html", {"q": "they contain no mention of supranational bodies"}, extra_source=(
        '  url: "https://www.eastern-ledger.example/politics/union-programmes"\n'
        '  archived: "https://web.archive.org/web/2021/https://www.eastern-ledger.example/politics/union-programmes?a=1&b=\\"<x>"\n'))
    assert runner.invoke(app, ["check", "maps", "--sources", "src", "--no-cache"]).exit_code == 0
    assert runner.invoke(app, ["report", "maps", "-o", "report.html"]).exit_code == 0
    html = (work / "report.html").read_text()
    assert 'archived: <a href="https://web.archive.org/web/2021/https://www.eastern-ledger.example/politics/union-programmes?a=1&amp;b=&quot;&lt;x&gt;"' in html
    result = runner.invoke(app, ["export", "maps", "--to", "csv", "-o", "tables"])
    assert result.exit_code == 0, result.output
    maps_csv = (work / "tables" / "maps.csv").read_text()
    assert "archived" in maps_csv.splitlines()[0] and "web.archive.org/web/2021" in maps_csv
