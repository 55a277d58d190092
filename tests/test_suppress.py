"""Accepting one finding where it lives (issue 17): `# argmap: ignore[CODE] reason`, `ignore-file`,
per-file-ignores, --show-suppressed, and suppressions in JSON and SARIF."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from argmap.core.diagnostics import Finding, Severity
from argmap.model import suppress
from tests.clirun import run_cli as argmap

ROOT = Path(__file__).resolve().parent.parent
BASE = (ROOT / "tests" / "corpus" / "base" / "ok-base.yaml").read_text()
UNGROUNDED = "  - id: c3{comment}\n    text: A claim the article makes without evidence.\n    by: author\n    supports: [thesis]\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "tests" / "corpus" / "base", tmp_path / "maps",
                    ignore=lambda _d, names: [n for n in names if n not in ("agents.yaml", "questions.yaml")])
    return tmp_path


def write(corpus: Path, text: str, name: str = "map.yaml") -> None:
    (corpus / "maps" / name).write_text(text)


def findings(corpus: Path, *args: str) -> dict[str, object]:
    result = argmap("check", "maps", "-f", "json", "--no-cache", *args, cwd=corpus)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def with_claim(comment: str, above: str = "") -> str:
    return BASE.replace("claims:\n", "claims:\n" + above + UNGROUNDED.format(comment=comment), 1)


def test_a_comment_on_the_line_suppresses_that_rule_there(corpus: Path) -> None:
    write(corpus, with_claim(""))
    assert [f["code"] for f in findings(corpus)["findings"]] == ["A006"]  # type: ignore[index]
    write(corpus, with_claim("  # argmap: ignore[A006] the article gives no source for this"))
    data = findings(corpus)
    assert data["findings"] == [] and data["exit_code"] == 0
    (suppressed,) = data["suppressed"]  # type: ignore[misc]
    assert suppressed["code"] == "A006" and suppressed["justification"] == "the article gives no source for this"


def test_a_comment_alone_on_the_line_above_suppresses_the_next_line(corpus: Path) -> None:
    write(corpus, with_claim("", above="  # argmap: ignore[A006] the article gives no source\n"))
    assert findings(corpus)["findings"] == []
    # Two lines above is not "above it".
    write(corpus, with_claim("", above="  # argmap: ignore[A006] the article gives no source\n  # more words\n"))
    codes = sorted(f["code"] for f in findings(corpus)["findings"])  # type: ignore[attr-defined,index]
    assert codes == ["A006", "X003"]


def test_another_rule_is_not_suppressed(corpus: Path) -> None:
    write(corpus, with_claim("  # argmap: ignore[A009] a different rule"))
    codes = sorted(f["code"] for f in findings(corpus)["findings"])  # type: ignore[attr-defined,index]
    assert codes == ["A006", "X003"]


def test_no_reason_unknown_code_and_unused_are_findings(corpus: Path) -> None:
    write(corpus, with_claim("  # argmap: ignore[A006]"))
    data = findings(corpus)
    assert [f["code"] for f in data["findings"]] == ["X001"]  # type: ignore[index]
    write(corpus, with_claim("  # argmap: ignore[Z999] a reason"))
    assert sorted(f["code"] for f in findings(corpus)["findings"]) == ["A006", "X002"]  # type: ignore[attr-defined,index]
    # An unused suppression of a rule switched off is not reported: the rule is not in force.
    write(corpus, BASE.replace("  - id: c1\n", "  - id: c1  # argmap: ignore[A006] not needed\n", 1))
    assert [f["code"] for f in findings(corpus)["findings"]] == ["X003"]  # type: ignore[index]
    assert findings(corpus, "--ignore", "A006")["findings"] == []


def test_ignore_file_and_per_file_ignores(corpus: Path) -> None:
    write(corpus, "# argmap: ignore-file[A006] a summary article: its claims come without quotes\n" + with_claim(""))
    assert findings(corpus)["findings"] == []
    write(corpus, with_claim("").replace("claims:\n", "# argmap: ignore-file[A006] too late\nclaims:\n", 1))
    assert sorted(f["code"] for f in findings(corpus)["findings"]) == ["A006", "X001"]  # type: ignore[attr-defined,index]
    write(corpus, with_claim(""))
    (corpus / "argmap.toml").write_text('[per-file-ignores]\n"maps/map.yaml" = ["A006"]\n')
    data = findings(corpus)
    assert data["findings"] == [] and "per-file-ignores" in data["suppressed"][0]["justification"]  # type: ignore[index]
    (corpus / "argmap.toml").write_text('[per-file-ignores]\n"maps/*.yaml" = "A006"\n')
    assert argmap("check", "maps", cwd=corpus).returncode == 2


def test_show_suppressed_and_sarif(corpus: Path) -> None:
    write(corpus, with_claim("  # argmap: ignore[A006] the article gives no source"))
    text = argmap("check", "maps", "--show-suppressed", "--no-cache", cwd=corpus).stdout
    assert "Suppressed (1):" in text and "because: the article gives no source" in text
    assert "Suppressed" not in argmap("check", "maps", "--no-cache", cwd=corpus).stdout
    sarif = json.loads(argmap("check", "maps", "-f", "sarif", "--no-cache", cwd=corpus).stdout)
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "A006"
    assert result["suppressions"] == [{"kind": "inSource", "justification": "the article gives no source"}]


def test_a_comment_inside_a_quoted_string_is_not_a_suppression() -> None:
    found, problems = suppress.scan("m.yaml", 'quote: "text # argmap: ignore[A006] not a comment"\n')
    assert found and not problems  # documented: a "#" after a space reads as a comment start
    found, _ = suppress.scan("m.yaml", 'quote: "text#argmap: ignore[A006] glued"\n')
    assert not found


def test_apply_keeps_what_it_does_not_cover() -> None:
    finding = Finding("m.yaml", 3, 1, "A006", Severity.WARNING, "m", "h")
    outcome = suppress.apply([finding], [])
    assert outcome.findings == [finding] and outcome.suppressed == []


def test_a_fifo_among_the_maps_is_never_opened(tmp_path: Path) -> None:
    """The suppression scan reads the corpus's files after the checks: a fifo would block it forever."""
    import threading

    os.mkfifo(tmp_path / "fifo.yaml")
    (tmp_path / "map.yaml").write_text(with_claim("  # argmap: ignore[A006] no source"))
    done: list[suppress.Outcome] = []
    # In a daemon thread: a regression blocks there, and the test fails instead of hanging the suite.
    worker = threading.Thread(target=lambda: done.append(suppress.apply([], [str(tmp_path / "fifo.yaml"),
                                                                          str(tmp_path / "map.yaml")])), daemon=True)
    worker.start()
    worker.join(10)
    assert done, "the scan blocked on the fifo"
    assert [f.code for f in done[0].findings] == ["X003"]


