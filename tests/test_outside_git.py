"""Outside a git repository (a release's source archive, a distribution's build) a word that is neither a
file nor a directory is said to be neither, and why it cannot be a revision either."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.clirun import run_cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def outside_git(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "tests" / "analysis" / "corpus", tmp_path / "maps")
    return tmp_path


@pytest.mark.parametrize("argv", [["reliability", "maps", "no-such-dir"], ["diff", "no-such-dir", "maps"]])
def test_a_missing_path_outside_git_says_both(outside_git: Path, argv: list[str]) -> None:
    result = run_cli(*argv, cwd=outside_git, env={"GIT_CEILING_DIRECTORIES": str(outside_git.parent)})
    assert result.code == 2, result.output
    assert "not a file, directory or git revision: 'no-such-dir'" in result.stderr
    assert "no such file or directory, and not inside a git repository" in result.stderr
