"""References: every id points at exactly one definition."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from argmap.core.diagnostics import Finding
from argmap.core.didyoumean import Suggester
from argmap.core.rules import (
    AMBIGUOUS_AUTHOR,
    DUPLICATE_ID,
    MISSING_REGISTRY,
    UNDECLARED_AGENT,
    UNDEFINED_ID,
    UNKNOWN_AGENT,
    UNKNOWN_QUESTION,
    UNUSED_AGENT,
)
from argmap.model.maps import AUTHOR, Claim, Corpus, Evidence, Map, Ref


def _undefined(m: Map, ref: Ref, what: str, candidates: Suggester, hint: str) -> Finding:
    said = candidates.suggest(ref.id, hint)
    return UNDEFINED_ID.at(m.path, ref.line, ref.column, f"{what} {ref.id!r} is not defined in this map",
                           said.hint, suggestions=said.picks)


def check_map(m: Map, corpus: Corpus) -> Iterator[Finding]:
    claims = {c.id: c for c in m.nodes if c.id}
    evidence = {e.id: e for e in m.evidence if e.id}
    seen: dict[str, tuple[int, int]] = {}
    items: list[Claim | Evidence] = [*m.nodes, *m.evidence]
    for item in items:
        if not item.id:
            continue
        if item.id in seen:
            line, _column = seen[item.id]
            yield DUPLICATE_ID.at(m.path, item.line, item.column,
                                  f"id {item.id!r} is already defined at line {line}",
                                  "give each claim and evidence item its own id")
        else:
            seen[item.id] = (item.line, item.column)

    # Built once per map, and used only on the error path; one budget for the whole map.
    hints = _RegistryHints(corpus)
    claim_ids = Suggester(claims)
    claim_or_evidence = Suggester([*claims, *evidence])
    for claim in m.nodes:
        for ref in [*claim.supports, *claim.attacks]:
            if ref.id not in claims:
                if ref.id in evidence:
                    yield UNDEFINED_ID.at(m.path, ref.line, ref.column,
                                          f"{ref.id!r} is evidence; claims support or attack claims",
                                          "attach the quote with its `grounds` instead")
                else:
                    yield _undefined(m, ref, "claim", claim_ids, "define the claim, or fix the id")
    for item in m.evidence:
        for ref in item.grounds:
            if ref.id not in claims:
                yield _undefined(m, ref, "claim", claim_ids, "evidence grounds claims (or the thesis) of this map")
    for position in m.positions:
        for ref in position.grounds:
            if ref.id not in claims and ref.id not in evidence:
                yield _undefined(m, ref, "claim or evidence", claim_or_evidence,
                                 "ground a position in claims or evidence of this map")
        qref = position.question
        if qref.id and corpus.questions and qref.id not in corpus.questions:
            said = hints.questions.suggest(qref.id, "add it to questions.yaml")
            yield UNKNOWN_QUESTION.at(m.path, qref.line, qref.column, f"question {qref.id!r} is not in the registry",
                                      said.hint, suggestions=said.picks)
    yield from _agents(m, corpus, hints)




class _RegistryHints:
    """What a hint for an unknown agent or question searches, built on the first unknown one in a map."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus

    @cached_property
    def ids(self) -> Suggester:
        return Suggester(self._corpus.agents)

    @cached_property
    def questions(self) -> Suggester:
        return Suggester(self._corpus.questions)

    @cached_property
    def aliases(self) -> dict[str, str]:
        return {spelling.replace("-", " ").lower(): a.id for a in reversed(self._corpus.agents.values())
                for spelling in (a.name, *a.aliases)}


def _agents(m: Map, corpus: Corpus, hints: _RegistryHints) -> Iterator[Finding]:
    registry = corpus.agents

    def unknown(ref: Ref) -> Finding:  # the error path: only here is the registry searched, once per map
        by_alias = hints.aliases.get(ref.id.replace("-", " ").lower())
        picks: tuple[str, ...]
        if by_alias:
            hint, picks = f"this is an alias of {by_alias!r}: use that id", (by_alias,)
        else:
            picks = tuple(hints.ids.closest(ref.id))
            hint = "add the agent to agents.yaml" + (f" (did you mean {picks[0]!r}?)" if picks else "")
        return UNKNOWN_AGENT.at(m.path, ref.line, ref.column, f"agent {ref.id!r} is not in the agents registry", hint,
                                suggestions=picks)

    declared = {ref.id for ref in [*m.source.authors, *m.agents]}
    for ref in [*m.source.authors, *m.agents]:
        if ref.id == AUTHOR:
            yield UNKNOWN_AGENT.at(m.path, ref.line, ref.column,
                                   "`author` is reserved for references inside a map",
                                   "list the author's agent id here, or write `authors: unknown`")
        elif registry and ref.id not in registry:
            yield unknown(ref)
    used: set[str] = set()
    speaking = [c.by for c in m.nodes] + [e.speaker for e in m.evidence] + [p.agent for p in m.positions]
    for ref in speaking:
        if not ref.id:
            continue
        if ref.id == AUTHOR:
            if len(m.source.authors) > 1:
                yield AMBIGUOUS_AUTHOR.at(m.path, ref.line, ref.column,
                                          f"`author` is ambiguous: the map has {len(m.source.authors)} authors",
                                          "name the agent: " + ", ".join(a.id for a in m.source.authors))
            used.update(a.id for a in m.source.authors)
            continue
        used.add(ref.id)
        if registry and ref.id not in registry:
            yield unknown(ref)
        elif ref.id not in declared:
            yield UNDECLARED_AGENT.at(m.path, ref.line, ref.column, f"agent {ref.id!r} is not listed in this map",
                                      "add it to the map's `agents` list (or to source.authors)")
    for ref in m.agents:
        if ref.id not in used and ref.id != AUTHOR:
            yield UNUSED_AGENT.at(m.path, ref.line, ref.column, f"agent {ref.id!r} never speaks in this map",
                                  "remove it from `agents`, or attribute its claims and quotes to it")


def check_registries_present(corpus: Corpus, first_map: str | None) -> Iterator[Finding]:
    """R008, reported on the first map (if there is one): a registry is missing, so its ids go unchecked."""
    if first_map is None:
        return
    if not corpus.agents:
        yield MISSING_REGISTRY.at(first_map, 0, 0, "no agents registry (agents.yaml) found",
                                  "create agents.yaml beside the maps; agent ids are not checked without it")
    if not corpus.questions:
        yield MISSING_REGISTRY.at(first_map, 0, 0, "no questions registry (questions.yaml) found",
                                  "create questions.yaml beside the maps; question ids are not checked without it")
