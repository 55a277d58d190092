"""The cache of extractions: `.argmap_cache/extracted/<key>.json`, beside the check cache and under its
rules (argmap/checks/cache.py): JSON only, read without following symlinks, at most MAX_ENTRY bytes, validated
field by field by its reader (a bad entry is a miss), written atomically; any error only costs time."""

from __future__ import annotations

import json
import os
from typing import Any

from argmap.files.cachefiles import CACHE_DIR, MAX_ENTRY, json_object, read_entry, write_atomic

FORMAT = 1  # bumped whenever what an extraction holds or means changes
SUBDIR = "extracted"


def _directory(root: str | None, make: bool) -> str | None:
    base = os.path.join(root or os.getcwd(), CACHE_DIR)
    directory = os.path.join(base, SUBDIR)
    try:
        if make and not os.path.lexists(base):
            os.makedirs(base, exist_ok=True)
            write_atomic(os.path.join(base, ".gitignore"), b"# Created by argmap automatically.\n*\n")
        if os.path.islink(base) or not os.path.isdir(base) or os.path.islink(directory):
            return None  # a symlink planted here could send the entries anywhere
        if make:
            os.makedirs(directory, exist_ok=True)
        return directory if os.path.isdir(directory) else None
    except OSError:
        return None


def _valid_key(key: str) -> bool:
    return len(key) == 64 and all(c in "0123456789abcdef" for c in key)


def load(key: str, root: str | None = None) -> dict[str, Any] | None:
    directory = _directory(root, make=False)
    if directory is None or not _valid_key(key):
        return None
    value = json_object(read_entry(os.path.join(directory, key + ".json")))
    return value if value is not None and value.get("format") == FORMAT else None


def save(key: str, record: dict[str, Any], root: str | None = None) -> None:
    directory = _directory(root, make=True)
    if directory is None or not _valid_key(key):
        return
    try:
        data = json.dumps({**record, "format": FORMAT}, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    except (TypeError, ValueError):
        return
    if len(data) <= MAX_ENTRY:  # a larger one would never be read back
        write_atomic(os.path.join(directory, key + ".json"), data)
