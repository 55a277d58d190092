"""A corpus as it was at a git revision: its files written to a temporary directory, then loaded.

Git is run without a shell, with the revision passed as one argument after validation and every path
after `--` (or `--end-of-options`), so neither a revision nor a file name can smuggle options or
commands. Blob sizes are read before blobs: a file over the size limit is never read.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from argmap.core.safetext import clean, path_text
from argmap.model.corpus import EXTENSIONS, REGISTRY_NAMES

_BLOB_MODES = {"100644", "100755"}


class RevisionError(Exception):
    """Not a git repository, or no such revision: a usage error."""


def _git(args: list[str], cwd: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise RevisionError("git is not installed (needed to read a revision)") from error


NOT_IN_GIT = "not inside a git repository"


def toplevel(cwd: str = ".") -> str:
    result = _git(["rev-parse", "--show-toplevel"], cwd)
    if result.returncode:
        raise RevisionError(NOT_IN_GIT)
    return result.stdout.decode("utf-8", "surrogateescape").strip()


def commit_of(revision: str, cwd: str = ".") -> str:
    """The commit id `revision` names, or RevisionError."""
    if not revision or revision.startswith("-"):
        raise RevisionError(f"not a file, directory or git revision: {revision!r}")
    try:
        top = toplevel(cwd)
    except RevisionError as error:
        if str(error) != NOT_IN_GIT:
            raise
        # Say both: the word was taken for a revision only because no such file or directory exists.
        raise RevisionError(f"not a file, directory or git revision: {revision!r} (no such file or directory, "
                            "and not inside a git repository, where a revision could be read)") from None
    result = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], top)
    if result.returncode:
        raise RevisionError(f"not a file, directory or git revision: {revision!r}")
    return result.stdout.decode().strip()


def untouched(revision: str, path: str, cwd: str = ".") -> bool | None:
    """Whether no file under `path` (in the working tree) differs from `revision`, untracked files
    included; None where git cannot tell."""
    try:
        commit = commit_of(revision, cwd)
        changed = _git(["diff", "--quiet", commit, "--", path], cwd)
        untracked = _git(["ls-files", "--others", "--exclude-standard", "--", path], cwd)
    except RevisionError:
        return None
    if changed.returncode not in (0, 1) or untracked.returncode:
        return None
    return changed.returncode == 0 and not untracked.stdout.strip()


def _entries(commit: str, top: str, prefix: str) -> list[tuple[str, str, int]]:
    """(path, blob id, size) of every YAML file under `prefix` at `commit`, and of registries in its parents."""
    args = ["ls-tree", "-r", "-z", "-l", "--full-tree", commit, "--"]  # -l: sizes, read before any blob is
    if prefix:
        args.append(prefix)
    result = _git(args, top)
    if result.returncode:
        raise RevisionError(result.stderr.decode("utf-8", "replace").strip() or f"cannot list {commit}")
    out = []
    for record in result.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, kind, blob, size = meta.decode().split()
        path = raw_path.decode("utf-8", "surrogateescape")
        if kind == "blob" and mode in _BLOB_MODES and path.endswith(EXTENSIONS):
            if not size.isdigit():  # git prints BAD for an object it cannot read (corrupt)
                raise RevisionError(_error("cannot read", path, result) if result.stderr.strip()
                                    else f"cannot read {path}: git says: object {blob} is corrupt")
            out.append((path, blob, int(size)))
    # Registries may live above the corpus directory, as `argmap check` finds them there too.
    parent = os.path.dirname(prefix.rstrip("/"))
    while prefix:
        for name in REGISTRY_NAMES:
            spec = f"{commit}:{parent}/{name}" if parent else f"{commit}:{name}"
            found = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", spec], top)
            if found.returncode == 0:
                blob = found.stdout.decode().strip()
                sized = _git(["cat-file", "-s", blob], top)
                if sized.returncode:
                    raise RevisionError(_error("cannot read", f"{parent}/{name}" if parent else name, sized))
                out.append((f"{parent}/{name}" if parent else name, blob, int(sized.stdout)))
        if not parent:
            break
        parent = os.path.dirname(parent)
    return out


def _error(what: str, name: str, result: subprocess.CompletedProcess[bytes] | None = None, stderr: bytes = b"") -> str:
    """git's own words, for a repository git cannot read (a corrupt or missing object)."""
    text = (result.stderr if result is not None else stderr).decode("utf-8", "replace")
    said = "; ".join(line.strip() for line in text.splitlines() if line.strip())
    return f"{what} {name}: git says: {said}" if said else f"{what} {name}"


