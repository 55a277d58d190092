"""Resolving a question, agent or map named on the command line, with "did you mean" when unknown."""

from __future__ import annotations

import difflib

from argmap.analysis.positions import stance_entries
from argmap.model import Corpus


class UnknownName(LookupError):
    """Nothing in the corpus has that name; the message says so and suggests the closest."""


def _suggest(name: str, candidates: dict[str, str]) -> str:
    """'; did you mean X?' naming the ids whose spellings (keys) are closest to `name`."""
    folded = name.strip().lower()
    scored = sorted(((difflib.SequenceMatcher(None, folded, key.lower()).ratio(), ident)
                     for key, ident in candidates.items()), reverse=True)
    best = scored[0][0] if scored else 0.0
    close = list(dict.fromkeys(ident for score, ident in scored if score >= max(0.6, best - 0.1)))[:3]
    if not close and folded:
        close = list(dict.fromkeys(ident for key, ident in candidates.items() if folded in key.lower()))[:3]
    return f"; did you mean {' or '.join(close)}?" if close else ""


def _ids(ids: list[str]) -> dict[str, str]:
    return {i: i for i in ids}


def question(corpus: Corpus, name: str) -> str:
    known = list(corpus.questions) + sorted({e.question for e in stance_entries(corpus)} - set(corpus.questions))
    if name in known:
        return name
    raise UnknownName(f"no question {name!r} in the corpus" + (_suggest(name, _ids(known)) or "; see questions.yaml"))


def agent_ids(corpus: Corpus) -> list[str]:
    """Registered agents, then agents that only appear in positions (such as unnamed authors)."""
    return list(corpus.agents) + sorted({e.agent for e in stance_entries(corpus)} - set(corpus.agents))


def agent(corpus: Corpus, name: str) -> str:
    """An agent id from its id, display name or alias (case-insensitive)."""
    known = agent_ids(corpus)
    if name in known:
        return name
    folded = name.strip().lower()
    for a in corpus.agents.values():
        if folded in {a.id, a.name.lower(), *(alias.lower() for alias in a.aliases)}:
            return a.id
    raise UnknownName(f"no agent {name!r} in the corpus" + (_suggest(name, _spellings(corpus, known)) or "; see agents.yaml"))


def _spellings(corpus: Corpus, ids: list[str]) -> dict[str, str]:
    """Every id, name and alias of the agents -> the agent's id."""
    out = _ids(ids)
    for a in corpus.agents.values():
        for spelling in (a.name, *a.aliases):
            out.setdefault(spelling, a.id)
    return out


def agent_or_map(corpus: Corpus, name: str) -> tuple[str, str]:
    """('agent', id) or ('map', id); an agent wins when a name is both."""
    try:
        return "agent", agent(corpus, name)
    except UnknownName:
        pass
    maps = [m.id for m in corpus.maps]
    if name in maps:
        return "map", name
    raise UnknownName(f"no agent or map {name!r} in the corpus" + _suggest(name, {**_spellings(corpus, agent_ids(corpus)), **_ids(maps)}))
