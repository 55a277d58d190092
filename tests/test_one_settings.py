"""One settings object, built from the user's [tool.argmap] and passed down (issue 23): the language server,
its quick fixes, shell completion, the git diff driver and `--at REV` honour a configured limit instead of
building their own defaults."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.interfaces import completion
from argmap.interfaces.lsp.diagnostics import analyse
from argmap.interfaces.lsp.workspace import Folder

AGENTS = "argmap: 1\nagents:\n  - id: ana-antal\n    name: Ana Antal\n"
QUESTIONS = "argmap: 1\nquestions:\n  - id: q-one\n    proposition: One.\n"
MAP = ("argmap: 1\nid: ana-2020\nsource:\n  title: T\n  date: 2020-01-01\n  authors: [ana-antal]\n"
       "thesis:\n  id: t\n  text: A thesis.\n")
PADDING = "# " + "x" * 200 + "\n"


def corpus(root: Path, limit: int | None) -> Path:
    maps = root / "maps"
    maps.mkdir(parents=True)
    (root / ".git").mkdir()  # the configuration is looked for up to the repository's root
    (maps / "agents.yaml").write_text(AGENTS + PADDING * 10, encoding="utf-8")
    (maps / "questions.yaml").write_text(QUESTIONS, encoding="utf-8")
    (maps / "ana-2020.yaml").write_text(MAP, encoding="utf-8")
    if limit is not None:
        (root / "argmap.toml").write_text(f"max-file-size = {limit}\n", encoding="utf-8")
    return maps


@pytest.mark.parametrize("limit", [None, 1000])
def test_the_language_server_honours_a_configured_file_size(tmp_path: Path, limit: int | None) -> None:
    maps = corpus(tmp_path, limit)
    folder = Folder(str(maps))
    agents = str(maps / "agents.yaml")
    analysis = analyse(agents, "agents", (maps / "agents.yaml").read_text(encoding="utf-8"), folder, lambda _p: None)
    too_large = [f for f in analysis.findings if f.code == "Y007"]
    assert bool(too_large) is (limit is not None)
    # and the registry it refuses is refused for the maps too: they have no agents registry
    path = str(maps / "ana-2020.yaml")
    mapped = analyse(path, "map", MAP, folder, lambda _p: None)
    assert any(f.code == "R008" for f in mapped.findings) is (limit is not None)


@pytest.mark.parametrize("limit", [None, 1000])
def test_completion_honours_a_configured_file_size(tmp_path: Path, limit: int | None,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    corpus(tmp_path, limit)
    monkeypatch.chdir(tmp_path)
    found = [value for value, _help in completion.complete_agent("")]
    assert found == ([] if limit is not None else ["ana-antal"])


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_revision_names_an_escaped_path_in_its_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from argmap.analysis import gitrev

    for name, value in {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path),
                        "GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}.items():
        monkeypatch.setenv(name, value)
    root = tmp_path / "repo"
    (root / "maps").mkdir(parents=True)
    (root / "maps" / "big\x1b[31m.yaml").write_text(PADDING * 20, encoding="utf-8")
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "c"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)
    monkeypatch.chdir(root)
    with gitrev.checkout("HEAD", "maps", max_file_size=1000) as path:
        assert os.listdir(path)
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "big\\x1b[31m.yaml" in err
