"""Agreement at the level of claims (issue 15): compare's shared arguments and clashes, positions' arguments
per side, matrix's argument view; and nothing of it for a corpus without links.yaml."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from argmap.analysis import arguments
from argmap.analysis.arguments import Side
from argmap.analysis.positions import as_stances, positions
from argmap.model.corpus import load_corpus
from argmap.model.maps import Corpus, Link, Ref
from tests.clirun import Result, run_cli

ROOT = Path(__file__).resolve().parent.parent
MAPS = ROOT / "maps"
KAZ = "kazakevich-2021-putin-lukashenka-summit"
MEL = "melyantsou-2021-union-breakthrough"
SOCHI = "unknown-2019-sochi-integration-roadmap"


def argmap(*args: str, cwd: Path | None = None) -> Result:
    return run_cli(*args, cwd=cwd, env={"NO_COLOR": "1"})


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    loaded, _, _ = load_corpus([str(MAPS)])
    return loaded


@pytest.fixture
def unlinked(tmp_path: Path) -> Path:
    """maps/ without links.yaml."""
    target = tmp_path / "maps"
    shutil.copytree(MAPS, target)
    (target / "links.yaml").unlink()
    return target


def _refs(claims: list[arguments.LinkedClaim]) -> list[str]:
    return [c.ref for c in claims]


# -- units ------------------------------------------------------------------------------------------


def test_linked_claims_keep_text_first_quote_and_speaker(corpus: Corpus) -> None:
    stances = as_stances(corpus)
    kept = {c.ref: c for m in stances.maps for c in m.claims.values()}
    ends = {e for link in corpus.links for e in (link.source.id, link.target.id)}
    assert set(kept) == ends  # exactly the claims the links name
    claim = kept[f"{KAZ}#russia-aims-at-influence"]
    assert claim.agent == "andrei-kazakevich" and claim.quote and claim.evidence
    m = corpus.map_by_id(KAZ)
    assert m is not None
    assert claim.quote in {e.quote for e in m.evidence if "russia-aims-at-influence" in {r.id for r in e.grounds}}


def test_arguments_are_same_clusters_most_agents_first(corpus: Corpus) -> None:
    found = arguments.debate(as_stances(corpus)).arguments()
    three = [a for a in found if f"{KAZ}#no-political-integration-soon" in _refs(a.claims)]
    assert len(three) == 1 and len(three[0].claims) == 3
    sizes = [len(a.agents) for a in found]
    assert sizes == sorted(sizes, reverse=True)


def test_compare_claims_follows_clusters_and_directions() -> None:
    claims = {r: arguments.LinkedClaim(r.split("#")[0], r.split("#")[1], r, agent, agent)
              for r, agent in (("m1#a", "ann"), ("m2#b", "bob"), ("m3#c", "cid"), ("m2#d", "bob"))}

    def link(a: str, b: str, rel: str) -> Link:
        return Link(Ref(a, 0, 0), Ref(b, 0, 0), Ref(rel, 0, 0))

    # m1#a is the same point as m3#c, which attacks bob's m2#b; bob's m2#d opposes ann's m1#a
    d = arguments.Debate(claims, [link("m1#a", "m3#c", "same"), link("m3#c", "m2#b", "attacks"),
                                  link("m2#d", "m1#a", "opposes")])
    ann, bob = Side("agent", "ann", "ann", {}), Side("agent", "bob", "bob", {})
    result = arguments.compare_claims(d, ann, bob)
    assert result.shared == []
    assert {(k.relation, k.a.ref, k.b.ref, k.a_first) for k in result.clashes} == {
        ("attacks", "m1#a", "m2#b", True), ("opposes", "m1#a", "m2#d", False)}
    cid = Side("agent", "cid", "cid", {})
    assert [(_refs(x), _refs(y)) for x, y in arguments.compare_claims(d, ann, cid).shared] == [(["m1#a"], ["m3#c"])]


def test_shared_arguments_per_side(corpus: Corpus) -> None:
    d = arguments.debate(as_stances(corpus))
    # the corpus's point of agreement (links.yaml, re-checked by a second reader): Moscow wants lasting hold
    [qp] = positions(corpus, "russia-seeks-lasting-control")
    found = arguments.shared_arguments(d, qp)
    assert [(a.side, sorted(a.agents)) for a in found] == [("agree", ["Andrei Kazakevich", "Dzianis Melyantsou"])]


# -- the commands -----------------------------------------------------------------------------------


def test_compare_maps_shows_shared_arguments_with_quotes() -> None:
    result = argmap("compare", KAZ, MEL, "maps")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Shared arguments (5 arguments linked `same`)" in out
    assert f"A: {KAZ}#no-political-integration-soon (Andrei Kazakevich)" in out
    assert f"B: {MEL}#sovereignty-left-out (Dzianis Melyantsou)" in out
    assert "“It seems that this question is off the table.”" in out or "“Probably the first plan" in out


def test_compare_json_and_markdown_give_clashes(corpus: Corpus) -> None:
    data = json.loads(argmap("compare", KAZ, SOCHI, "maps", "-f", "json").stdout)
    clashes = {(c["relation"], c["from"], c["a"]["claim"], c["b"]["claim"]) for c in data["clashes"]}
    # the second reader removed the `opposes` against the Sochi map's report of a view ("Many view this as")
    assert ("opposes", "a", f"{KAZ}#russia-aims-at-influence", f"{SOCHI}#roadmap-soft-annexation") not in clashes
    assert ("attacks", "a", f"{KAZ}#no-political-integration-soon", f"{SOCHI}#putin-2024-union-state") in clashes
    assert all(c["a"]["quote"]["quote"] for c in data["clashes"])
    markdown = argmap("compare", KAZ, SOCHI, "maps", "-f", "markdown").stdout
    assert "#### Direct clashes" in markdown and "| A attacks B |" in markdown


def test_positions_lists_arguments_shared_on_a_side() -> None:
    out = argmap("positions", "russia-seeks-lasting-control", "maps").stdout
    assert "Arguments shared on a side (claims linked `same`)" in out
    assert "agree: Andrei Kazakevich, Dzianis Melyantsou" in out
    data = json.loads(argmap("positions", "russia-seeks-lasting-control", "maps", "-f", "json").stdout)
    [shared] = data["shared_arguments"]
    assert shared["side"] == "agree" and len(shared["claims"]) == 2
    assert "**Arguments shared on a side**" in argmap("positions", "russia-seeks-lasting-control", "maps", "-f", "markdown").stdout


def test_matrix_has_an_argument_view(corpus: Corpus) -> None:
    out = argmap("matrix", "maps").stdout
    assert "Arguments made in several maps (10; claims linked `same`)" in out
    data = json.loads(argmap("matrix", "maps", "-f", "json").stdout)
    assert len(data["arguments"]) == 10
    assert "### Arguments made in several maps" in argmap("matrix", "maps", "-f", "markdown").stdout


@pytest.mark.parametrize("command", [["compare", KAZ, MEL], ["positions", "russia-seeks-annexation"], ["matrix"]])
@pytest.mark.parametrize("form", ["text", "json", "markdown"])
def test_without_links_nothing_changes(unlinked: Path, command: list[str], form: str) -> None:
    out = argmap(*command, str(unlinked), "-f", form).stdout
    for word in ("Shared arguments", "shared_arguments", "Arguments shared", "Arguments made", '"arguments"', "clashes"):
        assert word not in out
