"""Reading a file whole, but never more than a limit, without paying for the limit; and its text."""

from __future__ import annotations

import os
import stat

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO

def read_at_most(handle: BinaryIO, size: int, limit: int) -> bytes:
    """What `handle.read(limit + 1)` gives, asked for in the file's own `size` first (from its stat): a read
    of 20 MB allocates 20 MB before it reads a byte, which took longer than parsing a map. More is read only
    if the file grew since its size was taken; a result longer than `limit` says the file is too large."""
    raw = handle.read(min(size, limit) + 1)
    if size < len(raw) <= limit:
        raw += handle.read(limit + 1 - len(raw))
    return raw


def read_regular(path: str, limit: int) -> tuple[bytes | None, os.stat_result]:
    """The bytes of the file at `path` as `read_at_most` gives them (more than `limit`: it grew too large),
    with its stat; None for the bytes where nothing is read: not a regular file (a fifo would block the
    read forever, a device never end) or over `limit` by its size. The loader, the suppression scan and the
    cache's digest of a registry read a file this one way. OSError propagates."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
        return None, info
    with open(path, "rb") as handle:
        return read_at_most(handle, info.st_size, limit), info


BOM = b"\xef\xbb\xbf"


def utf8_text(raw: bytes, errors: str = "strict") -> str:
    """`raw.decode("utf-8-sig", errors)`, to the error's offsets (counted after a BOM, as that codec does),
    without importing that codec: half a millisecond of every re-check that reads a changed map."""
    return raw[3:].decode("utf-8", errors) if raw[:3] == BOM else raw.decode("utf-8", errors)
