"""A map's argument as inline SVG, laid out here in Python: no Graphviz, no JavaScript.

A simple layered layout: the thesis on top, each claim one layer below the nearest claim it supports or
attacks, evidence as small numbered leaves hanging under the first claim each quote grounds. Wide layers
wrap onto staggered rows; within a layer nodes are ordered by the position of what they point to
(barycentre), which keeps most edges short. Every text goes through `html.escape`; element ids are prefixed per diagram so that
several diagrams can share one HTML page.
"""

from __future__ import annotations

import html

from argmap.core.record import record
from argmap.outputs.render.diagram import KIND_FILLS, KIND_STROKES, RELATION_COLORS, Diagram, Node, wrap

MAX_WIDTH = 1180
GAP_X, GAP_Y, ROW_GAP = 14, 46, 18
LINE = 14
FONT_SIZE = 11.5
CHAR_WIDTH = 6.3  # average advance of the sans-serif font at FONT_SIZE, for wrapping
MAX_LINES = 7
SIZES = {"thesis": 340, "claim": 176, "evidence": 36}
LEAF_W, LEAF_H, LEAF_GAP = 36, 20, 6


@record
class Box:
    node: Node
    width: float
    height: float
    lines: list[str]
    detail: str
    number: int = 0  # evidence: its number in the list under the diagram
    depth: int = 0
    leaf_height: float = 0  # room below a claim for the quotes hanging under it
    x: float = 0.0  # left
    y: float = 0.0  # top

    @property
    def cx(self) -> float:
        return self.x + self.width / 2


def _box(node: Node) -> Box:
    if node.kind == "evidence":
        return Box(node, LEAF_W, LEAF_H, [], "")
    width = SIZES.get(node.kind, SIZES["claim"])
    lines = wrap(node.label, int((width - 14) / CHAR_WIDTH))
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1].rstrip(" .,;:") + "…"
    detail = node.detail
    max_detail = int((width - 14) / (CHAR_WIDTH * 0.85))
    if len(detail) > max_detail:
        detail = detail[: max_detail - 1] + "…"
    height = 12 + LINE * len(lines) + (LINE if detail else 0)
    return Box(node, width, height, lines, detail)


def _depths(diagram: Diagram, boxes: dict[str, Box]) -> None:
    """Layer 0 is the thesis; a claim sits one below the nearest node it points to. Edges are indexed by
    target first: scanning them all for each layer made a 10,000-deep chain quadratic (8 s)."""
    pointing: dict[str, list[str]] = {}
    for edge in diagram.edges:
        if edge.kind in ("supports", "attacks"):
            pointing.setdefault(edge.target, []).append(edge.source)
    depth: dict[str, int] = {n.key: 0 for n in diagram.nodes if n.kind == "thesis"}
    frontier = list(depth)
    while frontier:
        nxt = []
        for key in frontier:
            for source in pointing.get(key, ()):
                if source not in depth:
                    depth[source] = depth[key] + 1
                    nxt.append(source)
        frontier = nxt
    last = max(depth.values(), default=0) + 1
    for node in diagram.nodes:  # claims that lead nowhere near the thesis: a layer of their own
        if node.kind == "claim" and node.key not in depth:
            depth[node.key] = last
    for key, box in boxes.items():
        box.depth = depth.get(key, 0)


