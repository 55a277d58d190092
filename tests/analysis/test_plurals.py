"""Counts are spelled right: '1 stance moved', '1 agent added', never '1 stances moved'."""

from __future__ import annotations

import shutil
from pathlib import Path

from argmap.outputs.analysis import fmt

from .conftest import CORPUS


def test_changed_is_singular_for_one_and_plural_for_more() -> None:
    assert fmt.changed("stance-moved", 1) == "1 stance moved"
    assert fmt.changed("stance-moved", 2) == "2 stances moved"
    assert fmt.changed("agent-added", 1) == "1 agent added"
    assert fmt.changed("evidence-added", 1) == "1 piece of evidence added"
    assert set(fmt.SECTION_TITLES) == set(fmt._CHANGE_WORDS)


def test_diff_summaries_count_one_change_in_the_singular(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(CORPUS, old)
    shutil.copytree(CORPUS, new)
    first = new / "alice-2020-first.yaml"
    first.write_text(first.read_text().replace("stance: strongly-agree", "stance: agree", 1))
    agents = new / "agents.yaml"
    agents.write_text(agents.read_text() + "  - id: dora-dane\n    name: Dora Dane\n")
    for output_format in ("text", "markdown"):
        out = run("diff", str(old), str(new), "--format", output_format).stdout
        assert "1 stance moved" in out and "1 agent added" in out, out
        assert "1 stances" not in out and "1 agents" not in out
