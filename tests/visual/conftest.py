"""Fixtures for graph, report and export tests: the real maps, a hostile corpus, and the external tools."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from tests.clirun import Result, run_cli

ROOT = Path(__file__).resolve().parents[2]
MAPS = ROOT / "maps"
ARGDOWN = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "argdown"
ONE_MAP = MAPS / "melyantsou-2021-merger-fears.yaml"

# Everything that could break out of a drawing or markup language, in one string.
HOSTILE = ('He said "no" <script>alert(1)</script> ]] --> \\ back\\slash\nsecond line [bold red]red[/] '
           "\x1b[31mANSI\x1b[0m & &amp; {x} }} `tick` #tag @[m] <a> // c /* d */ -- + [t]: <b>: %%{init}%% end")


def hostile(label: str) -> str:
    return f"{label} {HOSTILE}"


def run(*args: str) -> Result:
    return run_cli(*args, cwd=os.getcwd(), debug=True)


@pytest.fixture
def hostile_corpus(tmp_path: Path) -> Path:
    """A valid corpus (ids obey the format) whose every free text is hostile."""
    root = tmp_path / "hostile"
    root.mkdir()
    (root / "agents.yaml").write_text(yaml.safe_dump({"argmap": 1, "agents": [
        {"id": "eve-evil", "name": hostile("Eve"), "aliases": [hostile("alias")]},
        {"id": "mallory", "name": hostile("Mallory")},
    ]}, allow_unicode=True), encoding="utf-8")
    (root / "questions.yaml").write_text(yaml.safe_dump({"argmap": 1, "questions": [
        {"id": "q-one", "proposition": hostile("Question one"), "note": hostile("note")},
        {"id": "q-two", "proposition": hostile("Question two")},
    ]}, allow_unicode=True), encoding="utf-8")
    (root / "eve-2024-hostile.yaml").write_text(yaml.safe_dump({
        "argmap": 1, "id": "eve-2024-hostile",
        "source": {"title": hostile("Title"), "authors": ["eve-evil"], "outlet": hostile("Outlet"), "date": "2024",
                   "url": "javascript:alert(1)", "text": "x.txt", "notes": hostile("notes")},
        "agents": ["mallory"],
        "thesis": {"id": "thesis", "text": hostile("Thesis"), "by": "author"},
        "claims": [
            {"id": "c1", "text": hostile("Claim one"), "by": "author", "supports": ["thesis"]},
            {"id": "c2", "text": hostile("Claim two"), "by": "mallory", "attacks": ["thesis"]},
            {"id": "c3", "text": hostile("Claim three"), "by": "author", "supports": ["c1"], "attacks": ["c2"]},
        ],
        "evidence": [
            {"id": "e1", "quote": hostile("Quote one"), "speaker": "author", "grounds": ["c1"]},
            {"id": "e2", "quote": hostile("Quote two"), "speaker": "mallory", "grounds": ["c2", "thesis"]},
        ],
        "positions": [
            {"agent": "author", "question": "q-one", "stance": "agree", "grounds": ["c1", "e1"], "note": hostile("why")},
            {"agent": "mallory", "question": "q-one", "stance": -2, "grounds": ["c2"]},
            {"agent": "author", "question": "q-two", "stance": 0, "grounds": ["thesis"]},
        ],
    }, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def tool(name: str) -> str | None:
    return shutil.which(name)


def need_dot() -> str:
    found = tool("dot")
    if not found:
        pytest.skip("Graphviz `dot` is not installed (bash .ci/install-extras installs it)")
    return found


def need_argdown() -> str:
    if not (ARGDOWN.is_file() and os.access(ARGDOWN, os.X_OK)) or not tool("node"):
        pytest.skip("the Argdown CLI is not installed in .ci/node (bash .ci/install-extras installs it)")
    return str(ARGDOWN)
