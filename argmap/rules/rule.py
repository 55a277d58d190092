"""What a rule is: a stable code and name (the user's interface: suppressions, settings, SARIF, docs), a
default severity, a sentence, the long form, and the examples that show it failing and passing.

Each rule is a typed constant of the module of its family (`argmap.rules.structure.MISSING_THESIS`), so
that a check names its rule by an attribute mypy checks, never by a string.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.diagnostics import Finding, Severity
from argmap.rules.example import Examples

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO

FAMILIES = {
    "Y": "syntax: files that do not read as one YAML document",
    "S": "schema: fields, types and values",
    "R": "references: ids that point nowhere or twice",
    "A": "structure: the shape of the argument",
    "C": "consistency: an agent's stances",
    "Q": "quotes: evidence checked against the article text",
    "L": "links: claims of different maps joined in links.yaml",
    "X": "suppressions: `# argmap: ignore[CODE] reason` comments that are malformed or unused",
}


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    examples: Examples

    def at(
        self,
        path: str,
        line: int,
        column: int,
        message: str,
        hint: str = "",
        severity: Severity | None = None,
        suggestions: tuple[str, ...] = (),
    ) -> Finding:
        return Finding(path, line, column, self.code, severity or self.severity, message, hint,
                       suggestions=suggestions)
