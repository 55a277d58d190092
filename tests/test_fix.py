"""`argmap fix`: only what needs no judgement, in place, every other byte kept."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.checks.fix import render
from argmap.interfaces.cli import app

sys.path.insert(0, str(Path(__file__).parent / "hostile"))
from hostile_cases import BASE_MAP, Case, build, map_text

runner = CliRunner()


def fix(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["fix", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.chdir(tmp_path)
    directory = tmp_path / "corpus"
    return directory, build(Case("base", {}), directory)


def test_key_stance_and_quote_are_fixed_and_nothing_else(corpus: tuple[Path, Path]) -> None:
    directory, sources = corpus
    broken = ("# a comment that stays\n" + BASE_MAP
              .replace("    speaker: bob-quoted", "    speeker: bob-quoted  # Bob")
              .replace("stance: agree", "stance: agre")
              .replace('"Bob says no."', "'some more text follows, with a line braek in the middle'"))
    (directory / "base.yaml").write_text(broken)
    code, out, _ = fix(str(directory), "--sources", str(sources))
    expected = broken.replace("speeker", "speaker").replace("agre\n", "agree\n").replace("line braek", "line break")
    assert (directory / "base.yaml").read_text() == expected
    assert code == 0
    assert "'speeker' -> 'speaker'" in out and "'agre' -> 'agree'" in out
    assert "line braek in the middle' -> 'some more text follows, with a line break in the middle'" in out
    assert runner.invoke(app, ["check", str(directory), "--sources", str(sources)]).exit_code == 0


def test_diff_writes_nothing(corpus: tuple[Path, Path]) -> None:
    directory, _ = corpus
    broken = BASE_MAP.replace("stance: agree", "stance: agre")
    (directory / "base.yaml").write_text(broken)
    code, out, _ = fix(str(directory), "--diff")
    assert code == 1 and "-    stance: agre\n+    stance: agree\n" in out
    assert (directory / "base.yaml").read_text() == broken


@pytest.mark.parametrize("stance", ["agreeee-not", "disagre-agree", "x"])
def test_no_close_or_no_single_match_is_left(corpus: tuple[Path, Path], stance: str) -> None:
    directory, _ = corpus
    text = map_text(stance=stance)
    (directory / "base.yaml").write_text(text)
    code, _, _ = fix(str(directory))
    assert code == 1 and (directory / "base.yaml").read_text() == text


def test_a_quote_that_says_something_else_is_not_rewritten(corpus: tuple[Path, Path]) -> None:
    directory, sources = corpus
    for quote in ('"The thesis fails."', '"Bob says yes."', '"The thesis holds. And then many"'):
        text = map_text(quote=quote)
        (directory / "base.yaml").write_text(text)
        fix(str(directory), "--sources", str(sources))
        assert (directory / "base.yaml").read_text() == text, quote


def test_crlf_and_bom_are_kept(corpus: tuple[Path, Path]) -> None:
    directory, _ = corpus
    data = "\ufeff" + BASE_MAP.replace("stance: agree", "stance: Agre").replace("\n", "\r\n")
    (directory / "base.yaml").write_bytes(data.encode("utf-8"))
    assert fix(str(directory))[0] == 0
    assert (directory / "base.yaml").read_bytes() == data.replace("Agre", "agree").encode("utf-8")


def test_a_rename_onto_an_existing_key_is_not_made(corpus: tuple[Path, Path]) -> None:
    directory, _ = corpus
    text = BASE_MAP.replace("    speaker: bob-quoted", "    speaker: bob-quoted\n    speeker: bob-quoted")
    (directory / "base.yaml").write_text(text)
    fix(str(directory))
    assert (directory / "base.yaml").read_text() == text


def test_a_symlinked_map_is_not_rewritten(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    directory, _ = corpus
    real = tmp_path / "elsewhere.yaml"
    real.write_text(BASE_MAP.replace("stance: agree", "stance: agre"))
    (directory / "link.yaml").symlink_to(real)
    _, _, err = fix(str(directory / "link.yaml"))
    assert "symbolic link" in err and "agre\n" in real.read_text()


@pytest.mark.parametrize(("value", "style", "written"), [
    ('say "no" \\ yes', '"', '"say \\"no\\" \\\\ yes"'), ("it's", "'", "'it''s'"), ("agree", None, "agree"),
    ("yes", None, None), ("a: b", None, None), ("# x", None, None), ("line\nbreak", '"', None), ("x", "|", None),
])
def test_render_keeps_the_style_or_refuses(value: str, style: str | None, written: str | None) -> None:
    assert render(value, style) == written
