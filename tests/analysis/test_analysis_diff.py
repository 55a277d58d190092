"""`argmap diff` on real temporary git repositories, on two directories, and as a git diff driver."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.analysis import diff
from argmap.model.corpus import load_corpus

from .conftest import CORPUS

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository with two commits: the test corpus, then a change in the argument."""
    for name, value in {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path),
                        "GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}.items():
        monkeypatch.setenv(name, value)
    root = tmp_path / "repo"
    shutil.copytree(CORPUS, root / "maps")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "one")
    maps = root / "maps"
    edit(maps / "bob-2020-reply.yaml", "stance: disagree", "stance: agree")  # q-alpha: -1 -> +1
    edit(maps / "bob-2020-reply.yaml", "a flood likely this spring", "a flood certain this spring")
    edit(maps / "bob-2020-reply.yaml", "    by: author\nevidence:", "    by: author\n    attacks: [thesis]\nevidence:")
    edit(maps / "alice-2021-second.yaml", "evidence:\n  - id: q-promises\n    quote: \"every promise was kept\"\n"
         "    speaker: author\n    grounds: [council-good-faith]\n", "evidence: []\n")
    edit(maps / "alice-2021-second.yaml", "grounds: [council-good-faith, q-promises]", "grounds: [council-good-faith]")
    edit(maps / "questions.yaml", "  - id: q-delta", "  - id: q-epsilon\n    proposition: A new question.\n  - id: q-delta")
    git(root, "commit", "-q", "-am", "two")
    monkeypatch.chdir(root)
    return root


EXPECTED = [
    ("stance-moved", "bob-2020-reply", None, "bob-baker", "q-alpha", None, None, -1, 1),
    ("position-regrounded", "alice-2021-second", None, "alice-archer", "q-gamma", None, None,
     "council-good-faith, q-promises", "council-good-faith"),
    ("claim-reworded", "bob-2020-reply", "flood-coming", None, None, None, None,
     "The snow melt makes a flood likely this spring.", "The snow melt makes a flood certain this spring."),
    ("relation-added", "bob-2020-reply", "council-unsure", None, None, "attacks", "thesis", None, None),
    ("evidence-removed", "alice-2021-second", "q-promises", None, None, None, None, "every promise was kept", None),
    ("question-added", None, "q-epsilon", None, None, None, None, None, "A new question."),
]
FIELDS = ("kind", "map", "id", "agent", "question", "relation", "target", "old", "new")


def _tuples(changes: list[dict]) -> list[tuple]:
    return [tuple(c[f] for f in FIELDS) for c in changes]


def test_two_revisions(run, repo):
    data = json.loads(run("diff", "HEAD~1", "HEAD", "--format", "json").stdout)
    assert (data["old"], data["new"]) == ("HEAD~1", "HEAD")
    assert _tuples(data["changes"]) == EXPECTED
    assert data["summary"]["stance-moved"] == 1
    assert set(data["changes"][0]) == set(FIELDS)


def test_text_and_markdown(run, repo):
    out = run("diff", "HEAD~1", "main").stdout
    assert out.splitlines()[0] == "argmap diff HEAD~1 → main"
    assert "Stances moved (1)" in out
    assert "  ~ bob-baker on q-alpha in bob-2020-reply: -1 disagree → +1 agree" in out
    assert "  + council-unsure attacks thesis in bob-2020-reply" in out
    assert "  - q-promises in alice-2021-second: “every promise was kept”" in out
    md = run("diff", "HEAD~1", "HEAD", "-f", "markdown").stdout
    assert "| bob-baker | q-alpha | bob-2020-reply | -1 disagree | +1 agree |" in md
    assert "#### Questions added (1)" in md


def test_one_revision_against_the_working_tree(run, repo):
    edit(repo / "maps" / "alice-2021-second.yaml", "stance: agree", "stance: neutral")  # uncommitted
    data = json.loads(run("diff", "HEAD", "-f", "json").stdout)
    assert data["new"] == "working tree"
    assert _tuples(data["changes"]) == [
        ("stance-moved", "alice-2021-second", None, "alice-archer", "q-alpha", None, None, 1, 0)]
    assert len(json.loads(run("diff", "HEAD~1", "-f", "json").stdout)["changes"]) == len(EXPECTED) + 1


def test_no_change(run, repo):
    assert "No change in the argument." in run("diff", "HEAD").stdout


def test_corpus_option_and_subdirectory(run, repo, monkeypatch):
    monkeypatch.chdir(repo / "maps")
    data = json.loads(run("diff", "HEAD~1", "HEAD", "-c", ".", "-f", "json").stdout)
    assert _tuples(data["changes"]) == EXPECTED


def test_bad_revisions_are_usage_errors(run, repo, tmp_path, monkeypatch):
    assert "not a file, directory or git revision: 'no-such-rev'" in run("diff", "no-such-rev", code=2).stderr
    assert "not a file, directory or git revision" in run("diff", "HEAD~5", "HEAD", code=2).stderr
    assert "not a file, directory or git revision" in run("diff", "--", "--output=x", code=2).stderr
    assert "does not exist at HEAD" in run("diff", "HEAD~1", "HEAD", "-c", "elsewhere", code=2).stderr
    outside = tmp_path / "outside"
    outside.mkdir()
    monkeypatch.chdir(outside)
    assert "not inside a git repository" in run("diff", "HEAD", code=2).stderr


def test_two_directories(run, repo, tmp_path):
    old = tmp_path / "old"
    shutil.copytree(CORPUS, old)
    data = json.loads(run("diff", str(old), str(repo / "maps"), "-f", "json").stdout)
    assert _tuples(data["changes"]) == EXPECTED
    assert "give the new version too" in run("diff", str(old), code=2).stderr


def test_library_diff_of_maps_added_and_removed():
    corpus, _, _ = load_corpus([str(CORPUS)])
    empty = type(corpus)()
    d = diff.diff(empty, corpus)
    kinds = d.counts()
    assert kinds["map-added"] == 4 and kinds["position-added"] == 9 and kinds["question-added"] == 4
    assert diff.diff(corpus, empty).counts()["position-removed"] == 9
    assert diff.diff(corpus, corpus).changes == []


@pytest.mark.e2e  # git starts argmap as its diff driver
def test_git_diff_driver(repo):
    (repo / ".gitattributes").write_text("maps/*.yaml diff=argmap\n")
    git(repo, "config", "diff.argmap.command", f"{sys.executable} -m argmap diff-driver")
    out = git(repo, "diff", "HEAD~1", "HEAD", "--", "maps/bob-2020-reply.yaml")
    assert "argmap diff a/maps/bob-2020-reply.yaml → b/maps/bob-2020-reply.yaml" in out
    assert "~ bob-baker on q-alpha in bob-2020-reply: -1 disagree → +1 agree" in out


def test_diff_driver_arguments(run, repo, tmp_path):
    old = tmp_path / "old.yaml"
    old.write_text(git(repo, "show", "HEAD~1:maps/bob-2020-reply.yaml"))
    new = repo / "maps" / "bob-2020-reply.yaml"
    args = ["maps/bob-2020-reply.yaml", str(old), "0" * 40, "100644", str(new), "1" * 40, "100644"]
    out = run("diff-driver", *args).stdout
    assert "Claims reworded (1)" in out
    added = run("diff-driver", "maps/x.yaml", os.devnull, ".", ".", str(new), "1" * 40, "100644").stdout
    assert "Maps added (1)" in added
    assert "Unmerged path" in run("diff-driver", "maps/x.yaml").stdout
    assert "expects the 7 arguments" in run("diff-driver", "a", "b", code=2).stderr
