"""A `Picture` as PNG, drawn by matplotlib's Agg renderer (the plot extra): no display, no browser.
matplotlib is imported here, inside the functions, never at argmap's start-up."""

from __future__ import annotations

import io

from argmap.outputs.plot.canvas import Circle, Line, Picture, Polyline, Rect, Text

SCALE = 2  # pixels of the PNG per pixel of the picture: sharp on high-density screens
_ALIGN = {"start": "left", "middle": "center", "end": "right"}


def available() -> bool:
    """Whether matplotlib imports (not merely whether it is found: a broken install is missing too)."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def render(picture: Picture) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Circle as MplCircle
    from matplotlib.patches import Rectangle

    dpi = 100 * SCALE
    figure = Figure(figsize=(picture.width / 100, picture.height / 100), dpi=dpi)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, picture.width)
    axes.set_ylim(picture.height, 0)  # y grows downwards, as in SVG
    axes.axis("off")
    points = 72 / 100  # one picture pixel is 1/100 inch
    for s in picture.shapes:
        if isinstance(s, Rect):
            axes.add_patch(Rectangle((s.x, s.y), s.width, s.height, facecolor=s.fill,
                                     edgecolor=s.stroke or "none", linewidth=points))
        elif isinstance(s, Line):
            axes.plot([s.x1, s.x2], [s.y1, s.y2], color=s.stroke, linewidth=s.width * points,
                      linestyle=(0, (4, 3)) if s.dashed else "-")
        elif isinstance(s, Polyline):
            axes.plot([x for x, _ in s.points], [y for _, y in s.points], color=s.stroke, linewidth=s.width * points)
        elif isinstance(s, Circle):
            axes.add_patch(MplCircle((s.cx, s.cy), s.r, facecolor=s.fill, edgecolor=s.stroke, linewidth=points, zorder=3))
        elif isinstance(s, Text):
            # parse_math=False: a "$" in a map's text is a dollar sign, never mathtext.
            axes.text(s.x, s.y, s.text, fontsize=s.size * points, ha=_ALIGN[s.anchor], va="baseline", color=s.fill,
                      fontweight="bold" if s.bold else "normal", rotation=-s.rotate, rotation_mode="anchor",
                      parse_math=False, family="DejaVu Sans", zorder=4)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="#ffffff")
    return buffer.getvalue()
