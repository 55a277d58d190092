"""Grouping stances by when they were taken: by year, or by the named periods of the settings.

Part of a difference between 2019 and 2021 may be a change of what the question is about; a tally "as of
now" hides it. A map of unknown date goes in the group UNDATED, said so; with named periods, a map dated
outside every period goes in OUTSIDE. A map dated at a coarser precision than a period's ends (a map of
"2021" against a period from 2021-06 to 2021-12) falls in the first period it may belong to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from argmap.core.record import record

if TYPE_CHECKING:  # positions groups its entries with this module: the types only, no import at run time
    from argmap.analysis.positions import StanceEntry

UNDATED = "undated"
OUTSIDE = "outside the periods"
GROUPINGS = ("year", "period")


@record(frozen=True)
class PeriodSpec:
    """A named period, both ends included, dates as maps write them."""

    name: str
    start: str
    end: str

    def holds(self, date: str) -> bool:
        """Whether a map dated `date` (YYYY, YYYY-MM or YYYY-MM-DD) falls in the period, compared at the
        precision both have."""
        return date[:len(self.start)] >= self.start[:len(date)] and date[:len(self.end)] <= self.end[:len(date)]


def specs(periods: Iterable[tuple[str, str, str]]) -> list[PeriodSpec]:
    """The settings' `periods` (name, first, last) as PeriodSpecs."""
    return [PeriodSpec(*p) for p in periods]


def label(date: str, by: str, periods: Sequence[PeriodSpec] = ()) -> str:
    """The group of a map dated `date` (as written; 'unknown' or its sort form 9999 for no date)."""
    if date in ("unknown", "9999", ""):
        return UNDATED
    if by == "year":
        return date[:4]
    return next((p.name for p in periods if p.holds(date)), OUTSIDE)


def group(entries: Iterable[StanceEntry], by: str, periods: Sequence[PeriodSpec] = ()) -> list[tuple[str, list[StanceEntry]]]:
    """The entries by year (in date order) or by named period (in the settings' order), then the group of
    maps dated outside every period, then the undated; empty groups are left out. Entries keep their order."""
    groups: dict[str, list[StanceEntry]] = {}
    for e in entries:
        groups.setdefault(label(e.date, by, periods), []).append(e)
    if by == "year":
        order = sorted(g for g in groups if g != UNDATED)
    else:
        order = [p.name for p in periods if p.name in groups] + ([OUTSIDE] if OUTSIDE in groups else [])
    if UNDATED in groups:
        order.append(UNDATED)
    return [(name, groups[name]) for name in order]


def span(name: str, periods: Sequence[PeriodSpec]) -> str:
    """'2019-01 to 2019-12' for a named period; '' for a year, OUTSIDE or UNDATED."""
    found = next((p for p in periods if p.name == name), None)
    return f"{found.start} to {found.end}" if found else ""
