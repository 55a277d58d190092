"""AIF JSON in (the Argument Interchange Format as AIFdb, OVA and `argmap export --to aif` write it).

- every I node (a proposition) is a claim;
- an RA node (inference) makes each of its premises support its conclusion, a CA node (conflict) makes
  each attack it; an MA node (rephrase) is kept as a support; a PA node (preference) has no argmap
  equivalent and is reported; a conflict or inference aimed at another RA or CA (an undercutter) is
  kept as aimed at that node's conclusion, and reported;
- speakers: an L node (locution) anchored in an I node by a YA node (illocution) says who asserts it:
  its `locutions` entry names a `participants` entry; without one, the L node's text "Name : words"
  names the speaker. The first speaker is the claim's `by`; others are reported;
- an L node anchored by YA "Agreeing" or "Disagreeing" (or by one whose locution starts with a stance
  label, as argmap's export writes) is the speaker's stance on that proposition: the proposition is also
  a question of questions.yaml, and the stance a position (AIF has no scale: agree and disagree, unless
  the label says more);
- TA nodes (transitions between locutions) and the dialogue itself are not argument structure: reported.
One AIF file is one map: AIF has no article, author or date.
"""

from __future__ import annotations

import os
import re
from typing import Any

from argmap.authoring.importers.builder import Draft, MapDraft, Node, Stance, slug
from argmap.core import stance as scale

_SPOKEN = re.compile(r"^\s*([^:]{1,80}?)\s+:\s+(.*)$", re.DOTALL)  # "Name : words", as AIFdb writes L nodes
_LABELLED = re.compile(r"^\s*(" + "|".join(map(re.escape, scale.LABELS.values())) + r")"
                       r"(?: \((" + "|".join(scale.BASES) + r")\))?:\s")  # "agree (reported): ..." as argmap writes it
STANCE_SCHEMES = {"agreeing": 1, "disagreeing": -1}


class AifError(Exception):
    """Not AIF JSON."""


def _id(value: Any) -> str:
    return str(value) if value is not None else ""


