"""The language server's hover on a quote that matches its article only if a Latin letter were read as the
Cyrillic letter it is drawn like (Q005): it names the letter and where it stands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytest_lsp import LanguageClient

from tests.lsp.helpers import open_document, position_of
from tests.lsp.test_features import hover_text

DATA = Path(__file__).resolve().parent.parent / "data" / "russian"


@pytest.mark.asyncio(loop_scope="module")  # the module's one server (conftest.py)
async def test_hover_names_the_latin_letter_in_a_cyrillic_word(client: LanguageClient, tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "maps")
    shutil.move(str(tmp_path / "maps" / "sources"), str(tmp_path / "src"))
    (tmp_path / "pyproject.toml").write_text('[tool.argmap]\nsources = ["src"]\n', encoding="utf-8")
    path = tmp_path / "maps" / "sokolova-zarechye-library.yaml"
    text = path.read_text(encoding="utf-8").replace("Две половины", "Две п\u006fловины")
    path.write_text(text, encoding="utf-8")
    await open_document(client, path)
    hover = await hover_text(client, path, position_of(text, "Две п", 3))
    assert hover.startswith("Not verified: the quote of evidence e-halves is not in zarechye-library.txt."), hover
    assert ("It matches only if letters drawn alike are read as one: the quote's 'o' at column 6 is Latin U+006F "
            "inside a Cyrillic word ('пoловины'), where the article has Cyrillic 'о' U+043E.") in hover
    verified = await hover_text(client, path, position_of(text, "Наша аб'ява", 3))
    assert verified.startswith("Verified: the quote is in zarechye-library.txt at line 11"), verified
