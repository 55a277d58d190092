"""A real client (pytest-lsp) talking to `python -m argmap lsp` over stdio, on a copy of the corpus."""

from __future__ import annotations

import shutil
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

import pytest_asyncio  # noqa: E402 - pytest-lsp brings it
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def _copy(root: Path, seeds: Path) -> Path:
    """The repository's maps and registries in a directory of their own, with the article texts configured."""
    directory = root / "maps"
    shutil.copytree(ROOT / "maps", directory)
    (root / "pyproject.toml").write_text(f'[tool.argmap]\nsources = ["{seeds.as_posix()}"]\n', encoding="utf-8")
    return directory


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """One copy for every test that only reads it (its files are read-only: a test that writes takes
    `writable_corpus`)."""
    directory = _copy(tmp_path_factory.mktemp("lsp"), seeds_dir)
    for path in directory.iterdir():
        path.chmod(0o444)
    return directory


@pytest.fixture
def writable_corpus(tmp_path: Path, seeds: Path) -> Path:
    """A copy of its own, for a test that changes files on disk."""
    return _copy(tmp_path, seeds)


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=[sys.executable, "-m", "argmap", "lsp"]))
async def server(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    """One `argmap lsp` process for a test module (its start is about 1 s of CPU, most of it lsprotocol's
    types), each test given it through `client`."""
    await lsp_client.initialize_session(types.InitializeParams(capabilities=client_capabilities("visual-studio-code")))
    yield
    await lsp_client.shutdown_session()


@pytest_asyncio.fixture(loop_scope="module")
async def client(server: LanguageClient) -> AsyncIterator[LanguageClient]:
    """The module's server as a test finds a new one: what the test opened is closed after it (the server
    forgets its unsaved text and clears its diagnostics), and the diagnostics it published are dropped."""
    opened: dict[str, None] = {}
    did_open, did_close = server.text_document_did_open, server.text_document_did_close

    def opening(params: types.DidOpenTextDocumentParams) -> None:
        opened[params.text_document.uri] = None
        did_open(params)

    def closing(params: types.DidCloseTextDocumentParams) -> None:
        opened.pop(params.text_document.uri, None)
        did_close(params)

    server.text_document_did_open = opening  # type: ignore[method-assign]
    server.text_document_did_close = closing  # type: ignore[method-assign]
    try:
        yield server
    finally:
        del server.text_document_did_open, server.text_document_did_close  # type: ignore[attr-defined]
        for uri in opened:
            server.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
        # The server handles messages in order and publishes on close at once: once this request is
        # answered, every diagnostic the closes published has arrived, and none reaches the next test.
        await server.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier("file:///closed.yaml"), types.Position(0, 0)))
        server.diagnostics.clear()
