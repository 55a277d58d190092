"""`matrix --format json` on many agents: every agent and stance, and the agreement of the pairs the
tables show (the 30 agents answering the most questions) unless --all; the document says what it left
out. One question answered by 6,000 agents was 18 million pairs and gigabytes of JSON (issue 22)."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from tests.clirun import run_cli
from tests.hostile.test_scaling import many_agents


@pytest.fixture(scope="module")
def forty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One question answered by 40 agents: more than the tables show."""
    return many_agents(tmp_path_factory.mktemp("forty"), 40)


def document(*args: str) -> dict[str, object]:
    result = run_cli("matrix", *args, "--format", "json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_the_agreement_is_that_of_the_agents_the_tables_show(forty: Path) -> None:
    capped, whole = document(str(forty)), document(str(forty), "--all")
    assert len(capped["agents"]) == len(whole["agents"]) == 40  # type: ignore[arg-type]
    assert capped["stances"] == whole["stances"]
    shown = [a["id"] for a in whole["agents"]][:30]  # type: ignore[index,union-attr]  # one question each: ties by id
    assert [(p["a"], p["b"]) for p in capped["agreement"]] == list(combinations(shown, 2))  # type: ignore[union-attr,index]
    keep = set(shown)
    assert capped["agreement"] == [p for p in whole["agreement"] if p["a"] in keep and p["b"] in keep]  # type: ignore[union-attr,index]
    assert capped["agreement_capped"]["agents"] == 30 and capped["agreement_capped"]["of"] == 40  # type: ignore[index]
    assert "--all" in capped["agreement_capped"]["note"]  # type: ignore[index]
    assert "agreement_capped" not in whole and len(whole["agreement"]) == 40 * 39 // 2  # type: ignore[arg-type]
    limited = document(str(forty), "--limit", "5")
    assert len(limited["agreement"]) == 10 and limited["agreement_capped"]["agents"] == 5  # type: ignore[arg-type,index]


def test_a_corpus_within_the_limit_is_as_it_was(forty: Path) -> None:
    assert document(str(forty), "--limit", "40") == document(str(forty), "--all")
    small = document(str(Path(__file__).parent / "analysis" / "corpus"))
    assert "agreement_capped" not in small
