"""`argmap evaluate --framework FILE`: abstract frameworks from other tools (ASPARTIX, ICCMA 2023, TGF)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from argmap.analysis.links import evaluate as ev
from tests.clirun import run_cli as argmap

ROOT = Path(__file__).resolve().parent.parent


def _formats(n: int, attacks: list[tuple[int, int]]) -> dict[str, str]:
    """One framework written in each format; arguments 1..n."""
    return {
        "apx": "".join(f"arg({i}).\n" for i in range(1, n + 1)) + "".join(f"att({a},{b}).\n" for a, b in attacks),
        "iccma": f"p af {n}\n# a comment\n" + "".join(f"{a} {b}\n" for a, b in attacks),
        "tgf": "".join(f"{i}\n" for i in range(1, n + 1)) + "#\n" + "".join(f"{a} {b}\n" for a, b in attacks),
    }


@pytest.mark.parametrize("seed", range(20))
def test_every_format_reads_the_same_framework(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(1, 12)
    attacks = sorted({(rng.randint(1, n), rng.randint(1, n)) for _ in range(rng.randint(0, 2 * n))})
    expected = ev.evaluate(ev.from_attacks([str(i) for i in range(1, n + 1)], [(str(a), str(b)) for a, b in attacks]))
    for fmt, text in _formats(n, attacks).items():
        for given in (fmt, None):  # said, and told from the text
            got = ev.evaluate(ev.read_framework(text, given))
            assert got.labels == expected.labels, (fmt, given)
            assert got.counts == expected.counts


@pytest.mark.parametrize(("text", "fmt", "message"), [
    ("arg(a).\natt(a,b).\n", "apx", "not an argument"),
    ("arg(a)\n", "apx", "line 1"),
    ("p af 2\n1 3\n", "iccma", "from 1 to 2"),
    ("1 2\n", "iccma", "p af N"),
    ("a\n#\nb\n", "tgf", "two node ids"),
])
def test_a_broken_framework_is_refused_with_its_line(text: str, fmt: str, message: str) -> None:
    with pytest.raises(ev.FrameworkError, match=message):
        ev.read_framework(text, fmt)


def test_cli_evaluates_a_framework_file(tmp_path: Path) -> None:
    path = tmp_path / "f.apx"
    path.write_text("arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,c).\natt(c,c).\n", encoding="utf-8")
    result = argmap("evaluate", "--framework", str(path), "-f", "json")
    assert result.returncode == 0, result.stderr
    grounded = json.loads(result.stdout)["semantics"]["grounded"]
    assert grounded == {"in": ["a"], "out": ["b"], "undecided": ["c"]}
    text = argmap("evaluate", "--framework", str(path)).stdout
    assert "c is undecided: it attacks itself" in text
    af = tmp_path / "f.af"
    af.write_text("p af 2\n1 2\n2 1\n", encoding="utf-8")
    data = json.loads(argmap("evaluate", "--framework", str(af), "-f", "json").stdout)
    assert data["semantics"]["preferred"]["extensions"] == 2


def test_cli_refuses_bad_framework_use(tmp_path: Path) -> None:
    path = tmp_path / "f.tgf"
    path.write_text("a\n#\na b\n", encoding="utf-8")
    broken = argmap("evaluate", "--framework", str(path))
    assert broken.returncode == 2 and "not an argument" in broken.stderr
    assert argmap("evaluate", "--framework", str(path), "--map", "x").returncode == 2
    assert argmap("evaluate", "--framework", str(path), "--framework-format", "xml").returncode == 2
    assert argmap("evaluate", "--framework", str(tmp_path / "missing.apx")).returncode == 2
    path.write_text("a\nb\n#\na b\n", encoding="utf-8")
    refused = argmap("evaluate", "--framework", str(path), "-o", str(path))
    assert refused.returncode == 2 and path.read_text(encoding="utf-8") == "a\nb\n#\na b\n"
