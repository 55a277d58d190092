"""Every broken map in tests/corpus has one defect, reported with its exact rule code and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.config import Settings
from argmap.diagnostics import Severity
from argmap.engine import run
from argmap.rules import RULES

CORPUS = Path(__file__).resolve().parent / "corpus"

BROKEN = CORPUS / "broken"
SOURCES = CORPUS / "sources"
_EXPECT = re.compile(rb"^# expect: (?P<code>[A-Z]\d{3})(?: line (?P<line>\d+))?")


def _cases() -> list[tuple[str, Path, str, str, int | None]]:
    """(name, path to check, code, file the finding is in, line or None)."""
    cases = []
    for path in sorted(BROKEN.iterdir()):
        if path.name in ("agents.yaml", "questions.yaml") or path.name.startswith("ok-"):
            continue
        if path.is_dir():
            code, file, line = (path / "EXPECT").read_text().split()
            cases.append((path.name, path, code, file, int(line) or None))
        elif path.is_symlink() and not path.exists():
            cases.append((path.name, path, path.name[:4], path.name, None))
        else:
            match = _EXPECT.match(path.read_bytes())
            assert match, f"{path.name} has no '# expect:' header"
            line = match.group("line")
            cases.append((path.name, path, match.group("code").decode(), path.name, int(line) if line else None))
    extra = CORPUS / "R008-missing-registry"
    code, file, line = (extra / "EXPECT").read_text().split()
    cases.append((extra.name, extra, code, file, int(line) or None))
    return cases


CASES = _cases()


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


def test_every_rule_has_a_broken_fixture() -> None:
    covered = {code for _, _, code, _, _ in CASES}
    assert set(RULES) - covered == set()


@pytest.mark.parametrize(("name", "path", "code", "file", "line"), CASES, ids=[c[0] for c in CASES])
def test_broken_map(name: str, path: Path, code: str, file: str, line: int | None) -> None:
    options = Settings(sources=(str(SOURCES),) if code.startswith("Q") else ())
    result = run([str(path)], options)
    hits = [f for f in result.findings if f.code == code and Path(f.path).name == file]
    assert hits, f"expected {code} in {file}; got {[(f.code, f.line) for f in result.findings]}"
    if line is not None:
        assert line in [f.line for f in hits], f"expected {code} at line {line}; got {[f.line for f in hits]}"
    # one defect each: nothing else at error or warning level
    others = [(f.code, f.line, f.message) for f in result.findings
              if f.code != code and f.severity is not Severity.INFO]
    assert others == []
    for finding in hits:
        assert finding.message and finding.hint, "every finding says what is wrong and how to fix it"


def test_valid_base_map_is_clean() -> None:
    result = run([str(BROKEN / "ok-base.yaml")], Settings(sources=(str(SOURCES),), strict=True))
    assert result.findings == []
    assert result.exit_code == 0
