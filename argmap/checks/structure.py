"""Structure: the argument is a connected, acyclic graph of claims leading to a grounded thesis."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from argmap.core.defaults import MAX_QUOTE_LENGTH
from argmap.core.diagnostics import Finding
from argmap.core.graphs import cycles
from argmap.core.rules import (
    ATTACK_CYCLE,
    CYCLE,
    LONG_QUOTE,
    MISSING_THESIS,
    NOT_REACHING_THESIS,
    ORPHAN_CLAIM,
    POSITION_GROUNDS_OTHER_AGENT,
    SELF_REFERENCE,
    SUPPORTS_AND_ATTACKS,
    THESIS_HAS_RELATIONS,
    UNGROUNDED_CLAIM,
    UNGROUNDING_EVIDENCE,
)
from argmap.model.maps import Claim, Map


def _cycles(claims: dict[str, Claim], attacks: bool) -> Iterator[list[str]]:
    """Each cycle found by depth-first search, as a list of ids: over supports, or supports and attacks."""
    # The thesis's own edges are A008's business; leaving them out keeps one defect one finding.
    edges = {c.id: [] if c.is_thesis else [r.id for r in [*c.supports, *(c.attacks if attacks else [])]
                                           if r.id in claims and r.id != c.id]
             for c in claims.values()}
    yield from cycles(edges)


def _attack_cycles(claims: dict[str, Claim]) -> Iterator[list[str]]:
    """The cycles over supports and attacks that take at least one attack: a debate (A012). Cycles of
    supports alone are A002's, found over the supports only, so that no attack can hide one."""
    attack = {(c.id, r.id) for c in claims.values() if not c.is_thesis for r in c.attacks}
    for cycle in _cycles(claims, attacks=True):
        if any(edge in attack for edge in pairwise(cycle)):
            yield cycle


def _once(found: Iterator[list[str]]) -> Iterator[list[str]]:
    """Each cycle once, whichever of its claims the search found it from."""
    seen: set[frozenset[str]] = set()
    for cycle in found:
        key = frozenset(cycle)
        if key not in seen:
            seen.add(key)
            yield cycle


def check_map(m: Map, max_quote: int = MAX_QUOTE_LENGTH) -> Iterator[Finding]:
    path = m.path
    if m.thesis is None:
        yield MISSING_THESIS.at(path, m.line, m.column, f"map {m.id or '(no id)'} has no thesis",
                                "add `thesis:` with id, text and by: the article's main conclusion")
    elif m.thesis.supports or m.thesis.attacks:
        ref = (m.thesis.supports + m.thesis.attacks)[0]
        yield THESIS_HAS_RELATIONS.at(path, ref.line, ref.column, "the thesis supports or attacks another claim",
                                      "the thesis is the root; make the other claim point to the thesis instead")
    claims = {c.id: c for c in m.nodes if c.id}
    incoming: dict[str, int] = {cid: 0 for cid in claims}
    for claim in m.nodes:
        supports = {r.id for r in claim.supports}
        for ref in [*claim.supports, *claim.attacks]:
            if ref.id == claim.id:
                yield SELF_REFERENCE.at(path, ref.line, ref.column, f"claim {claim.id!r} points to itself",
                                        "name another claim")
            elif ref.id in incoming:
                incoming[ref.id] += 1
        for ref in claim.attacks:
            if ref.id in supports:
                yield SUPPORTS_AND_ATTACKS.at(path, ref.line, ref.column,
                                              f"claim {claim.id!r} both supports and attacks {ref.id!r}",
                                              "keep one relation, or split the claim in two")
    # A cycle of supports is one over supports and attacks too: where that search finds none (nearly every
    # map), neither kind of cycle is there, and one search of the graph says so instead of two.
    if next(_cycles(claims, attacks=True), None) is not None:
        for cycle in _once(_cycles(claims, attacks=False)):
            first = claims[cycle[0]]
            yield CYCLE.at(path, first.line, first.column, "cycle of supports: " + " -> ".join(cycle),
                           "an argument leads to the thesis without coming back; one of these ids is wrong")
        for cycle in _once(_attack_cycles(claims)):
            first = claims[cycle[0]]
            yield ATTACK_CYCLE.at(path, first.line, first.column, "attack cycle: " + " -> ".join(cycle),
                                  "a debate, not a defect; `argmap evaluate` shows which side stands")
    thesis_id = m.thesis.id if m.thesis else None
    # Everything that leads to the thesis: a walk backwards from it (iterative: maps may be huge).
    pointing: dict[str, list[str]] = {cid: [] for cid in claims}
    for claim in claims.values():
        for ref in [*claim.supports, *claim.attacks]:
            if ref.id in pointing:
                pointing[ref.id].append(claim.id)
    leads = {thesis_id} if thesis_id in claims else set()
    frontier = list(leads)
    while frontier:
        for source in pointing[frontier.pop()]:
            if source not in leads:
                leads.add(source)
                frontier.append(source)

    for claim in m.claims:
        if not claim.id or claim.id not in claims:
            continue
        has_out = any(r.id in claims for r in [*claim.supports, *claim.attacks])
        if not has_out and not incoming.get(claim.id):
            yield ORPHAN_CLAIM.at(path, claim.line, claim.column,
                                  f"claim {claim.id!r} supports or attacks nothing, and nothing points to it",
                                  f"add `supports: [{thesis_id or 'thesis'}]` or the claim it bears on")
        elif thesis_id in claims and has_out and claim.id not in leads:
            yield NOT_REACHING_THESIS.at(path, claim.line, claim.column,
                                         f"claim {claim.id!r} never leads to the thesis {thesis_id!r}",
                                         "connect the chain to the thesis, or drop it")
    grounded = {r.id for e in m.evidence for r in e.grounds}
    for claim in m.nodes:
        if claim.id and claim.id not in grounded:
            what = "the thesis" if claim.is_thesis else f"claim {claim.id!r}"
            yield UNGROUNDED_CLAIM.at(path, claim.line, claim.column, f"{what} is not grounded by any quote",
                                      "add evidence whose `grounds` lists it")
    for item in m.evidence:
        if not item.grounds:
            yield UNGROUNDING_EVIDENCE.at(path, item.line, item.column, f"evidence {item.id!r} grounds no claim",
                                          "add `grounds: [claim-id]`, or remove the quote")
        if len(item.quote) > max_quote:
            yield LONG_QUOTE.at(path, item.quote_line, item.quote_column,
                                f"quote is {len(item.quote)} characters long (limit {max_quote})",
                                "quote only the sentence or two that grounds the claim; use … for cuts")
    speakers = {c.id: m.agent_id(c.by.id) for c in m.nodes}
    speakers.update({e.id: m.agent_id(e.speaker.id) for e in m.evidence})
    for position in m.positions:
        known = [speakers[r.id] for r in position.grounds if r.id in speakers]
        agent = m.agent_id(position.agent.id)
        if known and agent not in known:
            yield POSITION_GROUNDS_OTHER_AGENT.at(path, position.line, position.column,
                                                  f"position of {agent!r} rests only on what others say",
                                                  f"ground it in claims or quotes by {agent!r}")
