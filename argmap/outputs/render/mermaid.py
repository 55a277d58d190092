"""Mermaid flowcharts for a `Diagram`: GitHub renders them inside a ```mermaid fence.

Every label is a double-quoted Mermaid string in which anything but letters, digits, spaces and a few
harmless punctuation marks is written as a Mermaid entity code (`#quot;`, `#60;`, ...), so no text from
a map can close a label, start an edge (`-->`), a link, a directive or HTML. Node names are generated.
"""

from __future__ import annotations

import json

from argmap.outputs.render.diagram import KIND_FILLS, KIND_STROKES, STATUS_FILLS, STATUS_STROKES, Diagram, Edge, Node, wrap

_SAFE_PUNCTUATION = set(" .,:!?'()/+=@-")
WRAP = {"thesis": 38, "claim": 34, "evidence": 34, "question": 30, "agent": 24}


def entity(text: str) -> str:
    """One line of text for inside a quoted Mermaid label."""
    out = []
    for char in text:
        if char.isalnum() or char in _SAFE_PUNCTUATION or (ord(char) > 0x7f and char.isprintable()):
            out.append(char)
        elif char == '"':
            out.append("#quot;")
        else:
            out.append(f"#{ord(char)};")
    return "".join(out)


def label(text: str, width: int = 0) -> str:
    """A quoted Mermaid label; its lines are joined with <br> (the only markup we write)."""
    lines = wrap(text, width) if width else text.split("\n")
    return '"' + "<br>".join(entity(line) for line in lines) + '"'


def _node(node: Node) -> str:
    text = label(node.label, WRAP.get(node.kind, 34))
    if node.detail:
        text = text[:-1] + "<br><small>" + entity(node.detail) + '</small>"'
    shape = {"agent": ("([", "])"), "question": ("{{", "}}"), "evidence": ("[/", "/]")}.get(node.kind, ("[", "]"))
    return f"    {node.key}{shape[0]}{text}{shape[1]}"


def _edge(edge: Edge) -> str:
    if edge.link:
        arrow = {"same": "---", "opposes": "x--x", "attacks": "--x", "supports": "-->"}.get(edge.kind, "-->")
        return f"    {edge.source} {arrow}|{label(edge.label)}| {edge.target}"
    if edge.kind == "attacks":
        return f"    {edge.source} --x {edge.target}"
    if edge.kind == "grounds":
        return f"    {edge.source} -.-> {edge.target}"
    if edge.kind == "position":
        return f"    {edge.source} -->|{label(edge.label)}| {edge.target}"
    return f"    {edge.source} --> {edge.target}"


def render(diagram: Diagram) -> str:
    # The title goes in YAML front matter as a JSON string (JSON is YAML): quoted, on one line.
    out = ["---", f"title: {json.dumps(diagram.title, ensure_ascii=True)}", "---"]
    out.append("flowchart LR" if diagram.kind == "questions" else "flowchart BT")
    argument = diagram.of_kind("thesis", "claim", "evidence")
    positions = diagram.of_kind("agent", "question")
    if diagram.kind == "debate":
        # each map a subgraph, named g1, g2, ... (never a map id); the title as a quoted label
        for index, (map_id, title) in enumerate(diagram.groups.items(), 1):
            out.append(f"    subgraph g{index} [{label(title)}]")
            out.extend("    " + _node(node) for node in argument if node.group == map_id)
            out.append("    end")
    else:
        out.extend(_node(node) for node in argument)
    if diagram.kind == "map" and positions:
        out.append('    subgraph positions ["Positions on shared questions"]')
        out.extend("    " + _node(node) for node in positions)
        out.append("    end")
    else:
        out.extend(_node(node) for node in positions)
    out.extend(_edge(edge) for edge in diagram.edges)
    for kind in ("thesis", "claim", "evidence", "agent", "question"):
        extra = ",stroke-width:2px" if kind == "thesis" else ",stroke-dasharray:4 3" if kind == "evidence" else ""
        out.append(f"    classDef {kind} fill:{KIND_FILLS[kind]},stroke:{KIND_STROKES[kind]},color:#111111{extra}")
        members = [n.key for n in diagram.nodes if n.kind == kind and not n.status]
        if members:
            out.append(f"    class {','.join(members)} {kind}")
    for status, fill in STATUS_FILLS.items():
        members = [n.key for n in diagram.nodes if n.status == status]
        if members:
            out.append(f"    classDef {status} fill:{fill},stroke:{STATUS_STROKES[status]},color:#111111")
            out.append(f"    class {','.join(members)} {status}")
    for index, edge in enumerate(diagram.edges):
        width = "2px" if edge.kind == "position" or edge.link else "1.5px"
        out.append(f"    linkStyle {index} stroke:{edge.color},stroke-width:{width}")
    return "\n".join(out) + "\n"
