"""The check cache: each map's per-map findings and the facts the checks across maps need, so that a
re-check costs what changed (as ruff's `.ruff_cache`).

Layout: `.argmap_cache/<context>/<hash of the map's path>.json`, in the working directory. The context
is a hash of everything the per-map checks depend on besides the map itself: argmap's, PyYAML's and
rapidfuzz's versions, the limits and quote settings, the sources directories, and the registries' paths
and contents. An entry holds the hash of the map's bytes, the article text it was checked against (path,
size, modification and inode change times, inode and device), and the result. `--select`, `--ignore` and
`--severity` are applied after the cache, so they are not part of it.

Safety: an entry is JSON (never pickle), read without following symlinks, at most MAX_ENTRY bytes, and
validated field by field; anything unexpected is a miss, and the map is checked afresh. Each entry is
signed (keyed BLAKE2b over its context, its name and its bytes) with a secret of the user's, made once in
the user's cache directory (`~/.cache/argmap/cache-key`, 0600, never in the repository): an entry committed
to a repository, planted in `.argmap_cache/`, or left by another user of a shared checkout or runner does
not verify, and its map is checked afresh. Where the key cannot be had (no home, a key file that is not
the user's own and private), the cache is not used. Entries are
written to a temporary file and renamed into place, so concurrent runs see an old entry or a new one,
never half of one. Any error writing is ignored: the cache only ever saves time.

Size: every change to a registry or a setting starts a new context, so the cache keeps the KEEP contexts
used last (a run marks its own by its modification time) and removes the others, entry files only, never
through a symlink and never a directory it did not name.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from argmap.cachefiles import CACHE_DIR as CACHE_DIR
from argmap.cachefiles import MAX_ENTRY as MAX_ENTRY
from argmap.cachefiles import read_entry
from argmap.cachefiles import write_atomic as write_atomic
from argmap.diagnostics import Finding, Severity
from argmap.rules import RULES

if TYPE_CHECKING:
    from argmap.config import Settings

FORMAT = 6  # bumped whenever what an entry holds or means changes (3: positions' basis, C010; 4: signed entries;
# 5: quotes read with ё as е and the apostrophe's forms as one, Q005; 6: findings' suggestions)
STAT_MARGIN_NS = 2_000_000_000  # see _map_stat
KEEP = 8  # contexts kept: the one in use and those used last (switching branches, toggling a setting)

Result = tuple[object | None, list[Finding]]
KEY_NAME = "cache-key"
KEY_BYTES = 32
MAC_HEX = 64  # the signature's hex digits, then a newline, then the entry's JSON


def key_path() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "argmap", KEY_NAME)


def user_key() -> bytes | None:
    """The user's secret that signs cache entries, made on first use; None when it cannot be trusted
    (not a regular file of this user's, readable by others, the wrong size) or made."""
    path = key_path()
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        try:
            os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                         | getattr(os, "O_CLOEXEC", 0), 0o600)
            try:
                os.write(fd, os.urandom(KEY_BYTES))
            finally:
                os.close(fd)
            fd = os.open(path, flags)
        except OSError:  # made by a concurrent run meanwhile, or not makeable: read it if it is there
            try:
                fd = os.open(path, flags)
            except OSError:
                return None
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if (not stat.S_ISREG(info.st_mode) or info.st_mode & 0o077 or info.st_size != KEY_BYTES
                or (hasattr(os, "getuid") and info.st_uid != os.getuid())):
            return None
        key = os.read(fd, KEY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return key if len(key) == KEY_BYTES else None


def _mac(key: bytes, entry: str, body: bytes) -> bytes:
    """The signature of `body` as the entry at `entry` (its context directory and name are signed too: an
    entry moved to another map's place or another context does not verify)."""
    place = os.path.join(os.path.basename(os.path.dirname(entry)), os.path.basename(entry))
    mac = hashlib.blake2b(key=key, digest_size=MAC_HEX // 2)
    mac.update(_encode_path(place) + b"\x00")
    mac.update(body)
    return mac.hexdigest().encode("ascii")


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _encode_path(path: str) -> bytes:
    return path.encode("utf-8", "surrogatepass")  # a file name that is not UTF-8 holds lone surrogates


def _file_digest(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            return _digest(handle.read())
    except OSError as error:  # part of the context too: a registry that cannot be read gives other findings
        return f"unreadable:{error.errno}"


def context(settings: Settings, registries: Sequence[str]) -> dict[str, Any]:
    """What every cached result depends on, other than its map and article."""
    import yaml

    from argmap._version import __version__

    return {
        "format": FORMAT, "argmap": __version__, "pyyaml": yaml.__version__,
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)), "rapidfuzz": _installed("rapidfuzz"),
        "limits": [settings.max_file_size, settings.max_depth, settings.max_nodes],
        "max_quote_length": settings.max_quote_length, "max_ellipsis_gap": settings.max_ellipsis_gap,
        "require_sources": settings.require_sources,
        # A page's or PDF's quote findings depend on its extraction: its limits and its libraries.
        "extract": [settings.max_source_size, settings.max_source_pages, settings.extract_timeout,
                    _installed("trafilatura"), _installed("pdfminer")],
        # As given (messages name them) and resolved (a moved symlink is another directory).
        "sources": [[d, os.path.realpath(d)] for d in settings.sources],
        "registries": [[p, _file_digest(p)] for p in registries],
    }


def _installed(package: str) -> list[Any]:
    """Which copy of `package` is installed, without importing it (rapidfuzz takes 20 ms to import, a check
    that finds nothing to suggest never needs it): its file, size and time, which an upgrade changes."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    origin = spec.origin if spec and spec.origin else ""
    return [origin, *(_stat_key(origin) or [])] if origin else []


def _stat_key(path: str) -> list[int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino, info.st_mode]


@dataclass
class MapCache:
    """The cache of one run, for one context. Picklable: it travels to the worker processes, where each
    map is looked up before it is read by the parser, and stored after it was checked."""

    directory: str  # .argmap_cache/<context>
    sources: tuple[str, ...]
    max_file_size: int
    key: bytes = b""  # the user's secret (user_key): entries it did not sign are not trusted

    def run(self, path: str, compute: Callable[[str | None], Result]) -> Result:
        """The result for the map at `path`: from the cache if its entry still holds, else `compute(text)`
        (text None: the file could not be read as UTF-8 here, let the loader say why) and stored."""
        try:
            info = os.stat(path)
        except OSError:
            return compute(None)
        if not stat.S_ISREG(info.st_mode) or info.st_size > self.max_file_size:
            return compute(None)  # the loader reports it, without reading it
        entry = self._entry_path(path)
        record = self._load(entry)
        seen = _map_stat(info)
        if record is not None and seen is not None and record.get("stat") == seen:
            # The file has not been touched since it was hashed (see _map_stat): its bytes are those hashed.
            cached = self._result(record)
            if cached is not None:
                return cached
        raw = self._read_map(path)
        if raw is None:
            return compute(None)
        content = _digest(raw)
        if record is not None and record.get("content") == content:
            cached = self._result(record)
            if cached is not None:
                if seen is not None:  # old enough now to be known by its state: spare the next run the read
                    self._write(entry, {**record, "stat": seen})
                return cached
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return compute(None)
        result = compute(text)
        self._store(entry, content, seen, result)
        return result

    def likely_misses(self, paths: Sequence[str], enough: int) -> int:
        """How many of `paths` have no entry or one older than the file (up to `enough`): a guess, from
        one stat per file, of whether the work is worth worker processes. Correctness never rests on it."""
        misses = 0
        for path in paths:
            try:
                if os.stat(self._entry_path(path)).st_mtime_ns >= os.stat(path).st_mtime_ns:
                    continue
            except OSError:
                pass
            misses += 1
            if misses >= enough:
                break
        return misses

    # -- the map file -----------------------------------------------------------------------------------

    def _read_map(self, path: str) -> bytes | None:
        """The map's bytes, when it is a regular file within the size limit (else the loader reports it)."""
        try:
            with open(path, "rb") as handle:
                raw = handle.read(self.max_file_size + 1)
        except OSError:
            return None
        return raw if len(raw) <= self.max_file_size else None

    def _entry_path(self, path: str) -> str:
        return os.path.join(self.directory, _digest(_encode_path(path)) + ".json")

    # -- reading an entry -------------------------------------------------------------------------------

    def _load(self, entry: str) -> dict[str, Any] | None:
        data = read_entry(entry)
        if data is None or len(data) <= MAC_HEX or data[MAC_HEX:MAC_HEX + 1] != b"\n" or not self.key:
            return None
        import hmac

        body = data[MAC_HEX + 1:]
        if not hmac.compare_digest(data[:MAC_HEX], _mac(self.key, entry, body)):
            return None  # not written by this user's argmap: planted, committed, or another user's
        try:
            value = json.loads(body)
        except (ValueError, RecursionError):
            return None
        return value if isinstance(value, dict) else None

    def _result(self, record: dict[str, Any]) -> Result | None:
        """The entry's result, if its article is unchanged and every field is what argmap writes."""
        try:
            if not self._depends_hold(record.get("article")):
                return None
            return _decode_result(record.get("result"))
        except (ValueError, TypeError, KeyError, IndexError, RecursionError):
            return None

    def _depends_hold(self, article: object) -> bool:
        """Whether the article text the entry was checked against is still the same file, unchanged."""
        if article is None:
            return True
        if not self.sources or not isinstance(article, dict):
            return False
        name, located, seen = article.get("name"), article.get("located"), article.get("stat")
        if not isinstance(name, str) or not name or seen == RACY:
            return False
        return [located, seen] == self._article(name)

    def _article(self, name: str) -> list[Any]:
        """Where the article `name` is found on the search path and the state of that file; for one
        that is missing, the names the "did you mean" hint chooses from."""
        from argmap.checks.quotes import Sources

        located = Sources(self.sources).locate_file(name)
        if isinstance(located, str):
            return [located, _article_state(located)]
        return [located, self._listing()] if located is None else [located, None]

    def _listing(self) -> str:
        from argmap.checks.quotes import Sources

        return _digest(_encode_path("\x00".join(Sources(self.sources).file_names(unreadable="\x00unreadable"))))

    # -- writing an entry -------------------------------------------------------------------------------

    def _store(self, entry: str, content: str, seen: list[int] | None, result: Result) -> None:
        try:
            record: dict[str, Any] = {"content": content, "stat": seen, "article": None,
                                      "result": _encode_result(result)}
        except TypeError:
            return  # not a checked map's result: not cached
        kept = result[0]
        article = getattr(kept, "article", "")
        if self.sources and article:
            located, state = self._article(article)
            record["article"] = {"name": article, "located": located, "stat": state}
        self._write(entry, record)

    def _write(self, entry: str, record: dict[str, Any]) -> None:
        if not self.key:
            return
        try:
            body = json.dumps(record, ensure_ascii=True, separators=(",", ":")).encode("ascii")
        except (TypeError, ValueError):
            return
        write_atomic(entry, _mac(self.key, entry, body) + b"\n" + body)


RACY = "racy"  # an article changed too recently for its state to tell its content


def _article_state(path: str) -> list[int] | str | None:
    """The article's state as the cache compares it: size, modification and inode change times (ctime:
    which no program can set back, so an edit of the same size with its mtime restored still shows),
    inode and device. RACY when its ctime is within STAT_MARGIN of now: an edit within the clock's
    resolution of the check could keep all of them, so such an entry never verifies (as git's "racily
    clean" files are hashed again)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if time.time_ns() - info.st_ctime_ns < STAT_MARGIN_NS:
        return RACY
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]


def _map_stat(info: os.stat_result) -> list[int] | None:
    """The file's state, when it tells its content: its inode change time (which no program can set back)
    is more than STAT_MARGIN old. A file changed within the clock's resolution of its last hashing could
    keep its size and times; so a younger file is always read and hashed (as git's "racily clean")."""
    if time.time_ns() - info.st_ctime_ns < STAT_MARGIN_NS:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]


def open_cache(settings: Settings, registries: Sequence[str], root: str | None = None) -> MapCache | None:
    """The cache for this run, its directory made if need be; None when it cannot be used (the directory
    is a symlink or not a directory, or cannot be made)."""
    base = os.path.join(root or os.getcwd(), CACHE_DIR)
    key = _digest(json.dumps(context(settings, registries), sort_keys=True, ensure_ascii=True).encode())
    directory = os.path.join(base, key)
    try:
        if not os.path.lexists(base):
            os.makedirs(base, exist_ok=True)
            # Never committed, whatever the repository's own .gitignore says (as .ruff_cache does).
            write_atomic(os.path.join(base, ".gitignore"), b"# Created by argmap automatically.\n*\n")
        if os.path.islink(base) or not os.path.isdir(base):
            return None  # a symlink planted here could send the entries anywhere
        if os.path.islink(directory):
            return None
        os.makedirs(directory, exist_ok=True)
        os.utime(directory)  # in use now: the last to be pruned
    except OSError:
        return None
    secret = user_key()
    if secret is None:
        return None  # without the user's key no entry could be trusted
    prune(base, KEEP)
    return MapCache(directory, tuple(settings.sources), settings.max_file_size, secret)


def _is_context(name: str) -> bool:
    return len(name) == 32 and all(c in "0123456789abcdef" for c in name)


def prune(base: str, keep: int) -> int:
    """Remove all but the `keep` most recently used context directories under `base`: only directories
    named as argmap names them, only the entry and temporary files argmap writes in them. Returns how many
    were removed; any error leaves the rest as it is (a concurrent run may be pruning too)."""
    try:
        with os.scandir(base) as entries:
            contexts = [(e.stat(follow_symlinks=False).st_mtime_ns, e.path) for e in entries
                        if _is_context(e.name) and e.is_dir(follow_symlinks=False)]
    except OSError:
        return 0
    contexts.sort(reverse=True)
    removed = 0
    for _, path in contexts[keep:]:
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    if entry.is_file(follow_symlinks=False) and entry.name.endswith((".json", ".tmp")):
                        os.unlink(entry.path)
            os.rmdir(path)  # fails, and keeps the directory, if anything else is in it
            removed += 1
        except OSError:
            continue
    return removed


# -- the format of a result ---------------------------------------------------------------------------

_SEVERITIES = {s.value: s for s in Severity}


def _encode_result(result: Result) -> dict[str, Any]:
    from argmap.checks.checked import Checked

    kept, findings = result
    out: dict[str, Any] = {"findings": [_encode_finding(f) for f in findings], "kept": None}
    if kept is not None:
        if not isinstance(kept, Checked) or kept.map is not None:
            raise TypeError("only a checked map's facts are cached")
        q = kept.quotes
        facts = kept.facts
        # Every field of MapFacts, in order (a test round-trips them all: a field left out here would
        # silently change what the checks across maps see on a cached run).
        out["kept"] = {"facts": [*facts[:5], [list(s) for s in facts.stances], list(facts.claims),
                                 [list(pair) for pair in facts.attacks]],
                       "quotes": [q.total, q.verified, q.failed, q.unchecked, sorted(q.articles)],
                       "article": kept.article}
    return out


def _encode_finding(f: Finding) -> list[Any]:
    return [f.path, f.line, f.column, f.code, f.severity.value, f.message, f.hint, f.end_line, f.end_column,
            list(f.suggestions)]


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError
    return value


_BOUND = 1 << 62  # numbers go into SQLite (the C004 rows): a larger one would not fit its integers


def _int(value: object) -> int:
    if type(value) is not int or not -_BOUND < value < _BOUND:
        raise TypeError
    return value


def _list(value: object, length: int | None = None) -> list[Any]:
    if not isinstance(value, list) or (length is not None and len(value) != length):
        raise TypeError
    return value


def _stance(row: object) -> tuple[str, str, int, int, int]:
    # The hot loop of a cached check (five rows a map): one test of every type at once.
    if type(row) is not list or len(row) != 5:
        raise TypeError
    agent, question, value, line, column = row
    if not (type(agent) is str and type(question) is str and type(value) is int and type(line) is int
            and type(column) is int and -_BOUND < value < _BOUND and -_BOUND < line < _BOUND
            and -_BOUND < column < _BOUND):
        raise TypeError
    return agent, question, value, line, column


def _pair(value: object) -> tuple[str, str]:
    first, second = _list(value, 2)
    return _str(first), _str(second)


def _decode_finding(value: object) -> Finding:
    path, line, column, code, severity, message, hint, end_line, end_column, suggestions = _list(value, 10)
    if _str(code) not in RULES or severity not in _SEVERITIES:
        raise TypeError
    return Finding(_str(path), _int(line), _int(column), code, _SEVERITIES[severity], _str(message), _str(hint),
                   _int(end_line), _int(end_column), tuple(_str(s) for s in _list(suggestions, None)))


def _decode_result(value: object) -> Result:
    from argmap.checks.across import MapFacts
    from argmap.checks.checked import Checked
    from argmap.checks.quote_counts import QuoteCounts

    if not isinstance(value, dict):
        raise TypeError
    findings = [_decode_finding(f) for f in _list(value["findings"])]
    kept = value["kept"]
    if kept is None:
        return None, findings
    if not isinstance(kept, dict):
        raise TypeError
    map_id, path, line, column, date, stances, claims, attacks = _list(kept["facts"], len(MapFacts._fields))
    rows = tuple(_stance(row) for row in _list(stances))
    facts = MapFacts(_str(map_id), _str(path), _int(line), _int(column), _str(date), rows,
                     tuple(_str(c) for c in _list(claims)), tuple(_pair(a) for a in _list(attacks)))
    total, verified, failed, unchecked, articles = _list(kept["quotes"], 5)
    counts = QuoteCounts(_int(total), _int(verified), _int(failed), _int(unchecked),
                         {_str(a) for a in _list(articles)})
    return Checked(None, facts, counts, _str(kept["article"])), findings
