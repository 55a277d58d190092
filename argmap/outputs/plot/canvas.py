"""A picture as a list of shapes in pixels (y grows downwards), before any drawing language."""

from __future__ import annotations

from argmap.core.record import field, record
from argmap.outputs.render.diagram import plain

INK = "#1f2328"
MUTED = "#57606a"
GRID = "#d0d7de"


@record(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str
    stroke: str = ""
    tooltip: str = ""


@record(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = GRID
    width: float = 1.0
    dashed: bool = False


@record(frozen=True)
class Polyline:
    points: tuple[tuple[float, float], ...]
    stroke: str
    width: float = 2.0


@record(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str
    stroke: str = "#ffffff"
    tooltip: str = ""


@record(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: float = 12.0
    anchor: str = "start"  # start | middle | end
    fill: str = INK
    bold: bool = False
    rotate: float = 0.0  # degrees, clockwise, about (x, y)


Shape = Rect | Line | Polyline | Circle | Text


@record
class Picture:
    width: float
    height: float
    title: str
    shapes: list[Shape] = field(default_factory=list)

    def add(self, *shapes: Shape) -> None:
        self.shapes.extend(shapes)


def fit(text: str, width: float, size: float) -> str:
    """`text` on one line, cut with an ellipsis to about `width` pixels at font `size` (no font metrics:
    an average advance of 0.55 em, generous for the sans-serif fonts both outputs use)."""
    text = " ".join(plain(text).split())
    room = max(1, int(width / (size * 0.55)))
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"
