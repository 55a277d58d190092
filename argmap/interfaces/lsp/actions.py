"""Quick fixes for findings: take a "did you mean", add an unknown agent to agents.yaml, replace a
near-miss quote by the article's exact wording (found again with textmatch, never parsed from a hint),
and, for any finding, the suppression comment that accepts it where it lives."""

from __future__ import annotations

import re
from collections.abc import Callable

from argmap.core.diagnostics import Finding
from argmap.core.record import record
from argmap.files import textmatch
from argmap.interfaces.lsp.diagnostics import Analysis
from argmap.interfaces.lsp.text import Span, split_lines
from argmap.model.corpus import TextOf
from argmap.syntax import yamledit
from argmap.syntax.yamlsource import read_text

_UNKNOWN_AGENT = re.compile(r"^agent '([^']+)' is not in the agents registry")
MIN_SCORE = 60.0  # a closest passage less alike than this is another sentence, not the quote mistyped


@record(frozen=True)
class Fix:
    """One quick fix: replace `span` of `path` (characters) by `text`: a yamledit.Edit, as LSP ranges it."""

    title: str
    path: str
    span: Span
    text: str
    preferred: bool = False

    @classmethod
    def of(cls, title: str, path: str, text: str, edit: yamledit.Edit, preferred: bool = False) -> Fix:
        """The fix that makes `edit` in `text` (the text of `path`)."""
        return cls(title, path, Span(*yamledit.span(text, edit)), edit.text, preferred)


def did_you_mean(finding: Finding | None, span: Span, path: str, text: str) -> Fix | None:
    """The finding's best suggestion (Finding.suggestions: data, never read back from the hint's words)."""
    if finding is None or not finding.suggestions:
        return None
    replacement = finding.suggestions[0]
    edit = yamledit.Edit(yamledit.offset(text, span.line, span.char), yamledit.offset(text, span.end_line, span.end_char),
                         replacement)
    return Fix.of(f"Replace with '{replacement}'", path, text, edit, preferred=True)


def _title(ident: str) -> str:
    return " ".join(word.capitalize() for word in ident.split("-"))


def add_agent(analysis: Analysis, message: str, text_of: TextOf) -> Fix | None:
    found = _UNKNOWN_AGENT.match(message)
    if found is None or not analysis.folder.files.agents:
        return None
    ident = found.group(1)
    path = analysis.folder.files.agents[0]
    if ident in analysis.folder.registries(text_of).corpus.agents:
        return None
    text = text_of(path)
    if text is None:
        text, _ = read_text(path, path, analysis.folder.settings.limits)
        if text is None:
            return None
    try:
        edit = yamledit.Source(text, analysis.folder.settings.limits).append("agents", [
            lambda dash, inner: yamledit.mapping_item(dash, inner, [f"id: {ident}", f"name: {_title(ident)}"])],
            at_end=True)
    except yamledit.EditError:
        return None  # the registry does not parse, or its agents are not the last block: by hand
    return Fix.of(f"Add '{ident}' to {path.rsplit('/', 1)[-1]}", path, text, edit)


def exact_quote(analysis: Analysis, line: int) -> Fix | None:
    """For a Q001 on 0-based `line`: the article's own wording of the quote that stands there."""
    m = analysis.map
    if m is None:
        return None
    found = next(((i, e) for i, e in enumerate(m.evidence) if e.quote_line == line + 1), None)
    if found is None:
        return None
    index, evidence = found
    article = analysis.folder.sources.get(m)
    if not isinstance(article, textmatch.Normalised):
        return None
    gap = analysis.folder.settings.max_ellipsis_gap
    if textmatch.find(evidence.quote, article, gap) is not None:
        return None
    wording = textmatch.in_other_case(evidence.quote, article, gap)
    if wording is None and not textmatch.has_ellipsis(evidence.quote):
        failure = textmatch.explain(evidence.quote, article, gap)
        near = textmatch.nearest(evidence.quote, article) if failure.rule is None else None
        if near is not None and near.score >= MIN_SCORE:
            wording = near.passage
    if not wording or wording == evidence.quote:
        return None
    try:
        # Double-quoted, every unprintable escaped: any wording is written safely on one line.
        edit = yamledit.Source(analysis.text, analysis.folder.settings.limits).replace_value(
            ("evidence", index, "quote"), yamledit.quoted(wording))
    except yamledit.EditError:
        return None
    return Fix.of("Replace the quote by the article's wording", analysis.path, analysis.text, edit, preferred=True)


def _scalar_lines(text: str) -> list[tuple[int, int]]:
    """The (first, last) 0-based lines of each scalar that spans lines: a comment may not go at the end
    of any of them but the last (it would land inside the string), nor on a line of its own between them."""
    try:
        return yamledit.Source(text).multiline_scalars()
    except yamledit.EditError:
        return []


PLACEHOLDER = "REASON"  # not a reason: suppress.py reports it (X001) until the author writes one


def suppression(analysis: Analysis, code: str, line: int) -> Fix | None:
    """`# argmap: ignore[CODE] REASON` for the finding's line (argmap.model.suppress), with REASON for the author to
    replace (until then X001 says it gives no reason); not for findings about the whole file (line 0), the
    suppressions' own, or those no comment can accept. At the end of the line, unless a string spans
    from it to the next: then alone on a line above it (which covers the line below); and none where
    the line is inside such a string (any comment there would change the string)."""
    from argmap.model.suppress import UNSUPPRESSIBLE

    lines = split_lines(analysis.text)
    if code.startswith("X") or code in UNSUPPRESSIBLE or not 0 <= line < len(lines):
        return None
    comment = f"# argmap: ignore[{code}] {PLACEHOLDER}"
    spans = _scalar_lines(analysis.text)
    if any(first < line <= last for first, last in spans):
        return None
    title = f"Suppress {code} on this line (with a reason)"
    text = analysis.text
    if any(first == line for first, _ in spans):
        indent = lines[line][:len(lines[line]) - len(lines[line].lstrip(" "))]
        at = yamledit.offset(text, line, 0)
        return Fix.of(title, analysis.path, text, yamledit.Edit(at, at, f"{indent}{comment}{yamledit.newline_of(text)}"))
    at = yamledit.offset(text, line, len(lines[line]))
    return Fix.of(title, analysis.path, text, yamledit.Edit(at, at, f"  {comment}"))


def fixes(analysis: Analysis, code: str, message: str, span: Span, text_of: TextOf) -> list[Fix]:
    """The quick fixes of the finding `code` with `message` at `span` of the analysed document."""
    finding = analysis.finding_at(code, message, span.line)
    makers: list[Callable[[], Fix | None]] = [lambda: did_you_mean(finding, span, analysis.path, analysis.text)]
    if code == "R005":
        makers.append(lambda: add_agent(analysis, message, text_of))
    if code == "Q001":
        makers.append(lambda: exact_quote(analysis, span.line))
    makers.append(lambda: suppression(analysis, code, span.line))  # last: the fixes come first
    return [fix for fix in (make() for make in makers) if fix is not None]