def _leaves(diagram: Diagram, boxes: dict[str, Box], leaves: dict[str, Box]) -> dict[str, list[Box]]:
    """Each quote hangs under the first claim it grounds; a quote that grounds nothing, under a last row."""
    first: dict[str, str] = {}
    for edge in diagram.edges:
        if edge.source in leaves and edge.target in boxes:
            first.setdefault(edge.source, edge.target)
    hanging: dict[str, list[Box]] = {}
    for key, leaf in leaves.items():
        hanging.setdefault(first.get(key, ""), []).append(leaf)
    for owner, items in hanging.items():
        if owner:
            box = boxes[owner]
            per_row = max(1, int((box.width + LEAF_GAP) // (LEAF_W + LEAF_GAP)))
            rows = (len(items) + per_row - 1) // per_row
            box.leaf_height = 10 + rows * (LEAF_H + LEAF_GAP)
    return hanging


def _place(diagram: Diagram, boxes: dict[str, Box], hanging: dict[str, list[Box]]) -> tuple[float, float]:
    targets: dict[str, list[str]] = {}
    for edge in diagram.edges:
        targets.setdefault(edge.source, []).append(edge.target)
    layers: dict[int, list[Box]] = {}
    for box in boxes.values():
        layers.setdefault(box.depth, []).append(box)
    y, width = 8.0, 0.0
    placed: set[str] = set()
    for depth in sorted(layers):
        layer = layers[depth]

        def barycentre(box: Box) -> float:
            xs = [boxes[t].cx for t in targets.get(box.node.key, []) if t in placed]
            return sum(xs) / len(xs) if xs else float("inf")

        layer.sort(key=barycentre)  # stable: ties keep the order written
        rows: list[list[Box]] = [[]]
        used = 0.0  # the width of the last row so far, with a gap after each box
        for box in layer:
            if rows[-1] and used + box.width > MAX_WIDTH:
                rows.append([])
                used = 0.0
            rows[-1].append(box)
            used += box.width + GAP_X
        for index, row in enumerate(rows):
            row_width = sum(b.width for b in row) + GAP_X * (len(row) - 1)
            # wrapped rows are staggered by half a box, so edges from below pass between the boxes above
            stagger = (SIZES["claim"] + GAP_X) / 2 if index % 2 else 0.0
            x = max(0.0, (MAX_WIDTH - row_width) / 2 - stagger)
            height = max(b.height + b.leaf_height for b in row)
            for box in row:
                box.x, box.y = x, y
                x += box.width + GAP_X
                width = max(width, x - GAP_X)
            y += height + ROW_GAP
        placed.update(b.node.key for b in layer)
        y += GAP_Y - ROW_GAP
    for owner, items in hanging.items():
        if owner:
            box = boxes[owner]
            per_row = max(1, int((box.width + LEAF_GAP) // (LEAF_W + LEAF_GAP)))
            top, left = box.y + box.height + 10, box.x
        else:  # quotes that ground nothing: a row of their own at the bottom
            per_row = max(1, int((MAX_WIDTH + LEAF_GAP) // (LEAF_W + LEAF_GAP)))
            top, left = y, 0.0
            y += ((len(items) + per_row - 1) // per_row) * (LEAF_H + LEAF_GAP) + GAP_Y
        for i, leaf in enumerate(items):
            leaf.x = left + (i % per_row) * (LEAF_W + LEAF_GAP)
            leaf.y = top + (i // per_row) * (LEAF_H + LEAF_GAP)
            width = max(width, leaf.x + LEAF_W)
    return max(width, 200) + 8, y - GAP_Y + 16


def _text(box: Box) -> str:
    cx = box.cx
    e = html.escape
    if box.node.kind == "evidence":
        return f'<text x="{cx:.1f}" y="{box.y + 15:.1f}" text-anchor="middle" class="en">E{box.number}</text>'
    weight = ' font-weight="bold"' if box.node.kind == "thesis" else ""
    spans = "".join(f'<tspan x="{cx:.1f}" dy="{LINE if i else 0}">{e(line)}</tspan>' for i, line in enumerate(box.lines))
    out = f'<text x="{cx:.1f}" y="{box.y + 6 + LINE - 3:.1f}" text-anchor="middle"{weight}>{spans}</text>'
    if box.detail:
        out += (f'<text x="{cx:.1f}" y="{box.y + 6 + LINE * (len(box.lines) + 1) - 3:.1f}" text-anchor="middle" '
                f'class="who">{e(box.detail)}</text>')
    return out


def _node(box: Box, classes: str, fill: str, stroke: str, radius: int = 6, dash: str = "") -> str:
    """A node: its box, its text, and its tooltip (the label, with the detail after it)."""
    node = box.node
    tooltip = node.tooltip or node.label
    if node.detail:
        tooltip += f" ({node.detail})"
    return (f'<g class="node {classes}"><title>{html.escape(tooltip)}</title>'
            f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.0f}" height="{box.height:.0f}" rx="{radius}" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{2.2 if node.kind == "thesis" else 1.2}"{dash}/>'
            f"{_text(box)}</g>")


def render(diagram: Diagram, prefix: str = "d") -> str:
    """The argument of a map diagram as one <svg> element. Evidence boxes are numbered E1, E2, ... in
    the order of `evidence_numbers(diagram)`."""
    e = html.escape
    boxes = {n.key: _box(n) for n in diagram.of_kind("thesis", "claim")}
    leaves = {n.key: _box(n) for n in diagram.of_kind("evidence")}
    for number, key in enumerate(evidence_numbers(diagram), 1):
        leaves[key].number = number
    if not boxes and not leaves:
        return ""
    _depths(diagram, boxes)
    hanging = _leaves(diagram, boxes, leaves)
    width, height = _place(diagram, boxes, hanging)
    owner = {leaf.node.key: key for key, items in hanging.items() for leaf in items}
    boxes.update(leaves)
    p = e(prefix)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="argument" role="img" width="{width:.0f}" height="{height:.0f}" '
           f'viewBox="0 0 {width:.0f} {height:.0f}" aria-labelledby="{p}-t">',
           f"<title id=\"{p}-t\">{e(diagram.title)}</title>",
           "<defs>"
           f'<marker id="{p}-s" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">'
           f'<path d="M0,0 L10,5 L0,10 z" fill="{RELATION_COLORS["supports"]}"/></marker>'
           f'<marker id="{p}-a" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="9" markerHeight="9" orient="auto">'
           f'<path d="M5,0 L5,10" stroke="{RELATION_COLORS["attacks"]}" stroke-width="2.5"/></marker>'
           f'<marker id="{p}-g" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto">'
           f'<path d="M0,0 L10,5 L0,10 z" fill="{RELATION_COLORS["grounds"]}"/></marker>'
           "</defs>",
           '<g class="edges" fill="none">']
    for edge in diagram.edges:
        if edge.kind not in ("supports", "attacks", "grounds") or edge.source not in boxes or edge.target not in boxes:
            continue
        s, t = boxes[edge.source], boxes[edge.target]
        if edge.kind == "grounds" and owner.get(edge.source) == edge.target:
            x1, y1, x2, y2 = s.cx, s.y, s.cx, t.y + t.height  # a leaf under its claim: a short stalk
            out.append(f'<path class="stalk" d="M{x1:.1f},{y1:.1f} L{x2:.1f},{y2:.1f}" stroke="{RELATION_COLORS["grounds"]}" '
                       'stroke-width="1" stroke-dasharray="2 2"/>')
            continue
        if t.y + t.height <= s.y:  # pointing up, as almost every edge does
            x1, y1, x2, y2 = s.cx, s.y, t.cx, t.y + t.height
        else:
            x1, y1, x2, y2 = s.cx, s.y + s.height, t.cx, t.y
        mid = (y1 + y2) / 2
        style = {"supports": f'stroke="{RELATION_COLORS["supports"]}" stroke-width="1.6" marker-end="url(#{p}-s)"',
                 "attacks": f'stroke="{RELATION_COLORS["attacks"]}" stroke-width="1.8" stroke-dasharray="6 3" marker-end="url(#{p}-a)"',
                 "grounds": f'stroke="{RELATION_COLORS["grounds"]}" stroke-width="1" stroke-dasharray="2 2" marker-end="url(#{p}-g)"'}[edge.kind]
        out.append(f'<path class="{edge.kind}" d="M{x1:.1f},{y1:.1f} C{x1:.1f},{mid:.1f} {x2:.1f},{mid:.1f} {x2:.1f},{y2:.1f}" {style}/>')
    out.append("</g>")
    for box in boxes.values():
        kind = box.node.kind
        evidence = kind == "evidence"
        out.append(_node(box, kind, KIND_FILLS[kind], KIND_STROKES[kind], radius=11 if evidence else 6,
                         dash=' stroke-dasharray="3 2"' if evidence else ""))
    out.append("</svg>")
    return "".join(out)


def evidence_numbers(diagram: Diagram) -> list[str]:
    """Evidence node keys in the order they are numbered (E1, E2, ...): the order written in the map."""
    return [n.key for n in diagram.of_kind("evidence")]


# -- the debate (the report's section on links.yaml) -----------------------------------------------------

DEBATE_COLUMN, DEBATE_GAP, DEBATE_HEAD = 190.0, 64.0, 40.0


def _fit(text: str, chars: int) -> str:
    """`text` in at most `chars` characters, cut with "…"."""
    return text if len(text) <= chars else text[: chars - 1].rstrip(" ,;:.-") + "…"


def _clip(lines: list[str], most: int) -> list[str]:
    """At most `most` lines, the last ending in "…" where text was left out."""
    if len(lines) <= most:
        return lines
    kept = lines[:most]
    kept[-1] = kept[-1].rstrip(" .,;:") + "…"
    return kept


def _debate_order(diagram: Diagram, sweeps: int = 4) -> dict[str, list[Node]]:
    """Each column's nodes, the thesis first, the claims ordered by the mean place of the claims they are
    linked to in the other columns (barycentre, a few sweeps left and right), so links cross less."""
    columns: dict[str, list[Node]] = {}
    for node in diagram.nodes:
        if node.group in diagram.groups:
            columns.setdefault(node.group, []).append(node)
    neighbours: dict[str, list[str]] = {}
    for edge in diagram.edges:
        neighbours.setdefault(edge.source, []).append(edge.target)
        neighbours.setdefault(edge.target, []).append(edge.source)
    group_of = {n.key: n.group for n in diagram.nodes}
    place: dict[str, int] = {}

    def centre(node: Node) -> float:
        others = [place[k] for k in neighbours.get(node.key, ()) if k in place and group_of.get(k) != node.group]
        return sum(others) / len(others) if others else float(place[node.key])

    order = list(diagram.groups)
    for sweep in range(sweeps):
        place = {n.key: i for nodes in columns.values() for i, n in enumerate(nodes)}
        for group in (order if sweep % 2 == 0 else reversed(order)):
            nodes = columns.get(group, [])
            claims = sorted((n for n in nodes if n.kind != "thesis"), key=lambda n: (centre(n), place[n.key]))
            columns[group] = [n for n in nodes if n.kind == "thesis"] + claims
            place.update({n.key: i for i, n in enumerate(columns[group])})
    return columns


def render_debate(diagram: Diagram, prefix: str = "debate") -> str:
    """A debate diagram as one <svg>: a column per map (its thesis, then the claims links name), claims
    filled by their grounded label, links drawn as curves between the columns, coloured by relation."""
    from argmap.outputs.render.diagram import LINK_COLORS, STATUS_FILLS, STATUS_STROKES

    e = html.escape
    p = e(prefix)
    boxes: dict[str, Box] = {}
    heads: list[tuple[float, list[str]]] = []
    height = 0.0
    columns = _debate_order(diagram)
    head_chars = int(DEBATE_COLUMN / (CHAR_WIDTH * 1.1))  # bold
    for column, (group, title) in enumerate(diagram.groups.items()):
        x = 8 + column * (DEBATE_COLUMN + DEBATE_GAP)
        # The map's id, then its title, each cut with "…" to the column (wrapping split the id mid-word).
        map_id, _, name = title.partition(": ")
        heads.append((x, [_fit(map_id, head_chars)] + ([_fit(name, head_chars)] if name else [])))
        y = 8 + DEBATE_HEAD
        for node in columns.get(group, []):
            box = _box(node)
            box.width = DEBATE_COLUMN
            box.lines = _clip(wrap(node.label, int((DEBATE_COLUMN - 14) / CHAR_WIDTH)), MAX_LINES)
            room = int((DEBATE_COLUMN - 14) / (CHAR_WIDTH * 0.85))  # the detail, cut to the column (a thesis is wider elsewhere)
            box.detail = box.detail if len(box.detail) <= room else box.detail[: room - 1] + "…"
            box.height = 12 + LINE * len(box.lines) + (LINE if box.detail else 0)
            box.x, box.y = x, y
            boxes[node.key] = box
            y += box.height + 12
        height = max(height, y)
    if not boxes:
        return ""
    width = 16 + len(diagram.groups) * DEBATE_COLUMN + (len(diagram.groups) - 1) * DEBATE_GAP
    markers = "".join(
        f'<marker id="{p}-{kind}" viewBox="0 0 10 10" refX="{9 if kind == "supports" else 5}" refY="5" markerWidth="8" '
        f'markerHeight="8" orient="auto-start-reverse">'
        + (f'<path d="M0,0 L10,5 L0,10 z" fill="{color}"/>' if kind == "supports"
           else f'<path d="M5,0 L5,10" stroke="{color}" stroke-width="2.5"/>') + "</marker>"
        for kind, color in (("supports", RELATION_COLORS["supports"]), ("attacks", RELATION_COLORS["attacks"]),
                            ("opposes", LINK_COLORS["opposes"])))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="argument debate" role="img" font-family="sans-serif" font-size="11.5" width="{width:.0f}" '
           f'height="{height + 8:.0f}" viewBox="0 0 {width:.0f} {height + 8:.0f}" aria-labelledby="{p}-t">',
           f'<title id="{p}-t">{e(diagram.title)}</title><defs>{markers}</defs>']
    for x, lines in heads:
        spans = "".join(f'<tspan x="{x:.1f}" dy="{LINE if i else 0}">{e(line)}</tspan>' for i, line in enumerate(lines))
        out.append(f'<text x="{x:.1f}" y="{8 + LINE:.1f}" font-weight="bold">{spans}</text>')
    out.append('<g class="edges" fill="none">')
    for edge in diagram.edges:
        if edge.source not in boxes or edge.target not in boxes:
            continue
        s, t = boxes[edge.source], boxes[edge.target]
        sy, ty = s.y + s.height / 2, t.y + t.height / 2
        if abs(s.x - t.x) < 1:  # within a map: a bend out to the left of the column
            x1 = x2 = s.x
            c1 = c2 = s.x - 28
        else:
            x1, x2 = (s.x + s.width, t.x) if s.x < t.x else (s.x, t.x + t.width)
            bend = (x2 - x1) / 2
            c1, c2 = x1 + bend, x2 - bend
        color = edge.color
        style = {"supports": f'marker-end="url(#{p}-supports)"',
                 "attacks": f'stroke-dasharray="6 3" marker-end="url(#{p}-attacks)"',
                 "opposes": f'marker-start="url(#{p}-opposes)" marker-end="url(#{p}-opposes)"',
                 }.get(edge.kind, "")  # same: a plain line, no direction
        tip = f"{edge.label}: {edge.tooltip}" if edge.link and edge.tooltip else edge.kind
        out.append(f'<path class="{"link " if edge.link else ""}{e(edge.kind)}" d="M{x1:.1f},{sy:.1f} C{c1:.1f},{sy:.1f} '
                   f'{c2:.1f},{ty:.1f} {x2:.1f},{ty:.1f}" stroke="{color}" stroke-width="{2.2 if edge.link else 1.3}" '
                   f"{style}><title>{e(tip)}</title></path>")
    out.append("</g>")
    for box in boxes.values():
        node = box.node
        out.append(_node(box, f"{node.kind} {e(node.status)}", STATUS_FILLS.get(node.status, KIND_FILLS[node.kind]),
                         STATUS_STROKES.get(node.status, KIND_STROKES[node.kind])))
    out.append("</svg>")
    return "".join(out)
