"""The corpus as AIF JSON (the Argument Interchange Format as AIFdb and OVA write it).

- I nodes: each thesis, claim and evidence quote (per map), and each shared question (once);
- RA nodes (Default Inference): claim supports claim, quote grounds claim, and a ground of an agreeing
  position supports the question; CA nodes (Default Conflict): claim attacks claim, and a ground of a
  disagreeing position attacks the question;
- L nodes and `locutions`: who says each thesis, claim and quote, as "Name : text", tied to a
  `participants` entry, and anchored in its I node by a YA node ("Asserting"); a position is an L node
  ("Name : agree: proposition") anchored in the question by YA "Agreeing", "Disagreeing" or "Default
  Illocuting" (neutral). So the speakers survive the export.

Texts are carried as JSON strings: `json.dumps` escapes whatever they hold.
"""

from __future__ import annotations

from typing import Any

from argmap.core import stance as scale
from argmap.core.safetext import clean
from argmap.model.maps import Corpus

TIMESTAMP = "2000-01-01 00:00:00"  # AIF wants one; a fixed one keeps the export reproducible


class _Graph:
    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.locutions: list[dict[str, Any]] = []
        self.participants: dict[str, dict[str, Any]] = {}

    def node(self, kind: str, text: str, **extra: Any) -> str:
        node_id = str(len(self.nodes) + 1)
        self.nodes.append({"nodeID": node_id, "text": text, "type": kind, "timestamp": TIMESTAMP, **extra})
        return node_id

    def edge(self, source: str, target: str) -> None:
        self.edges.append({"edgeID": str(len(self.edges) + 1), "fromID": source, "toID": target, "formEdgeID": None})

    def relation(self, kind: str, source: str, target: str) -> None:
        scheme = "Default Inference" if kind == "RA" else "Default Conflict"
        middle = self.node(kind, scheme, scheme=scheme)
        self.edge(source, middle)
        self.edge(middle, target)

    def participant(self, agent_id: str, name: str) -> str:
        if agent_id not in self.participants:
            first, _, last = name.rpartition(" ")
            self.participants[agent_id] = {"participantID": str(len(self.participants) + 1), "firstname": first or last,
                                           "surname": last if first else "", "agentID": agent_id}
        return str(self.participants[agent_id]["participantID"])

    def say(self, agent_id: str, name: str, text: str, target: str, illocution: str = "Asserting", source: str = "") -> None:
        person = self.participant(agent_id, name)
        locution = self.node("L", f"{name} : {text}")
        self.locutions.append({"nodeID": locution, "personID": person, "timestamp": TIMESTAMP,
                               "start": None, "end": None, "source": source or None})
        anchor = self.node("YA", illocution, scheme=illocution)
        self.edge(locution, anchor)
        self.edge(anchor, target)


def _text(value: str) -> str:
    return clean(value, keep_newlines=True)


def render(corpus: Corpus) -> dict[str, Any]:
    """One AIF graph for the whole corpus: questions are shared between maps, everything else is per map."""
    g = _Graph()
    questions: dict[str, str] = {}
    for qid, question in corpus.questions.items():
        questions[qid] = g.node("I", _text(question.proposition))
    for m in corpus.maps:
        source = m.source.url if m.source.url not in ("", "unknown") else m.id
        nodes: dict[str, str] = {}
        for claim in m.nodes:
            node = g.node("I", _text(claim.text))
            nodes.setdefault(claim.id, node)
            agent = m.agent_id(claim.by.id)
            g.say(agent, _text(corpus.agent_name(agent)), _text(claim.text), node, source=source)
        for evidence in m.evidence:
            node = g.node("I", _text(evidence.quote))
            agent = m.agent_id(evidence.speaker.id)
            g.say(agent, _text(corpus.agent_name(agent)), _text(evidence.quote), node, source=source)
            for ref in evidence.grounds:
                if ref.id in nodes:
                    g.relation("RA", node, nodes[ref.id])
            nodes.setdefault(evidence.id, node)
        for claim in m.nodes:
            for kind, refs in (("RA", claim.supports), ("CA", claim.attacks)):
                for ref in refs:
                    if ref.id in nodes and ref.id != claim.id:
                        g.relation(kind, nodes[claim.id], nodes[ref.id])
        for position in m.positions:
            agent = m.agent_id(position.agent.id)
            qid = position.question.id
            if not agent or not qid:
                continue
            if qid not in questions:
                questions[qid] = g.node("I", _text(qid))
            value = position.stance
            label = scale.label(value) if value is not None else "unknown stance"
            said = f"{label} ({position.basis})" if position.basis else label  # the importer reads both back
            text = f"{said}: {_text(corpus.questions[qid].proposition) if qid in corpus.questions else _text(qid)}"
            illocution = "Default Illocuting" if not value else "Agreeing" if value > 0 else "Disagreeing"
            g.say(agent, _text(corpus.agent_name(agent)), text, questions[qid], illocution, source=source)
            if value:
                for ref in position.grounds:
                    if ref.id in nodes:
                        g.relation("RA" if value > 0 else "CA", nodes[ref.id], questions[qid])
    return {"nodes": g.nodes, "edges": g.edges, "locutions": g.locutions, "participants": list(g.participants.values())}
