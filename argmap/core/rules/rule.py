"""What a rule is: a stable code and name (the user's interface: suppressions, settings, SARIF, docs), a
default severity, a sentence, the long form, and the examples that show it failing and passing.

Each rule is a typed constant of argmap.core.rules (`MISSING_THESIS`), so that a check names its rule by a name
mypy checks, never by a string.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from argmap.core.diagnostics import Finding, Severity
from argmap.core.record import record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argmap.core.rules.example import Examples

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


@record(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    # The examples, built when first asked for (`argmap explain`, docs/rules.md, the tests): a check never
    # needs them, so that reading the rules costs every run nothing more.
    make_examples: Callable[[], Examples]

    @property
    def examples(self) -> Examples:
        return _built(self.make_examples)

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


@functools.cache
def _built(make: Callable[[], Examples]) -> Examples:
    # An example is written in the words of argmap.core.rules.example, which the module of the rules names
    # for mypy only (a check builds no example, and so never imports them): they are brought into that
    # module when the first example is built, each name the module does not define itself.
    from argmap.core.rules import example

    words: dict[str, object] = getattr(make, "__globals__", {})
    for name, value in vars(example).items():
        if not name.startswith("_"):
            words.setdefault(name, value)
    return make()
