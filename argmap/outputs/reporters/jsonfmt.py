"""`--format json`: one object with the findings and a summary, stable for scripts."""

from __future__ import annotations

from argmap._version import __version__
from argmap.checks.engine import Result
from argmap.checks.quote_counts import QuoteCounts
from argmap.core.diagnostics import Severity
from argmap.core.safetext import json_document

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO

    from argmap.authoring.unanswered import Open


def report(result: Result, out: TextIO, color: bool, unanswered: list[Open] | None = None) -> None:
    """`unanswered` (--show-unanswered) adds the `unanswered` object: map path -> its open questions."""
    quotes = result.quotes or QuoteCounts()
    document = {
        "version": __version__,
        "files": result.files,
        "maps": result.maps,
        "summary": {**{s.value: result.count(s) for s in Severity},
                    "quotes": quotes.to_dict(bool(result.sources))},
        "exit_code": result.exit_code,
        "findings": [f.to_dict() for f in result.findings],
        # Accepted where they live (`# argmap: ignore[...]`, per-file-ignores), with the reason given.
        "suppressed": [{**f.to_dict(), "justification": reason} for f, reason in result.suppressed],
    }
    if unanswered is not None:
        from argmap.authoring.unanswered import to_json

        document["unanswered"] = to_json(unanswered)
    out.write(json_document(document))