def test_only_files_with_a_suppression_comment_are_scanned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every map holds "argmap:" in its `argmap: 1` line; the scan once kept every file's text at once
    (115 MB at 10,000 maps). Only a file with "# argmap: ignore" is read into memory and scanned."""
    plain = tmp_path / "plain.yaml"
    plain.write_text("argmap: 1\nid: plain\n# argmap is fine: a comment that names it\n")
    marked = tmp_path / "marked.yaml"
    marked.write_text("argmap: 1\nid: marked  #argmap:ignore[A006] the article gives no source\n")
    scanned: list[str] = []
    real = suppress.scan

    def counting(path: str, text: str):  # type: ignore[no-untyped-def]
        scanned.append(path)
        return real(path, text)

    monkeypatch.setattr(suppress, "scan", counting)
    outcome = suppress.apply([], [str(plain), str(marked)])
    assert scanned == [str(marked)]
    assert [f.code for f in outcome.findings] == ["X003"]  # read, and unused


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_check_reads_a_map_again_only_when_it_may_hold_a_suppression(corpus: Path, jobs: int,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader (in a worker, for a large corpus) has read every map's text already: it says which hold
    no suppression comment, and the suppressions read again only the others (and the registries)."""
    from argmap.checks import engine
    from argmap.model.config import Settings

    write(corpus, with_claim(""), "plain.yaml")
    write(corpus, with_claim("   # argmap: ignore[A006] the article gives no source for this").replace(
        "id: ok-base", "id: ok-marked"), "marked.yaml")
    write(corpus, "argmap: 1\nid: [broken\n", "broken.yaml")  # not read as a map: the scan reads it itself
    read: list[str] = []
    real = suppress._read

    def counting(path: str) -> str | None:
        read.append(os.path.basename(path))
        return real(path)

    monkeypatch.setattr(suppress, "_read", counting)
    monkeypatch.chdir(corpus)
    result = engine.run(["maps"], Settings(jobs=jobs))
    assert sorted(read) == ["agents.yaml", "broken.yaml", "marked.yaml", "questions.yaml"]
    assert [(f.code, os.path.basename(f.path)) for f, _ in result.suppressed] == [("A006", "marked.yaml")]
    assert ("A006", "plain.yaml") in [(f.code, os.path.basename(f.path)) for f in result.findings]
