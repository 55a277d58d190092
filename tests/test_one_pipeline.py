"""The language server runs `argmap check`'s pipeline, not a copy of it (issue 23).

Every rule's failing example is checked twice: by `argmap check` (engine.run) and by the language server
(each file analysed in process, as the editor would open it). Each finding check gives of a file the editor
opens must reach the editor: the links checks (L001-L005) among them, which the server's own copy missed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from argmap.checks.engine import run
from argmap.core.rules import RULES
from argmap.core.rules.example import write
from argmap.interfaces.lsp.diagnostics import analyse
from argmap.interfaces.lsp.workspace import Folder, kind_of
from argmap.model.config import Settings
from argmap.model.corpus import discover

Seen = set[tuple[str, str, int, int, str]]


def _by_check(maps: str, settings: Settings) -> Seen:
    return {(os.path.abspath(f.path), f.code, f.line, f.column, f.message) for f in run([maps], settings).findings}


def _by_editor(maps: str, settings: Settings) -> tuple[Seen, set[str]]:
    folder = Folder(os.path.abspath(maps))
    folder.settings = settings  # as a [tool.argmap] would say; set directly so both sides read the same
    folder.forget_registries()
    files = discover([maps])
    opened: set[str] = set()
    out: Seen = set()
    for path in (*files.maps, *files.agents, *files.questions, *files.links):
        path = os.path.abspath(path)
        kind = kind_of(path)
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # an editor cannot open it as text either
        if kind is None:
            continue
        opened.add(path)
        analysis = analyse(path, kind, text, folder, lambda _path: None)
        out.update((f.path, f.code, f.line, f.column, f.message) for f in analysis.findings)
    return out, opened


LINK_CODES = sorted(code for code in RULES if code.startswith("L"))


@pytest.mark.parametrize("code", LINK_CODES)
def test_links_checks_reach_the_editor(code: str, tmp_path: Path) -> None:
    maps, sources = write(RULES[code].examples.fails, str(tmp_path))
    settings = Settings(sources=(sources,))
    seen, _ = _by_editor(maps, settings)
    assert code in {item[1] for item in seen}


@pytest.mark.parametrize("code", sorted(RULES))
def test_the_editor_sees_what_check_sees(code: str, tmp_path: Path) -> None:
    maps, sources = write(RULES[code].examples.fails, str(tmp_path))
    settings = Settings(sources=(sources,))
    seen, opened = _by_editor(maps, settings)
    expected = {item for item in _by_check(maps, settings) if item[0] in opened}
    assert seen == expected
