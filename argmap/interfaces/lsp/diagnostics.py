"""The findings of `argmap check` for one open document, and their LSP form.

A map is parsed from the editor's text and checked against its directory's registries (every check of
one map, the quote check when sources are configured), then the checks across maps run over the other
maps' cached summaries; a registry's findings are those of its file. The settings in force (select,
ignore, severity) apply as they do on the command line.
"""

from __future__ import annotations

from functools import cached_property

from lsprotocol import types

from argmap.checks.engine import apply_settings, in_force
from argmap.core.diagnostics import Finding, Severity
from argmap.core.record import field, record
from argmap.interfaces.lsp.text import Codec, scalar_end, split_lines
from argmap.interfaces.lsp.workspace import Folder, load_text, summarise
from argmap.model import maps as model
from argmap.model import suppress
from argmap.model.corpus import TextOf
from argmap.syntax.yamlsource import Document, Path

SOURCE = "argmap"


@record
class Analysis:
    """One open document as last checked."""

    path: str
    kind: str
    text: str
    document: Document | None
    map: model.Map | None
    findings: list[Finding]
    folder: Folder
    lines: list[str] = field(default_factory=list)

    def finding_at(self, code: str, message: str, line: int) -> Finding | None:
        """The finding a diagnostic of the editor shows (`line` 0-based, as the diagnostic's range starts)."""
        for finding in self.findings:
            if finding.code == code and finding.message.split("\n", 1)[0] == message and \
                    finding_span(finding, self.lines)[0] == line:
                return finding
        return None

    @cached_property
    def entries(self) -> list[tuple[int, int, int, Path, bool]]:
        """Every key and value of the document by where it starts: (line, column, depth, path, is_key)."""
        if self.document is None:
            return []
        out = [(line, column, len(path), path, False) for path, (line, column) in self.document.pos.items()]
        out.extend((line, column, len(path), path, True) for path, (line, column) in self.document.keypos.items())
        out.sort(key=lambda entry: entry[:3])
        return out


def analyse(path: str, kind: str, text: str, folder: Folder, text_of: TextOf) -> Analysis:
    from argmap.model.corpus import gc_paused

    with gc_paused():  # as check does: building a map makes many objects and no cycles
        return _analyse(path, kind, text, folder, text_of)


def _analyse(path: str, kind: str, text: str, folder: Folder, text_of: TextOf) -> Analysis:
    settings = folder.settings
    document, findings = load_text(path, text, kind, settings.limits)
    lines = split_lines(text)
    built: model.Map | None = None
    if kind == "map":
        if document is not None:
            built = model.build_map(document)
            checked, more = folder.checks(text_of)(built)
            findings.extend(more)
            del checked
            folder.put(path, summarise(built, lines))
        else:
            folder.put(path, None)
    registries = folder.registries(text_of)
    if kind != "map" and path in registries.paths:
        findings = []  # the registries were loaded with this text: their findings hold this file's
    findings.extend(f for f in registries.findings if f.path == path)
    # check's own checks of the corpus as a whole (registries, links.yaml, across maps), this file's part
    findings.extend(f for f in folder.across(text_of, path if kind == "map" else None) if f.path == path)
    # As check does: the suppression comments of this text (unsaved edits included), then the settings.
    kept = suppress.apply_texts(findings, {path: text}, settings.per_file_ignores, in_force(settings)).findings
    unique = list(dict.fromkeys(apply_settings(kept, settings)))
    return Analysis(path, kind, text, document, built, unique, folder, lines)


_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def finding_span(finding: Finding, lines: list[str]) -> tuple[int, int, int, int]:
    """0-based (line, char, end line, end char) of a finding: the token it points at, or the first line."""
    if finding.line <= 0 or finding.line > len(lines):
        return 0, 0, 0, len(lines[0]) if lines else 0
    line = finding.line - 1
    text = lines[line]
    start = min(max(finding.column - 1, 0), len(text))
    if finding.end_line:
        return line, start, finding.end_line - 1, max(finding.end_column - 1, 0)
    return line, start, line, scalar_end(text, start)


def to_range(span: tuple[int, int, int, int], lines: list[str], codec: Codec) -> types.Range:
    line, char, end_line, end_char = span

    def unit(row: int, column: int) -> types.Position:
        text = lines[row] if 0 <= row < len(lines) else ""
        return types.Position(row, codec.units(text, column))

    return types.Range(unit(line, char), unit(end_line, end_char))


def to_diagnostic(finding: Finding, lines: list[str], codec: Codec) -> types.Diagnostic:
    message = finding.message + (f"\n{finding.hint}" if finding.hint else "")
    return types.Diagnostic(
        range=to_range(finding_span(finding, lines), lines, codec),
        message=message,
        severity=_SEVERITY[finding.severity],
        code=finding.code,
        source=SOURCE,
        data={"hint": finding.hint},
    )


def diagnostics(analysis: Analysis, codec: Codec) -> list[types.Diagnostic]:
    return [to_diagnostic(f, analysis.lines, codec) for f in analysis.findings]
