"""What a picture shows, before any drawing language: nodes and edges built from the model.

DOT, Mermaid and the report's SVG all draw a `Diagram`; none of them reads the model. Node keys are
generated (`n1`, `n2`, ...), never taken from a map, so no id can break out of a drawing language.
Every text is plain, with control characters shown as escapes; each renderer escapes it for its own
language.
"""

from __future__ import annotations

import textwrap

from argmap.analysis.positions import position_agents
from argmap.core import stance as scale

# The stance colours (ColorBrewer RdBu, safe for the colour-blind) are defined once, in argmap.core.palette,
# for the terminal, the report, the diagrams and the plots; named here too for the renderers' imports.
from argmap.core.palette import STANCE_COLORS as STANCE_COLORS
from argmap.core.palette import STANCE_FILLS as STANCE_FILLS
from argmap.core.palette import STANCE_INKS as STANCE_INKS
from argmap.core.record import field, record
from argmap.core.safetext import clean
from argmap.model.maps import Corpus, Map

RELATION_COLORS = {"supports": "#1a7f37", "attacks": "#cf222e", "grounds": "#8c8c8c"}
KIND_FILLS = {"thesis": "#fff1c2", "claim": "#ffffff", "evidence": "#f1f3f5", "agent": "#e8f0fe", "question": "#f3e8ff"}
KIND_STROKES = {"thesis": "#9a6700", "claim": "#57606a", "evidence": "#8c959f", "agent": "#1f4fa8", "question": "#6f42c1"}

# The debate (graph --links): links coloured by relation, claims filled by their grounded label.
LINK_COLORS = {"same": "#0969da", "opposes": "#bc4c00", "supports": "#1a7f37", "attacks": "#cf222e"}
STATUS_FILLS = {"in": "#dafbe1", "out": "#ffebe9", "undecided": "#fff8c5"}
STATUS_STROKES = {"in": "#1a7f37", "out": "#cf222e", "undecided": "#9a6700"}

DEFAULT_MAX_LABEL = 160


def plain(text: str) -> str:
    """Text from a map made safe to measure and print: controls shown as escapes, tabs as spaces."""
    return clean(text, keep_newlines=True).replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n")


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters (0: no limit), cut at a word and marked with an ellipsis."""
    text = " ".join(plain(text).split())
    if limit <= 0 or len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:.") + "…"


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters (long words are split), keeping the text's own newlines."""
    lines: list[str] = []
    for paragraph in plain(text).split("\n"):
        lines.extend(textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""])
    return lines


def stance_label(value: int | None) -> str:
    return f"{scale.signed(value)} {scale.label(value)}" if value is not None else "?"


@record
class Node:
    key: str  # generated: n1, n2, ...
    kind: str  # thesis | claim | evidence | agent | question
    ref: str  # the id in the map or registry, as written (plain text)
    label: str  # the text shown, shortened
    detail: str = ""  # a second, smaller line: who says it
    tooltip: str = ""  # the full text
    group: str = ""  # the debate: the map the claim is in (a cluster)
    status: str = ""  # the debate: its grounded label (in, out, undecided)


@record
class Edge:
    source: str
    target: str
    kind: str  # supports | attacks | grounds | position
    stance: int | None = None
    label: str = ""
    tooltip: str = ""
    link: bool = False  # the debate: a link of links.yaml, across maps (kind: same, opposes, supports, attacks)

    @property
    def color(self) -> str:
        if self.link:
            return LINK_COLORS.get(self.kind, "#57606a")
        if self.kind == "position":
            return STANCE_COLORS.get(self.stance, "#8c8c8c") if self.stance is not None else "#8c8c8c"
        return RELATION_COLORS.get(self.kind, "#57606a")


@record
class Diagram:
    kind: str  # map | questions | debate
    title: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    groups: dict[str, str] = field(default_factory=dict)  # the debate: map id -> its cluster's title, in order

    def add(self, kind: str, ref: str, label: str, detail: str = "", tooltip: str = "") -> Node:
        node = Node(f"n{len(self.nodes) + 1}", kind, plain(ref), label, plain(detail), plain(tooltip))
        self.nodes.append(node)
        return node

    def of_kind(self, *kinds: str) -> list[Node]:
        return [n for n in self.nodes if n.kind in kinds]


def _speaker(corpus: Corpus, m: Map, ref: str) -> str:
    return corpus.agent_name(m.agent_id(ref)) if ref else ""


