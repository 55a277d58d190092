"""The one atomic writer: a file is written beside its target under a temporary name and renamed into
place once complete, so that a reader never sees half a file, and an error or a signal part-way leaves
the target as it was and no temporary file behind.

Low in the layers (files), so that the cache entries (cachefiles) and the outputs (output.py, which adds
what a target may be) are written by the same code.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from types import FrameType, TracebackType

TYPE_CHECKING = False
if TYPE_CHECKING:
    import signal as _signal  # typed: the same functions and constants
    from typing import Any, TextIO
else:
    # `_signal`, not `signal` (nor `threading`): `signal` builds its enums on import, and with `threading`
    # that is a tenth of a re-check with the cache, which writes its index through here.
    import _signal

TEMP_PREFIX = ".argmap-"
TEMP_SUFFIX = ".tmp"


class Signalled(BaseException):
    pass


class Guard:
    """SIGINT and SIGTERM while a file is written (SIGTERM would otherwise end the process at once): the
    handler removes the temporary file itself, so that no moment of the write leaves one behind, and
    raises `Signalled` to stop the write; the signal is delivered again once the handlers in force
    before are back (`redeliver`). A later signal is only recorded: the cleanup runs to its end."""

    def __init__(self) -> None:
        self.temp: str | None = None
        self.received: int | None = None
        self.quiet = False
        self.previous: dict[int, Any] = {}

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        if self.temp is not None:
            remove(self.temp)
        if self.received is None:
            self.received = signum
            if not self.quiet:
                raise Signalled

    def install(self) -> None:
        for signum in (_signal.SIGINT, _signal.SIGTERM):
            try:
                self.previous[signum] = _signal.signal(signum, self)
            except ValueError:  # not the main thread: only there may handlers be set
                return

    def restore(self) -> None:
        self.quiet = True
        for signum, old in self.previous.items():
            _signal.signal(signum, old)

    def __enter__(self) -> Guard:
        self.install()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> bool:
        """The temporary file removed if it is still there, the handlers put back, and a signal received
        meanwhile delivered again; `Signalled` stops here (the signal is what goes on)."""
        try:
            self.quiet = True
            if self.temp is not None:
                remove(self.temp)
        finally:
            self.restore()
            if self.received is not None:
                redeliver(self.received)
        return kind is not None and issubclass(kind, Signalled)


def redeliver(signum: int) -> None:
    """The signal again, to the handler in force before the write: SIGTERM ends the process as killed by
    it (status 143 in a shell), SIGINT raises KeyboardInterrupt (130). If that handler ignores it, leave
    with the conventional status all the same."""
    _signal.raise_signal(signum)
    if signum == _signal.SIGINT:
        raise KeyboardInterrupt
    raise SystemExit(128 + signum)


def write(real: str, fill: Callable[[TextIO], object], unchanged: Callable[[], None] | None = None) -> None:
    """Run `fill` on a stream (UTF-8, "\\n" line ends; its `.buffer` takes bytes) that ends up as the file
    `real`: a temporary file beside it, given the file's mode (or a new file's), renamed over it once
    complete. On any error, and on SIGINT or SIGTERM, the temporary file is removed and `real` is left as
    it was; OSError propagates, and a signal is delivered again once the file is cleaned up.
    `unchanged`: run after the temporary file is complete and just before the rename; it raises when the
    target must not be replaced after all (it changed since it was read)."""
    directory = os.path.dirname(real)
    with Guard() as guard:
        # The name is known to the guard before the file is made: a signal at any point after finds it.
        while True:
            guard.temp = os.path.join(directory, f"{TEMP_PREFIX}{os.urandom(8).hex()}{TEMP_SUFFIX}")
            try:
                fd = os.open(guard.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
                break
            except FileExistsError:
                guard.temp = None
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            fill(stream)
        # The file was made private (0600); a report is meant to be shared, so give it the mode a
        # plain open() would: the existing file's, or 0666 less the umask.
        os.chmod(guard.temp, mode_for(real))
        if unchanged is not None:
            unchanged()
        os.replace(guard.temp, real)
        guard.temp = None


def remove(path: str) -> None:
    try:
        if os.path.isdir(path) and not os.path.islink(path):  # write_folder's temporary folder
            import shutil

            shutil.rmtree(path, ignore_errors=True)
            return
        os.unlink(path)
    except OSError:
        pass  # already gone (renamed into place, or removed by the signal handler), or not ours to fix


def mode_for(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
