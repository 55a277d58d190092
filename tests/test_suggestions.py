"""Findings carry their suggestions as data (issue 23): the hint says them in words, the editor's quick fixes
and `argmap fix` read Finding.suggestions, never the hint's words read back with a regular expression."""

from __future__ import annotations

import inspect
import os
from pathlib import Path

from argmap.checks import fix
from argmap.checks.engine import run
from argmap.core.diagnostics import Finding, Severity
from argmap.core.record import replace
from argmap.core.rules import RULES, UNKNOWN_KEY
from argmap.core.rules.example import write
from argmap.interfaces.lsp import actions
from argmap.interfaces.lsp.diagnostics import analyse, finding_span
from argmap.interfaces.lsp.text import Span
from argmap.interfaces.lsp.workspace import Folder
from argmap.model.config import Settings


def _findings(code: str, tmp_path: Path) -> list[Finding]:
    maps, sources = write(RULES[code].examples.fails, str(tmp_path))
    return [f for f in run([maps], Settings(sources=(sources,))).findings if f.code == code]


def test_an_unknown_key_suggests_the_known_one(tmp_path: Path) -> None:
    (found,) = _findings("S003", tmp_path)
    assert found.suggestions and found.suggestions[0] in found.hint


def test_a_link_to_a_mistyped_claim_suggests_the_whole_endpoint(tmp_path: Path) -> None:
    (found,) = _findings("L001", tmp_path)
    assert found.suggestions == ("other#cheap",)


def test_the_json_output_does_not_change() -> None:


    plain = Finding("p", 1, 1, "S003", Severity.ERROR, "m", "h")
    assert replace(plain, suggestions=("x",)).to_dict() == plain.to_dict()


def test_the_quick_fix_reads_the_suggestion_not_the_hint(tmp_path: Path) -> None:
    maps, sources = write(UNKNOWN_KEY.examples.fails, str(tmp_path))
    folder = Folder(os.path.abspath(maps))
    folder.settings = Settings(sources=(sources,))
    path = next(os.path.abspath(os.path.join(maps, name)) for name in os.listdir(maps)
                if name.endswith(".yaml") and name not in ("agents.yaml", "questions.yaml", "links.yaml"))
    text = Path(path).read_text(encoding="utf-8")
    analysis = analyse(path, "map", text, folder, lambda _p: None)
    (found,) = [f for f in analysis.findings if f.code == "S003"]
    line, char, end_line, end_char = finding_span(found, analysis.lines)
    span = Span(line, char, end_line, end_char)
    (offered,) = [f for f in actions.fixes(analysis, "S003", found.message, span, lambda _p: None) if f.preferred]
    assert offered.text == found.suggestions[0]
    # the hint's words are not what the fix reads: a finding that suggests nothing offers no replacement
    analysis.findings[analysis.findings.index(found)] = replace(found, suggestions=())
    assert not [f for f in actions.fixes(analysis, "S003", found.message, span, lambda _p: None) if f.preferred]


def test_fix_no_longer_subclasses_the_private_validator() -> None:
    assert "_Validator" not in inspect.getsource(fix)
    assert "_DID_YOU_MEAN" not in inspect.getsource(actions)
