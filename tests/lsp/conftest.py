"""A real client (pytest-lsp) talking to `python -m argmap lsp` over stdio, on a copy of the corpus."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def corpus(tmp_path: Path, seeds: Path) -> Path:
    """The repository's maps and registries in a directory of their own, with the article texts configured."""
    directory = tmp_path / "maps"
    shutil.copytree(ROOT / "maps", directory)
    (tmp_path / "pyproject.toml").write_text(f'[tool.argmap]\nsources = ["{seeds.as_posix()}"]\n', encoding="utf-8")
    return directory


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "argmap", "lsp"]))
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await lsp_client.initialize_session(types.InitializeParams(capabilities=client_capabilities("visual-studio-code")))
    yield
    await lsp_client.shutdown_session()
