"""A corpus built from another tool's graph: nodes, relations, speakers and stances in; maps that
`argmap check` passes out, with a report of everything that could not be carried over.

The readers (argdown, aif) only say what the source holds: a node with its text, kind and speaker, a
relation between two nodes, a stance. The builder makes it a valid corpus:

- ids from the source's titles or texts, made valid (argmap/core/ids.py) and unique;
- a thesis for each map: the node marked as one, else the conclusion (a claim with no outgoing support
  or attack) that the most relations point to; a thesis supports nothing (rule A008), so its outgoing
  relations are reported and left out;
- relations that argmap refuses are reported and left out: a node pointing to itself (A007), a second
  relation of the other kind between the same two claims (A005), a support that would close a cycle of supports (A002),
  one that ends at a quote or leaves its map;
- every speaker becomes an agent in agents.yaml and is listed in its map; an unknown speaker is the
  map's `author`, and the author `unknown` (the format's word for what the source does not say).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any, TextIO

from argmap.core import ids
from argmap.core import stance as scale
from argmap.core.ids import MAX_ID
from argmap.core.record import field, record

WORDS_IN_ID = 6
DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")


MAX_JSON_DEPTH = 1000  # nesting in the JSON read: AIF and Argdown's export need a few levels
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKET = re.compile(r"[\[\]{}]")


def load_json(text: str) -> Any:
    """JSON from `text`, refusing (ValueError) nesting deeper than MAX_JSON_DEPTH before Python's parser
    sees it: it recurses, and 200,000 nested brackets were a RecursionError."""
    import json

    depth = 0
    for bracket in _JSON_BRACKET.finditer(_JSON_STRING.sub("", text)):
        depth += 1 if bracket.group() in "[{" else -1
        if depth > MAX_JSON_DEPTH:
            raise ValueError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    return json.loads(text)


def slug(text: str, fallback: str, words: int = WORDS_IN_ID) -> str:
    """A valid id from any text: ASCII letters and digits of its first words, joined by hyphens (ids.slug)."""
    return ids.slug(text, fallback, words)


class Ids:
    """Unique valid ids within one scope: `take` a wish, get it or it with -2, -3 ..."""

    def __init__(self, reserved: tuple[str, ...] = ()) -> None:
        self.used: set[str] = set(reserved)
        self.last: dict[str, int] = {}  # base -> the last suffix tried: 10,000 alike names stay linear

    def take(self, wish: str, fallback: str) -> str:
        base = wish if ids.is_id(wish) else slug(wish, fallback)
        found, n = base, self.last.get(base, 1)
        if n > 1:
            found = base[:MAX_ID - len(f"-{n}")].rstrip("-") + f"-{n}"
        while found in self.used:
            n += 1
            suffix = f"-{n}"
            found = base[:MAX_ID - len(suffix)].rstrip("-") + suffix
        self.used.add(found)
        self.last[base] = n
        return found


@record
class Node:
    key: str  # the source's own name for it (an Argdown title, an AIF nodeID)
    text: str
    kind: str = "claim"  # thesis | claim | evidence
    speaker: str | None = None  # an agent id from `Draft.agent`, or None for the map's author
    id_hint: str = ""
    note: str = ""


@record
class Stance:
    agent: str | None  # None: the map's author
    question: str  # a question id from `Draft.question`
    stance: int
    grounds: list[str] = field(default_factory=list)  # node keys
    note: str = ""
    basis: str | None = None  # how the stance is known, when the source says (argmap's own exports do)


@record
class MapDraft:
    id_hint: str
    title: str = "unknown"
    authors: list[str] = field(default_factory=list)  # agent ids; empty: unknown
    outlet: str = "unknown"
    date: str = "unknown"
    url: str = "unknown"
    text: str = ""  # source.text: the article's file name (QDPX imports write it beside the maps)
    notes: str = ""
    nodes: dict[str, Node] = field(default_factory=dict)
    relations: list[tuple[str, str, str]] = field(default_factory=list)  # (source key, supports|attacks, target key)
    stances: list[Stance] = field(default_factory=list)

    def node(self, node: Node) -> Node:
        return self.nodes.setdefault(node.key, node)


@record
class Draft:
    """What a reader found, before it is made a corpus."""

    maps: list[MapDraft] = field(default_factory=list)
    agents: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> {"id", "name", ...}
    questions: dict[str, dict[str, str]] = field(default_factory=dict)
    report: list[str] = field(default_factory=list)
    _agent_ids: Ids = field(default_factory=lambda: Ids(("author", "unknown")))
    _by_name: dict[str, str] = field(default_factory=dict)
    _question_ids: Ids = field(default_factory=Ids)

    def note(self, message: str) -> None:
        self.report.append(message)

    def agent(self, name: str, wish: str = "") -> str:
        """The agent id of the speaker called `name` (`wish`: an id the source gives), made once."""
        key = wish or name.strip().lower()
        if key in self._by_name:
            return self._by_name[key]
        agent_id = self._agent_ids.take(wish or name, "speaker")
        self._by_name[key] = agent_id
        self.agents[agent_id] = {"id": agent_id, "name": name.strip() or agent_id}
        return agent_id

    def question(self, proposition: str, wish: str = "", note: str = "") -> str:
        key = "\x00q" + (wish or proposition)
        if key in self._by_name:
            return self._by_name[key]
        qid = self._question_ids.take(wish or proposition, "question")
        self._by_name[key] = qid
        self.questions[qid] = {"id": qid, "proposition": proposition.strip() or qid, **({"note": note} if note else {})}
        return qid


def _reaches(edges: dict[str, list[str]], start: str, goal: str) -> bool:
    seen, stack = {start}, [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in edges.get(node, []):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def _on_cycles(pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """The edges that lie on some cycle of the graph `pairs`: those within one strongly connected component."""
    from argmap.core.graphs import strong_components

    successors: dict[str, list[str]] = {}
    for a, b in pairs:
        successors.setdefault(a, []).append(b)
        successors.setdefault(b, [])
    component: dict[str, int] = {}
    for i, members in enumerate(strong_components(list(successors), successors)):
        for node in members:
            component[node] = i
    return {(a, b) for a, b in pairs if a == b or component[a] == component[b]}


def _label(draft: Draft, m: MapDraft, key: str) -> str:
    node = m.nodes.get(key)
    text = node.text if node else key
    return repr(text if len(text) <= 60 else text[:59] + "…")


def _thesis(draft: Draft, m: MapDraft, claims: list[str], relations: list[tuple[str, str, str]]) -> str | None:
    marked = [k for k in claims if m.nodes[k].kind == "thesis"]
    if marked:
        for extra in marked[1:]:
            draft.note(f"map {m.id_hint}: {_label(draft, m, extra)} was marked as a thesis too; kept as a claim")
            m.nodes[extra].kind = "claim"
        return marked[0]
    if not claims:
        return None
    outgoing = {s for s, _, _ in relations}
    incoming: dict[str, int] = {}
    for _, _, t in relations:
        incoming[t] = incoming.get(t, 0) + 1
    roots = [k for k in claims if k not in outgoing]
    order = {k: i for i, k in enumerate(claims)}
    chosen = max(roots or claims, key=lambda k: (incoming.get(k, 0), -order[k]))
    m.nodes[chosen].kind = "thesis"
    if not roots:
        draft.note(f"map {m.id_hint}: every statement supports or attacks another; {_label(draft, m, chosen)} "
                   "taken as the thesis")
    return chosen


def build_map(draft: Draft, m: MapDraft, map_ids: Ids) -> tuple[str, dict[str, Any]]:
    """One map as YAML data (with its id), every relation argmap refuses reported and left out."""
    map_id = map_ids.take(m.id_hint, "imported-map")
    claims = [k for k, n in m.nodes.items() if n.kind != "evidence"]
    evidence = [k for k, n in m.nodes.items() if n.kind == "evidence"]
    # Relations in the order given; each checked against those kept before it.
    kept: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    for source, relation, target in m.relations:
        if (source, relation, target) in seen:
            continue
        seen.add((source, relation, target))
        where = f"map {map_id}: {relation} from {_label(draft, m, source)} to {_label(draft, m, target)}"
        if source not in m.nodes or target not in m.nodes:
            draft.note(f"{where}: an end is not in this map; left out")
        elif source == target:
            draft.note(f"{where}: a statement pointing to itself (A007); left out")
        elif m.nodes[target].kind == "evidence":
            draft.note(f"{where}: it ends at a quote, and only claims are supported or attacked; left out")
        elif m.nodes[source].kind == "evidence" and relation != "supports":
            draft.note(f"{where}: a quote can only ground a claim; left out")
        else:
            kept.append((source, relation, target))
    thesis = _thesis(draft, m, claims, [r for r in kept if m.nodes[r[0]].kind != "evidence"])
    edges: dict[str, list[str]] = {}
    final: list[tuple[str, str, str]] = []
    kinds: dict[tuple[str, str], str] = {}
    # Only a relation inside a cycle of all the relations can close one among those kept before it: the
    # others need no search (one search per relation made a chain of 100,000 quadratic).
    # A002 refuses cycles of supports only: a cycle through an attack is a debate (A012), and is kept.
    cyclic = _on_cycles([(s, t) for s, r, t in kept if m.nodes[s].kind != "evidence" and s != thesis and r == "supports"])
    for source, relation, target in kept:
        where = f"map {map_id}: {relation} from {_label(draft, m, source)} to {_label(draft, m, target)}"
        if m.nodes[source].kind == "evidence":
            final.append((source, "grounds", target))
            continue
        if source == thesis:
            draft.note(f"{where}: the thesis supports and attacks nothing in argmap (A008); left out")
            continue
        other = kinds.get((source, target))
        if other is not None:
            draft.note(f"{where}: it also {other} it, and a claim cannot do both (A005); left out")
            continue
        if relation == "supports" and (source, target) in cyclic and _reaches(edges, target, source):
            draft.note(f"{where}: it would close a cycle of supports (A002); left out")
            continue
        kinds[(source, target)] = relation
        if relation == "supports":
            edges.setdefault(source, []).append(target)
        final.append((source, relation, target))

    ids = Ids()
    id_of: dict[str, str] = {}
    if thesis is not None:
        node = m.nodes[thesis]
        id_of[thesis] = ids.take(node.id_hint or "thesis", "thesis")
    for key in claims + evidence:
        if key not in id_of:
            node = m.nodes[key]
            id_of[key] = ids.take(node.id_hint or node.text, "claim" if node.kind != "evidence" else "quote")

    authors = [a for a in dict.fromkeys(m.authors) if a in draft.agents]
    listed: list[str] = []

    def by(node: Node) -> str:
        if node.speaker is None or (len(authors) == 1 and node.speaker == authors[0]):
            return "author"
        if node.speaker not in authors and node.speaker not in listed:
            listed.append(node.speaker)
        return node.speaker

    from_node: dict[str, list[tuple[str, str]]] = {}  # source -> (relation, target), in order
    for s, r, t in final:
        from_node.setdefault(s, []).append((r, t))

    def claim(key: str) -> dict[str, Any]:
        node = m.nodes[key]
        out: dict[str, Any] = {"id": id_of[key], "text": node.text.strip() or "(no text)", "by": by(node)}
        for relation in ("supports", "attacks"):
            targets = [id_of[t] for r, t in from_node.get(key, ()) if r == relation]
            if targets:
                out[relation] = targets
        if node.note:
            out["note"] = node.note
        return out

    data: dict[str, Any] = {"argmap": 1, "id": map_id, "source": {
        "title": m.title.strip() or "unknown", "authors": authors or "unknown", "outlet": m.outlet or "unknown",
        "date": m.date if DATE.match(m.date or "") else "unknown", "url": m.url or "unknown"}}
    if m.text:
        data["source"]["text"] = m.text
    if m.notes:
        data["source"]["notes"] = m.notes
    body: dict[str, Any] = {}
    if thesis is not None:
        body["thesis"] = claim(thesis)
    else:
        draft.note(f"map {map_id}: the source holds no statement; a placeholder thesis was written")
        body["thesis"] = {"id": "thesis", "text": "(no statement in the source)", "by": "author"}
    body["claims"] = [claim(k) for k in claims if k != thesis]
    body["evidence"] = []
    for key in evidence:
        node = m.nodes[key]
        item: dict[str, Any] = {"id": id_of[key], "quote": node.text.strip() or "(no text)", "speaker": by(node),
                                "grounds": [id_of[t] for _, t in from_node.get(key, ())]}
        if node.note:
            item["note"] = node.note
        body["evidence"].append(item)
    body["positions"] = []
    stances: set[tuple[str | None, str]] = set()
    for stance in m.stances:
        if (stance.agent, stance.question) in stances:
            draft.note(f"map {map_id}: a second stance of {stance.agent or 'the author'} on {stance.question} (one map holds one "
                       f"stance per agent and question); left out")
            continue
        grounds = list(dict.fromkeys(id_of[g] for g in stance.grounds if g in id_of))
        if not grounds:
            draft.note(f"map {map_id}: the stance of {stance.agent or 'the author'} on {stance.question} rests on "
                       "nothing in the map, and a position needs grounds; left out")
            continue
        stances.add((stance.agent, stance.question))
        agent = "author" if stance.agent is None or (len(authors) == 1 and stance.agent == authors[0]) else stance.agent
        if agent != "author" and agent not in authors and agent not in listed:
            listed.append(agent)
        position: dict[str, Any] = {"agent": agent, "question": stance.question, "stance": scale.label(stance.stance),
                                    **({"basis": stance.basis} if scale.parse_basis(stance.basis) else {}),
                                    "grounds": grounds}
        if stance.note:
            position["note"] = stance.note
        body["positions"].append(position)
    if listed:
        data["agents"] = listed
    data.update({k: v for k, v in body.items() if v or k == "thesis"})
    return map_id, data


class ImportTargetError(Exception):
    """DIR already holds a file the import would write: nothing is written."""


def write_corpus(draft: Draft, directory: str) -> list[str]:
    """agents.yaml, questions.yaml and one MAP-ID.yaml per map in `directory` (made if missing); refuses,
    before writing anything, if any of those files exists. Returns the paths written."""
    import yaml

    map_ids = Ids(("agents", "questions"))
    files: dict[str, dict[str, Any]] = {}
    for m in draft.maps:
        map_id, data = build_map(draft, m, map_ids)
        files[f"{map_id}.yaml"] = data
    files = {"agents.yaml": {"argmap": 1, "agents": list(draft.agents.values())},
             "questions.yaml": {"argmap": 1, "questions": list(draft.questions.values())}, **files}
    if os.path.exists(directory) and not os.path.isdir(directory):
        raise ImportTargetError(f"{directory} is not a directory")
    taken = [name for name in files if os.path.lexists(os.path.join(directory, name))]
    if taken:
        raise ImportTargetError(f"refusing to overwrite existing files in {directory}: {', '.join(sorted(taken))} "
                                "(import into a new or empty directory)")
    from argmap.files.output import OutputError, write_folder

    os.makedirs(os.path.dirname(os.path.abspath(directory)), exist_ok=True)  # DIR itself is made whole, at the end
    try:
        dumper: Any = yaml.CSafeDumper  # libyaml's emitter: the pure-Python one was 90% of an import
    except AttributeError:  # pragma: no cover
        dumper = yaml.SafeDumper

    def writer(data: dict[str, Any]) -> Callable[[TextIO], object]:
        return lambda stream: yaml.dump(data, stream, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100,
                                        default_flow_style=False)

    try:
        # All made in a temporary folder and moved into place at the end (a full disk leaves nothing
        # half-written), never over a file that exists (one that appears meanwhile included).
        write_folder(directory, [(name, writer(data)) for name, data in files.items()], replace=False)
    except OutputError as error:
        raise ImportTargetError(str(error)) from None
    return [os.path.join(directory, name) for name in files]
