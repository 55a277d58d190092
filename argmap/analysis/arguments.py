"""Agreement at the level of claims: the links of links.yaml read beside the stances.

An *argument* is a cluster of claims joined by `same` links: one point made in several maps, perhaps
by several agents. Of each map the analyses keep only the claims that links name (`LinkedClaim`: text,
first quote, who makes it), in `MapStances.claims`, so that no whole map is held. Without links.yaml
nothing here finds anything and every output stays as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from argmap.core.clusters import Clusters, split
from argmap.core.record import field, record
from argmap.model.maps import Corpus, Link, Map

if TYPE_CHECKING:  # positions and compare call this module: their types only, no import at run time
    from argmap.analysis.positions import QuestionPositions, StanceEntry, Stances

CLASHING = ("opposes", "attacks")


@record(frozen=True)
class LinkedClaim:
    """A claim that a link names, with what is printed of it."""

    map: str
    id: str
    text: str
    agent: str  # corpus-wide id of who makes it (`by`, `author` resolved)
    agent_name: str
    quote: str = ""  # the first quote that grounds it, the claim's own speaker's first
    evidence: str = ""
    speaker_name: str = ""  # of the quote, when someone else speaks it
    translation: str = ""  # of the quote

    @property
    def ref(self) -> str:
        return f"{self.map}#{self.id}"


def linked_ids(links: Iterable[Link]) -> dict[str, set[str]]:
    """Map id -> the ids of its claims that links name."""
    out: dict[str, set[str]] = {}
    for link in links:
        for end in (link.source.id, link.target.id):
            map_id, claim = split(end)
            if map_id:
                out.setdefault(map_id, set()).add(claim)
    return out


def linked_claims(m: Map, corpus: Corpus, wanted: set[str]) -> dict[str, LinkedClaim]:
    """The claims of `m` whose ids are `wanted`, in the map's order; `corpus` gives the agents' names."""
    out: dict[str, LinkedClaim] = {}
    for claim in m.nodes:
        if claim.id not in wanted or claim.id in out:
            continue
        agent = m.agent_id(claim.by.id)
        grounding = [e for e in m.evidence if claim.id in {r.id for r in e.grounds}]
        # the claim's own speaker's words first, as positions ranks an agent's own quotes first
        grounding.sort(key=lambda e: m.agent_id(e.speaker.id) != agent)
        quote, evidence, speaker, translation = "", "", "", ""
        if grounding:
            e = grounding[0]
            quote, evidence, translation = e.quote, e.id, e.translation
            said = m.agent_id(e.speaker.id)
            speaker = corpus.agent_name(said) if said != agent else ""
        out[claim.id] = LinkedClaim(m.id, claim.id, claim.text, agent, corpus.agent_name(agent), quote, evidence, speaker,
                                   translation)
    return out


@record
class Argument:
    """A cluster of `same` claims, in the order the links name them."""

    claims: list[LinkedClaim]

    @property
    def agents(self) -> list[str]:
        return list(dict.fromkeys(c.agent for c in self.claims))

    def agent_names(self) -> list[str]:
        return list(dict.fromkeys(c.agent_name for c in self.claims))


@record
class Debate:
    """The claims the links name (those of the maps read), and the `same` clusters over all links."""

    claims: dict[str, LinkedClaim]  # MAP#CLAIM -> claim
    links: list[Link]
    clusters: Clusters = field(default_factory=Clusters)

    def cluster(self, ref: str) -> list[LinkedClaim]:
        """The claims of `ref`'s cluster that were read (`ref` alone when it is in none)."""
        root = self.clusters.find(ref)
        members = self._members.get(root, [ref])
        return [self.claims[r] for r in members if r in self.claims]

    def __post_init__(self) -> None:
        for link in self.links:
            if link.relation.id == "same":
                self.clusters.join(link.source.id, link.target.id)
        self._members: dict[str, list[str]] = {}
        for group in self.clusters.groups():
            self._members[self.clusters.find(group[0])] = group

    def arguments(self) -> list[Argument]:
        """Every cluster of two claims or more that were read, most agents first, then as first linked."""
        found = [Argument([self.claims[r] for r in group if r in self.claims]) for group in self.clusters.groups()]
        found = [a for a in found if len(a.claims) > 1]
        return sorted(found, key=lambda a: -len(a.agents))


