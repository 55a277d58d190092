"""The corpus's own protocol (issue 20): the README's headline brief is what `argmap brief` prints, and the
maps agree with the blind second coding above the floors that CI holds them to."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.clirun import run_cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def test_the_readme_headline_is_what_brief_prints() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```\n\$ argmap brief russia-seeks-annexation\n(.*?)```", readme, re.S)
    assert block, "the README opens its corpus section with the brief of russia-seeks-annexation"
    result = run_cli("brief", "russia-seeks-annexation", str(ROOT / "maps"), "--isolated", env={"COLUMNS": "100"})
    assert result.code == 0, result.stderr
    assert result.stdout == block.group(1)


def test_the_maps_agree_with_the_second_coding_above_the_floors() -> None:
    pytest.importorskip("krippendorff")
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    result = run_cli("reliability", str(ROOT / "maps"), str(ROOT / "coding" / "second"), "--sources", str(SEEDS),
                     "--min-alpha", "0.80", "--min-coverage", "0.80", "--format", "json", "--isolated")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["alpha"] >= 0.80
    assert data["coverage_rate"] >= 0.80
    # every unit where the two codings differ is one the maps' notes settle (adjudication)
    assert data["units"] >= 60
