"""The library API (issue 17): what a notebook does with argmap, and that importing it stays light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from argmap.core.rules import STANCE_OUT_OF_SCALE
from argmap.model.config import ConfigError
from tests.clirun import run_cli
from tests.conftest import failing_map

ROOT = Path(__file__).resolve().parent.parent
MAPS = str(ROOT / "maps")


def test_check_is_what_the_command_line_reports(seeds: Path, tmp_path: Path) -> None:
    result = argmap.check(MAPS, sources=[str(seeds)], require_sources=True, strict=True)
    assert result.exit_code == 0 and result.quotes is not None and result.quotes.verified == result.quotes.total
    cli = run_cli("check", MAPS, "--sources", str(seeds), "-f", "json", "--isolated", "--no-cache")
    assert [f.to_dict() for f in result.findings] == json.loads(cli.stdout)["findings"]
    broken = argmap.check(str(failing_map(STANCE_OUT_OF_SCALE, tmp_path)))
    assert broken.exit_code == 1 and [f.code for f in broken.findings] == ["S004"]


def test_settings_are_checked_by_name_and_type() -> None:
    with pytest.raises(ConfigError, match="unknown setting"):
        argmap.check(MAPS, strickt=True)
    assert argmap.settings(ignore=["C004"], max_ellipsis_gap=50).max_ellipsis_gap == 50
    assert not [f for f in argmap.check(MAPS, ignore=["C004"]).findings if f.code == "C004"]


def test_the_analyses_as_plain_data() -> None:
    corpus = argmap.load(MAPS)
    assert len(corpus.maps) == 5 and "russia-seeks-annexation" in corpus.questions
    [annexation] = argmap.positions(corpus, "russia-seeks-annexation")
    assert annexation.summary.agents == len(annexation.latest)
    assert argmap.matrix(corpus).stance("andrei-kazakevich", "russia-seeks-annexation") == -1
    pairs = argmap.agreement(corpus)
    assert pairs and all(p.shared for p in pairs)
    assert argmap.compare(corpus, "andrei-kazakevich", "dzianis-melyantsou").pair.shared
    assert argmap.timeline(MAPS, "Dzianis Melyantsou").steps
    rows = argmap.tables(corpus)["positions"]
    assert rows and {"agent", "question", "stance"} <= set(rows[0])


def test_importing_argmap_loads_no_more_than_the_command_line() -> None:
    code = "import sys, argmap; print(sorted(m for m in sys.modules if m.startswith('argmap')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['argmap', 'argmap._version']"  # the version (argmap/_version.py) and nothing more
    assert "check" in argmap.__all__ and hasattr(argmap, "check")
    with pytest.raises(AttributeError):
        argmap.nothing  # noqa: B018


def test_a_clean_check_imports_no_heavy_library(tmp_path: Path) -> None:
    """What start-up pays for: a check that finds nothing to suggest needs neither rapidfuzz (20 ms to
    import; the cache once imported it for its version) nor rich (findings print as plain text)."""
    import shutil

    corpus = tmp_path / "maps"
    corpus.mkdir()
    for name in ("agents.yaml", "questions.yaml", "melyantsou-2021-merger-fears.yaml"):
        shutil.copy(Path(MAPS) / name, corpus / name)
    code = ("import os, sys; sys.argv = ['argmap', 'check', sys.argv[1]]\n"
            "leave = os._exit  # how argmap ends: no atexit, so the modules are listed on the way out\n"
            "def listed(status):\n"
            "    sys.stdout.flush()\n"
            "    sys.stderr.write('modules: ' + repr(sorted({m.split('.')[0] for m in sys.modules})))\n"
            "    sys.stderr.flush()\n"
            "    leave(status)\n"
            "os._exit = listed\n"
            "from argmap.interfaces.entry import main\n"
            "main()\n")
    done = subprocess.run([sys.executable, "-c", code, str(corpus)], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0 and "All checks passed" in done.stdout, done.stdout + done.stderr
    loaded = done.stderr.split("modules: ")[1]
    assert "'yaml'" in loaded and "'argmap'" in loaded
    assert "'rapidfuzz'" not in loaded and "'rich'" not in loaded, loaded
