"""Where argmap keeps what it computed (`.argmap_cache`: checked maps, extracted article texts) and how an
entry is written. Below the cache and the article store alike, so that neither imports the other."""

from __future__ import annotations

import os

CACHE_DIR = ".argmap_cache"
MAX_ENTRY = 16_000_000  # bytes: an entry larger than this is not one argmap wrote for a sane map


def write_atomic(path: str, data: bytes) -> bool:
    """Write `data` to `path` through a temporary file renamed into place; False if it could not be."""
    temp = f"{path}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, path)
        finally:
            if os.path.lexists(temp):
                os.unlink(temp)
    except OSError:
        return False
    return True
