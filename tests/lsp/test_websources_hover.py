"""The language server's hover on a quote of a saved page or a PDF: its place in the extracted text (and the
PDF's page), or where outside the article's main text it was found."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytest_lsp import LanguageClient

from tests.lsp.helpers import open_document, position_of
from tests.lsp.test_features import hover_text
from tests.test_websources import AGENTS, PAGES, QUESTIONS, fpdf_report, write_map

pytest.importorskip("trafilatura")
pytest.importorskip("pdfminer")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "maps").mkdir()
    (tmp_path / "src").mkdir()
    (tmp_path / "maps" / "questions.yaml").write_text(QUESTIONS)
    (tmp_path / "maps" / "agents.yaml").write_text(AGENTS)
    (tmp_path / "pyproject.toml").write_text('[tool.argmap]\nsources = ["src"]\n', encoding="utf-8")
    return tmp_path / "maps"


@pytest.mark.asyncio(loop_scope="module")  # the module's one server (conftest.py)
async def test_hover_on_a_quote_of_a_saved_page(client: LanguageClient, corpus: Path) -> None:
    shutil.copy(PAGES / "news-site.html", corpus.parent / "src" / "ledger.html")
    path = write_map(corpus.parent, "ledger.html", {
        "q-main": "they contain no mention of supranational bodies",
        "q-ad": "Refinance your mortgage today and save hundreds every month",
    })
    text = path.read_text(encoding="utf-8")
    await open_document(client, path)
    main = await hover_text(client, path, position_of(text, "they contain no mention", 3))
    assert main.startswith("Verified: the quote is in ledger.html at line 3") and "of its extracted text" in main
    advert = await hover_text(client, path, position_of(text, "Refinance your mortgage", 3))
    assert "found in the page's adverts, outside the article's main text" in advert


@pytest.mark.asyncio(loop_scope="module")  # the module's one server (conftest.py)
async def test_hover_on_a_quote_of_a_pdf_gives_its_page(client: LanguageClient, corpus: Path) -> None:
    fpdf_report(corpus.parent / "src" / "report.pdf")
    path = write_map(corpus.parent, "report.pdf", {
        "q-two": "Minsk has gained time while Moscow has gained leverage",
    }, author="jane-roe")
    text = path.read_text(encoding="utf-8")
    await open_document(client, path)
    hover = await hover_text(client, path, position_of(text, "Minsk has gained time", 3))
    assert hover.startswith("Verified: the quote is in report.pdf at page 2, line"), hover
