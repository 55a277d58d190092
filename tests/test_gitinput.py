"""Git as input: oversized blobs, corrupt objects, and file names that look like options (real repositories)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from argmap.analysis import gitrev
from tests.clirun import Result, run_cli

CORPUS = Path(__file__).parent / "analysis" / "corpus"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, value in {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path),
                        "GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}.items():
        monkeypatch.setenv(name, value)
    root = tmp_path / "repo"
    shutil.copytree(CORPUS, root / "maps")
    git(root, "init", "-q", "-b", "main")
    monkeypatch.chdir(root)
    return root


def commit(root: Path) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "c")


def argmap(*args: str) -> Result:
    return run_cli(*args, cwd=Path.cwd())  # in the repository the fixture made


def big_yaml(path: Path, size: int) -> None:
    """A YAML file of comments, `size` bytes (it compresses to almost nothing in git)."""
    line = b"# " + b"x" * 76 + b"\n"
    with path.open("wb") as stream:
        for _ in range(size // len(line)):
            stream.write(line)


# -- blobs over the size limit ----------------------------------------------------------------------------


def test_an_oversized_blob_is_never_read(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big_yaml(repo / "maps" / "big.yaml", 4_000_000)
    size = (repo / "maps" / "big.yaml").stat().st_size
    commit(repo)
    tracemalloc.start()
    try:
        with gitrev.checkout("HEAD", "maps", max_file_size=100_000) as path:
            peak = tracemalloc.get_traced_memory()[1]
            placeholder = Path(path) / "big.yaml"
            assert placeholder.stat().st_size == size
            assert (Path(path) / "bob-2020-reply.yaml").read_bytes() == (repo / "maps" / "bob-2020-reply.yaml").read_bytes()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000, f"{peak:,} bytes held: the blob was read"
    assert f"maps/big.yaml at HEAD is {size:,} bytes, over the limit of 100,000: not read (Y007)" in capsys.readouterr().err


def test_diff_reports_an_oversized_blob_at_the_default_limit(repo: Path) -> None:
    big_yaml(repo / "maps" / "big.yaml", 21_000_000)
    size = (repo / "maps" / "big.yaml").stat().st_size
    commit(repo)
    (repo / "maps" / "big.yaml").unlink()
    done = argmap("diff", "HEAD", "-c", "maps")
    assert done.returncode == 0, done.stderr
    assert f"maps/big.yaml at HEAD is {size:,} bytes, over the limit of 20,000,000: not read (Y007)" in done.stderr


# -- a corrupt object --------------------------------------------------------------------------------------


def test_a_corrupt_object_is_an_error_with_gits_message(repo: Path) -> None:
    commit(repo)
    blob = git(repo, "rev-parse", "HEAD:maps/bob-2020-reply.yaml").strip()
    loose = repo / ".git" / "objects" / blob[:2] / blob[2:]
    os.chmod(loose, 0o644)
    loose.write_bytes(b"this is not a zlib stream")
    done = argmap("diff", "HEAD", "-c", "maps")
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert "cannot read maps/bob-2020-reply.yaml: git says:" in done.stderr
    assert blob[:7] in done.stderr or "corrupt" in done.stderr or "inflate" in done.stderr, done.stderr


# -- file names that look like options -------------------------------------------------------------------------


@pytest.mark.e2e  # git starts argmap as its diff driver
def test_diff_driver_takes_paths_after_double_dash(repo: Path) -> None:
    """git runs `diff.argmap.command` with the path first: `-bob.yaml` at the top would be an option
    without the `--` that docs/analysis.md puts in the command."""
    (repo / "maps" / "bob-2020-reply.yaml").rename(repo / "-bob.yaml")
    (repo / ".gitattributes").write_text("*.yaml diff=argmap\n")
    commit(repo)
    text = (repo / "-bob.yaml").read_text()
    (repo / "-bob.yaml").write_text(text.replace("stance: disagree", "stance: agree", 1))
    command = f"{sys.executable} -m argmap diff-driver --color never --"
    done = subprocess.run(["git", "-c", f"diff.argmap.command={command}", "diff", "--", "-bob.yaml"], cwd=repo,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "argmap diff a/-bob.yaml → b/-bob.yaml" in done.stdout
    assert "bob-baker on q-alpha in bob-2020-reply: -1 disagree → +1 agree" in done.stdout


def test_revision_reads_a_directory_named_like_an_option(repo: Path) -> None:
    (repo / "maps").rename(repo / "-maps")
    commit(repo)
    with gitrev.checkout("HEAD", "-maps", max_file_size=100_000) as path:
        assert sorted(os.listdir(path)) == sorted(os.listdir(repo / "-maps"))
