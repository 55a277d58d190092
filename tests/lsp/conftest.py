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


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "argmap", "lsp"]))
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await lsp_client.initialize_session(types.InitializeParams(capabilities=client_capabilities("visual-studio-code")))
    yield
    await lsp_client.shutdown_session()
