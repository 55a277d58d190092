"""The console entry point. It runs before the CLI is built, so that `argmap check` (run on every save
and every commit) imports and builds only the command it runs, and leaves without the interpreter's teardown."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn


def main() -> NoReturn:
    if sys.argv[1:2] == ["check"]:
        # The cyclic collector off for the whole process, before anything is imported: the check pauses it
        # anyway (argmap.model.corpus.gc_paused), and its one collection when it is back on would walk
        # every object left (1.5 ms of a re-check with the cache) just before os._exit frees them all.
        import gc

        gc.disable()
    os._exit(execute(sys.argv[1:]))


def execute(argv: list[str]) -> int:
    """Run the command line `argv` (sys.argv is set to it) and return the exit status, the output flushed.
    `main` leaves with it at once; the tests' in-process runner (tests/clirun.py) calls this directly."""
    sys.argv[1:] = argv
    _closed_streams()
    if argv in (["--version"], ["-V"]):
        # What `argmap.interfaces.commands.base._version` prints, without importing typer (two thirds of start-up):
        # scripts and editors run this to find argmap.
        from argmap import __version__

        sys.stdout.write(f"argmap {__version__}\n")
        return status(0)
    from argmap.interfaces.commands import COMMANDS

    words = [arg for arg in argv if not arg.startswith("-")]
    command = words[0] if words and words[0] in COMMANDS else None
    try:
        if argv[:1] == ["check"]:
            # `argmap check` on every save: its usual command lines run without typer, half of start-up
            from argmap.interfaces.commands.checking import quick

            if quick(argv[1:]):
                return status(0)
        # The command's own module, or (for --help, --version and unknown words) every command. (importlib,
        # and the warnings it imports, only here: the quick check needs neither.)
        import importlib

        importlib.import_module(f"argmap.interfaces.commands.{COMMANDS[command]}" if command else "argmap.interfaces.cli")
        from argmap.interfaces.commands.base import run

        run(only=command)
    except SystemExit as leaving:
        return status(leaving.code)
    return status(0)


def _closed_streams() -> None:
    """A standard stream the shell closed (`argmap check maps >&-`) is None in Python: writing to it was an
    internal error. What would go there is dropped (as by `>/dev/null`), and the exit status still tells."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


def status(code: object) -> int:
    """The exit status of `code` (as SystemExit carries it), with the output flushed. The interpreter's own
    teardown, which `main` skips, frees every module and object one by one, about 10 ms or a tenth of
    `argmap check` on one map, and there is nothing left for it to do: files are written and closed, and
    worker pools are shut down, by the time a command returns."""
    if code is None:
        result = 0
    elif isinstance(code, int):
        result = code
    else:  # as sys.exit("message") does
        sys.stderr.write(f"{code}\n")
        result = 1
    for stream in (sys.stdout, sys.stderr):
        if stream is None or getattr(stream, "closed", False):  # closed on purpose (the language server's on exit): nothing to flush
            continue
        try:
            stream.flush()
        except (OSError, ValueError):
            # The reader has gone (`argmap export | head -c 100`): quietly, with status 1, as click does
            # when a write meets the closed pipe earlier on.
            result = result or 1
    return result
