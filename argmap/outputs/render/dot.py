"""Graphviz DOT for a `Diagram`. Needs nothing installed: `dot`, `neato` or any DOT reader draws it.

Labels are HTML-like labels (`<...>`), every piece of text through `html_text`; other attributes are
double-quoted strings through `quoted`. Node names are generated keys, never map ids.
"""

from __future__ import annotations

import html

from argmap.outputs.render.diagram import KIND_FILLS, KIND_STROKES, STATUS_FILLS, STATUS_STROKES, Diagram, Edge, Node, wrap

FONT = "Helvetica,Arial,sans-serif"
WRAP = {"thesis": 38, "claim": 34, "evidence": 34, "question": 30, "agent": 24}


def quoted(text: str) -> str:
    """A DOT double-quoted string: backslashes, quotes and newlines escaped, entities kept literal."""
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return '"' + text.replace("\r", "").replace("\n", "\\n") + '"'


def html_text(text: str) -> str:
    """Text for inside an HTML-like label: every markup character as an entity."""
    return html.escape(text, quote=True)


def _label(node: Node) -> str:
    lines = "<BR/>".join(html_text(line) for line in wrap(node.label, WRAP.get(node.kind, 34)))
    if node.kind == "thesis":
        lines = f"<B>{lines}</B>"
    elif node.kind == "evidence":
        lines = f"<I>{lines}</I>"
    detail = f'<BR/><FONT POINT-SIZE="8" COLOR="#57606a">{html_text(node.detail)}</FONT>' if node.detail else ""
    return f"<{lines}{detail}>"


def _node(node: Node) -> str:
    shape = {"agent": "ellipse", "question": "box"}.get(node.kind, "box")
    style = "filled" if node.kind == "agent" else "rounded,filled"
    if node.kind == "evidence":
        style = "rounded,filled,dashed"
    width = ', penwidth="2"' if node.kind == "thesis" else ""
    # in the debate a claim is filled by its grounded label: green in, red out, yellow undecided
    fill = STATUS_FILLS.get(node.status, KIND_FILLS[node.kind])
    stroke = STATUS_STROKES.get(node.status, KIND_STROKES[node.kind])
    attributes = (f'shape={shape}, style="{style}", fillcolor="{fill}", '
                  f'color="{stroke}"{width}, label={_label(node)}, '
                  f"tooltip={quoted(node.tooltip or node.label)}")
    return f"  {node.key} [{attributes}];"


def _edge(edge: Edge) -> str:
    attributes = [f'color="{edge.color}"']
    if edge.link:
        # xlabel, not label: dot loses a labelled edge that sets no rank between two clusters ("Error: lost
        # n21 n27 edge", "trouble in init_rank"), which the re-checked links of maps/ trigger
        attributes += [f"xlabel={quoted(edge.label)}", f'fontcolor="{edge.color}"', 'penwidth="2.2"', "constraint=false"]
        attributes += {"same": ['dir="none"', 'style="bold"'], "opposes": ['dir="both"', 'arrowhead="tee"', 'arrowtail="tee"'],
                       "attacks": ['arrowhead="tee"', 'style="dashed"'], "supports": []}.get(edge.kind, [])
        if edge.tooltip:
            attributes.append(f"tooltip={quoted(edge.tooltip)}")
    elif edge.kind == "attacks":
        attributes += ['arrowhead="tee"', 'style="dashed"', 'penwidth="1.4"']
    elif edge.kind == "grounds":
        attributes += ['style="dotted"', 'arrowsize="0.6"']
    elif edge.kind == "position":
        attributes += [f"label={quoted(edge.label)}", f'fontcolor="{edge.color}"', 'penwidth="2"', 'fontsize="9"']
        if edge.tooltip:
            attributes.append(f"tooltip={quoted(edge.tooltip)}")
    else:
        attributes.append('penwidth="1.4"')
    return f"  {edge.source} -> {edge.target} [{', '.join(attributes)}];"


def _legend(diagram: Diagram) -> str:
    if diagram.kind == "questions":
        return "Edges: an agent's stance on a question, red (disagree) to blue (agree)"
    if diagram.kind == "debate":
        return ("Links: blue same, orange opposes, green supports, red attacks; claims grounded in (green), "
                "out (red), undecided (yellow)")
    return "Arrows: solid supports, dashed ⊣ attacks, dotted: evidence grounds a claim; coloured: stances"


def render(diagram: Diagram) -> str:
    out = ["digraph argmap {"]
    title = html_text(diagram.title)
    legend = html_text(_legend(diagram))
    graph = [f'fontname="{FONT}"', "labelloc=t", f'label=<<B>{title}</B><BR/><FONT POINT-SIZE="9">{legend}</FONT>>',
             'bgcolor="white"', 'pad="0.3"']
    if diagram.kind == "questions":
        graph += ["layout=twopi", 'root="hub"', "overlap=false", 'ranksep="2.2"', "splines=true"]
    else:
        graph += ["rankdir=RL", 'nodesep="0.18"', 'ranksep="0.5"', "newrank=true"]
    out.append(f"  graph [{', '.join(graph)}];")
    out.append(f'  node [fontname="{FONT}", fontsize="10", margin="0.12,0.06"];')
    out.append(f'  edge [fontname="{FONT}", fontsize="9", arrowsize="0.8"];')
    if diagram.kind == "questions":
        out.append('  hub [shape=point, style=invis, width="0", label=""];')
        out.extend(f'  hub -> {n.key} [style=invis];' for n in diagram.of_kind("question"))
        out.extend(_node(node) for node in diagram.nodes)
    elif diagram.kind == "debate":
        # each map a cluster: the name is generated (cluster_1, ...), the map id only in its label
        for index, (map_id, title) in enumerate(diagram.groups.items(), 1):
            out.append(f"  subgraph cluster_{index} {{")
            out.append(f'    label=<<B>{html_text(title)}</B>>; style="rounded"; color="#8c959f"; fontname="{FONT}";')
            out.extend("  " + _node(node) for node in diagram.nodes if node.group == map_id)
            out.append("  }")
    else:
        out.extend(_node(node) for node in diagram.of_kind("thesis", "claim", "evidence"))
        positions = diagram.of_kind("agent", "question")
        if positions:
            out.append("  subgraph cluster_positions {")
            out.append(f'    label=<<I>Positions on shared questions</I>>; style="rounded,dashed"; color="#8c959f"; fontname="{FONT}";')
            out.extend("  " + _node(node) for node in positions)
            out.append("  }")
    out.extend(_edge(edge) for edge in diagram.edges)
    out.append("}")
    return "\n".join(out) + "\n"
