"""How many quotes a check verified, failed, or left unchecked: light, so a run without --sources counts
its quotes without importing the matcher."""

from __future__ import annotations

from argmap.core.record import field, record
from argmap.model.maps import Map


@record
class QuoteCounts:
    """How many quotes were checked, for the summary. Picklable: it comes back from worker processes."""

    total: int = 0  # every non-empty quote
    verified: int = 0  # found in its article
    failed: int = 0  # checked and not found (a Q001)
    unchecked: int = 0  # no source.text, or the article missing or unreadable, or no --sources
    articles: set[str] = field(default_factory=set)  # article files read for at least one checked quote

    def line(self, checked: bool) -> str:
        """The summary's sentence: what was verified, or that nothing was (`checked`: --sources given)."""
        quotes = f"{self.total:,} quote{'' if self.total == 1 else 's'}"
        if not checked:
            return (f"Quotes not checked: {quotes} (give --sources DIR, or set `sources` in [tool.argmap], "
                    "to verify them against the article texts)."
                    if self.total else "No quotes to check.")
        articles = len(self.articles)
        line = f"{self.verified:,} of {quotes} verified in {articles:,} article{'' if articles == 1 else 's'}"
        if self.failed:
            line += f"; {self.failed:,} not found"
        if self.unchecked:
            line += f"; {self.unchecked:,} unchecked (no article text)"
        return line + "."

    def to_dict(self, checked: bool) -> dict[str, int | bool]:
        """For the JSON summary and SARIF's run properties."""
        return {"total": self.total, "verified": self.verified, "failed": self.failed, "unchecked": self.unchecked,
                "articles": len(self.articles), "checked": checked}

    def merge(self, other: QuoteCounts) -> None:
        self.total += other.total
        self.verified += other.verified
        self.failed += other.failed
        self.unchecked += other.unchecked
        self.articles |= other.articles


def count_unchecked(m: Map, counts: QuoteCounts) -> None:
    """A run without --sources: every quote of the map is counted, none checked."""
    quotes = sum(1 for item in m.evidence if item.quote.strip())
    counts.total += quotes
    counts.unchecked += quotes
