"""The colours of the stance scale, one definition for the terminal, the report, the SVG diagrams and
the plots: ColorBrewer's RdBu, a diverging palette that readers with red-green colour blindness can
tell apart (red for disagreement, blue for agreement, near-white for neutral)."""

from __future__ import annotations

import math

from argmap.core import stance as scale
from argmap.core.words import whole_percent

# Lines and dots on white (a neutral mid-grey rather than the near-white fill).
STANCE_COLORS: dict[int, str] = {-2: "#b2182b", -1: "#ef8a62", 0: "#8c8c8c", 1: "#67a9cf", 2: "#2166ac"}
# Cells and bars, with the ink that reads on each.
STANCE_FILLS: dict[int, str] = {-2: "#b2182b", -1: "#f4a582", 0: "#f7f7f7", 1: "#92c5de", 2: "#2166ac"}
STANCE_INKS: dict[int, str] = {-2: "#ffffff", -1: "#111111", 0: "#111111", 1: "#111111", 2: "#ffffff"}

FULL_SHARE = 5  # questions shared: a pair sharing this many or more is drawn at full strength


def agreement_step(value: float) -> int:
    """The point of the stance scale whose colour an agreement in percent takes: 0% as -2, 100% as +2,
    in bands of 25 points centred on 0, 25, 50, 75 and 100. The band is that of the percentage as printed
    (words.whole_percent), so the colour always says what the number says: 62.5 prints 63% and is +1."""
    return max(scale.MIN, min(scale.MAX, math.floor(whole_percent(value) / 25 + 0.5) - 2))


def _mix(colour: str, weight: float) -> str:
    """`colour` (#rrggbb) at `weight` (0..1) over white."""
    channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * weight):02x}" for c in channels)


def agreement_fill(value: float, shared: int = FULL_SHARE) -> tuple[str, str]:
    """(fill, ink) of an agreement cell: the stance colour of its band, paler the fewer questions the pair
    shares (one shared question at 35% strength, FULL_SHARE or more at full), so a pair that agrees on one
    question does not look as sure as a pair that agrees on ten."""
    step = agreement_step(value)
    weight = 0.35 + 0.65 * (min(max(shared, 1), FULL_SHARE) - 1) / (FULL_SHARE - 1)
    if weight >= 1:
        return STANCE_FILLS[step], STANCE_INKS[step]
    fill = _mix(STANCE_FILLS[step], weight)
    red, green, blue = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    light = 0.2126 * red + 0.7152 * green + 0.0722 * blue > 140
    return fill, "#111111" if light else "#ffffff"


def terminal_style(value: int) -> str:
    """The rich style of a stance cell: the fill as background (rich brings it down to the terminal's
    colours), its ink, bold at the two ends."""
    bold = "bold " if abs(value) == scale.MAX else ""
    return f"{bold}{STANCE_INKS[value]} on {STANCE_FILLS[value]}"