def _write_blobs(wanted: dict[str, list[tuple[str, str]]], top: str) -> None:
    """Write each blob to its target files ((path in the repository, file) pairs), one blob at a time through `git cat-file --batch` (a blob is
    never held whole with the others). A missing or corrupt object is a RevisionError with git's message,
    never an empty file."""
    if not wanted:
        return
    try:
        process = subprocess.Popen(["git", "cat-file", "--batch"], cwd=top, stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except FileNotFoundError as error:
        raise RevisionError("git is not installed (needed to read a revision)") from error
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    try:
        for blob, targets in wanted.items():
            name = targets[0][0]
            try:
                process.stdin.write(f"{blob}\n".encode())
                process.stdin.flush()  # without --buffer, git answers each request as it comes
            except BrokenPipeError:
                pass
            header = process.stdout.readline().split()
            if len(header) < 3 or header[1] != b"blob":
                process.kill()
                if header[1:2] == [b"missing"]:
                    raise RevisionError(f"cannot read {name}: git says: object {blob} is missing")
                raise RevisionError(_error("cannot read", name, stderr=process.stderr.read()))
            left = int(header[2])
            streams = [open(target, "wb") for _, target in targets]  # closed below
            try:
                while left:
                    chunk = process.stdout.read(min(left, 1 << 20))
                    if not chunk:
                        process.kill()
                        raise RevisionError(_error("cannot read", name, stderr=process.stderr.read()))
                    for stream in streams:
                        stream.write(chunk)
                    left -= len(chunk)
            finally:
                for stream in streams:
                    stream.close()
            process.stdout.read(1)  # the newline after the contents
    finally:
        process.stdin.close()
        process.wait()
        process.stdout.close()
        process.stderr.close()


@contextmanager
def checkout(revision: str, corpus_path: str, max_file_size: int) -> Iterator[str]:
    """Yield the path of `corpus_path` as it was at `revision`, materialised in a temporary directory.
    A file over `max_file_size` (the run's setting) is not read from git: its place is taken
    by a sparse file of its size, which the loader refuses unread (Y007), and a warning says so."""
    limit = max_file_size
    commit = commit_of(revision)
    top = toplevel()
    prefix = os.path.relpath(os.path.abspath(corpus_path), top).replace(os.sep, "/")
    if prefix == ".":
        prefix = ""
    if prefix.startswith("../"):
        raise RevisionError(f"{corpus_path} is outside the git repository {top}")
    entries = _entries(commit, top, prefix)
    if not any(path == prefix or path.startswith(f"{prefix}/") or not prefix for path, _, _ in entries):
        raise RevisionError(f"{corpus_path or '.'} does not exist at {revision}")
    with tempfile.TemporaryDirectory(prefix="argmap-rev-") as temp:
        root = os.path.realpath(temp)
        os.mkdir(os.path.join(root, ".git"))  # stops the registry search from leaving the checkout
        wanted: dict[str, list[tuple[str, str]]] = {}
        for path, blob, size in sorted(entries, key=lambda entry: entry[1]):
            target = os.path.realpath(os.path.join(root, path))
            if not target.startswith(root + os.sep):
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if size > limit:
                # a path in git is any bytes: a terminal escape in a file name must not reach the terminal
                sys.stderr.write(f"argmap: warning: {path_text(path)} at {clean(revision)} is {size:,} bytes, over the limit of "
                                 f"{limit:,}: not read (Y007)\n")
                with open(target, "wb") as stream:
                    stream.truncate(size)  # sparse: the size the loader refuses, without the contents
                continue
            wanted.setdefault(blob, []).append((path, target))
        _write_blobs(wanted, top)
        yield os.path.join(root, prefix) if prefix else root
