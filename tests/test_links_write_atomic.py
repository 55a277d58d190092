"""`links suggest --write` goes through the one atomic writer (issue 23): interrupted at any point, links.yaml
is left whole, as it was, and no temporary file stays beside it."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from argmap.interfaces.cli import app

CORPUS = Path(__file__).parent / "brief" / "corpus"


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "maps"
    shutil.copytree(CORPUS, corpus)
    return corpus


def _write(corpus: Path) -> Any:
    return CliRunner().invoke(app, ["links", "suggest", str(corpus), "-n", "2", "--write"])


def test_the_write_appends(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    before = (corpus / "links.yaml").read_bytes()
    result = _write(corpus)
    assert result.exit_code == 0, result.output
    after = (corpus / "links.yaml").read_bytes()
    assert after.startswith(before) and after.count(b"# suggested") == 2


@pytest.mark.parametrize("where", ["chmod", "replace"])
@pytest.mark.parametrize("how", [KeyboardInterrupt, OSError])
def test_an_interrupted_write_leaves_links_yaml_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       where: str, how: type[BaseException]) -> None:
    corpus = _corpus(tmp_path)
    before = (corpus / "links.yaml").read_bytes()
    listing = sorted(os.listdir(corpus))

    def interrupted(*args: object, **kwargs: object) -> None:
        raise how(errno.ENOSPC, "No space left on device") if how is OSError else how()

    # the temporary file is complete by then: the interruption comes between writing it and the rename
    monkeypatch.setattr(os, where, interrupted)  # what output._write_atomic calls
    result = _write(corpus)
    monkeypatch.undo()
    assert result.exit_code != 0
    assert (corpus / "links.yaml").read_bytes() == before
    assert sorted(os.listdir(corpus)) == listing
