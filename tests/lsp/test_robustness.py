"""No document stops the server: every request is answered, however broken the text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient
from typer.testing import CliRunner

from tests.lsp.helpers import change, diagnostics_after, open_document, uri


def doc(path: Path) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri(path))


async def ask_everything(client: LanguageClient, path: Path, lines: int) -> None:
    """Hover, completion, definition and references at many places (and past the end): each answered."""
    for line in [*range(0, lines, max(1, lines // 15)), lines + 5]:
        for character in (0, 3, 12, 400):
            at = types.Position(line, character)
            await client.text_document_hover_async(types.HoverParams(doc(path), at))
            await client.text_document_completion_async(types.CompletionParams(doc(path), at))
            await client.text_document_definition_async(types.DefinitionParams(doc(path), at))
            await client.text_document_references_async(types.ReferenceParams(
                text_document=doc(path), position=at, context=types.ReferenceContext(include_declaration=True)))


@pytest.mark.asyncio(loop_scope="module")  # the module's one server (conftest.py)
async def test_errors_at_every_line(client: LanguageClient, writable_corpus: Path) -> None:
    path = writable_corpus / "garbage.yaml"
    text = "\n".join(["argmap: 1", "id: [unclosed", "\tsource: {", "  - : :", "claims: *nowhere", "évidence: 'x"] * 50)
    path.write_text(text, encoding="utf-8")
    found = await open_document(client, path)
    assert found and found[0].code == "Y001"
    await ask_everything(client, path, 300)
    # and a map full of schema errors, one per line
    wrong = "argmap: 2\nid: Not An Id\nsource: 3\n" + "".join(f"key{i}: {i}\n" for i in range(300))
    found = await diagnostics_after(client, uri(path), lambda: change(client, path, wrong))
    assert len(found) > 300
    await ask_everything(client, path, 300)


@pytest.mark.asyncio(loop_scope="module")  # the module's one server (conftest.py)
async def test_a_broken_registry(client: LanguageClient, corpus: Path) -> None:
    registry = corpus / "agents.yaml"
    found = await open_document(client, registry, "argmap: 1\nagents:\n  - id: [\n")
    assert found and found[0].code == "Y001"
    path = corpus / "melyantsou-2021-union-breakthrough.yaml"
    assert await open_document(client, path) is not None  # checked, the agents unchecked
    await ask_everything(client, path, 300)
    await ask_everything(client, registry, 3)
    # the registry as a list, and as a mapping of the wrong kind
    for version, text in enumerate(["- a\n- b\n", "argmap: 1\nagents: {id: x}\n", ""], start=2):
        await diagnostics_after(client, uri(registry), lambda text=text, version=version: change(client, registry, text, version))
        await ask_everything(client, path, 50)


@pytest.mark.asyncio(loop_scope="module")  # the module's one server (conftest.py)
async def test_a_5_mb_map(client: LanguageClient, writable_corpus: Path) -> None:
    path = writable_corpus / "huge.yaml"
    # 10,000 claims of about 500 characters each: the size of the file, with a quarter of the nodes (and of
    # the time) that 40,000 short claims took
    padding = " ".join(["and its reasons, written out in full"] * 12)
    claims = "".join(f"  - id: claim-{i}\n    text: Claim number {i} of a very large map, {padding}.\n"
                     f"    by: author\n    supports: [thesis]\n" for i in range(10_000))
    text = ("argmap: 1\nid: huge\nsource:\n  title: T\n  authors: [dzianis-melyantsou]\n  outlet: O\n  date: 2021\n"
            "thesis: {id: thesis, text: T, by: author}\nclaims:\n" + claims)
    assert len(text) > 5_000_000
    path.write_text(text, encoding="utf-8")
    found = await open_document(client, path)
    assert all(d.code != "Y007" for d in found)
    hover = await client.text_document_hover_async(types.HoverParams(doc(path), types.Position(9, 10)))
    assert hover is not None and "Claim number 0" in str(hover.contents)
    refs = await client.text_document_references_async(types.ReferenceParams(
        text_document=doc(path), position=types.Position(7, 13), context=types.ReferenceContext(include_declaration=True)))
    assert len(refs or []) == 10_001


def test_without_pygls_the_command_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.interfaces.commands import lsp  # noqa: F401 - registers the command
    from argmap.interfaces.commands.base import app

    for name in [n for n in sys.modules if n.startswith(("pygls", "argmap.interfaces.lsp"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pygls", None)
    result = CliRunner().invoke(app, ["lsp"])
    assert result.exit_code == 2
    assert "pip install 'argmap[lsp]'" in result.stderr


def test_other_commands_do_not_import_pygls() -> None:
    code = ("import sys, argmap, argmap.interfaces.cli, argmap.checks.engine; "
            "argmap.interfaces.cli.import_all() if hasattr(argmap.interfaces.cli, 'import_all') else None; "
            "from argmap.interfaces.commands import import_all; import_all(); print(any(m.startswith(('pygls', 'lsprotocol')) for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
