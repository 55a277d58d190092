"""The charts: each question's stance distribution, an agent's stances over time, and the agreement
between agents as a clustered heat map. Each returns a `Picture`; `svg` and `png` draw it."""

from __future__ import annotations

from argmap.analysis.agreement import agreements, busiest_agents, stance_matrix
from argmap.analysis.positions import StanceEntry, Stances
from argmap.analysis.timeline import timeline as agent_timeline
from argmap.core import stance as scale
from argmap.core.defaults import AGENTS_SHOWN
from argmap.core.palette import STANCE_FILLS, STANCE_INKS, agreement_fill
from argmap.core.words import percent, whole_percent
from argmap.outputs.plot import cluster
from argmap.outputs.plot.canvas import GRID, INK, MUTED, Circle, Line, Picture, Polyline, Rect, Text, fit

AGREEMENT_LIMIT = AGENTS_SHOWN  # agents in the heat map unless --all, as in `argmap matrix` and the report
# Tableau 10: distinct for the questions of a timeline, on white.
SERIES = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac")


def _legend(picture: Picture, x: float, y: float) -> None:
    """The stance scale, one swatch per point, from x along one line."""
    for value in range(scale.MIN, scale.MAX + 1):
        label = f"{scale.signed(value)} {scale.label(value)}"
        picture.add(Rect(x, y - 10, 12, 12, STANCE_FILLS[value], "#8c959f"), Text(x + 16, y, label, 11, fill=MUTED))
        x += 22 + len(label) * 6.2


def distribution(stances: Stances, count: str = "agents") -> Picture:
    """One diverging bar per question: how many agents (each by its latest stance) hold each point of the
    scale, disagreement to the left of the centre line, agreement to the right, neutral across it; with
    `count` "stances", how many stances (one per agent and map)."""
    matrix = stance_matrix(stances)
    label_w, half, row, top = 320.0, 260.0, 38.0, 56.0
    width = label_w + 2 * half + 40
    height = top + row * max(1, len(matrix.questions)) + 50
    picture = Picture(width, height, "Stance distribution by question")
    what = "each agent by its latest stance" if count == "agents" else "every stance, one per agent and map"
    picture.add(Text(16, 26, f"Stances on each question ({what})", 15, bold=True))
    counts = {q: [0] * (scale.MAX - scale.MIN + 1) for q in matrix.questions}
    counted = (e for _, e in matrix.cells.items()) if count == "agents" else iter(stances.entries())
    for entry in counted:  # one pass: stances_on per question was quadratic
        if entry.question in counts:
            counts[entry.question][entry.stance - scale.MIN] += 1
    widest = max((max(c[0] + c[1] + c[2] / 2, c[4] + c[3] + c[2] / 2) for c in counts.values()), default=1) or 1
    unit = half / widest
    centre = label_w + 20 + half
    if not matrix.questions:
        picture.add(Text(16, top + 20, "No positions recorded yet.", 12, fill=MUTED))
    for i, q in enumerate(matrix.questions):
        y = top + i * row
        question = stances.registries.questions.get(q)
        picture.add(Text(16, y + 14, fit(q, label_w - 20, 12), 12, bold=True),
                    Text(16, y + 28, fit(question.proposition if question else "", label_w - 20, 10.5), 10.5, fill=MUTED))
        c = counts[q]
        x = centre - (c[0] + c[1] + c[2] / 2) * unit
        for value, n in zip(range(scale.MIN, scale.MAX + 1), c, strict=True):
            if not n:
                continue
            w = n * unit
            tip = f"{q}: {n} {'agent(s)' if count == 'agents' else 'stance(s)'} {scale.signed(value)} {scale.label(value)}"
            picture.add(Rect(x, y + 6, w, row - 14, STANCE_FILLS[value], "#8c959f", tip))
            if w >= 14:
                picture.add(Text(x + w / 2, y + row / 2 + 4, str(n), 11, "middle", STANCE_INKS[value], True))
            x += w
        picture.add(Line(label_w + 20, y + row, width - 20, y + row, GRID))
    picture.add(Line(centre, top - 4, centre, top + row * max(1, len(matrix.questions)), INK, 1.2, dashed=True),
                Text(centre - 6, top - 8, "← disagree", 11, "end", MUTED), Text(centre + 6, top - 8, "agree →", 11, fill=MUTED))
    _legend(picture, 16, height - 16)
    return picture


