"""Reading a file whole, but never more than a limit, without paying for the limit."""

from __future__ import annotations

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
