"""Diagnostics: the findings of `argmap check`, on open and on change, at the right place."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from argmap.checks import engine
from argmap.core.rules import RULES
from argmap.core.rules.example import write
from argmap.model import config
from tests.lsp.helpers import change, diagnostics_after, open_document, uri

MAP = "melyantsou-2021-union-breakthrough.yaml"


def expected(directory: Path, name: str, checked: engine.Result | None = None) -> list[tuple[str, int, int, str]]:
    """What `argmap check DIRECTORY` reports for one file: code, 0-based line and column, message. `checked`:
    that check already run, for a test that asks about every file of a directory it does not change."""
    result = checked or engine.run([str(directory)], config.load(str(directory)))
    target = str(directory / name)
    return sorted((f.code, max(f.line - 1, 0), max(f.column - 1, 0), f.message) for f in result.findings
                  if str(Path(f.path).resolve()) == target)


def seen(diagnostics: list[types.Diagnostic]) -> list[tuple[str, int, int, str]]:
    """The diagnostics as `expected` has them: the server names other files in full, check relative to where it runs."""
    here = f"{Path.cwd()}/"
    return sorted((str(d.code), d.range.start.line, d.range.start.character, d.message.split("\n")[0].replace(here, ""))
                  for d in diagnostics)


@pytest.mark.asyncio(loop_scope="module")  # the module's one server (conftest.py)
async def test_every_map_of_the_corpus_gets_the_findings_of_check(client: LanguageClient, corpus: Path) -> None:
    checked = engine.run([str(corpus)], config.load(str(corpus)))
    for path in sorted(corpus.glob("*.yaml")):
        found = await open_document(client, path)
        assert seen(found) == expected(corpus, path.name, checked), path.name
    assert not [d for d in found if d.severity == types.DiagnosticSeverity.Error]


@pytest.mark.asyncio(loop_scope="module")  # the module's one server (conftest.py)
async def test_a_change_is_checked_with_codes_hints_and_ranges(client: LanguageClient, corpus: Path) -> None:
    path = corpus / MAP
    text = path.read_text(encoding="utf-8")
    await open_document(client, path)
    broken = text.replace("attacks: [thesis]", "attacks: [thesiss]", 1).replace("question: union-programs-breakthrough",
                                                                                  "question: union-program-breakthrough", 1)
    found = await diagnostics_after(client, uri(path), lambda: change(client, path, broken))
    by_code = {str(d.code): d for d in found}
    assert set(by_code) >= {"R001", "R004"}
    r001 = by_code["R001"]
    line = broken.splitlines()[r001.range.start.line]
    assert line[r001.range.start.character:r001.range.end.character] == "thesiss"
    assert "did you mean 'thesis'?" in r001.message
    assert r001.severity == types.DiagnosticSeverity.Error and r001.source == "argmap"
    # Fixed again: the diagnostics are those of the file on disk.
    again = await diagnostics_after(client, uri(path), lambda: change(client, path, text, 3))
    assert seen(again) == expected(corpus, MAP)


@pytest.mark.asyncio(loop_scope="module")  # the module's one server (conftest.py)
async def test_unsaved_text_of_a_map_meets_the_cross_map_rules(client: LanguageClient, corpus: Path) -> None:
    path = corpus / MAP
    text = path.read_text(encoding="utf-8")
    await open_document(client, path)
    other = "melyantsou-2021-merger-fears"
    found = await diagnostics_after(client, uri(path), lambda: change(
        client, path, text.replace(f"id: {MAP[:-5]}", f"id: {other}", 1)))
    assert [d for d in found if d.code == "R003" and other in d.message]


@pytest.mark.asyncio(loop_scope="module")  # the module's one server (conftest.py)
async def test_a_map_left_unsaved_by_one_test(client: LanguageClient, corpus: Path) -> None:
    other = corpus / "melyantsou-2021-merger-fears.yaml"
    text = other.read_text(encoding="utf-8")
    await open_document(client, other, text.replace(f"id: {other.stem}", f"id: {MAP[:-5]}", 1))


@pytest.mark.asyncio(loop_scope="module")  # the module's one server (conftest.py)
async def test_is_gone_in_the_next(client: LanguageClient, corpus: Path) -> None:
    """The test before left another map open in the server this module shares, unsaved, with MAP's id:
    MAP would meet it here (R003) unless the `client` fixture closed it."""
    assert seen(await open_document(client, corpus / MAP)) == expected(corpus, MAP)


@pytest.mark.asyncio(loop_scope="module")  # the module's one server (conftest.py)
async def test_a_near_miss_quote_is_reported_as_check_reports_it(client: LanguageClient, writable_corpus: Path) -> None:
    corpus = writable_corpus
    path = corpus / MAP
    text = path.read_text(encoding="utf-8")
    quote_line = next(line for line in text.splitlines() if "quote:" in line and len(line.split()) > 8)
    words = quote_line.split()
    changed = text.replace(quote_line, quote_line.replace(f" {words[-3]} ", " mistyped ", 1), 1)
    path.write_text(changed, encoding="utf-8")
    found = await open_document(client, path)
    assert seen(found) == expected(corpus, MAP)
    assert any(d.code == "Q001" and "closest passage" in d.message for d in found)


@pytest.mark.asyncio(loop_scope="module")  # the module's one server (conftest.py)
async def test_every_failing_rule_example_gets_the_findings_of_check(client: LanguageClient, tmp_path: Path) -> None:
    """The failing examples of every rule (argmap/core/rules/), each map of each opened as the editor opens it."""
    for code, rule in RULES.items():
        for index, example in enumerate(rule.examples.failing):
            maps = Path(write(example, str(tmp_path / f"{code}-{index}"))[0])
            checked = engine.run([str(maps)], config.load(str(maps)))  # once for the directory, not per file
            for path in sorted(maps.glob("*.yaml")):
                if path.name in ("agents.yaml", "questions.yaml", "links.yaml"):
                    continue
                try:
                    path.read_text(encoding="utf-8")
                except (UnicodeDecodeError, OSError):  # an editor opens neither bytes that are not text (Y004) nor a dangling link
                    continue
                found = await open_document(client, path)
                assert seen(found) == expected(maps, path.name, checked), (code, index, path.name)
                client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri(path))))
