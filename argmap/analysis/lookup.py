"""Resolving a question, agent or map named on the command line, with "did you mean" when unknown."""

from __future__ import annotations

import difflib

from argmap.analysis.positions import stance_entries
from argmap.model import Corpus


class UnknownName(LookupError):
    """Nothing in the corpus has that name; the message says so and suggests the closest."""


def _suggest(name: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(name, candidates, n=3, cutoff=0.5)
    if not close:
        close = [c for c in candidates if name and name.lower() in c.lower()][:3]
    return f"; did you mean {' or '.join(close)}?" if close else ""


def question(corpus: Corpus, name: str) -> str:
    known = list(corpus.questions) + sorted({e.question for e in stance_entries(corpus)} - set(corpus.questions))
    if name in known:
        return name
    raise UnknownName(f"no question {name!r} in the corpus" + (_suggest(name, known) or "; see questions.yaml"))


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
    raise UnknownName(f"no agent {name!r} in the corpus" + (_suggest(name, known) or "; see agents.yaml"))


def agent_or_map(corpus: Corpus, name: str) -> tuple[str, str]:
    """('agent', id) or ('map', id); an agent wins when a name is both."""
    try:
        return "agent", agent(corpus, name)
    except UnknownName:
        pass
    maps = [m.id for m in corpus.maps]
    if name in maps:
        return "map", name
    raise UnknownName(f"no agent or map {name!r} in the corpus" + _suggest(name, agent_ids(corpus) + maps))
