"""Accepting one finding where it lives, with the reason beside it (as flake8's `# noqa: E501` and
yamllint's `# yamllint disable-line` do), and in `[tool.argmap] per-file-ignores`:

    claims:
      - id: no-source   # argmap: ignore[A006] the article gives no source for this
      # argmap: ignore[A009] the long quote is needed whole
      - id: long-quote ...
    # argmap: ignore-file[R010] (at the top of a map: the whole file)

A comment on the line of a finding, or alone on the line above it, suppresses those rules there. A
suppression without a reason is itself a finding (X001), an unknown rule is an error (X002), and one that
suppresses nothing is reported (X003, like ruff's unused-noqa), so that suppressions do not rot.

A `#` read as a comment is one at the start of a line or after white space, as YAML reads it, found by a
scan of the text rather than by the parser: so `# argmap:` after a space inside a quoted string counts
too (a quote would have to contain that very text). Comments are read from the files' text here, after the checks, in the main process: so every finding is
subject to them, those of the checks across maps included. The text is scanned, and kept, only where it
holds "# argmap: ignore" at all.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping

from argmap.core.diagnostics import Finding
from argmap.core.patterns import later
from argmap.core.record import field, record
from argmap.core.rules import SUPPRESSION_UNKNOWN_RULE, SUPPRESSION_UNUSED, SUPPRESSION_WITHOUT_REASON, resolve
from argmap.files.bounded import read_regular, utf8_text

# YAML starts a comment with "#" at the start of a line or after white space.
_COMMENT = later(r"(?:^|(?<=\s))#\s*argmap:\s*(ignore|ignore-file)\s*\[([^\]\n]*)\]([^\n]*)")
# What any suppression comment holds (a superset of _COMMENT): a file without it is not scanned, or kept.
# Not just "argmap:", which every map holds in its `argmap: 1` line: that kept every file's text at once
# (115 MB at 10,000 maps).
_MARKER = re.compile(rb"#\s*argmap:\s*ignore")
_TEXT_MARKER = later(_MARKER.pattern.decode())
# Findings that mean the file was not read as a map at all (not YAML, empty, not UTF-8, the wrong shape,
# over a limit, unreadable): no comment in it can accept them, `ALL` included, or a broken map would
# pass with every check unrun.
UNSUPPRESSIBLE = frozenset({"Y001", "Y003", "Y004", "Y005", "Y007", "Y008"})
# Words that stand in for a reason (an editor's quick fix writes REASON for the author to replace).
_PLACEHOLDERS = frozenset({"reason", "todo", "fixme", "tbd", "xxx", "why", "because", "..."})


def may_suppress(raw: bytes) -> bool:
    """Whether a file's bytes could hold a suppression comment (the cache remembers it of each map, so that
    a re-check reads only the files that may)."""
    return _MARKER.search(raw) is not None


def may_suppress_text(text: str) -> bool:
    """As `may_suppress`, of a file's decoded text (the loader's, which has read it already)."""
    return _TEXT_MARKER.search(text) is not None


def _is_placeholder(reason: str) -> bool:
    words = reason.strip(" .:-—").casefold()
    return not words or words in _PLACEHOLDERS or reason.strip() in ("...", "…")


@record
class Suppression:
    path: str
    line: int
    column: int
    whole_file: bool
    codes: frozenset[str]
    reason: str
    alone: bool  # the comment is the whole line: it also covers the line below
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        if finding.code not in self.codes:
            return False
        return self.whole_file or finding.line == self.line or (self.alone and finding.line == self.line + 1)


@record
class Outcome:
    findings: list[Finding]  # what remains to report, the suppressions' own findings included
    suppressed: list[tuple[Finding, str]] = field(default_factory=list)  # each with the reason


def scan(path: str, text: str) -> tuple[list[Suppression], list[Finding]]:
    """The suppression comments of one file, and the findings about malformed ones (X001, X002)."""
    out: list[Suppression] = []
    problems: list[Finding] = []
    leading = True  # ignore-file belongs in the comments that open a file
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        found = _COMMENT.search(line)
        if found:
            kind, listed, reason = found.group(1), found.group(2), found.group(3).strip()
            column = found.start() + 1 + (line[found.start()] != "#")
            codes: set[str] = set()
            for token in (t.strip() for t in listed.split(",")):
                matched = resolve(token) if token else []
                if not matched:
                    problems.append(SUPPRESSION_UNKNOWN_RULE.at(
                        path, number, column, f"`argmap: {kind}` names no rule {token!r}",
                        "use rule codes as `argmap rules` lists them, such as A006"))
                fixed = [rule.code for rule in matched if rule.code in UNSUPPRESSIBLE]
                if fixed and len(fixed) == len(matched):
                    problems.append(SUPPRESSION_UNKNOWN_RULE.at(
                        path, number, column, f"`argmap: {kind}` cannot suppress {', '.join(fixed)}: "
                        "the file was not read as a map, so none of its checks ran",
                        "fix the file itself; these findings say why it cannot be read"))
                codes.update(rule.code for rule in matched if rule.code not in UNSUPPRESSIBLE)
            if not reason or _is_placeholder(reason):
                said = "gives no reason" if not reason else f"gives {reason!r} for a reason, a placeholder"
                problems.append(SUPPRESSION_WITHOUT_REASON.at(
                    path, number, column, f"`argmap: {kind}[{listed}]` {said}",
                    f"say why after the brackets: # argmap: {kind}[{listed}] the article gives no source"))
            whole = kind == "ignore-file"
            if whole and not leading:
                problems.append(SUPPRESSION_WITHOUT_REASON.at(
                    path, number, column, "`argmap: ignore-file` stands below the top of the file",
                    "move it into the comments that open the file"))
            elif codes:
                out.append(Suppression(path, number, column, whole, frozenset(codes), reason,
                                       alone=stripped.startswith("#")))
        if stripped and not stripped.startswith("#"):
            leading = False
    return out, problems


_MAX_SCANNED = 20_000_000  # the default max-file-size: a larger map was never read, so it holds no suppression


def _read(path: str) -> str | None:
    """The text of a regular file that mentions "argmap:", else None. A fifo or a device is never opened
    (a fifo would block the read forever), as the loader never opens one."""
    try:
        raw, _ = read_regular(path, _MAX_SCANNED)
    except OSError:
        return None
    if raw is None or not may_suppress(raw):
        return None
    return utf8_text(raw, errors="replace")


def apply(findings: Iterable[Finding], files: Iterable[str],
          per_file_ignores: Mapping[str, Iterable[str]] | None = None,
          in_force: Callable[[str], bool] = lambda code: True, unmarked: Collection[str] = ()) -> Outcome:
    """The findings less the suppressed ones, with the suppressions' own findings (X001-X003). A
    suppression only of rules not `in_force` (--ignore, --select) is not reported as unused. `unmarked`:
    files known to hold no suppression comment (the cache saw their bytes), which are not read again."""
    texts = {path: text for path in dict.fromkeys(files)
             if path not in unmarked and (text := _read(path)) is not None}
    return apply_texts(findings, texts, per_file_ignores, in_force)


def apply_texts(findings: Iterable[Finding], texts: Mapping[str, str],
                per_file_ignores: Mapping[str, Iterable[str]] | None = None,
                in_force: Callable[[str], bool] = lambda code: True) -> Outcome:
    """As `apply`, with the files' texts given (the language server's unsaved documents)."""
    by_path: dict[str, list[Suppression]] = {}
    extra: list[Finding] = []
    for path, text in texts.items():
        if not _TEXT_MARKER.search(text):
            continue
        found, problems = scan(path, text)
        extra.extend(problems)
        if found:
            by_path[path] = found
    ignores = [(pattern, {r.code for c in codes for r in resolve(c)}) for pattern, codes in (per_file_ignores or {}).items()]
    out = Outcome([])
    for finding in findings:
        # per-file-ignores, a reviewed glob in the configuration, may accept any finding; a comment in a file
        # that was not read as a map may not (scan leaves those codes out of every suppression too).
        reason = _config_reason(finding, ignores)
        if reason is None and finding.code not in UNSUPPRESSIBLE:
            for suppression in by_path.get(finding.path, ()):
                if suppression.covers(finding):
                    suppression.used = True
                    reason = suppression.reason or "(no reason given)"
                    break
        if reason is None:
            out.findings.append(finding)
        else:
            out.suppressed.append((finding, reason))
    for suppressions in by_path.values():
        for s in suppressions:
            if not s.used and any(in_force(code) for code in s.codes):
                where = "in this file" if s.whole_file else "on this line" + (" or the next" if s.alone else "")
                extra.append(SUPPRESSION_UNUSED.at(
                    s.path, s.line, s.column, f"`argmap: ignore[{', '.join(sorted(s.codes))}]` suppresses nothing {where}",
                    "remove the comment: the finding it was written for is gone"))
    out.findings.extend(extra)
    return out


def _config_reason(finding: Finding, ignores: list[tuple[str, set[str]]]) -> str | None:
    for pattern, codes in ignores:
        if finding.code in codes:
            import fnmatch  # only with per-file-ignores in [tool.argmap] naming the finding's rule

            if fnmatch.fnmatch(finding.path, pattern) or fnmatch.fnmatch(os.path.abspath(finding.path), pattern):
                return f"per-file-ignores {pattern!r} in [tool.argmap]"
    return None
