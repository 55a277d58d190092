"""Every rule's examples hold: the failing one produces that rule's finding, the passing one none.

The examples (each rule's, in argmap/core/rules/) are what `argmap explain` prints and docs/rules.md shows, so a
wrong example would teach the wrong thing; and a new rule without examples fails here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from argmap.checks.engine import run
from argmap.core.diagnostics import Finding, Severity
from argmap.core.rules import RULES, UNREADABLE
from argmap.core.rules.docs import markdown
from argmap.core.rules.example import Example, Symlink, write
from argmap.model.config import Settings
from tests.clirun import run_cli

ROOT = Path(__file__).resolve().parent.parent
CODES = list(RULES)


def _findings(example: Example, root: Path) -> list[Finding]:
    maps, sources = write(example, str(root))
    return run([maps], Settings(sources=(sources,))).findings


def _serious(findings: list[Finding]) -> list[tuple[str, int, str]]:
    return [(f.code, f.line, f.message) for f in findings if f.severity is not Severity.INFO]


def test_each_rule_is_one_constant_named_after_it() -> None:
    """A rule is a constant of argmap.core.rules spelt as its name (`missing-thesis` is MISSING_THESIS); the
    registry holds every one, and codes and names are unique (they are the user's interface)."""
    import argmap.core.rules
    from argmap.core.rules.rule import Rule

    constants = {name: value for name, value in vars(argmap.core.rules).items() if isinstance(value, Rule)}
    for constant, rule in constants.items():
        assert constant == rule.name.upper().replace("-", "_"), constant
        assert rule.code[0] in argmap.core.rules.FAMILIES and RULES[rule.code] is rule
    assert len(constants) == len(RULES) == len({rule.name for rule in RULES.values()})


def test_every_rule_has_both_examples() -> None:
    for code, rule in RULES.items():
        examples = rule.examples
        for example in (examples.fails, examples.passes):
            assert example.shown(), f"{code}: an example shows the reader something"
        assert examples.fails.shown() != examples.passes.shown(), f"{code}: the two examples look the same"


FAILING = [(code, index) for code, rule in RULES.items() for index in range(len(rule.examples.failing))]


@pytest.mark.parametrize(("code", "index"), FAILING, ids=[f"{code}-{index}" for code, index in FAILING])
def test_failing_example_produces_its_finding(code: str, index: int, tmp_path: Path) -> None:
    """Each failing example (the one shown, and the further forms of the defect) has its one defect, reported
    with the rule's code and severity where `at` says, with a message and a hint."""
    rule = RULES[code]
    example = rule.examples.failing[index]
    findings = _findings(example, tmp_path)
    hits = [f for f in findings if f.code == code]
    assert hits, f"{code}: the failing example produced {[(f.code, f.line, f.message) for f in findings]}"
    assert {f.severity for f in hits} == {rule.severity}
    file, _, line = example.at.rpartition(":")
    assert (file, int(line)) in {(Path(f.path).name, f.line) for f in hits}, [(f.path, f.line) for f in hits]
    # the one defect: nothing else at warning or error level
    assert [item for item in _serious(findings) if item[0] != code] == []
    for finding in hits:
        assert finding.message and finding.hint, "every finding says what is wrong and how to fix it"


def test_the_base_of_the_examples_is_clean(tmp_path: Path) -> None:
    """Every example is the base with one edit: the base alone has nothing to report, even under --strict."""
    maps, sources = write(Example({}), str(tmp_path))
    result = run([maps], Settings(sources=(sources,), strict=True))
    assert result.findings == [] and result.exit_code == 0


@pytest.mark.parametrize("code", CODES)
def test_passing_example_is_clean(code: str, tmp_path: Path) -> None:
    findings = _findings(RULES[code].examples.passes, tmp_path)
    assert [f for f in findings if f.code == code] == []
    assert _serious(findings) == []


def test_the_unreadable_file_is_a_real_dangling_link(tmp_path: Path) -> None:
    """Y008's example is the one text cannot hold: it is written as a symbolic link to nothing."""
    link = UNREADABLE.examples.fails.files()["map.yaml"]
    assert isinstance(link, Symlink)
    maps, _ = write(UNREADABLE.examples.fails, str(tmp_path))
    path = os.path.join(maps, "map.yaml")
    assert os.path.islink(path) and not os.path.exists(path)


def test_explain_shows_both_examples() -> None:
    done = run_cli("explain", "S003")
    assert done.returncode == 0
    fails, passes = done.stdout.index("Fails:"), done.stdout.index("Passes:")
    assert fails < passes
    assert "    notte: Said twice." in done.stdout[fails:passes]
    assert "    note: Said twice." in done.stdout[passes:]
    assert "# map.yaml (excerpt)" in done.stdout
    assert "argmap: 1" not in done.stdout, "an excerpt, not the whole base map"


def test_explain_escapes_what_a_terminal_would_interpret() -> None:
    """The bytes of Y004's failing example are shown as \\xe9, never written raw."""
    done = run_cli("explain", "Y004")
    assert done.returncode == 0
    assert b"caf\\xe9" in done.stdout_bytes
    done.stdout_bytes.decode("utf-8")  # the output itself is UTF-8


def test_rules_json_carries_the_examples() -> None:
    import json

    done = run_cli("rules", "--format", "json")
    by_code = {rule["code"]: rule for rule in json.loads(done.stdout)}
    assert set(by_code) == set(RULES)
    y008 = by_code["Y008"]["examples"]
    assert y008["fails"]["files"] == [{"file": "map.yaml", "shown": "symlink", "target": "missing.yaml", "text": ""}]
    assert "notte: Said twice." in by_code["S003"]["examples"]["fails"]["files"][0]["text"]


def test_docs_rules_md_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == markdown(), "regenerate it: argmap rules --format markdown > docs/rules.md"
    for code in RULES:
        assert f"### {code} " in committed
