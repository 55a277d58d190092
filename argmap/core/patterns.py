"""Regular expressions compiled when first used: a module-level pattern that a run may never use (most of
them, on a check of one clean map) costs that run nothing. Compiling one costs 0.1 to 0.5 ms, and start-up is
what `argmap check` on one map mostly is.

`later(PATTERN)` stands in for `re.compile(PATTERN)` where the pattern is declared: its users call
`.search`, `.sub`, ... as on the compiled pattern (mypy sees one), and after the first call each method is
the compiled pattern's own, bound.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import AnyStr


class _Later:
    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self.pattern = pattern  # as re.Pattern.pattern, without compiling
        self._flags = flags

    def __getattr__(self, name: str) -> object:
        # Called only for a name not yet found on the object: the first use of each method.
        value = getattr(re.compile(self.pattern, self._flags), name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"later({self.pattern!r})"


def later(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """`re.compile(pattern, flags)`, done when the pattern is first used."""
    return _Later(pattern, flags)  # type: ignore[return-value]
