"""The JSON outputs on the brief corpus, byte for byte (issue 23: behaviour unchanged through the redesign).

Written before the redesign moved anything, so that a refactor which changes an output fails here.
Regenerate deliberately with `ARGMAP_GOLDEN_WRITE=1 pytest tests/test_golden.py` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap import __version__
from argmap.interfaces.cli import app

HERE = Path(__file__).parent
GOLDEN = HERE / "data" / "golden"

# Each case: the file it is stored under and the command line (the corpus path is the last argument, "corpus",
# resolved from tests/brief so that the paths inside the JSON do not depend on where pytest runs).
CASES: dict[str, list[str]] = {
    "check": ["check", "-f", "json", "corpus"],
    "positions": ["positions", "-f", "json", "corpus"],
    "positions-q-merge": ["positions", "-f", "json", "q-merge", "corpus"],
    "matrix": ["matrix", "-f", "json", "corpus"],
    "compare": ["compare", "-f", "json", "ana-antal", "ben-bors", "corpus"],
    "brief": ["brief", "-f", "json", "q-merge", "corpus"],
    "evaluate": ["evaluate", "-f", "json", "corpus"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_json_output_unchanged(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(HERE / "brief")
    result = CliRunner().invoke(app, CASES[name], env={"NO_COLOR": "", "FORCE_COLOR": "", "COLUMNS": "100"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    # The package version is the one field that changes by release, not by behaviour.
    text = result.stdout.replace(f'"{__version__}"', '"<version>"')
    stored = GOLDEN / f"{name}.json"
    if os.environ.get("ARGMAP_GOLDEN_WRITE"):
        stored.write_text(text, encoding="utf-8")
    assert text == stored.read_text(encoding="utf-8")
