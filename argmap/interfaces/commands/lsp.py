"""`argmap lsp`: the language server, over standard input and output."""

from __future__ import annotations

from typing import Annotated

import typer

from argmap.interfaces.commands.base import app, usage_error


@app.command()
def lsp(
    stdio: Annotated[bool, typer.Option("--stdio", help="Talk LSP over standard input and output (the default; "
                                        "accepted because editors often pass it).")] = True,
) -> None:
    """Run the language server for map and registry files (diagnostics, completion, hover, navigation, fixes).

    Needs the `lsp` extra: pip install 'argmap[lsp]'. docs/editors.md shows how to set up an editor.
    """
    try:
        from argmap.interfaces.lsp.server import serve
    except ImportError as error:
        if (error.name or "").split(".")[0] not in ("pygls", "lsprotocol"):
            raise
        usage_error("`argmap lsp` needs pygls: install it with pip install 'argmap[lsp]'")

    raise typer.Exit(serve())
