"""What changed in the argument between two versions of a corpus, not in the text.

Maps are matched by id; claims (and the thesis) and evidence by id within the same map; positions by
(agent, question) within the same map; questions and agents by id. Whitespace-only edits of a text
are not rewordings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from argmap.analysis.positions import position_agents
from argmap.model import Claim, Corpus, Evidence, Map, Position, Question

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


@dataclass(frozen=True)
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


@dataclass
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


def _diff_relations(map_id: str, node_id: str, old: set[tuple[str, str]], new: set[tuple[str, str]]) -> list[Change]:
    out = [Change("relation-removed", map_id, node_id, relation=rel, target=target)
           for rel, target in sorted(old - new)]
    out += [Change("relation-added", map_id, node_id, relation=rel, target=target)
            for rel, target in sorted(new - old)]
    return out


def _by_id(items: list) -> dict:  # type: ignore[type-arg]
    out = {}
    for item in items:
        if item.id and item.id not in out:
            out[item.id] = item
    return out


def _claims(map_id: str, old: list[Claim], new: list[Claim]) -> list[Change]:
    before, after = _by_id(old), _by_id(new)
    out = []
    for cid, c in before.items():
        if cid not in after:
            out.append(Change("claim-removed", map_id, cid, old=c.text))
            out += _diff_relations(map_id, cid, _relations(c), set())
    for cid, c in after.items():
        prior = before.get(cid)
        if prior is None:
            out.append(Change("claim-added", map_id, cid, new=c.text))
            out += _diff_relations(map_id, cid, set(), _relations(c))
            continue
        if _norm(prior.text) != _norm(c.text):
            out.append(Change("claim-reworded", map_id, cid, old=prior.text, new=c.text))
        if prior.by.id != c.by.id:
            out.append(Change("claim-reattributed", map_id, cid, old=prior.by.id, new=c.by.id))
        out += _diff_relations(map_id, cid, _relations(prior), _relations(c))
    return out


def _evidence(map_id: str, old: list[Evidence], new: list[Evidence]) -> list[Change]:
    before, after = _by_id(old), _by_id(new)
    out = []
    for eid, e in before.items():
        if eid not in after:
            out.append(Change("evidence-removed", map_id, eid, old=e.quote))
    for eid, e in after.items():
        prior = before.get(eid)
        if prior is None:
            out.append(Change("evidence-added", map_id, eid, new=e.quote))
            out += _diff_relations(map_id, eid, set(), _relations(e))
            continue
        if _norm(prior.quote) != _norm(e.quote):
            out.append(Change("evidence-reworded", map_id, eid, old=prior.quote, new=e.quote))
        if prior.speaker.id != e.speaker.id:
            out.append(Change("evidence-reattributed", map_id, eid, old=prior.speaker.id, new=e.speaker.id))
        out += _diff_relations(map_id, eid, _relations(prior), _relations(e))
    return out


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
    out = []
    for qid, q in old.questions.items():
        if qid not in new.questions:
            out.append(Change("question-removed", id=qid, old=q.proposition))
    for qid, q in new.questions.items():
        prior = old.questions.get(qid)
        if prior is None:
            out.append(Change("question-added", id=qid, new=q.proposition))
        elif _norm(prior.proposition) != _norm(q.proposition):
            out.append(Change("question-reworded", id=qid, old=prior.proposition, new=q.proposition))
        before = set() if prior is None else _question_relations(prior)
        after = _question_relations(q)
        out += [Change("question-relation-removed", id=qid, relation=rel, target=t) for rel, t in sorted(before - after)]
        out += [Change("question-relation-added", id=qid, relation=rel, target=t) for rel, t in sorted(after - before)]
    for aid, a in old.agents.items():
        if aid not in new.agents:
            out.append(Change("agent-removed", id=aid, old=a.name))
    for aid, a in new.agents.items():
        was = old.agents.get(aid)
        if was is None:
            out.append(Change("agent-added", id=aid, new=a.name))
        elif was.name != a.name:
            out.append(Change("agent-renamed", id=aid, old=was.name, new=a.name))
    return out


def _question_relations(q: Question) -> set[tuple[str, str]]:
    return {(relation, r.id) for relation in ("implies", "excludes", "refines") for r in getattr(q, relation)}


def diff(old: Corpus, new: Corpus, old_label: str = "old", new_label: str = "new") -> CorpusDiff:
    """Every change from `old` to `new`, ordered by kind (see KINDS), then as found."""
    changes = _maps(old, new) + _registries(old, new)
    rank = {kind: i for i, kind in enumerate(KINDS)}
    changes.sort(key=lambda c: rank[c.kind])  # stable: keeps map and document order within a kind
    return CorpusDiff(old_label, new_label, changes)
