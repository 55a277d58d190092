"""The small wording fixes of issue 21: `compare`'s verdict counts, `check --show-unanswered` on a corpus
(compact) and on one map ("1 of 1 map leaves"), `report -o` saying what it wrote, `diff` saying the maps
are untouched, and `fix --diff` documenting diff's exit status."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.authoring.unanswered import to_text, unanswered
from argmap.interfaces.cli import app
from argmap.model.corpus import load_corpus

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "analysis" / "corpus"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": ""})
    return result.exit_code, result.stdout, result.stderr


def test_compare_counts_read_as_words() -> None:
    code, out, _ = run("compare", "alice-archer", "bob-baker", str(SMALL), "--color", "never")
    assert code == 0
    assert "where one of the two is neutral" in out and " one neutral;" not in out


def test_show_unanswered_is_compact_for_a_corpus_and_full_for_one_map() -> None:
    corpus, _, _ = load_corpus([str(ROOT / "maps")])
    rows = unanswered(corpus)
    lines = to_text(rows, corpus)
    assert lines[0] == "Unanswered questions (5 of 5 maps leave some of the 19 shared questions open):"
    per_map = [line for line in lines[1:] if line.startswith("  maps/")]
    assert len(per_map) == len(rows)  # one line per map
    questions = [line for line in lines if line.startswith("    Q")]
    open_anywhere = {q for row in rows for q in row.questions}
    assert len(questions) == len(open_anywhere)  # each open question once, not once per map
    assert any("belarus-should-reject-union (open in 3 of 5 maps)" in line for line in questions)
    assert len(lines) < sum(len(row.questions) for row in rows) + len(rows)
    one = [r for r in rows if r.map == "rudnik-2019-independence-integration"]
    single = to_text(one, corpus)
    assert single[0] == "Unanswered questions (1 of 1 map leaves some of the 19 shared questions open):"
    assert single[2].startswith("    russia-seeks-lasting-control: ")


def test_report_says_what_it_wrote(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    code, out, err = run("report", str(SMALL), "-o", str(target))
    assert code == 0 and target.is_file() and out == ""
    assert f"argmap: wrote {target} (4 maps, " in err and " KB)" in err


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_says_the_maps_are_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SMALL, tmp_path / "maps")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "maps"]):
        subprocess.run([*git, *args], cwd=tmp_path, check=True, capture_output=True)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("diff", "HEAD", "--color", "never")
    assert code == 0 and "No change in the argument. maps/ is untouched since HEAD: no file in it differs." in out
    with (tmp_path / "maps" / "bob-2020-reply.yaml").open("a") as handle:
        handle.write("# a comment\n")
    code, out, _ = run("diff", "HEAD", "--color", "never")
    assert code == 0 and "The files in maps/ differ from HEAD, but not the argument" in out
    code, out, _ = run("diff", "HEAD", "-f", "markdown")
    assert "No change in the argument. The files in maps/ differ" in out


def test_fix_diff_help_and_docs_say_it_is_diffs_convention() -> None:
    code, out, _ = run("fix", "--help")
    assert code == 0 and "diff(1)" in " ".join(out.split())
    docs = (ROOT / "docs" / "fix-and-cache.md").read_text(encoding="utf-8")
    assert "ruff format --diff" in docs and "1 when it shows a diff" in " ".join(docs.split())
