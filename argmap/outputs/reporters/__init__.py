"""Output formats for `argmap check`: one module per format behind one function, chosen by name."""

from __future__ import annotations

from argmap.core.notyping import Protocol

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO

    from argmap.checks.engine import Result

FORMATS = {
    "text": "argmap.outputs.reporters.text",
    "json": "argmap.outputs.reporters.jsonfmt",
    "github": "argmap.outputs.reporters.github",
    "sarif": "argmap.outputs.reporters.sarif",
}


class Reporter(Protocol):
    def __call__(self, result: Result, out: TextIO, color: bool) -> None: ...


def get(name: str) -> Reporter:
    """The reporter for a format name; imported on demand so start-up stays small (by `__import__`, which
    with a `fromlist` gives the module itself: importlib and the warnings it imports are not on the check's
    path)."""
    return __import__(FORMATS[name], fromlist=("report",)).report  # type: ignore[no-any-return]
