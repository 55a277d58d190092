"""`--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

from argmap._version import __version__
from argmap.checks.engine import Result
from argmap.checks.quote_counts import QuoteCounts
from argmap.core.diagnostics import Severity
from argmap.core.rules import RULES
from argmap.core.safetext import json_document, path_uri

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    return path_uri(path)


def document(result: Result) -> dict[str, Any]:
    quotes = result.quotes or QuoteCounts()
    codes = sorted(RULES)
    index = {code: i for i, code in enumerate(codes)}
    rules = [{
        "id": code,
        "name": RULES[code].name,
        "shortDescription": {"text": RULES[code].summary},
        "fullDescription": {"text": RULES[code].explanation},
        "help": {"text": RULES[code].explanation},
        "defaultConfiguration": {"level": _LEVEL[RULES[code].severity]},
    } for code in codes]
    results = []
    # Suppressed findings are results too, marked as SARIF marks them (code scanning shows them as dismissed).
    reasons: list[str | None] = [None] * len(result.findings) + [reason for _, reason in result.suppressed]
    for f, reason in zip([*result.findings, *(f for f, _ in result.suppressed)], reasons, strict=True):
        location: dict[str, Any] = {"artifactLocation": {"uri": _uri(f.path), "uriBaseId": "%SRCROOT%"}}
        if f.line:
            location["region"] = {"startLine": f.line, "startColumn": max(f.column, 1)}
        text = f.message + (f" (hint: {f.hint})" if f.hint else "")
        results.append({
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _LEVEL[f.severity],
            "message": {"text": text},
            "locations": [{"physicalLocation": location}],
            **({"suppressions": [{"kind": "inSource", "justification": reason}]} if reason is not None else {}),
        })
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "argmap",
                "version": __version__,
                "informationUri": "https://pypi.org/project/argmap/",
                "rules": rules,
            }},
            "results": results,
            "columnKind": "unicodeCodePoints",
            # What the run checked, as in the JSON summary: a pass with unchecked quotes says so.
            "properties": {"quotes": quotes.to_dict(bool(result.sources))},
        }],
    }


def report(result: Result, out: TextIO, color: bool) -> None:
    out.write(json_document(document(result)))
