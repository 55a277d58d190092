"""`argmap reliability` across two coders' corpora: the article's unnamed author pairs, a second corpus
of maps only borrows the first's registries, agents match by alias, floors for CI, and the basis."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.analysis import reliability as rel
from argmap.interfaces.cli import app
from argmap.model.corpus import load_corpus

pytest.importorskip("krippendorff")

AGENTS = """\
argmap: 1
agents:
  - id: alyaksandr-lukashenka
    name: Alyaksandr Lukashenka
    aliases: [Lukashenko, Aleksandr Lukashenko]
"""
QUESTIONS = """\
argmap: 1
questions:
  - id: q-one
    proposition: The first holds.
  - id: q-two
    proposition: The second holds.
  - id: q-three
    proposition: The third holds.
"""


def _map(map_id: str, positions: Sequence[tuple[str, str, int, str | None]], leader: str = "alyaksandr-lukashenka") -> str:
    """A map of the anonymous article `sochi.txt`; positions: (agent, question, stance, basis)."""
    agents = sorted({a for a, _, _, _ in positions if a != "author"})
    text = textwrap.dedent(f"""\
        argmap: 1
        id: {map_id}
        source:
          title: Sochi
          authors: unknown
          outlet: unknown
          date: 2019-12
          text: sochi.txt
        agents: [{", ".join(agents)}]
        thesis:
          id: thesis
          text: Something holds.
          by: author
        evidence:
          - id: e-one
            quote: "Something holds."
            speaker: author
            grounds: [thesis]
        positions:
        """)
    for agent, question, stance, basis in positions:
        text += f"  - agent: {agent}\n    question: {question}\n    stance: {stance}\n"
        text += f"    basis: {basis}\n" if basis else ""
        text += "    grounds: [thesis]\n"
    return text.replace("alyaksandr-lukashenka", leader)


def _corpus(root: Path, map_id: str, positions: Sequence[tuple[str, str, int, str | None]],
            registries: tuple[str | None, str | None] = (AGENTS, QUESTIONS), leader: str = "alyaksandr-lukashenka") -> Path:
    root.mkdir(parents=True)
    agents, questions = registries
    if agents is not None:
        (root / "agents.yaml").write_text(agents, encoding="utf-8")
    if questions is not None:
        (root / "questions.yaml").write_text(questions, encoding="utf-8")
    (root / f"{map_id}.yaml").write_text(_map(map_id, positions, leader), encoding="utf-8")
    return root


FIRST = [("author", "q-one", 1, "stated"), ("author", "q-two", -1, "stated"),
         ("alyaksandr-lukashenka", "q-one", 2, "reported"), ("alyaksandr-lukashenka", "q-three", 0, "act")]


def _reliability(*roots: Path) -> rel.Reliability:
    coders = []
    for label, root in zip(rel.coder_labels([r.name for r in roots]), roots, strict=True):
        corpus, _findings, _files = load_corpus([str(root)])
        coders.append((label, corpus))
    return rel.reliability(coders)


def cli(*args: str, code: int = 0) -> tuple[str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    return result.stdout, result.stderr


def test_the_articles_unnamed_author_pairs_across_map_ids(tmp_path: Path) -> None:
    first = _corpus(tmp_path / "first", "unknown-2019-sochi", FIRST)
    second = _corpus(tmp_path / "second", "sochi-roadmap-2019", FIRST)
    result = _reliability(first, second)
    authors = [u for u in result.units if u.agent.startswith("author@")]
    assert {u.agent for u in authors} == {"author@sochi.txt"}
    assert len(authors) == 2  # q-one and q-two: one unit each, coded by both
    assert result.gaps == [] and result.disagreements == []
    [pair] = result.pairs
    assert (pair.both, pair.only_a, pair.only_b, pair.coverage) == (4, 0, 0, 1.0)


def test_a_second_corpus_of_maps_only_borrows_the_first_registries(tmp_path: Path) -> None:
    first = _corpus(tmp_path / "maps", "unknown-2019-sochi", FIRST)
    second = _corpus(tmp_path / "coding" / "second", "sochi-second", FIRST, registries=(None, None))
    result = _reliability(first, second)
    assert any("second: no questions.yaml or agents.yaml of its own; maps's is used" in w for w in result.warnings)
    assert {d.unit.agent for d in result.disagreements} == set()
    assert result.pairs[0].coverage == 1.0
    out, err = cli("reliability", str(first), str(second))
    assert "no questions.yaml or agents.yaml of its own" in err
    assert "Coverage rate: 100%" in out


def test_an_id_that_is_an_alias_pairs_with_the_agent(tmp_path: Path) -> None:
    first = _corpus(tmp_path / "first", "unknown-2019-sochi", FIRST)
    own = "argmap: 1\nagents:\n  - id: lukashenko\n    name: Lukashenko\n"
    second = _corpus(tmp_path / "second", "sochi-second", FIRST, registries=(own, QUESTIONS), leader="lukashenko")
    result = _reliability(first, second)
    assert "lukashenko" not in {u.agent for u in result.units}
    assert result.pairs[0].coverage == 1.0
    assert any("lukashenko = alyaksandr-lukashenka" in w for w in result.warnings)
    # An id the first registry does not know, and no alias of: two agents, each one-sided.
    stranger = "argmap: 1\nagents:\n  - id: someone-else\n    name: Someone Else\n"
    third = _corpus(tmp_path / "third", "sochi-third", FIRST, registries=(stranger, QUESTIONS), leader="someone-else")
    assert _reliability(first, third).pairs[0].coverage == pytest.approx(2 / 6)


def test_an_alias_in_the_second_registry_names_the_first_id(tmp_path: Path) -> None:
    """The other way round: the second coder's own entry lists the first corpus's id among its aliases."""
    first = _corpus(tmp_path / "first", "unknown-2019-sochi", FIRST)
    own = "argmap: 1\nagents:\n  - id: a-lukashenka\n    name: A. Lukashenka\n    aliases: [alyaksandr-lukashenka]\n"
    second = _corpus(tmp_path / "second", "sochi-second", FIRST, registries=(own, QUESTIONS), leader="a-lukashenka")
    assert _reliability(first, second).pairs[0].coverage == 1.0


def test_coverage_and_floors(tmp_path: Path) -> None:
    first = _corpus(tmp_path / "first", "unknown-2019-sochi", FIRST)
    fewer = [p for p in FIRST if p[1] != "q-three"] + [("author", "q-three", 1, "inferred")]
    second = _corpus(tmp_path / "second", "sochi-second", fewer)
    result = _reliability(first, second)
    [pair] = result.pairs
    assert (pair.both, pair.only_a, pair.only_b) == (3, 1, 1)
    assert result.coverage == pytest.approx(3 / 5)
    assert result.floors() == []
    assert result.floors(min_coverage=0.6) == []
    assert result.floors(min_coverage=0.8) == ["coverage 0.60 is below the floor 0.80"]
    out, err = cli("reliability", str(first), str(second), "--min-coverage", "0.8", "--min-alpha", "0.5", code=1)
    assert "coverage 0.60 is below the floor 0.80" in err
    assert "Coverage rate: 60%" in out
    data = json.loads(cli("reliability", str(first), str(second), "-f", "json", "--min-coverage", "0.5")[0])
    assert data["coverage_rate"] == 0.6 and data["pairs"][0]["coverage"] == 0.6


def test_an_alpha_below_the_floor_or_undefined_fails(tmp_path: Path) -> None:
    first = _corpus(tmp_path / "first", "unknown-2019-sochi", FIRST)
    flipped = [(a, q, -s, b) for a, q, s, b in FIRST]
    second = _corpus(tmp_path / "second", "sochi-second", flipped)
    result = _reliability(first, second)
    assert result.alpha.value is not None and result.alpha.value < 0.8
    [line] = result.floors(min_alpha=0.8)
    assert line == f"alpha {result.alpha.value:.2f} is below the floor 0.80"
    _out, err = cli("reliability", str(first), str(second), "--min-alpha", "0.8", code=1)
    assert "is below the floor 0.80" in err
    same = _reliability(first, _corpus(tmp_path / "same", "sochi-same", [FIRST[0]]))
    assert same.floors(min_alpha=0.1) == [
        "alpha is undefined (no variation: every value the same, so alpha is 0/0), so it does not meet the floor 0.10"]


def test_floors_from_the_settings_file(tmp_path: Path) -> None:
    first = _corpus(tmp_path / "first", "unknown-2019-sochi", FIRST)
    second = _corpus(tmp_path / "second", "sochi-second", [(a, q, -s, b) for a, q, s, b in FIRST])
    config = tmp_path / "argmap.toml"
    config.write_text("min-alpha = 0.9\n", encoding="utf-8")
    _out, err = cli("reliability", str(first), str(second), "--config", str(config), code=1)
    assert "below the floor 0.90" in err
    cli("reliability", str(first), str(second), "--config", str(config), "--min-alpha", "-1")
    config.write_text("min-coverage = 2\n", encoding="utf-8")  # not a fraction: a usage error
    assert CliRunner().invoke(app, ["reliability", str(first), str(second), "--config", str(config)]).exit_code == 2


def test_basis_alpha_and_basis_disagreements(tmp_path: Path) -> None:
    first = _corpus(tmp_path / "first", "unknown-2019-sochi", FIRST)
    rebased = [(a, q, s, "inferred" if b == "reported" else b) for a, q, s, b in FIRST]
    second = _corpus(tmp_path / "second", "sochi-second", rebased)
    result = _reliability(first, second)
    assert result.alpha.value == pytest.approx(1.0)  # the stances agree: the stance alpha is untouched
    assert result.basis_alpha is not None and result.basis_alpha.value is not None
    assert result.basis_alpha.value < 1.0 and result.basis_alpha.units == 4
    [d] = result.disagreements
    assert d.kinds == ["basis"] and d.unit.agent == "alyaksandr-lukashenka"
    assert [c.basis for c in d.codings] == ["reported", "inferred"]
    out, _err = cli("reliability", str(first), str(second))
    assert "Basis (how each stance is known)" in out
    assert "+2 strongly-agree (reported)" in out and "+2 strongly-agree (inferred)" in out
    data = json.loads(cli("reliability", str(first), str(second), "-f", "json")[0])
    assert data["basis"]["units"] == 4
    assert data["disagreements"][0]["codings"][1]["basis"] == "inferred"
    assert data["alpha"] == 1.0