def read(path: str, data: Any) -> Draft:
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):  # xAIF and OVA3 wrap the graph
        data = data["AIF"]
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges"), list):
        raise AifError(f"{path}: not AIF JSON (no `nodes` and `edges` lists)")
    draft = Draft()
    stem = os.path.splitext(os.path.basename(path))[0]
    m = MapDraft(id_hint=slug(stem, "aif"), title=stem)
    draft.maps.append(m)
    nodes = {_id(n.get("nodeID")): n for n in data["nodes"] if isinstance(n, dict)}
    outgoing: dict[str, list[str]] = {}
    incoming: dict[str, list[str]] = {}
    for edge in data["edges"]:
        if isinstance(edge, dict):
            source, target = _id(edge.get("fromID")), _id(edge.get("toID"))
            if source in nodes and target in nodes:
                outgoing.setdefault(source, []).append(target)
                incoming.setdefault(target, []).append(source)

    def kind(node_id: str) -> str:
        return str(nodes[node_id].get("type", ""))

    people: dict[str, str] = {}
    for person in data.get("participants", []) or []:
        if isinstance(person, dict):
            name = " ".join(str(person.get(k) or "").strip() for k in ("firstname", "surname")).strip()
            people[_id(person.get("participantID"))] = draft.agent(name, str(person.get("agentID") or "")) if name else ""
    said_by: dict[str, str] = {}
    for locution in data.get("locutions", []) or []:
        if isinstance(locution, dict):
            person = people.get(_id(locution.get("personID")))
            if person:
                said_by.setdefault(_id(locution.get("nodeID")), person)

    def speaker_of(l_node: str) -> tuple[str | None, str]:
        """The agent who says an L node, and its words without the "Name : " prefix."""
        text = str(nodes[l_node].get("text", ""))
        spoken = _SPOKEN.match(text)
        words = spoken.group(2) if spoken else text
        if l_node in said_by:
            return said_by[l_node], words
        if spoken:
            return draft.agent(spoken.group(1)), words
        return None, words

    for node_id, node in nodes.items():
        if kind(node_id) == "I":
            m.node(Node(node_id, " ".join(str(node.get("text", "")).split())))

    skipped: dict[str, int] = {}
    extra_speakers = 0
    stances: list[tuple[str, str, int, str | None]] = []  # (agent, I node, stance, basis)
    for node_id in nodes:
        node_type = kind(node_id)
        if node_type == "YA":
            scheme = str(nodes[node_id].get("scheme") or nodes[node_id].get("text") or "").strip().lower()
            speakers = [s for s in incoming.get(node_id, []) if kind(s) == "L"]
            targets = [t for t in outgoing.get(node_id, []) if kind(t) == "I"]
            for l_node in speakers:
                agent, words = speaker_of(l_node)
                labelled = _LABELLED.match(words)
                value = scale.parse(labelled.group(1)) if labelled else STANCE_SCHEMES.get(scheme)
                for target in targets:
                    if value is not None and agent is not None:
                        stances.append((agent, target, value, labelled.group(2) if labelled else None))
                        continue
                    said = m.nodes[target]
                    if said.speaker is None:
                        said.speaker = agent
                    elif agent is not None and agent != said.speaker:
                        extra_speakers += 1
        elif node_type in ("RA", "CA", "MA"):
            relation = "attacks" if node_type == "CA" else "supports"
            premises = [s for s in incoming.get(node_id, []) if kind(s) == "I"]
            conclusions = []
            for target in outgoing.get(node_id, []):
                if kind(target) == "I":
                    conclusions.append(target)
                elif kind(target) in ("RA", "CA", "MA"):
                    aimed = [t for t in outgoing.get(target, []) if kind(t) == "I"]
                    conclusions.extend(aimed)
                    draft.note(f"a {node_type} node ({node_id}) aimed at the inference {target} is kept as aimed at its conclusion")
            for premise in premises:
                for conclusion in conclusions:
                    m.relations.append((premise, relation, conclusion))
            if node_type == "MA":
                draft.note(f"the rephrase (MA node {node_id}) is kept as a support")
        elif node_type != "I" and node_type != "L":
            skipped[node_type or "untyped"] = skipped.get(node_type or "untyped", 0) + 1
    into: dict[tuple[str, str], list[str]] = {}  # (target, relation) -> its premises, in order
    for s, r, t in m.relations:
        into.setdefault((t, r), []).append(s)
    for agent, target, value, basis in stances:
        # The grounds: what supports (agree) or attacks (disagree) the proposition, the agent's own first;
        # else the proposition's own claim (AIF does not say on what a stance rests).
        relation = "supports" if value >= 0 else "attacks"
        premises = into.get((target, relation), [])
        own = [p for p in premises if m.nodes[p].speaker == agent]
        # one question per proposition: two that begin alike ("Within a few years of the article, ...") get
        # ids with -2, never one merged question
        question = draft.question(m.nodes[target].text)
        m.stances.append(Stance(agent, question, value, own or premises or [target], basis=basis))
    for node_type, count in sorted(skipped.items()):
        what = "transitions between locutions (dialogue, not argument)" if node_type == "TA" else "nodes with no argmap equivalent"
        draft.note(f"{count} {node_type} node{'s' if count != 1 else ''}: {what}; left out")
    if extra_speakers:
        draft.note(f"{extra_speakers} further speaker{'s' if extra_speakers != 1 else ''} of propositions already said by "
                   "someone else: a claim has one speaker in argmap (the first is kept)")
    if m.stances:
        draft.note("stances from AIF illocutions carry no strength unless the locution names one: agree or disagree")
    draft.note("AIF has no article, author or date: the map's source is `unknown`, and a proposition no one "
               "asserts is the author's")
    return draft
