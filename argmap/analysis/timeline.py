"""One agent's stances across maps in date order, marking every change."""

from __future__ import annotations

from argmap.analysis.positions import StanceEntry, Stances, as_stances
from argmap.core.record import record
from argmap.model.maps import Corpus


@record
class Step:
    entry: StanceEntry
    previous: StanceEntry | None  # the agent's stance on the same question in an earlier map

    @property
    def changed(self) -> bool:
        return self.previous is not None and self.previous.stance != self.entry.stance


@record
class Timeline:
    agent: str
    name: str
    steps: list[Step]  # chronological: map date (unknown last), map id, then as written

    @property
    def changes(self) -> list[Step]:
        return [s for s in self.steps if s.changed]

    @property
    def maps(self) -> list[str]:
        return list(dict.fromkeys(s.entry.map for s in self.steps))


def timeline(source: Corpus | Stances, agent: str) -> Timeline:
    """Reads no grounds, quotes or notes."""
    known = as_stances(source)
    last: dict[str, StanceEntry] = {}
    steps = []
    for entry in known.entries(agent=agent):
        steps.append(Step(entry, last.get(entry.question)))
        last[entry.question] = entry
    return Timeline(agent, known.registries.agent_name(agent), steps)
