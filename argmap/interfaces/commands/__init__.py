"""The commands, one module per group; each registers its typer commands on `base.app` when imported.

`COMMANDS` is the one table of which module defines which command: `argmap.interfaces.entry` imports only the
module of the command it runs (so `argmap check` on every save builds one command), `argmap.interfaces.cli` all.
Modules import only typer and the standard library at import time; the work is imported inside commands.
"""

COMMANDS = {
    "check": "check", "quotes": "check", "new": "new",
    "rules": "rules", "explain": "rules", "schema": "rules",
    "positions": "analysis", "matrix": "analysis", "compare": "analysis", "timeline": "analysis",
    "diff": "analysis", "diff-driver": "analysis", "brief": "analysis",
    "graph": "visual", "report": "visual", "export": "visual",
    "fix": "fix", "lsp": "lsp", "init": "init",
    "evaluate": "links", "links": "links",
    "import": "importing",
    "reliability": "research", "plot": "research",
}


def import_all() -> None:
    import importlib

    for module in dict.fromkeys(COMMANDS.values()):
        importlib.import_module(f"argmap.interfaces.commands.{module}")
