"""The whole command line: every command module imported, so `app` holds every command.

`argmap.interfaces.entry` runs a single command without importing the others; this module is for `argmap --help`,
`python -m argmap`, and for tests and tools that want the complete app.
"""

from __future__ import annotations

from argmap.interfaces.commands import import_all
from argmap.interfaces.commands.base import app, command_name, run

__all__ = ["app", "command_name", "main"]

import_all()


def main() -> None:
    run()
