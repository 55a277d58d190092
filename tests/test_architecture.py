"""The layers of ARCHITECTURE.md hold (issue 23): import-linter's contracts (.importlinter) pass, and no
module imports, even lazily, one that imports it back (imports under TYPE_CHECKING aside)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.core.graphs import strong_components

ROOT = Path(__file__).resolve().parent.parent

grimp = pytest.importorskip("grimp")  # import-linter's graph (the test extra installs it)


def test_the_import_contracts_are_kept() -> None:
    # the lint-imports of the environment running the tests (not whichever is first on PATH); --config, which
    # every version from the lowest declared (2.1) takes
    beside = Path(sys.executable).parent / "lint-imports"
    lint = str(beside) if beside.exists() else (shutil.which("lint-imports") or str(beside))
    done = subprocess.run([lint, "--config", str(ROOT / ".importlinter"), "--no-cache"], cwd=ROOT,
                          capture_output=True, text=True, check=False, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """The groups of more than one module that import one another round (argmap's own Tarjan)."""
    return sorted(sorted(c) for c in strong_components(sorted(graph), graph) if len(c) > 1)


def test_no_import_cycle() -> None:
    built = grimp.build_graph("argmap", exclude_type_checking_imports=True)
    assert _cycles({m: sorted(built.find_modules_directly_imported_by(m)) for m in built.modules}) == []


def test_the_cycle_finder_finds_one() -> None:
    assert _cycles({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) == [["a", "b", "c"]]
