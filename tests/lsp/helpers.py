"""Opening, changing and waiting for the diagnostics of documents, as an editor does."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient


def uri(path: Path) -> str:
    return path.resolve().as_uri()


async def diagnostics_after(client: LanguageClient, target: str, act: object = None, timeout: float = 20) -> list[types.Diagnostic]:
    """The next diagnostics published for `target` (after `act`, a function that sends something)."""
    client.diagnostics.pop(target, None)
    if callable(act):
        act()

    async def arrived() -> None:
        while target not in client.diagnostics:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    try:
        await asyncio.wait_for(arrived(), timeout)
    except asyncio.TimeoutError:
        raise AssertionError(f"no diagnostics for {target} within {timeout} s") from None
    return list(client.diagnostics[target])


async def open_document(client: LanguageClient, path: Path, text: str | None = None) -> list[types.Diagnostic]:
    body = path.read_text(encoding="utf-8") if text is None else text
    item = types.TextDocumentItem(uri=uri(path), language_id="yaml", version=1, text=body)
    return await diagnostics_after(client, uri(path), lambda: client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=item)))


def change(client: LanguageClient, path: Path, text: str, version: int = 2) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def position_of(text: str, needle: str, offset: int = 0) -> types.Position:
    """The position of `needle` (plus `offset` characters) in `text`; the texts used here are ASCII."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index)
    return types.Position(line, index - (text.rfind("\n", 0, index) + 1))
