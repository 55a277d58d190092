"""Regenerate the pictures in docs/ with the commands themselves: `python -m tests.visual.pictures`.

- docs/graph.png: `argmap graph maps/melyantsou-2021-merger-fears.yaml --format png -o docs/graph.png`
- docs/questions.png: `argmap graph maps --questions --format png -o docs/questions.png`
- docs/report.png: the first screen of `argmap report maps -o report.html`, shot in headless Chromium.

Needs Graphviz and Chromium (bash .ci/install-extras).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from argmap.interfaces.cli import app

from . import cdp

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def main() -> int:
    runner = CliRunner()
    for args in (["graph", "maps/melyantsou-2021-merger-fears.yaml", "--format", "png", "-o", "docs/graph.png"],
                 ["graph", "maps", "--questions", "--format", "png", "-o", "docs/questions.png"]):
        result = runner.invoke(app, args)
        if result.exit_code:
            sys.stderr.write(result.output)
            return result.exit_code
    binary = cdp.chromium()
    if binary is None:
        sys.stderr.write("chromium is not installed\n")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        result = runner.invoke(app, ["report", "maps", "-o", str(page)])
        if result.exit_code:
            sys.stderr.write(result.output)
            return result.exit_code
        with cdp.Browser(binary) as browser:
            browser.open(page.as_uri(), 1200, 860)
            browser.screenshot(str(DOCS / "report.png"))
    return 0


if __name__ == "__main__":
    import os

    os.chdir(ROOT)
    raise SystemExit(main())
