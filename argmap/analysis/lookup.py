"""Resolving a question, agent or map named on the command line, with "did you mean" when unknown."""

from __future__ import annotations

from argmap.analysis.positions import Stances, as_stances
from argmap.model.maps import Corpus


class UnknownName(LookupError):
    """Nothing in the corpus has that name; the message says so and suggests the closest."""


def _suggest(name: str, candidates: dict[str, str]) -> str:
    """'; did you mean X?' naming the ids whose spellings (keys) are closest to `name`."""
    from argmap.core.didyoumean import Suggester

    folded = name.strip().lower()
    close = list(dict.fromkeys(candidates[key] for key in Suggester(candidates).closest(name.strip(), limit=6)))[:3]
    if not close and folded:
        close = list(dict.fromkeys(ident for key, ident in candidates.items() if folded in key.lower()))[:3]
    return f"; did you mean {' or '.join(close)}?" if close else ""


def _ids(ids: list[str]) -> dict[str, str]:
    return {i: i for i in ids}


def question(source: Corpus | Stances, name: str) -> str:
    stances = as_stances(source)
    corpus = stances.registries
    known = list(corpus.questions) + sorted({e.question for e in stances.entries()} - set(corpus.questions))
    if name in known:
        return name
    raise UnknownName(f"no question {name!r} in the corpus" + (_suggest(name, _ids(known)) or "; see questions.yaml"))


def agent_ids(source: Corpus | Stances) -> list[str]:
    """Registered agents, then agents that only appear in positions (such as unnamed authors)."""
    stances = as_stances(source)
    corpus = stances.registries
    return list(corpus.agents) + sorted({e.agent for e in stances.entries()} - set(corpus.agents))


def agent(source: Corpus | Stances, name: str) -> str:
    """An agent id from its id, display name or alias (case-insensitive)."""
    stances = as_stances(source)
    corpus = stances.registries
    known = agent_ids(stances)
    if name in known:
        return name
    folded = _spelling(name)
    for a in corpus.agents.values():
        if folded in {a.id, _spelling(a.name), *(_spelling(alias) for alias in a.aliases)}:
            return a.id
    raise UnknownName(f"no agent {name!r} in the corpus" + (_suggest(name, _spellings(corpus, known)) or "; see agents.yaml"))


def _spelling(name: str) -> str:
    """A name as the command line matches it: case and runs of spaces aside, Russian `ё` read as `е`
    ("Пётр Лёвкин" is also written "Петр Левкин")."""
    return " ".join(name.casefold().replace("\u0451", "\u0435").split())


def _spellings(corpus: Corpus, ids: list[str]) -> dict[str, str]:
    """Every id, name and alias of the agents -> the agent's id."""
    out = _ids(ids)
    for a in corpus.agents.values():
        for spelling in (a.name, *a.aliases):
            out.setdefault(spelling, a.id)
    return out


def agent_or_map(source: Corpus | Stances, name: str) -> tuple[str, str]:
    """('agent', id) or ('map', id); an agent wins when a name is both."""
    stances = as_stances(source)
    try:
        return "agent", agent(stances, name)
    except UnknownName:
        pass
    maps = [m.id for m in stances.maps]
    if name in maps:
        return "map", name
    raise UnknownName(f"no agent or map {name!r} in the corpus" +
                      _suggest(name, {**_spellings(stances.registries, agent_ids(stances)), **_ids(maps)}))
