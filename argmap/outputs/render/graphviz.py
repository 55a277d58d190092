"""SVG and PNG through Graphviz's `dot` program, where it is installed (no shell, a list argv)."""

from __future__ import annotations

import os
import shutil
import subprocess

MISSING = "Graphviz is not installed: apt-get install graphviz / brew install graphviz"
FORMATS = ("svg", "png")
TIMEOUT = 120  # seconds: a corpus diagram of thousands of nodes still finishes well within this


class GraphvizError(Exception):
    """Graphviz is missing, or failed on the input."""


def find_dot() -> str | None:
    """The `dot` program: $ARGMAP_DOT if set, else the first `dot` on PATH."""
    override = os.environ.get("ARGMAP_DOT")
    if override:
        return override if os.path.isfile(override) and os.access(override, os.X_OK) else None
    return shutil.which("dot")


def render(source: str, fmt: str, dpi: int = 0) -> bytes:
    """The DOT `source` drawn as `fmt` (svg or png)."""
    if fmt not in FORMATS:
        raise ValueError(f"unsupported Graphviz format: {fmt}")
    program = find_dot()
    if program is None:
        raise GraphvizError(MISSING)
    argv = [program, f"-T{fmt}"]
    if dpi:
        argv.append(f"-Gdpi={int(dpi)}")
    try:
        done = subprocess.run(argv, input=source.encode("utf-8"), capture_output=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired as error:
        raise GraphvizError(f"Graphviz took longer than {TIMEOUT} s; draw it as --format dot instead") from error
    except OSError as error:
        raise GraphvizError(f"cannot run Graphviz ({program}): {error.strerror or error}") from error
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GraphvizError("Graphviz failed: " + (message[-1] if message else f"exit status {done.returncode}"))
    return done.stdout
