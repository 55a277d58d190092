"""Words and numbers in what argmap prints: '1 stance moved', '2 stances moved', '63%' (one place for
plurals and for percentages, so the terminal, Markdown, the report and the charts say the same number)."""

from __future__ import annotations

import math

NONE = "—"  # an undefined measure: no shared question, fewer than two agents


def whole_percent(value: float) -> int:
    """A percentage to the whole number, rounded half up (62.5 as 63, 37.5 as 38: alike, unlike round())."""
    return math.floor(value + 0.5)


def percent(value: float | None) -> str:
    """'63%', or '—' for no value."""
    return NONE if value is None else f"{whole_percent(value)}%"


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 stance', '2 stances', '1000 agents'; `many` for irregular plurals ('1 analysis', '2 analyses')."""
    return f"{n} {word if n == 1 else (many or word + 's')}"
