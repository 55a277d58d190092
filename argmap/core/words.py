"""Words and numbers in what argmap prints: '1 stance moved', '2 stances moved', '63%' (one place for
plurals and for percentages, so the terminal, Markdown, the report and the charts say the same number)."""

from __future__ import annotations

import math

# English function words: they carry no point of their own, in any corpus. The one list (the link suggester,
# the passage finder, the map-id maker); words frequent in one corpus only are found from that corpus
# (argmap.analysis.links.suggest.frequent_words), never written here.
STOPWORDS = frozenset("""
a about above after again against all also already am an and any are as at be because been before being
below between both but by can could did do does doing down during each even every few for from further had
has have having he her here hers him his how i if in into is it it's its its' itself just may me might more
most much must my new no nor not now of off on once one only or other our ours out over own said same say
says she should so some still such t s than that the their theirs them then there these they this those
through to too two under until up very was we were what when where which while who whom why will with would
yet you your yours
""".split())

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
