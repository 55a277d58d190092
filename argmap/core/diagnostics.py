"""The one diagnostic type every check yields and every reporter prints."""

from __future__ import annotations

from enum import Enum

from argmap.core.record import record, replace

# Exit codes, named once: what they mean is part of the CLI's contract.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@record(frozen=True, slots=True)
class Finding:
    """One problem at one place. Lines and columns are 1-based; 0 means the whole file."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str = ""
    end_line: int = 0
    end_column: int = 0
    # What could replace the value the finding points at, best first ("did you mean"), as data: the hint says
    # it in words; the editor's quick fixes and `argmap fix` read it here (as pyflakes' message_args).
    suggestions: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[type[Finding], tuple[object, ...]]:
        # Pickled as its fields, and made again with one call: a frozen dataclass with slots would set each
        # field through Python code on unpickling, and findings come back from the workers by the thousand.
        return Finding, (self.path, self.line, self.column, self.code, self.severity, self.message, self.hint,
                         self.end_line, self.end_column, self.suggestions)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line or self.line,
            "end_column": self.end_column or self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }
