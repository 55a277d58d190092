"""The checks of links.yaml (L001-L005). Map ids are known only once every map is built, so these run
after the maps, on what the ledger kept of each (its claim ids and attacks), never on whole maps."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.core.clusters import Clusters, split
from argmap.core.diagnostics import Finding
from argmap.core.didyoumean import suggestion
from argmap.core.rules import DUPLICATE_LINK, SAME_AND_OPPOSES, SAME_JOINS_ATTACKERS, SELF_LINK, UNKNOWN_LINK_END
from argmap.model.maps import SYMMETRIC_RELATIONS, Link


def check_links(links: list[Link], claims: dict[str, frozenset[str]],
                attacks: dict[str, frozenset[tuple[str, str]]], partial: bool = False) -> Iterator[Finding]:
    """`claims` and `attacks` per map id; `partial`: only some maps were read, so a link to a map that
    was not is left alone rather than called unknown."""
    valid: list[Link] = []
    seen: dict[tuple[str, str, str], Link] = {}
    for link in links:
        ends_known = True
        for ref in (link.source, link.target):
            map_id, claim = split(ref.id)
            if not map_id:
                ends_known = False  # malformed: the schema check (S006) has said so
            elif map_id not in claims:
                ends_known = False
                if not partial:
                    said = suggestion(map_id, claims, "fix the map id (MAP-ID#CLAIM-ID)")
                    yield UNKNOWN_LINK_END.at(link.path, ref.line, ref.column, f"no map with id {map_id!r}", said.hint,
                                              suggestions=tuple(f"{pick}#{claim}" for pick in said.picks))
            elif claim not in claims[map_id]:
                ends_known = False
                said = suggestion(claim, sorted(claims[map_id]), "fix the claim id")
                yield UNKNOWN_LINK_END.at(link.path, ref.line, ref.column, f"map {map_id!r} has no claim {claim!r}",
                                          said.hint, suggestions=tuple(f"{map_id}#{pick}" for pick in said.picks))
        if not ends_known or link.relation.id not in ("same", "opposes", "supports", "attacks"):
            continue
        if link.source.id == link.target.id:
            yield SELF_LINK.at(link.path, link.target.line, link.target.column,
                               f"{link.source.id} is linked to itself", "link two different claims")
            continue
        a, b = link.source.id, link.target.id
        if link.relation.id in SYMMETRIC_RELATIONS and b < a:
            a, b = b, a  # a symmetric link is one link whichever way it is written
        key = (link.relation.id, a, b)
        if key in seen:
            first = seen[key]
            yield DUPLICATE_LINK.at(link.path, link.line, link.column,
                                    f"{a} {link.relation.id} {b} is already linked at line {first.line}",
                                    "remove one of the two, and merge their notes")
            continue
        seen[key] = link
        valid.append(link)
    clusters = Clusters((link.source.id, link.target.id) for link in valid if link.relation.id == "same")
    for link in valid:
        if link.relation.id == "opposes" and clusters.find(link.source.id) == clusters.find(link.target.id):
            yield SAME_AND_OPPOSES.at(link.path, link.line, link.column,
                                      f"{link.source.id} and {link.target.id} are linked `opposes`, but `same` links "
                                      "make them one point",
                                      "remove the wrong link: the `opposes` or a `same` on the chain between them")
    yield from _same_joins_attackers(valid, clusters, attacks)


def _same_joins_attackers(valid: list[Link], clusters: Clusters,
                          attacks: dict[str, frozenset[tuple[str, str]]]) -> Iterator[Finding]:
    """L004, reported on the `same` link that closes the join (the last one of the cluster in the file)."""
    by_root: dict[str, set[str]] = {}
    last_same: dict[str, Link] = {}
    for link in valid:
        if link.relation.id == "same":
            root = clusters.find(link.source.id)
            by_root.setdefault(root, set()).update((link.source.id, link.target.id))
            last_same[root] = link
    for root, members in by_root.items():
        per_map: dict[str, set[str]] = {}
        for member in members:
            map_id, claim = split(member)
            per_map.setdefault(map_id, set()).add(claim)
        for map_id, own in per_map.items():
            if len(own) < 2:
                continue
            for attacker, target in sorted(attacks.get(map_id, ())):
                if attacker in own and target in own:
                    link = last_same[root]
                    yield SAME_JOINS_ATTACKERS.at(
                        link.path, link.line, link.column,
                        f"`same` links make {map_id}#{attacker} and {map_id}#{target} one point, but the first "
                        "attacks the second in its map",
                        "one `same` link on the chain between them is wrong: remove it")
