""""Did you mean": the one place that finds the known names closest to an unknown one.

Every "did you mean" in argmap (ids in maps, keys, stance labels, rule codes, names on the command line,
article file names) asks a `Suggester`. It scores with rapidfuzz's normalised Indel similarity (C code,
linear in the two strings), case-folded, and keeps a budget of comparisons for its lifetime: a map with
thousands of unknown references against thousands of ids stays linear instead of quadratic, and past the
budget the findings simply carry their plain hint.
"""

from __future__ import annotations

from collections.abc import Iterable

from argmap.core.notyping import NamedTuple

CUTOFF = 60.0  # per cent similarity below which nothing is suggested
BUDGET = 2_000_000  # comparisons one Suggester makes in its life, whatever it is asked


class Suggestion(NamedTuple):
    """A hint in words and the names it suggests, best first (Finding.suggestions)."""

    hint: str
    picks: tuple[str, ...]


class Suggester:
    """Closest matches among a fixed set of candidates, each shown as given."""

    def __init__(self, candidates: Iterable[str], cutoff: float = CUTOFF, budget: int = BUDGET) -> None:
        self._candidates = candidates  # folded on the first question: most checks never ask one
        self._shown: dict[str, str] | None = None
        self.cutoff = cutoff
        self.budget = budget

    @property
    def _keys(self) -> list[str]:
        if self._shown is None:
            self._shown = {}
            for candidate in self._candidates:
                self._shown.setdefault(candidate.casefold(), candidate)
            self._key_list = list(self._shown)
        return self._key_list

    def closest(self, name: str, limit: int = 1) -> list[str]:
        """Up to `limit` candidates, best first, those within 10 points of the best; [] if none is close."""
        keys = self._keys
        if not keys or not name or self.budget < len(keys):
            return []
        self.budget -= len(keys)
        from rapidfuzz import fuzz, process

        folded = name.casefold()
        found = process.extract(folded, keys, scorer=fuzz.ratio, score_cutoff=self.cutoff, limit=max(limit, 1) * 4)
        if not found:
            return []
        best = found[0][1]
        # Ties are broken by the candidates' order, as given: the first registered wins.
        ranked = sorted((item for item in found if item[1] >= best - 10), key=lambda item: (-item[1], item[2]))
        shown = self._shown or {}
        return [shown[key] for key, _score, _index in ranked[:limit]]

    def suggest(self, name: str, fallback: str = "", quote: str = "'", limit: int = 1) -> Suggestion:
        """'did you mean 'x'?' with the names suggested (up to `limit`, the hint names the best), else
        `fallback` and none."""
        close = self.closest(name, limit)
        return Suggestion(f"did you mean {quote}{close[0]}{quote}?" if close else fallback, tuple(close))

    def hint(self, name: str, fallback: str = "", quote: str = "'") -> str:
        """'did you mean 'x'?', else `fallback`."""
        return self.suggest(name, fallback, quote).hint


def suggestion(name: str, candidates: Iterable[str], fallback: str = "", quote: str = "'",
               limit: int = 1) -> Suggestion:
    """The suggestion from a one-off set of candidates."""
    return Suggester(candidates).suggest(name, fallback, quote, limit)


def did_you_mean(name: str, candidates: Iterable[str], fallback: str = "", quote: str = "'") -> str:
    """One suggestion from a one-off set of candidates, in words."""
    return suggestion(name, candidates, fallback, quote).hint
