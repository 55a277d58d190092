"""Writing output files (`-o`): atomically, and never over anything the run read or anything but a file.

The guarantees, for every command that has `-o` (they all write through `write_output`):

* `-o -` (and `/dev/stdout`, `/dev/fd/1`) writes to standard output.
* Otherwise the target must be a regular file or a new path. A fifo, a device (`/dev/null`), a directory,
  a socket, or a descriptor path such as `/dev/stderr` is refused, never replaced.
* A symbolic link is followed: the file it points to is replaced and the link stays a link; so a link to a
  refused file (an input, a fifo, a device) is refused.
* The output never replaces an input of the run: a map or registry (`remember_inputs`), the configuration
  file (any existing file named pyproject.toml or argmap.toml, too), or an existing file under an article
  texts directory (`protect_tree`, which holds whichever process reads the texts).
* The file is written beside the target under a temporary name and renamed into place; on any error, and
  on SIGINT or SIGTERM during the write, the temporary file is removed and the target is left as it was.
  Messages name the target, never the temporary file.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable

from argmap.files import atomicfile
from argmap.files.atomicfile import TEMP_PREFIX, TEMP_SUFFIX, Guard, remove

# What this process read: noted there by the readers, which need not import the writer.
from argmap.files.inputs import _CONFIGS, _INPUTS, _TREES
from argmap.files.inputs import remember_config as remember_config
from argmap.files.inputs import remember_inputs as remember_inputs

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: the writer of files never needs the model to run
    from typing import TextIO

    from argmap.model.maps import Corpus


class OutputError(Exception):
    """A target `-o` must not or cannot write: shown to the user as a usage error."""


# Never written over, read or not: a report in place of the configuration breaks every later command.
CONFIG_NAMES = frozenset({"pyproject.toml", "argmap.toml"})

# Paths that mean "standard output" and not a file to replace.
_STDOUT_PATHS = frozenset({"/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})
# Other paths of this process's descriptors: their real path is a terminal, a pipe, or the file a shell
# redirected to, none of which is ours to replace.
_DESCRIPTOR_DIRS = ("/dev/fd", "/proc/self/fd", f"/proc/{os.getpid()}/fd")
_STREAM_PATHS = frozenset({"/dev/stdin", "/dev/stderr", "/dev/tty"})


def protect_tree(directory: str) -> None:
    """Refuse writing over any file that exists under `directory` (at any depth, symlinks resolved).

    For the article texts directory (`--sources`): the texts are read in worker processes, so the main
    process cannot know which ones were read; every existing file there counts as one. A new file may be
    written there: it was not read by this run, and a report beside the texts is a reasonable wish.
    """
    _TREES.append(os.path.realpath(directory))


State = tuple[list[str], list[str], list[str]]


def saved_state() -> State:
    """The registered inputs, configuration files and trees (for tests, to restore after their own)."""
    return list(_INPUTS), list(_CONFIGS), list(_TREES)


def restore_state(state: State) -> None:
    _INPUTS[:], _CONFIGS[:], _TREES[:] = state


def is_stdout(target: str) -> bool:
    """`-` and the paths of standard output: written to `sys.stdout`, not replaced by a file."""
    return target == "-" or os.path.normpath(os.path.abspath(target)) in _STDOUT_PATHS


def write_output(target: str, write: Callable[[TextIO], object], protect: Corpus | None = None) -> None:
    """Run `write` on a stream that ends up as `target`: standard output for `-`, else a temporary file
    beside `target` renamed into place once complete. `protect`: a corpus whose files are refused too.

    Raises OutputError (a usage error) for a refused or unwritable target; `write`'s other exceptions
    propagate after the temporary file is removed."""
    if is_stdout(target):
        _write_stdout(write)
        return
    real = check_target(target, protect)
    _write_atomic(target, real, write)


def check_target(target: str, protect: Corpus | None = None) -> str:
    """The real path `target` will replace, or OutputError saying why it must not be written."""
    normal = os.path.normpath(os.path.abspath(target))
    if normal in _STREAM_PATHS or os.path.dirname(normal) in _DESCRIPTOR_DIRS:
        raise OutputError(f"refusing to write {target}: not a regular file (-o takes a file, or - for standard output)")
    real = os.path.realpath(target)
    try:
        info: os.stat_result | None = os.stat(real)
    except (FileNotFoundError, NotADirectoryError):
        info = None  # a new file (or a dangling link, whose target is created), or a bad directory: below
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputError(f"refusing to write {target}: not a regular file but {_kind(info.st_mode)} "
                          "(-o takes a regular file or a new path, or - for standard output)")
    if info is not None:
        _refuse_inputs(target, real, protect)
    directory = os.path.dirname(real)
    if not os.path.isdir(directory):
        shown = os.path.dirname(target) or "."
        if os.path.dirname(os.path.abspath(target)) != directory:  # through a symlink: say where it leads
            shown = f"{shown} (through the link, {directory})"
        if os.path.exists(directory):
            raise OutputError(f"cannot write {target}: not a directory: {shown}")
        raise OutputError(f"cannot write {target}: directory does not exist: {shown}")
    return real


def _refuse_inputs(target: str, real: str, protect: Corpus | None) -> None:
    if protect is not None:
        inputs = {os.path.realpath(m.path) for m in protect.maps} | {os.path.realpath(p) for p in protect.registry_files}
        if real in inputs:
            raise OutputError(f"refusing to overwrite an input file: {target}")
    if any(os.path.realpath(p) == real for p in _CONFIGS):
        raise OutputError(f"refusing to overwrite an input file: {target} (the configuration file)")
    if any(os.path.realpath(p) == real for p in _INPUTS):
        raise OutputError(f"refusing to overwrite an input file: {target}")
    for tree in _TREES:
        if real.startswith(tree.rstrip(os.sep) + os.sep):
            raise OutputError(f"refusing to overwrite an input file: {target} (in the sources directory {tree})")
    if os.path.basename(real) in CONFIG_NAMES:
        raise OutputError(f"refusing to overwrite a configuration file: {target}")


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a fifo"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


def _write_stdout(write: Callable[[TextIO], object]) -> None:
    try:
        write(sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader has gone (`argmap report -o - | head`): leave quietly with status 1, as the commands
        # do when they write to standard output without -o (click's handling of EPIPE).
        raise SystemExit(1) from None


def _write_atomic(target: str, real: str, write: Callable[[TextIO], object],
                  unchanged: Callable[[], None] | None = None) -> None:
    """atomicfile.write, its errors said of the target (the OS names the temporary file; the user knows
    the target)."""
    try:
        atomicfile.write(real, write, unchanged)
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from None


def replace_file(path: str, data: bytes, expected: bytes | None = None) -> None:
    """Rewrite the regular file `path` in place (`argmap fix`): `data` goes to a temporary file beside it,
    renamed over it once complete, with the file's mode. Never through a symlink, nor over anything but a
    regular file, nor over a file without write permission (the rename would replace it all the same).
    `expected`: the bytes the caller read and corrected; if the file holds anything else just before the
    rename (an editor saved it meanwhile), nothing is replaced. OutputError says why not."""
    try:
        info = os.lstat(path)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(f"refusing to rewrite {path}: it is a symbolic link")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"refusing to rewrite {path}: not a regular file but {_kind(info.st_mode)}")
    if not os.access(path, os.W_OK) or not info.st_mode & stat.S_IWUSR:  # root may write anything: the mode tells
        raise OutputError(f"refusing to rewrite {path}: it is read-only (make it writable to fix it)")

    def write(stream: TextIO) -> None:
        stream.flush()
        stream.buffer.write(data)

    def unchanged() -> None:
        if expected is None:
            return
        try:
            with open(path, "rb") as handle:
                now = handle.read(len(expected) + 1)
        except OSError as error:
            raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
        if now != expected:
            raise OutputError(f"not rewriting {path}: it changed since it was read (saved meanwhile?); "
                              "nothing was written: run the command again")

    _write_atomic(path, path, write, unchanged)


FileWriter = Callable[["TextIO"], object]


def write_folder(target: str, files: list[tuple[str, FileWriter]], protect: Corpus | None = None,
                 replace: bool = True) -> None:
    """Write the files `files` (name, writer) into the directory `target` (made if missing, only its last
    part): all into a new temporary directory first, then moved into place once every one is complete, so
    that an error part-way (a full disk) leaves the folder as it was. Names are plain file names. A name
    that exists in `target` as anything but a regular file (a symbolic link planted there above all, which
    would carry the write outside the folder) or as an input of the run is refused before anything is
    written; with `replace` False, any existing name is refused, and a file that appears meanwhile is
    never replaced (each is linked into place, which fails where a name exists, and those already
    placed are taken back)."""
    normal = os.path.normpath(os.path.abspath(target))
    if os.path.lexists(target) and not os.path.isdir(target):
        raise OutputError(f"refusing to write {target}: not a directory (the export writes a folder of files)")
    parent = os.path.dirname(normal)
    if not os.path.isdir(parent):
        raise OutputError(f"cannot write {target}: directory does not exist: {os.path.dirname(target) or '.'}")
    exists = os.path.isdir(target)
    for name, _ in files:
        if os.sep in name or name in ("", ".", ".."):
            raise OutputError(f"refusing to write {name!r}: not a plain file name")
        if not exists:
            continue
        place = os.path.join(target, name)
        try:
            info = os.lstat(place)
        except FileNotFoundError:
            continue
        except OSError as error:
            raise OutputError(f"cannot write {place}: {error.strerror or error}") from None
        if not replace:
            raise OutputError(f"refusing to overwrite {place}: it exists (write into a new or empty directory)")
        if stat.S_ISLNK(info.st_mode):
            raise OutputError(f"refusing to write {place}: it is a symbolic link (the export replaces only "
                              "the regular files it wrote; remove the link)")
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(f"refusing to write {place}: not a regular file but {_kind(info.st_mode)}")
        _refuse_inputs(place, os.path.realpath(place), protect)
    # The temporary folder lives where its files end up (inside `target`, or beside a new `target`), so
    # that every move is a rename on one file system.
    home = os.path.realpath(target) if exists else parent
    try:
        with Guard() as guard:
            import tempfile

            guard.temp = tempfile.mkdtemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=home)
            for name, write in files:
                fd = os.open(os.path.join(guard.temp, name),
                             os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
                    write(stream)
            if exists and replace:
                for name, _ in files:
                    os.replace(os.path.join(guard.temp, name), os.path.join(home, name))
                os.rmdir(guard.temp)
            elif exists:
                _link_all(guard.temp, home, [name for name, _ in files])
                remove(guard.temp)
            else:
                os.chmod(guard.temp, _mode_for_dir())
                os.rename(guard.temp, normal)
            guard.temp = None
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from None


def _link_all(source: str, directory: str, names: list[str]) -> None:
    """Each file of `source` linked into `directory` under its name, none replacing anything; on a
    failure, those linked already are removed again (they were ours) and the error raised."""
    placed: list[str] = []
    try:
        for name in names:
            place = os.path.join(directory, name)
            try:
                os.link(os.path.join(source, name), place)
            except FileExistsError:
                raise OutputError(f"refusing to overwrite {place}: it appeared while argmap wrote "
                                  "(nothing was written)") from None
            placed.append(place)
    except BaseException:
        for place in placed:
            remove(place)
        raise


def _mode_for_dir() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask
