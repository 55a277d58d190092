"""What goes on of one checked map (engine.MapChecks makes it, the cache stores it): here, below both, so
that the cache does not import the engine that opens it."""

from __future__ import annotations

from argmap.checks.across import MapFacts
from argmap.checks.quote_counts import QuoteCounts
from argmap.core.record import record
from argmap.model.maps import Map


@record
class Checked:
    """What goes on of one checked map: the map itself only if the model is wanted, its facts for the
    checks across maps, and its quote counts."""

    map: Map | None
    facts: MapFacts
    quotes: QuoteCounts
    article: str = ""  # the map's source.text: what the cache checks its quote findings still hold against


class Held(str):
    """A map the cache holds unchanged, by its path: what goes on of it (its facts, its quote counts) stays in
    the cache's stored form, which the cache's ledger reads (checks.cache.CorpusLedger.hold), so that a
    re-check builds no object per unchanged map."""

    __slots__ = ()


class StaleCache(Exception):
    """What the cache held of a map could not be read when the checks across maps needed it (an index not as
    argmap writes it): the check runs again without it."""
