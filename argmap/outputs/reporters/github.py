"""`--format github`: one GitHub Actions workflow command per finding, shown as an annotation."""

from __future__ import annotations

from argmap.checks.engine import Result
from argmap.core.diagnostics import Severity
from argmap.core.safetext import clean, path_text
from argmap.outputs.reporters.text import summary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    # GitHub's own escapes; controls were shown as \x1b etc. by `clean` before, so the runner's log
    # (a terminal emulator in the browser) never receives raw ESC, OSC 8/52 or bidi characters.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def report(result: Result, out: TextIO, color: bool) -> None:
    for f in result.findings:
        props = [f"file={_property(path_text(f.path))}"]
        if f.line:
            props += [f"line={f.line}", f"col={f.column}"]
        props.append(f"title={_property(f'argmap {f.code}')}")
        message = clean(f.message) + (f"\n{clean(f.hint)}" if f.hint else "")
        out.write(f"::{_LEVEL[f.severity]} {','.join(props)}::{_data(f'{f.code} {message}')}\n")
    out.write(summary(result) + "\n")