def map_diagram(corpus: Corpus, m: Map, max_label: int = DEFAULT_MAX_LABEL) -> Diagram:
    """One map: its thesis, claims and evidence with their relations, and the positions taken in it."""
    title = m.id if m.source.title in ("", "unknown") else f"{m.id}: {m.source.title}"
    diagram = Diagram("map", plain(title))
    keys: dict[str, str] = {}  # claim or evidence id -> node key; the first definition wins
    for claim in m.nodes:
        limit = max_label * 2 if claim.is_thesis else max_label  # the thesis is worth reading whole
        node = diagram.add("thesis" if claim.is_thesis else "claim", claim.id, shorten(claim.text, limit),
                           _speaker(corpus, m, claim.by.id), claim.text)
        keys.setdefault(claim.id, node.key)
    for claim in m.nodes:
        for kind, refs in (("supports", claim.supports), ("attacks", claim.attacks)):
            for ref in refs:
                target = keys.get(ref.id)
                if target and ref.id != claim.id:
                    diagram.edges.append(Edge(keys[claim.id], target, kind))
    for evidence in m.evidence:
        node = diagram.add("evidence", evidence.id, shorten(evidence.quote, max_label),
                           _speaker(corpus, m, evidence.speaker.id), evidence.quote)
        for ref in evidence.grounds:
            target = keys.get(ref.id)
            if target:
                diagram.edges.append(Edge(node.key, target, "grounds"))
        keys.setdefault(evidence.id, node.key)
    agents: dict[str, Node] = {}
    questions: dict[str, Node] = {}
    for position in m.positions:
        qid = position.question.id
        if not position.agent.id or not qid:
            continue
        for agent_id in position_agents(m, position.agent.id):
            if agent_id not in agents:
                agents[agent_id] = diagram.add("agent", agent_id, plain(corpus.agent_name(agent_id)))
            if qid not in questions:
                question = corpus.questions.get(qid)
                text = question.proposition if question else qid
                questions[qid] = diagram.add("question", qid, shorten(text, max_label), qid, text)
            diagram.edges.append(Edge(agents[agent_id].key, questions[qid].key, "position", position.stance,
                                      stance_label(position.stance), plain(position.note)))
    return diagram


def questions_diagram(corpus: Corpus, max_label: int = DEFAULT_MAX_LABEL) -> Diagram:
    """The corpus: every question, every agent with a position, an edge per agent, question and stance."""
    diagram = Diagram("questions", "Positions on the shared questions")
    groups: dict[tuple[str, str, int | None], list[str]] = {}
    for m in sorted(corpus.maps, key=lambda m: (m.sort_date, m.id)):
        for position in m.positions:
            if not position.agent.id or not position.question.id:
                continue
            for agent_id in position_agents(m, position.agent.id):
                groups.setdefault((agent_id, position.question.id, position.stance), []).append(m.id)
    question_ids = list(corpus.questions) + sorted({q for _, q, _ in groups} - set(corpus.questions))
    questions: dict[str, Node] = {}
    for qid in question_ids:
        question = corpus.questions.get(qid)
        text = question.proposition if question else qid
        questions[qid] = diagram.add("question", qid, shorten(text, max_label), qid, text)
    agents: dict[str, Node] = {}
    for agent_id in sorted({a for a, _, _ in groups}, key=lambda a: corpus.agent_name(a).lower()):
        agents[agent_id] = diagram.add("agent", agent_id, plain(corpus.agent_name(agent_id)))
    for (agent_id, qid, value), map_ids in groups.items():
        label = (scale.signed(value) if value is not None else "?") + (f" ×{len(map_ids)}" if len(map_ids) > 1 else "")
        diagram.edges.append(Edge(agents[agent_id].key, questions[qid].key, "position", value, label,
                                  plain("in " + ", ".join(map_ids))))
    return diagram


def debate_diagram(corpus: Corpus, status: dict[str, str], max_label: int = DEFAULT_MAX_LABEL) -> Diagram:
    """The corpus as one debate: each map a group holding its thesis and the claims links name, the map's
    supports and attacks between them, and the links across maps. `status`: MAP#CLAIM -> its grounded label
    (argmap.analysis.links.evaluate). Claims no link names are left out: `argmap graph MAP-ID` draws a map whole."""
    from argmap.core.clusters import split

    diagram = Diagram("debate", "The corpus as one debate: links between maps")
    named: dict[str, set[str]] = {}
    for link in corpus.links:
        for end in (link.source.id, link.target.id):
            map_id, claim_id = split(end)
            named.setdefault(map_id, set()).add(claim_id)
    keys: dict[str, str] = {}  # MAP#CLAIM -> node key
    for m in sorted(corpus.maps, key=lambda m: (m.sort_date, m.id)):
        if m.id not in named or m.id in diagram.groups:
            continue
        title = m.id if m.source.title in ("", "unknown") else f"{m.id}: {m.source.title}"
        diagram.groups[m.id] = plain(shorten(title, max_label))
        for claim in m.nodes:
            ref = f"{m.id}#{claim.id}"
            if not claim.id or ref in keys or not (claim.is_thesis or claim.id in named[m.id]):
                continue
            label = status.get(ref, "")
            limit = max_label * 2 if claim.is_thesis else max_label
            detail = _speaker(corpus, m, claim.by.id) + (f" · grounded: {label}" if label else "")
            node = diagram.add("thesis" if claim.is_thesis else "claim", claim.id, shorten(claim.text, limit),
                               detail, claim.text)
            node.group, node.status = m.id, label
            keys[ref] = node.key
        for claim in m.nodes:
            for kind, refs in (("supports", claim.supports), ("attacks", claim.attacks)):
                for target in refs:
                    a, b = keys.get(f"{m.id}#{claim.id}"), keys.get(f"{m.id}#{target.id}")
                    if a and b and a != b:
                        diagram.edges.append(Edge(a, b, kind))
    for link in corpus.links:
        a, b = keys.get(link.source.id), keys.get(link.target.id)
        if a and b and a != b and link.relation.id in LINK_COLORS:
            diagram.edges.append(Edge(a, b, link.relation.id, label=link.relation.id, tooltip=plain(link.note),
                                      link=True))
    return diagram
