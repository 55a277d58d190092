"""What changed in the argument between two versions of a corpus, not in the text.

Maps are matched by id; claims (and the thesis) and evidence by id within the same map; positions by
(agent, question) within the same map; questions and agents by id. Whitespace-only edits of a text
are not rewordings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from argmap.analysis.positions import position_agents
from argmap.core.record import asdict, record
from argmap.model.maps import Claim, Corpus, Evidence, Map, Position, Question

# Every kind of change, in the order reports list them.
KINDS = (
    "stance-moved", "position-added", "position-removed", "position-regrounded", "position-rebased",
    "claim-added", "claim-removed", "claim-reworded", "claim-reattributed",
    "relation-added", "relation-removed",
    "evidence-added", "evidence-removed", "evidence-reworded", "evidence-reattributed",
    "question-added", "question-removed", "question-reworded", "question-relation-added", "question-relation-removed",
    "agent-added", "agent-removed", "agent-renamed",
    "map-added", "map-removed", "source-changed",
)


@record(frozen=True)
class Change:
    """One change. Unused fields are None; the JSON output always carries every field."""

    kind: str
    map: str | None = None
    id: str | None = None  # the claim, evidence, question or agent changed (or the relation's source)
    agent: str | None = None  # for positions
    question: str | None = None  # for positions
    relation: str | None = None  # supports, attacks, grounds, implies, excludes; or the source field
    target: str | None = None  # the relation's target
    old: str | int | None = None  # the old text or stance
    new: str | int | None = None  # the new text or stance

    def to_json(self) -> dict[str, str | int | None]:
        return asdict(self)


@record
class CorpusDiff:
    old_label: str
    new_label: str
    changes: list[Change]
    files_note: str = ""  # with no change: whether the files themselves differ (said to the reader)

    def counts(self) -> dict[str, int]:
        counted = Counter(c.kind for c in self.changes)
        return {kind: counted[kind] for kind in KINDS if counted[kind]}

    def of(self, *kinds: str) -> list[Change]:
        return [c for c in self.changes if c.kind in kinds]


def _norm(text: str) -> str:
    return " ".join(text.split())


def _relations(node: Claim | Evidence) -> set[tuple[str, str]]:
    if isinstance(node, Evidence):
        return {("grounds", r.id) for r in node.grounds}
    return {("supports", r.id) for r in node.supports} | {("attacks", r.id) for r in node.attacks}


def _diff_relations(map_id: str | None, node_id: str, old: set[tuple[str, str]], new: set[tuple[str, str]],
                    kind: str = "relation") -> list[Change]:
    out = [Change(f"{kind}-removed", map_id, node_id, relation=rel, target=target)
           for rel, target in sorted(old - new)]
    out += [Change(f"{kind}-added", map_id, node_id, relation=rel, target=target)
            for rel, target in sorted(new - old)]
    return out


def _by_id(items: list) -> dict:  # type: ignore[type-arg]
    out = {}
    for item in items:
        if item.id and item.id not in out:
            out[item.id] = item
    return out


def _nodes(kind: str, map_id: str, old: list[Claim] | list[Evidence], new: list[Claim] | list[Evidence],
           text: Callable[[Any], str], who: Callable[[Any], str], removed_relations: bool) -> list[Change]:
    """The claims or the evidence of a map added, removed, reworded (`text`) or reattributed (`who`), and
    their relations; a removed node's relations are listed too if `removed_relations`."""
    before, after = _by_id(old), _by_id(new)
    out = []
    for nid, node in before.items():
        if nid not in after:
            out.append(Change(f"{kind}-removed", map_id, nid, old=text(node)))
            if removed_relations:
                out += _diff_relations(map_id, nid, _relations(node), set())
    for nid, node in after.items():
        prior = before.get(nid)
        if prior is None:
            out.append(Change(f"{kind}-added", map_id, nid, new=text(node)))
            out += _diff_relations(map_id, nid, set(), _relations(node))
            continue
        if _norm(text(prior)) != _norm(text(node)):
            out.append(Change(f"{kind}-reworded", map_id, nid, old=text(prior), new=text(node)))
        if who(prior) != who(node):
            out.append(Change(f"{kind}-reattributed", map_id, nid, old=who(prior), new=who(node)))
        out += _diff_relations(map_id, nid, _relations(prior), _relations(node))
    return out


def _claims(map_id: str, old: list[Claim], new: list[Claim]) -> list[Change]:
    return _nodes("claim", map_id, old, new, lambda c: c.text, lambda c: c.by.id, removed_relations=True)


def _evidence(map_id: str, old: list[Evidence], new: list[Evidence]) -> list[Change]:
    # a removed quote is listed alone, without the grounds that went with it
    return _nodes("evidence", map_id, old, new, lambda e: e.quote, lambda e: e.speaker.id, removed_relations=False)


