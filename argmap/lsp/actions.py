"""Quick fixes for findings: take a "did you mean", add an unknown agent to agents.yaml, replace a
near-miss quote by the article's exact wording (found again with textmatch, never parsed from a hint),
and, for any finding, the suppression comment that accepts it where it lives."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from argmap import textmatch
from argmap.corpus import TextOf
from argmap.diagnostics import Finding
from argmap.lsp.diagnostics import Analysis
from argmap.lsp.text import Span, node_span, split_lines
from argmap.yamlsource import read_text

_UNKNOWN_AGENT = re.compile(r"^agent '([^']+)' is not in the agents registry")
MIN_SCORE = 60.0  # a closest passage less alike than this is another sentence, not the quote mistyped


@dataclass(frozen=True)
class Fix:
    """One quick fix: replace `span` of `path` (characters) by `text`."""

    title: str
    path: str
    span: Span
    text: str
    preferred: bool = False


def did_you_mean(finding: Finding | None, span: Span, path: str) -> Fix | None:
    """The finding's best suggestion (Finding.suggestions: data, never read back from the hint's words)."""
    if finding is None or not finding.suggestions:
        return None
    replacement = finding.suggestions[0]
    return Fix(f"Replace with '{replacement}'", path, span, replacement, preferred=True)


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
    lines = split_lines(text)
    item = next((m for m in (re.match(r"^(\s*)-(\s+)id:", line) for line in lines) if m), None)
    dash, gap = (item.group(1), item.group(2)) if item else ("  ", " ")
    inner = " " * (len(dash) + 1 + len(gap))  # the column of the entry's keys, as the registry writes them
    entry = f"{dash}- id: {ident}\n{inner}name: {_title(ident)}\n"
    last = len(lines) - 1
    prefix = "" if lines[last] == "" else "\n"
    return Fix(f"Add '{ident}' to {path.rsplit('/', 1)[-1]}", path, Span(last, len(lines[last]), last, len(lines[last])),
               prefix + entry)


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
    span = node_span(analysis.text, ("evidence", index, "quote"))
    if span is None:
        return None
    # A JSON string is a valid YAML double-quoted scalar: any wording is written safely on one line.
    return Fix("Replace the quote by the article's wording", analysis.path, span,
               json.dumps(wording, ensure_ascii=False), preferred=True)


def _scalar_lines(text: str) -> list[tuple[int, int]]:
    """The (first, last) 0-based lines of each scalar that spans lines: a comment may not go at the end
    of any of them but the last (it would land inside the string), nor on a line of its own between them."""
    import yaml

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        root = yaml.compose(text, Loader=loader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return []
    out: list[tuple[int, int]] = []
    stack = [root] if root is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            last = node.end_mark.line - (1 if node.end_mark.column == 0 else 0)
            if last > node.start_mark.line:
                out.append((node.start_mark.line, last))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)
    return out


PLACEHOLDER = "REASON"  # not a reason: suppress.py reports it (X001) until the author writes one


def suppression(analysis: Analysis, code: str, line: int) -> Fix | None:
    """`# argmap: ignore[CODE] REASON` for the finding's line (argmap.suppress), with REASON for the author to
    replace (until then X001 says it gives no reason); not for findings about the whole file (line 0), the
    suppressions' own, or those no comment can accept. At the end of the line, unless a string spans
    from it to the next: then alone on a line above it (which covers the line below); and none where
    the line is inside such a string (any comment there would change the string)."""
    from argmap.suppress import UNSUPPRESSIBLE

    lines = split_lines(analysis.text)
    if code.startswith("X") or code in UNSUPPRESSIBLE or not 0 <= line < len(lines):
        return None
    comment = f"# argmap: ignore[{code}] {PLACEHOLDER}"
    spans = _scalar_lines(analysis.text)
    if any(first < line <= last for first, last in spans):
        return None
    if any(first == line for first, _ in spans):
        indent = lines[line][:len(lines[line]) - len(lines[line].lstrip(" "))]
        return Fix(f"Suppress {code} on this line (with a reason)", analysis.path, Span(line, 0, line, 0),
                   f"{indent}{comment}\n")
    end = len(lines[line])
    return Fix(f"Suppress {code} on this line (with a reason)", analysis.path, Span(line, end, line, end),
               f"  {comment}")


def fixes(analysis: Analysis, code: str, message: str, span: Span, text_of: TextOf) -> list[Fix]:
    """The quick fixes of the finding `code` with `message` at `span` of the analysed document."""
    finding = analysis.finding_at(code, message, span.line)
    makers: list[Callable[[], Fix | None]] = [lambda: did_you_mean(finding, span, analysis.path)]
    if code == "R005":
        makers.append(lambda: add_agent(analysis, message, text_of))
    if code == "Q001":
        makers.append(lambda: exact_quote(analysis, span.line))
    makers.append(lambda: suppression(analysis, code, span.line))  # last: the fixes come first
    return [fix for fix in (make() for make in makers) if fix is not None]
