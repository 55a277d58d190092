"""Readable findings for a person at a terminal: coloured there, plain when piped."""

from __future__ import annotations

from argmap.checks.engine import Result
from argmap.core.diagnostics import Severity

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO

    from argmap.authoring.unanswered import Open

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def summary(result: Result) -> str:
    errors, warnings, infos = (result.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    files = f"{result.files} file{'s' if result.files != 1 else ''}"
    # Suppressed findings are named in the summary, so a pass that hides some says so.
    hidden = (f"; {len(result.suppressed)} suppressed (--show-suppressed lists them)"
              if result.suppressed else "")
    if not result.findings:
        maps = result.maps
        return f"All checks passed ({files}, {maps} map{'s' if maps != 1 else ''}{hidden})."
    parts = [f"{n} {word}{'s' if n != 1 and word != 'info' else ''}"
             for n, word in ((errors, "error"), (warnings, "warning"), (infos, "info")) if n]
    verdict = "failed" if result.exit_code else "passed"
    strict = " (--strict: warnings count)" if result.strict and warnings else ""
    return f"Check {verdict}{strict}: {', '.join(parts)} in {files}{hidden}."


def quotes_line(result: Result) -> str:
    from argmap.checks.quote_counts import QuoteCounts

    return (result.quotes or QuoteCounts()).line(bool(result.sources))


def _quotes_failed(result: Result) -> bool:
    return bool(result.quotes and result.quotes.failed)


def _where(path: str, line: int, column: int) -> str:
    return f"{path}:{line}:{column}" if line else path


def _unanswered(result: Result, rows: list[Open] | None) -> list[str]:
    """The --show-unanswered section, between the findings and the summary (empty without the flag)."""
    if rows is None:
        return []
    from argmap.authoring.unanswered import to_text
    from argmap.core.safetext import clean

    return [clean(line) for line in to_text(rows, result.corpus)]


def suppressed_lines(result: Result) -> list[str]:
    """--show-suppressed: each finding accepted where it lives, with its reason."""
    if not result.suppressed:
        return ["No finding is suppressed."]
    from argmap.core.safetext import clean

    lines = [f"Suppressed ({len(result.suppressed)}):"]
    for f, reason in result.suppressed:
        lines.append(clean(f"  {_where(f.path, f.line, f.column)}: {f.code} {f.message}"))
        lines.append(clean(f"    because: {reason}"))
    return lines


def report(result: Result, out: TextIO, color: bool, unanswered: list[Open] | None = None, quiet: bool = False,
           show_suppressed: bool = False) -> None:
    """The findings, the unanswered questions if asked, the suppressed findings if asked, then the
    summary and the quote check's line (left out when `quiet`)."""
    extra = [*_unanswered(result, unanswered), *(suppressed_lines(result) if show_suppressed else [])]
    if result.findings:  # text from the maps to show: a check that passes imports nothing more to print
        from argmap.core.safetext import clean
    if not color:
        for f in result.findings:
            out.write(f"{clean(_where(f.path, f.line, f.column))}: {f.code} [{f.severity.value}] {clean(f.message)}\n")
            if f.hint:
                out.write(f"    hint: {clean(f.hint)}\n")
        for shown in extra:
            out.write(shown + "\n")
        if not quiet:
            out.write(summary(result) + "\n")
            out.write(quotes_line(result) + "\n")
        return
    from rich.console import Console
    from rich.text import Text

    # The caller decided on colour (--color, NO_COLOR, FORCE_COLOR, a terminal): rich must not second-guess it.
    console = Console(file=out, highlight=False, soft_wrap=True, force_terminal=True, no_color=False)
    for f in result.findings:
        line = Text()
        line.append(clean(_where(f.path, f.line, f.column)), style="bold")
        line.append(": ")
        line.append(f.code, style=_STYLE[f.severity])
        line.append(f" [{f.severity.value}] ", style=_STYLE[f.severity])
        line.append(clean(f.message))
        console.print(line)
        if f.hint:
            console.print(Text.assemble(("    hint: ", "dim"), clean(f.hint)))
    for shown in extra:
        console.print(Text(shown))
    if quiet:
        return
    style = "bold red" if result.exit_code else "bold green"
    console.print(Text(summary(result), style=style))
    console.print(Text(quotes_line(result), style="bold red" if _quotes_failed(result) else "dim"))
