"""The console entry point. It runs before the CLI is built, so that `argmap check` (run on every save
and every commit) does not import and build the nine commands in argmap/commands/ it does not need."""

from __future__ import annotations

import sys

# The commands defined in argmap/cli.py itself (a test keeps this list equal to them).
CORE_COMMANDS = frozenset({"check", "rules", "explain", "schema", "quotes"})


def main() -> None:
    words = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
    if words and words[0] in CORE_COMMANDS:
        import argmap.commands

        argmap.commands.CORE_ONLY = True
    from argmap.cli import main as run

    run()
