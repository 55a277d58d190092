"""The command line run in this process, as `python -m argmap` runs it, for the tests that need no process
of their own (most of them): about 0.2 s saved on each call, which over the suite is minutes.

`run_cli` goes through the same entry (`argmap.interfaces.entry.execute`) as the console script, with standard
output and error as UTF-8 pipes (not terminals), an empty standard input, `sys.argv`, the working
directory and the environment set for the call, and everything it changed put back afterwards: the
process-wide state argmap keeps (inputs never to be written over, the "-j capped" note said once, the
commands typer was told to build, signal handlers) starts fresh on each call. ARGMAP_DEBUG is unset, as
for a user, so an unexpected exception shows as argmap's "internal error" message and exit status 2.

What needs a real process is marked `e2e` and starts one (`run_process`): start-up time, signals, pipes
closed early, the interpreter's own stdout encoding, exit statuses through a shell.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import tempfile
import types
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import typer
import typer.main

ROOT = Path(__file__).resolve().parent.parent
MAIN = str(ROOT / "argmap" / "__main__.py")
SCRIPT = str(Path(sys.executable).parent / "argmap")

# Taken out of the environment of each run: the tests' ARGMAP_DEBUG (a user's run has none), and the
# colour settings of whoever runs the tests, which would otherwise change the output a test reads.
USER_ENV_DROPPED = ("ARGMAP_DEBUG", "NO_COLOR", "FORCE_COLOR")


@dataclass
class Result:
    """A finished run: the exit status, and standard output and error (as text, and output as bytes)."""

    code: int
    stdout: str
    stderr: str
    stdout_bytes: bytes = b""

    @property
    def returncode(self) -> int:  # as subprocess.CompletedProcess says it
        return self.code

    @property
    def exit_code(self) -> int:  # as click's test runner says it
        return self.code

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _environment(env: Mapping[str, str | None] | None, drop: tuple[str, ...]) -> dict[str, str]:
    full = {k: v for k, v in os.environ.items() if k not in drop}
    for name, value in (env or {}).items():
        if value is None:
            full.pop(name, None)
        else:
            full[name] = value
    return full


# The click command typer builds from an app, kept for each set of its commands (and the one setting typer
# reads while building): building every command took 50-90 ms of each CliRunner call, and one command 3-5 ms
# of each `run_cli`, a third of a short command's time (over 300 and 3,000 calls in the suite). A process
# builds it once too, and click's commands are made to be invoked again.
_BUILT: dict[tuple[object, ...], tuple[object, ...]] = {}


def _signature(app: typer.Typer, alive: list[object]) -> tuple[object, ...]:
    """What typer builds a command from, that a test or argmap's run changes: which commands and groups an
    app has (argmap.interfaces.commands.base.run keeps only the one to run) and their short help (which it
    fills in)."""
    alive += [app, *app.registered_commands, *app.registered_groups]
    return (id(app), tuple((id(c), c.short_help) for c in app.registered_commands),
            tuple((id(g), g.typer_instance and _signature(g.typer_instance, alive)) for g in app.registered_groups))


def keep_built_commands() -> None:
    """typer's `get_command`, for the rest of this process, builds each app's command once (tests/conftest.py)."""
    import typer.testing

    build = typer.main.get_command
    if getattr(build, "keeps_built", False):
        return

    def built(typer_instance: typer.Typer) -> object:
        alive: list[object] = []
        key = (_signature(typer_instance, alive), os.environ.get("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"))
        if key not in _BUILT:
            # what the key names by id is kept alive with it, so that no id is used again for another object
            _BUILT[key] = (build(typer_instance), alive)
        return _BUILT[key][0]

    built.keeps_built = True  # type: ignore[attr-defined]
    typer.main.get_command = built  # type: ignore[assignment]
    typer.testing._get_command = built  # type: ignore[attr-defined]


def run_cli(*args: str, cwd: Path | str | None = None, env: Mapping[str, str | None] | None = None,
            input: str | bytes | None = None, drop: tuple[str, ...] = USER_ENV_DROPPED, script: bool = False,
            debug: bool = False) -> Result:
    """`python -m argmap ARGS...` in this process, in `cwd` (default: the repository root), with the
    environment of this process less `drop`, plus `env` (a value of None removes that variable). With
    `script`, as the installed `argmap` script runs it (the program's name matters to shell completion).
    With `debug` (ARGMAP_DEBUG=1), an unexpected exception is raised here, its traceback whole, instead of
    argmap's one-line "internal error"."""
    from argmap.files import output
    from argmap.interfaces.commands import base
    from argmap.interfaces.entry import execute
    from argmap.model import corpus

    stdin_bytes = input.encode() if isinstance(input, str) else (input or b"")
    out_buffer, err_buffer = io.BytesIO(), io.BytesIO()
    # As Python makes them for pipes under a UTF-8 locale: stdout strict, stderr backslashreplace.
    stdout = io.TextIOWrapper(out_buffer, encoding="utf-8", errors="strict", write_through=True)
    stderr = io.TextIOWrapper(err_buffer, encoding="utf-8", errors="backslashreplace", write_through=True)
    stdin = io.TextIOWrapper(io.BytesIO(stdin_bytes), encoding="utf-8")

    saved_streams = (sys.stdin, sys.stdout, sys.stderr)
    saved_argv = sys.argv[:]
    saved_main = sys.modules.get("__main__")
    saved_environ = dict(os.environ)
    saved_cwd = os.getcwd()
    saved_output = output.saved_state()
    saved_capped = corpus._capped_said
    saved_commands = base.app.registered_commands  # the list itself: a command module imported now adds to it
    saved_handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}

    # click names the program from __main__ and argv[0]: "python -m argmap", as in a process.
    main = types.ModuleType("__main__")
    main.__package__ = None if script else "argmap"
    saved_tempdir = tempfile.tempdir  # decided once a process, from TMPDIR: decided again for this run
    try:
        environment = _environment(env, drop)  # read before the clear below, or it reads nothing
        os.environ.clear()
        os.environ.update(environment)
        if debug:
            os.environ["ARGMAP_DEBUG"] = "1"
        os.chdir(cwd if cwd is not None else ROOT)
        sys.argv = [SCRIPT if script else MAIN]
        tempfile.tempdir = None
        sys.modules["__main__"] = main
        sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
        output.restore_state(([], [], []))
        corpus._capped_said = False
        code = execute(list(args))
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        sys.argv = saved_argv
        if saved_main is not None:
            sys.modules["__main__"] = saved_main
        tempfile.tempdir = saved_tempdir
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_environ)
        output.restore_state(saved_output)
        corpus._capped_said = saved_capped
        base.app.registered_commands = saved_commands  # `run(only=...)` put a list of one in its place
        for number, handler in saved_handlers.items():
            signal.signal(number, handler)
    data = out_buffer.getvalue()
    return Result(code, data.decode("utf-8", "surrogateescape"), err_buffer.getvalue().decode("utf-8", "replace"),
                  data)


def run_process(*args: str, cwd: Path | str | None = None, env: Mapping[str, str | None] | None = None,
                input: str | bytes | None = None, drop: tuple[str, ...] = USER_ENV_DROPPED,
                timeout: float = 120) -> Result:
    """`python -m argmap ARGS...` in a process of its own, for the `e2e` tests; the same arguments and
    result as `run_cli`."""
    stdin = input.encode() if isinstance(input, str) else input
    done = subprocess.run([sys.executable, "-m", "argmap", *args], cwd=cwd if cwd is not None else ROOT,
                          env=_environment(env, drop), input=stdin, capture_output=True, timeout=timeout,
                          check=False)
    return Result(done.returncode, done.stdout.decode("utf-8", "surrogateescape"),
                  done.stderr.decode("utf-8", "replace"), done.stdout)
