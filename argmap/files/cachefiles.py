"""Where argmap keeps what it computed (`.argmap_cache`: checked maps, extracted article texts) and how an
entry is written. Below the cache and the article store alike, so that neither imports the other."""

from __future__ import annotations

import os
import stat

from argmap.files import atomicfile

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO

CACHE_DIR = ".argmap_cache"
MAX_ENTRY = 16_000_000  # bytes: an entry larger than this is not one argmap wrote for a sane map
MAX_INDEX = 1 << 31  # bytes: the check cache's index of a whole corpus (a few KB a map)


def write_atomic(path: str, data: bytes) -> bool:
    """Write `data` to `path` through the one atomic writer (a temporary file renamed into place); False if
    it could not be: a cache that cannot be written is only slower."""
    def fill(stream: TextIO) -> None:
        stream.flush()
        stream.buffer.write(data)

    try:
        atomicfile.write(path, fill)
    except OSError:
        return False
    return True


def json_object(data: bytes | None) -> dict[str, Any] | None:
    """An entry's bytes as the JSON object they hold, or None for anything else (a cache entry is never trusted
    to be what it should: damaged, truncated or planted, it is only a miss)."""
    if data is None:
        return None
    import json  # here: the check cache's index is marshal, and json is 2 ms of start-up

    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def read_entry(path: str, limit: int = MAX_ENTRY) -> bytes | None:
    """The bytes of the entry at `path`, or None: never through a symlink, never a fifo or a device, never
    more than `limit` bytes (an entry is read whole, so its size is checked first)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks = []
        left = info.st_size + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)
    return None if len(data) > limit else data
