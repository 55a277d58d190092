"""A corpus as it was at a git revision: its files written to a temporary directory, then loaded.

Git is run without a shell, with the revision passed as one argument after validation, so a
revision name cannot smuggle options or commands.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from argmap.corpus import EXTENSIONS, REGISTRY_NAMES

_BLOB_MODES = {"100644", "100755"}


class RevisionError(Exception):
    """Not a git repository, or no such revision: a usage error."""


def _git(args: list[str], cwd: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise RevisionError("git is not installed (needed to read a revision)") from error


def toplevel(cwd: str = ".") -> str:
    result = _git(["rev-parse", "--show-toplevel"], cwd)
    if result.returncode:
        raise RevisionError("not inside a git repository")
    return result.stdout.decode("utf-8", "surrogateescape").strip()


def commit_of(revision: str, cwd: str = ".") -> str:
    """The commit id `revision` names, or RevisionError."""
    if not revision or revision.startswith("-"):
        raise RevisionError(f"not a file, directory or git revision: {revision!r}")
    top = toplevel(cwd)
    result = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], top)
    if result.returncode:
        raise RevisionError(f"not a file, directory or git revision: {revision!r}")
    return result.stdout.decode().strip()


def _entries(commit: str, top: str, prefix: str) -> list[tuple[str, str]]:
    """(path, blob id) of every YAML file under `prefix` at `commit`, and of registries in its parents."""
    args = ["ls-tree", "-r", "-z", "--full-tree", commit]
    if prefix:
        args += ["--", prefix]
    result = _git(args, top)
    if result.returncode:
        raise RevisionError(result.stderr.decode("utf-8", "replace").strip() or f"cannot list {commit}")
    out = []
    for record in result.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, kind, blob = meta.decode().split()
        path = raw_path.decode("utf-8", "surrogateescape")
        if kind == "blob" and mode in _BLOB_MODES and path.endswith(EXTENSIONS):
            out.append((path, blob))
    # Registries may live above the corpus directory, as `argmap check` finds them there too.
    parent = os.path.dirname(prefix.rstrip("/"))
    while prefix:
        for name in REGISTRY_NAMES:
            spec = f"{commit}:{parent}/{name}" if parent else f"{commit}:{name}"
            found = _git(["rev-parse", "--verify", "--quiet", spec], top)
            if found.returncode == 0:
                out.append((f"{parent}/{name}" if parent else name, found.stdout.decode().strip()))
        if not parent:
            break
        parent = os.path.dirname(parent)
    return out


def _blobs(blobs: list[str], top: str) -> dict[str, bytes]:
    result = _git(["cat-file", "--batch"], top, stdin="".join(f"{b}\n" for b in blobs).encode())
    data, out, pos = result.stdout, {}, 0
    for _ in blobs:
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        out[header[0].decode()] = data[pos:pos + size]
        pos += size + 1
    return out


@contextmanager
def checkout(revision: str, corpus_path: str) -> Iterator[str]:
    """Yield the path of `corpus_path` as it was at `revision`, materialised in a temporary directory."""
    commit = commit_of(revision)
    top = toplevel()
    prefix = os.path.relpath(os.path.abspath(corpus_path), top).replace(os.sep, "/")
    if prefix == ".":
        prefix = ""
    if prefix.startswith("../"):
        raise RevisionError(f"{corpus_path} is outside the git repository {top}")
    entries = _entries(commit, top, prefix)
    if not any(path == prefix or path.startswith(f"{prefix}/") or not prefix for path, _ in entries):
        raise RevisionError(f"{corpus_path or '.'} does not exist at {revision}")
    contents = _blobs(sorted({b for _, b in entries}), top)
    with tempfile.TemporaryDirectory(prefix="argmap-rev-") as temp:
        root = os.path.realpath(temp)
        os.mkdir(os.path.join(root, ".git"))  # stops the registry search from leaving the checkout
        for path, blob in entries:
            target = os.path.realpath(os.path.join(root, path))
            if not target.startswith(root + os.sep):
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as stream:
                stream.write(contents.get(blob, b""))
        yield os.path.join(root, prefix) if prefix else root