def _span(date: str) -> tuple[float, float, bool] | None:
    """A map date as (start, end, exact) in fractional years: a day is exact (its start and end the same
    point); a year or a month is the period it names, from its first day to its last."""
    parts = date.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return None
    if len(numbers) == 1:
        return numbers[0], numbers[0] + 1.0, False
    if len(numbers) == 2:
        return numbers[0] + (numbers[1] - 1) / 12, numbers[0] + numbers[1] / 12, False
    day = numbers[0] + (numbers[1] - 1 + (numbers[2] - 1) / 31) / 12
    return day, day, True


def timeline(stances: Stances, agent: str) -> Picture:
    """The agent's stance on each question it answers, one coloured line per question, in date order.
    Every point stands at its stance and its date: a date known only to the year or the month is a
    hollow point at the middle of that period with a bar across it, and questions at the same stance on
    the same date share one point, marked with their number (nothing is nudged off its value)."""
    line = agent_timeline(stances, agent)
    dated = [(s.entry, _span(s.entry.date)) for s in line.steps]
    known = [(e, span) for e, span in dated if span is not None]
    undated = len(dated) - len(known)
    questions = list(dict.fromkeys(e.question for e, _ in known))
    left, right, top, plot_h = 140.0, 300.0, 60.0, 260.0
    plot_w = 560.0
    width, height = left + plot_w + right, top + plot_h + 86
    picture = Picture(width, height, f"Stances of {line.name} over time")
    picture.add(Text(16, 28, fit(f"Stances of {line.name} over time", width - 32, 15), 15, bold=True))
    starts = [span[0] for _, span in known] or [0.0]
    ends = [span[1] for _, span in known] or [1.0]
    lo, hi = min(starts), max(ends)
    if hi - lo < 1:
        lo, hi = (lo + hi) / 2 - 0.5, (lo + hi) / 2 + 0.5
    pad = (hi - lo) * 0.04  # a point on the first or last date stays inside the frame
    lo, hi = lo - pad, hi + pad

    def x_of(t: float) -> float:
        return left + (t - lo) / (hi - lo) * plot_w

    def y_of(v: int) -> float:
        return top + (scale.MAX - v) / (scale.MAX - scale.MIN) * plot_h

    for v in range(scale.MIN, scale.MAX + 1):
        picture.add(Line(left, y_of(v), left + plot_w, y_of(v), INK if v == 0 else GRID, 1.0),
                    Text(left - 8, y_of(v) + 4, f"{scale.signed(v)} {scale.label(v)}", 11, "end", MUTED))
    first, last = int(lo) + 1 if lo > int(lo) else int(lo), int(hi)
    step = max(1, (last - first) // 8 + 1)
    for year in range(first, last + 1, step):
        picture.add(Line(x_of(year), top, x_of(year), top + plot_h, GRID, 1.0, dashed=True),
                    Text(x_of(year) + 3, top + plot_h + 18, str(year), 11, "start", MUTED))
    colour_of = {q: SERIES[i % len(SERIES)] for i, q in enumerate(questions)}
    for q in questions:
        points = [(x_of((span[0] + span[1]) / 2), y_of(e.stance)) for e, span in known if e.question == q]
        if len(points) > 1:
            picture.add(Polyline(tuple(points), colour_of[q], 2.0))
    # One marker per date and stance: the questions there, the first one's colour, and their number.
    spots: dict[tuple[float, int], list[tuple[StanceEntry, tuple[float, float, bool]]]] = {}
    for e, span in known:
        spots.setdefault(((span[0] + span[1]) / 2, e.stance), []).append((e, span))
    for (t, value), here in spots.items():
        x, y = x_of(t), y_of(value)
        e, (start, end, exact) = here[0]
        colour = colour_of[e.question]
        tip = "; ".join(f"{h.question}: {scale.signed(h.stance)} {scale.label(h.stance)} in {h.map} ({h.date})"
                        for h, _ in here)
        if not exact:
            picture.add(Line(x_of(start), y, x_of(end), y, colour, 1.2, dashed=True),
                        Line(x_of(start), y - 5, x_of(start), y + 5, colour, 1.5),
                        Line(x_of(end), y - 5, x_of(end), y + 5, colour, 1.5))
        picture.add(Circle(x, y, 6, colour, "#ffffff", tip))
        if not exact:
            picture.add(Circle(x, y, 3, "#ffffff", "#ffffff", tip))
        if len(here) > 1:
            picture.add(Text(x + 9, y - 7, f"×{len(here)}", 10.5, fill=INK, bold=True))
    for i, q in enumerate(questions):
        ly = top + 8 + i * 20
        picture.add(Rect(left + plot_w + 20, ly - 9, 14, 10, colour_of[q]), Text(left + plot_w + 40, ly, fit(q, right - 50, 11), 11))
    if not known:
        picture.add(Text(left, top + plot_h / 2, "No dated stances recorded.", 12, fill=MUTED))
    picture.add(Text(16, height - 30, "Filled point: a dated article. Hollow point with a dashed bar: a date known only to "
                                      "the year or month, the bar spanning it. ×N: N questions at that stance then.",
                     10.5, fill=MUTED))
    if undated:
        picture.add(Text(16, height - 14, f"{undated} stance(s) in maps of unknown date not drawn.", 11, fill=MUTED))
    return picture


def agreement(stances: Stances, limit: int | None = AGREEMENT_LIMIT) -> Picture:
    """The agent × agent agreement, rows and columns in the order of `cluster.order`."""
    matrix = stance_matrix(stances)
    agents = busiest_agents(matrix, limit)
    table = agreements(matrix)
    pairs = {(a, b): table.pair(a, b) for i, a in enumerate(agents) for b in agents[i + 1:]}

    def value(a: str, b: str) -> float | None:
        p = pairs.get((a, b)) or pairs.get((b, a))
        return None if p is None else p.agreement

    def distance(i: int, j: int) -> float:
        v = value(agents[i], agents[j])
        return 1.0 if v is None else 1 - v / 100

    ordered = [agents[i] for i in cluster.order(len(agents), distance)]
    names = [matrix.names.get(a, a) for a in ordered]
    cell, label_w, top = 40.0, 230.0, 170.0
    n = len(ordered)
    width = label_w + cell * max(n, 1) + 130  # room for the last rotated name
    height = top + cell * max(n, 1) + 76
    picture = Picture(max(width, 560), height, "Agreement between agents, allies together")
    picture.add(Text(16, 26, "Agreement between agents (allies next to each other)", 15, bold=True))
    if n < 2:
        picture.add(Text(16, top, "Agreement needs at least two agents with positions.", 12, fill=MUTED))
    for i, (a, name) in enumerate(zip(ordered, names, strict=True)):
        y = top + i * cell
        picture.add(Text(label_w - 8, y + cell / 2 + 4, fit(name, label_w - 20, 11.5), 11.5, "end"),
                    Text(label_w + i * cell + cell / 2 + 4, top - 8, fit(name, 150, 11), 11, rotate=-50))
        for j, b in enumerate(ordered):
            x = label_w + j * cell
            if a == b:
                picture.add(Rect(x, y, cell, cell, "#eaeef2", "#ffffff"))
                continue
            v = value(a, b)
            if v is None:
                picture.add(Rect(x, y, cell, cell, "#ffffff", GRID, f"{name} and {names[j]}: no question in common"),
                            Text(x + cell / 2, y + cell / 2 + 4, "·", 12, "middle", MUTED))
                continue
            p = pairs.get((a, b)) or pairs[(b, a)]
            fill, ink = agreement_fill(v, len(p.shared))
            picture.add(Rect(x, y, cell, cell, fill, "#ffffff",
                             f"{name} and {names[j]}: {percent(v)} over {len(p.shared)} shared question(s)"),
                        Text(x + cell / 2, y + cell / 2 + 1, str(whole_percent(v)), 11, "middle", ink, True),
                        Text(x + cell / 2, y + cell / 2 + 13, f"{len(p.shared)}q", 9, "middle", ink))
    picture.add(Text(16, height - 46, "Each cell: agreement in percent, and under it how many questions the pair "
                                      "shares (paler: fewer shared questions).", 11, fill=MUTED),
                Text(16, height - 30, "100 = the same stance on every shared question, 0 = +2 against −2; "
                                      "· = no shared question.", 11, fill=MUTED),
                Text(16, height - 14, "Order: average-linkage clustering on 1 − agreement.", 11, fill=MUTED))
    return picture
