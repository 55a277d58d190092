"""A `Picture` as a standalone SVG document, or an element to inline in HTML. Every text is escaped;
no script, no external reference, so the report's Content-Security-Policy holds."""

from __future__ import annotations

import html

from argmap.outputs.plot.canvas import Circle, Line, Picture, Polyline, Rect, Shape
from argmap.outputs.render.diagram import plain

FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
_ANCHORS = {"start": "start", "middle": "middle", "end": "end"}


def _e(text: str) -> str:
    return html.escape(plain(text), quote=True)


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _tip(text: str) -> str:
    return f"<title>{_e(text)}</title>" if text else ""


def _shape(s: Shape) -> str:
    if isinstance(s, Rect):
        stroke = f' stroke="{_e(s.stroke)}"' if s.stroke else ""
        body = (f'<rect x="{_n(s.x)}" y="{_n(s.y)}" width="{_n(s.width)}" height="{_n(s.height)}" '
                f'fill="{_e(s.fill)}"{stroke}')
        return f"{body}>{_tip(s.tooltip)}</rect>" if s.tooltip else f"{body}/>"
    if isinstance(s, Line):
        dash = ' stroke-dasharray="4 3"' if s.dashed else ""
        return (f'<line x1="{_n(s.x1)}" y1="{_n(s.y1)}" x2="{_n(s.x2)}" y2="{_n(s.y2)}" stroke="{_e(s.stroke)}" '
                f'stroke-width="{_n(s.width)}"{dash}/>')
    if isinstance(s, Polyline):
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in s.points)
        return f'<polyline points="{points}" fill="none" stroke="{_e(s.stroke)}" stroke-width="{_n(s.width)}"/>'
    if isinstance(s, Circle):
        body = f'<circle cx="{_n(s.cx)}" cy="{_n(s.cy)}" r="{_n(s.r)}" fill="{_e(s.fill)}" stroke="{_e(s.stroke)}"'
        return f"{body}>{_tip(s.tooltip)}</circle>" if s.tooltip else f"{body}/>"
    weight = ' font-weight="bold"' if s.bold else ""
    rotate = f' transform="rotate({_n(s.rotate)} {_n(s.x)} {_n(s.y)})"' if s.rotate else ""
    return (f'<text x="{_n(s.x)}" y="{_n(s.y)}" font-size="{_n(s.size)}" text-anchor="{_ANCHORS[s.anchor]}" '
            f'fill="{_e(s.fill)}"{weight}{rotate}>{_e(s.text)}</text>')


def element(picture: Picture, css_class: str = "plot") -> str:
    """The `<svg>` element, sized in pixels and scalable (viewBox)."""
    body = "".join(_shape(s) for s in picture.shapes)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="{_e(css_class)}" width="{_n(picture.width)}" '
            f'height="{_n(picture.height)}" viewBox="0 0 {_n(picture.width)} {_n(picture.height)}" role="img" '
            f'aria-label="{_e(picture.title)}" font-family="{FONT}"><title>{_e(picture.title)}</title>'
            f'<rect x="0" y="0" width="{_n(picture.width)}" height="{_n(picture.height)}" fill="#ffffff"/>{body}</svg>')


def document(picture: Picture) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + element(picture) + "\n"
