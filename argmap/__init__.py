"""argmap: argument maps in YAML, checked like code.

The library (`argmap.check`, `argmap.load`, `argmap.positions`, ... in argmap/interfaces/api.py, documented in
docs/api.md) is loaded on first use, so that `import argmap` costs what the command line's start-up does.
"""

from __future__ import annotations

from argmap._version import FORMAT_VERSION, __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["FORMAT_VERSION", "__version__", "agreement", "brief", "check", "compare", "load", "matrix", "positions",
           "settings", "tables", "timeline"]
_API = frozenset(__all__) - {"FORMAT_VERSION", "__version__"}


def __getattr__(name: str) -> Any:
    if name in _API:
        from argmap.interfaces import api

        return getattr(api, name)
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")