def _positions(m: Map) -> dict[tuple[str, str], Position]:
    out: dict[tuple[str, str], Position] = {}
    for p in m.positions:
        if p.stance is None or not p.question.id:
            continue
        for agent in position_agents(m, p.agent.id):
            out.setdefault((agent, p.question.id), p)
    return out


def _stances(old_map: Map | None, new_map: Map | None) -> list[Change]:
    before = _positions(old_map) if old_map else {}
    after = _positions(new_map) if new_map else {}
    map_id = (new_map or old_map).id  # type: ignore[union-attr]
    out = []
    for (agent, q), p in before.items():
        if (agent, q) not in after:
            out.append(Change("position-removed", map_id, agent=agent, question=q, old=p.stance))
    for (agent, q), p in after.items():
        prior = before.get((agent, q))
        if prior is None:
            out.append(Change("position-added", map_id, agent=agent, question=q, new=p.stance))
            continue
        if prior.stance != p.stance:
            out.append(Change("stance-moved", map_id, agent=agent, question=q, old=prior.stance, new=p.stance))
        old_grounds, new_grounds = [r.id for r in prior.grounds], [r.id for r in p.grounds]
        if sorted(old_grounds) != sorted(new_grounds):
            out.append(Change("position-regrounded", map_id, agent=agent, question=q,
                              old=", ".join(old_grounds), new=", ".join(new_grounds)))
        if prior.basis != p.basis:  # how the stance is known: from a paraphrase to the speaker's words, say
            out.append(Change("position-rebased", map_id, agent=agent, question=q, old=prior.basis, new=p.basis))
    return out


_SOURCE_FIELDS = ("title", "date", "outlet", "url")


def _source(old: Map, new: Map) -> list[Change]:
    out = []
    for name in _SOURCE_FIELDS:
        a, b = getattr(old.source, name), getattr(new.source, name)
        if _norm(a) != _norm(b):
            out.append(Change("source-changed", new.id, relation=name, old=a, new=b))
    a_authors = ", ".join(r.id for r in old.source.authors) or "unknown"
    b_authors = ", ".join(r.id for r in new.source.authors) or "unknown"
    if a_authors != b_authors:
        out.append(Change("source-changed", new.id, relation="authors", old=a_authors, new=b_authors))
    return out


def _maps(old: Corpus, new: Corpus) -> list[Change]:
    before, after = _by_id(old.maps), _by_id(new.maps)
    out = []
    for mid, m in before.items():
        if mid not in after:
            out.append(Change("map-removed", mid, old=m.source.title))
            out += _stances(m, None)
    for mid, m in after.items():
        prior = before.get(mid)
        if prior is None:
            out.append(Change("map-added", mid, new=m.source.title))
            out += _stances(None, m)
            continue
        out += _source(prior, m)
        out += _stances(prior, m)
        out += _claims(mid, prior.nodes, m.nodes)
        out += _evidence(mid, prior.evidence, m.evidence)
    return out


def _registries(old: Corpus, new: Corpus) -> list[Change]:
    out = _entries("question", "reworded", old.questions, new.questions, lambda q: q.proposition, _norm)
    for qid, q in new.questions.items():
        prior = old.questions.get(qid)
        out += _diff_relations(None, qid, set() if prior is None else _question_relations(prior), _question_relations(q),
                               "question-relation")
    return out + _entries("agent", "renamed", old.agents, new.agents, lambda a: a.name, lambda name: name)


def _entries(kind: str, verb: str, old: Mapping[str, Any], new: Mapping[str, Any], text: Callable[[Any], str],
             compared: Callable[[str], str]) -> list[Change]:
    """The entries of a registry removed, added, or whose `text` changed as `compared` (`verb`)."""
    out = [Change(f"{kind}-removed", id=eid, old=text(entry)) for eid, entry in old.items() if eid not in new]
    for eid, entry in new.items():
        prior = old.get(eid)
        if prior is None:
            out.append(Change(f"{kind}-added", id=eid, new=text(entry)))
        elif compared(text(prior)) != compared(text(entry)):
            out.append(Change(f"{kind}-{verb}", id=eid, old=text(prior), new=text(entry)))
    return out


def _question_relations(q: Question) -> set[tuple[str, str]]:
    return {(relation, r.id) for relation in ("implies", "excludes", "refines") for r in getattr(q, relation)}


def diff(old: Corpus, new: Corpus, old_label: str = "old", new_label: str = "new") -> CorpusDiff:
    """Every change from `old` to `new`, ordered by kind (see KINDS), then as found."""
    changes = _maps(old, new) + _registries(old, new)
    rank = {kind: i for i, kind in enumerate(KINDS)}
    changes.sort(key=lambda c: rank[c.kind])  # stable: keeps map and document order within a kind
    return CorpusDiff(old_label, new_label, changes)
