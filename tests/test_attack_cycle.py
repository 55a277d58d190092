"""A002 catches cycles of support (circular reasoning); a cycle that takes an attack is A012, information."""

from __future__ import annotations

from argmap.checks.structure import check_map
from argmap.core.diagnostics import Severity
from argmap.model.maps import Claim, Map, Ref, Source


def _map(edges: dict[str, tuple[list[str], list[str]]]) -> Map:
    """A map whose thesis `t` is supported by `a`, with claims' (supports, attacks) as given."""
    claims = [Claim(id=cid, text=cid, by=Ref("author", 0, 0), line=i + 10,
                    supports=[Ref(r, 0, 0) for r in sup], attacks=[Ref(r, 0, 0) for r in att])
              for i, (cid, (sup, att)) in enumerate(edges.items())]
    return Map(id="m", path="m.yaml", source=Source(), thesis=Claim(id="t", text="t", by=Ref("author", 0, 0),
               is_thesis=True), claims=claims)


def _codes(m: Map) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in check_map(m) if f.code in ("A002", "A012")]


def test_support_cycle_is_an_error() -> None:
    found = _codes(_map({"a": (["t", "b"], []), "b": (["a"], [])}))
    assert found == [("A002", "cycle of supports: a -> b -> a")]


def test_mutual_attack_is_information() -> None:
    m = _map({"a": (["t"], ["b"]), "b": ([], ["a"])})
    found = [f for f in check_map(m) if f.code in ("A002", "A012")]
    assert [(f.code, f.severity) for f in found] == [("A012", Severity.INFO)]
    assert "attack cycle: a -> b -> a" in found[0].message


def test_cycle_through_support_and_attack_is_information() -> None:
    found = _codes(_map({"a": (["t"], ["c"]), "b": (["a"], []), "c": (["b"], [])}))
    assert [code for code, _ in found] == ["A012"]


def test_support_cycle_beside_an_attack_cycle_still_an_error() -> None:
    # the attack may not hide the circular reasoning of b and c
    found = _codes(_map({"a": (["t"], ["b"]), "b": (["c"], ["a"]), "c": (["b"], [])}))
    assert sorted(code for code, _ in found) == ["A002", "A012"]


def test_explain_attack_cycle() -> None:
    from argmap.core.rules import ATTACK_CYCLE

    rule = ATTACK_CYCLE
    assert rule.name == "attack-cycle" and rule.severity is Severity.INFO and "debate" in rule.explanation