def debate(stances: Stances) -> Debate:
    claims = {c.ref: c for m in stances.maps for c in m.claims.values()}
    return Debate(claims, list(stances.registries.links))


# -- compare ----------------------------------------------------------------------------------------


@record(frozen=True)
class Clash:
    """A claim of A and a claim of B on either side of an `opposes` or `attacks` link (or of the `same`
    clusters it joins). `a_first`: the link runs from A's side (it matters for `attacks`)."""

    relation: str
    a: LinkedClaim
    b: LinkedClaim
    a_first: bool


@record
class ClaimComparison:
    shared: list[tuple[list[LinkedClaim], list[LinkedClaim]]]  # per argument: A's claims in it, B's claims
    clashes: list[Clash]

    def __bool__(self) -> bool:
        return bool(self.shared or self.clashes)


@record
class Side:
    """One side of a comparison: an agent (its latest stances) or a map (its authors' stances in it)."""

    kind: str  # "agent" or "map"
    id: str
    name: str
    stances: dict[str, StanceEntry]  # question -> entry


def _belongs(side: Side, claim: LinkedClaim) -> bool:
    """An agent makes the claims it asserts; a map, every claim in it (the article argues them all)."""
    return claim.agent == side.id if side.kind == "agent" else claim.map == side.id


def compare_claims(d: Debate, a: Side, b: Side) -> ClaimComparison:
    shared = []
    for argument in d.arguments():
        mine = [c for c in argument.claims if _belongs(a, c)]
        theirs = [c for c in argument.claims if _belongs(b, c)]
        if mine and theirs and mine != theirs:
            shared.append((mine, theirs))
    clashes: list[Clash] = []
    for link in d.links:
        if link.relation.id not in CLASHING:
            continue
        start, end = d.cluster(link.source.id), d.cluster(link.target.id)
        for x, y, a_first in ((start, end, True), (end, start, False)):
            for ca in (c for c in x if _belongs(a, c)):
                for cb in (c for c in y if _belongs(b, c)):
                    clash = Clash(link.relation.id, ca, cb, a_first)
                    if clash not in clashes:
                        clashes.append(clash)
    return ClaimComparison(shared, clashes)


# -- positions --------------------------------------------------------------------------------------

SIDES = ((1, "agree"), (0, "neutral"), (-1, "disagree"))


@record
class SideArgument:
    """An argument used on one side of a question: the agents whose stances there cite its claims."""

    side: str  # agree, neutral, disagree
    claims: list[LinkedClaim]  # the claims of the argument cited there
    agents: list[str]  # names


def shared_arguments(d: Debate, qp: QuestionPositions) -> list[SideArgument]:
    """For each side of the question, the arguments that more than one agent's stances on it rest on."""
    out: list[SideArgument] = []
    for sign, side in SIDES:
        used: dict[str, tuple[list[LinkedClaim], list[str]]] = {}  # cluster root -> claims, agent names
        for e in qp.entries:
            if (e.stance > 0) - (e.stance < 0) != sign:
                continue
            for g in e.grounds:
                ref = f"{e.map}#{g.id}"
                if ref not in d.claims:
                    continue
                claims, agents = used.setdefault(d.clusters.find(ref), ([], []))
                if d.claims[ref] not in claims:
                    claims.append(d.claims[ref])
                if e.agent_name not in agents:
                    agents.append(e.agent_name)
        out.extend(SideArgument(side, claims, agents) for claims, agents in used.values() if len(agents) > 1)
    return out
