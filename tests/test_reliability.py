"""`argmap reliability`: Krippendorff's alpha against the worked example and hand-worked cases, and the
command on two coders' corpora made from maps/ with a few stances and quotes changed."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import pytest

from argmap.analysis import reliability as rel
from tests.clirun import run_cli as argmap

ROOT = Path(__file__).resolve().parent.parent
MAP = "melyantsou-2021-merger-fears.yaml"
N = None

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example of 4 coders, 12 units and
# missing values (section C, p. 3 onwards): alpha 0.743 nominal, 0.815 ordinal, 0.849 interval.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]


@pytest.mark.parametrize(("level", "expected"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)])
def test_krippendorff_worked_example(level: str, expected: float) -> None:
    result = rel.alpha(KRIPPENDORFF_2011, level, domain=(1, 2, 3, 4, 5))
    assert result.value is not None and round(result.value, 3) == expected
    assert result.units == 11  # unit 12 has one value only: not pairable
    assert result.values == 40


def test_nominal_by_hand() -> None:
    # o(1,1)=2, o(1,0)=o(0,1)=1, o(0,0)=4: n0=5, n1=3, n=8; alpha = 1 - 7 * 2 / (2 * 5 * 3) = 8/15
    result = rel.alpha([[1, 1, 0, 0], [1, 0, 0, 0]], "nominal", (0, 1))
    assert result.value == pytest.approx(8 / 15)


def test_ordinal_by_hand_and_missing_is_not_neutral() -> None:
    # n(-2)=2, n(0)=1, n(1)=1, n(2)=2, n=6. Ordinal distances: d(0,1)=1, d(-2,0)=2.25, d(-2,1)=6.25,
    # d(-2,2)=16, d(0,2)=6.25, d(1,2)=2.25. Observed: 2 * d(0,1) = 2; expected: 2 * (4.5 + 12.5 + 64 + 1 +
    # 12.5 + 4.5) = 198; alpha = 1 - (6 - 1) * 2 / 198.
    data: list[list[float | None]] = [[-2, 2, 0], [-2, 2, 1]]
    assert rel.alpha(data).value == pytest.approx(1 - 10 / 198)
    # A stance one coder did not record is missing: the unit is not pairable and changes nothing...
    assert rel.alpha([[*data[0], 0], [*data[1], None]]).value == pytest.approx(1 - 10 / 198)
    # ... whereas a recorded neutral is a value.
    assert rel.alpha([[*data[0], 0], [*data[1], 0]]).value != pytest.approx(1 - 10 / 198)


def test_undefined_alpha_says_why() -> None:
    assert rel.alpha([[1, N], [N, 1]]).reason == rel.NO_PAIRABLE
    same = rel.alpha([[1, 1], [1, 1]])
    assert same.value is None and same.reason == rel.NO_VARIATION and same.units == 2


def test_perfect_and_opposite_agreement() -> None:
    assert rel.alpha([[-2, -1, 0, 1, 2], [-2, -1, 0, 1, 2]]).value == pytest.approx(1.0)
    assert (rel.alpha([[-2, 2, -2, 2], [2, -2, 2, -2]]).value or 0) < 0  # systematic disagreement: below chance


def test_character_alpha_from_counts() -> None:
    # Two coders, ten characters: both quote 0-4, only one quotes 4-6 (runs of [not quoting, quoting]).
    rows = rel._character_counts(10, [[(0, 4)], [(0, 6)]])
    assert rows == [[0, 2, 4], [1, 1, 2], [2, 0, 4]]
    value = rel.alpha_of_counts(rel._compress(rows)).value
    reference = rel.alpha([[1, 1, 1, 1, 0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1, 0, 0, 0, 0]], "nominal", (0, 1)).value
    assert value == pytest.approx(reference)


def test_cluster_free_overlap_helpers() -> None:
    assert rel._merge([(5, 8), (0, 3), (2, 4)]) == [(0, 4), (5, 8)]
    assert rel._overlap([(0, 4), (5, 8)], [(3, 6)]) == 2


def _coders(tmp_path: Path) -> tuple[Path, Path]:
    """Coder a: maps/ as it is. Coder b: one stance moved (-1 to -2), one position left out, one quote cut."""
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(ROOT / "maps", a)
    shutil.copytree(ROOT / "maps", b)
    path = b / MAP
    text = path.read_text(encoding="utf-8")
    text = text.replace("question: russia-seeks-annexation\n    stance: disagree", "question: russia-seeks-annexation\n    stance: strongly-disagree", 1)
    # the second coder records no stance on political-union-imminent: its whole position goes
    dropped = re.search(r"^  - agent: author\n    question: political-union-imminent\n(?:    .*\n)*?\n", text, re.M)
    assert dropped
    text = text.replace(dropped.group(0), "")
    long = '"In reality, however, the interaction between the two countries reveals an entirely different dynamic."'
    assert long in text
    text = text.replace(long, '"the interaction between the two countries reveals an entirely different dynamic."')
    path.write_text(text, encoding="utf-8")
    return a, b


def test_identical_coders_agree_perfectly(tmp_path: Path) -> None:
    a = tmp_path / "a"
    shutil.copytree(ROOT / "maps", a)
    result = argmap("reliability", str(a), str(a), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["alpha"] == 1.0 and data["disagreements"] == [] and data["coverage"] == []
    assert data["evidence"] == {"skipped": "no --sources: the quotes cannot be located"}
    assert data["coders"] == [str(a), f"{a}#2"]


def test_two_coders_json(tmp_path: Path, seeds: Path) -> None:
    a, b = _coders(tmp_path)
    result = argmap("reliability", str(a), str(b), "--sources", str(seeds), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"alpha", "units", "questions", "pairs", "disagreements"} <= set(data)
    assert 0.8 < data["alpha"] < 1.0
    assert data["units"] == 67
    assert data["pairs"][0]["a"] == str(a) and data["pairs"][0]["only_a"] == 1 and data["pairs"][0]["only_b"] == 0
    assert data["questions"]["russia-seeks-annexation"]["alpha"] < 1.0
    kinds = {(d["question"], tuple(d["kinds"])) for d in data["disagreements"]}
    assert kinds == {("russia-seeks-annexation", ("stance",)), ("political-union-imminent", ("coverage",))}
    moved = next(d for d in data["disagreements"] if d["question"] == "russia-seeks-annexation")
    assert [c["stance"] for c in moved["codings"]] == [-1, -2]
    assert moved["codings"][0]["note"].startswith("Kept at -1") and moved["codings"][0]["grounds"]
    missing = next(d for d in data["disagreements"] if d["question"] == "political-union-imminent")
    assert [c["stance"] for c in missing["codings"]] == [-1, None]
    assert data["coverage"][0]["missing_from"] == [str(b)]
    # The cut quote: overlap below 100% in its article only; every other article quoted alike.
    evidence = data["evidence"]
    assert 0.9 < evidence["pairs"][0]["overlap"] < 1.0
    below = [art for art in evidence["articles"] if art["pairs"][0]["overlap"] < 1.0]
    assert len(below) == 1 and 0.9 < below[0]["alpha"]["alpha"] < 1.0
    assert all(not art["unshared"] for art in evidence["articles"])  # the cut quote still overlaps
    structure = data["structure"]
    assert structure["node_f1"] == 1.0 and structure["relation_f1"] == 1.0


def test_two_coders_text_and_markdown(tmp_path: Path, seeds: Path) -> None:
    a, b = _coders(tmp_path)
    text = argmap("reliability", str(a), str(b), "--sources", str(seeds))
    assert text.returncode == 0, text.stderr
    assert "Krippendorff's alpha (ordinal)" in text.stdout
    assert "-1 disagree" in text.stdout and "-2 strongly-disagree" in text.stdout and "no stance" in text.stdout
    skipped = argmap("reliability", str(a), str(b))
    assert "Skipped: give --sources DIR" in skipped.stdout
    md = argmap("reliability", str(a), str(b), "--format", "markdown")
    assert md.returncode == 0 and md.stdout.startswith("# Reliability of 2 coders")
    assert "### " in md.stdout


def test_structure_disagreement(tmp_path: Path, seeds: Path) -> None:
    a, b = _coders(tmp_path)
    path = b / MAP
    text = path.read_text(encoding="utf-8")
    first = text.index("supports: [")
    text = text[:first] + "attacks: [" + text[first + len("supports: ["):]  # one relation turned around
    path.write_text(text, encoding="utf-8")
    data = json.loads(argmap("reliability", str(a), str(b), "--sources", str(seeds), "--format", "json").stdout)
    article = next(p for p in data["structure"]["articles"] if p["conflicting"])
    assert article["conflicting"] == 1 and article["relation_f1"] < 1.0
    # listed once, from the first coder's side, with what the other drew between the same claims
    assert [(d["coder"], d["kind"], d["other"]) for d in article["differing"]] == [(str(a), "supports", "attacks")]


def test_git_revisions(tmp_path: Path) -> None:
    import subprocess

    a, b = _coders(tmp_path)
    repo = tmp_path / "repo"
    shutil.copytree(a, repo / "maps")

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True,
                       capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "coder a")
    shutil.rmtree(repo / "maps")
    shutil.copytree(b, repo / "maps")
    git("commit", "-q", "-a", "-m", "coder b")
    out = argmap("reliability", "HEAD~1", "HEAD", "--format", "json", cwd=repo)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["coders"] == ["HEAD~1", "HEAD"] and len(data["disagreements"]) == 2


def test_usage_errors(tmp_path: Path) -> None:
    one = argmap("reliability", "maps")
    assert one.returncode == 2 and "two or more" in one.stderr
    missing = argmap("reliability", "maps", "no-such-revision-or-dir")
    assert missing.returncode == 2 and "not a file, directory or git revision" in missing.stderr


def test_missing_extra_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the krippendorff package the command names the extra (simulated: its import fails)."""
    import sys

    monkeypatch.setitem(sys.modules, "krippendorff", None)
    result = argmap("reliability", "maps", "maps")
    assert result.returncode == 2
    assert "argmap[reliability]" in result.stderr


def test_alpha_is_finite_on_the_corpus() -> None:
    from argmap.model.corpus import load_corpus

    corpus, _, _ = load_corpus([str(ROOT / "maps")])
    result = rel.reliability([("a", corpus), ("b", corpus)])
    assert result.alpha.value is not None and math.isclose(result.alpha.value, 1.0)
