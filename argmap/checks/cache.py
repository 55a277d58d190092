"""The check cache: each map's per-map findings and the facts the checks across maps need, so that a
re-check costs what changed (as ruff's `.ruff_cache`).

Layout: `.argmap_cache/<context>/index`, in the working directory: every map's row by its path (what a
re-check needs of an unchanged map), the registries' hashes, their own findings, and the C004 findings by
agent (see MapCache); `<context>/records`, to which each run appends what it found, the whole of what the
index names there (each map's record, facts and all, each agent's stances, each registry's parsed form), read
only where it is needed; `<context>/journal`, what the runs since the index was last written whole changed
(a re-check after one edit writes a row and a few agents' stances, not the index of every map), applied to
the index it names by its signature; a worker process's records wait in `<context>/<hash of the map's
path>.json`.
The context is a hash of everything the per-map checks depend on besides the map itself: argmap's, PyYAML's and
rapidfuzz's versions, the limits and quote settings, the sources directories, and the registries' paths
and contents. An entry holds the hash of the map's bytes, the article text it was checked against (path,
size, modification and inode change times, inode and device), and the result. `--select`, `--ignore` and
`--severity` are applied after the cache, so they are not part of it.

Safety: an entry is read without following symlinks, at most MAX_ENTRY bytes (the index MAX_INDEX), and
its signature checked before anything in it is read: the index by marshal (plain values only, nothing
run, never pickle), a map's own record as JSON; every record is then validated field by field, and
anything unexpected is a miss, and the map is checked afresh. Each entry is
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

import marshal
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from itertools import chain

from argmap.checks.across import Ledger, MapFacts
from argmap.checks.checked import Checked, Held, StaleCache
from argmap.checks.quote_counts import QuoteCounts
from argmap.core.diagnostics import Finding, Severity
from argmap.core.record import record
from argmap.core.rules import RULES
from argmap.files.bounded import read_regular, utf8_text
from argmap.files.cachefiles import CACHE_DIR as CACHE_DIR
from argmap.files.cachefiles import MAX_ENTRY as MAX_ENTRY
from argmap.files.cachefiles import MAX_INDEX, json_object, read_entry
from argmap.files.cachefiles import write_atomic as write_atomic
from argmap.model.suppress import may_suppress

# blake2 and the constant-time comparison from the modules that hold them: `hashlib` and `hmac` load OpenSSL
# first (5 ms of every start-up of `check`), for hashes the cache never uses.
try:
    from _blake2 import blake2b
    from _operator import _compare_digest as compare_digest
except ImportError:  # an interpreter without these modules
    from hashlib import blake2b
    from hmac import compare_digest  # type: ignore[no-redef]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec
    from typing import Any

    from argmap.model.config import Settings

FORMAT = 9  # bumped whenever what an entry holds or means changes (3: positions' basis, C010; 4: signed entries;
# 5: quotes read with ё as е and the apostrophe's forms as one, Q005; 6: findings' suggestions; 7: the index;
# 8: a map's record as a row read without decoding its result, C004's stances by agent; 9: a REF's hash as
# bytes, the paths of the checks across maps as the index's own)
STAT_MARGIN_NS = 2_000_000_000  # see _map_stat
INDEX = "index"  # the file of a context's records (MapCache)
JOURNAL = "journal"  # what runs changed since the index was written whole (MapCache._save)
JOURNAL_ROWS = 256  # rows and agents a journal may hold before the index is written whole again
COMPACT_SLACK = 1 << 20  # bytes of records no row names that the records file may hold before it is compacted
KEEP = 8  # contexts kept: the one in use and those used last (switching branches, toggling a setting)

Result = tuple[object | None, list[Finding]]
# A map's record in the index is a row (a list), so that an unchanged map costs a comparison of its state and
# no decoding: its state (_map_stat), whether its bytes may hold a suppression comment, the article it was
# checked against, its SUMMARY (what the ledger and the quote counts need of it: [id, line,
# column, total, verified, failed, unchecked, articles], None for a file that gave no map) and its FINDINGS
# (_encode_finding's form); REF, where its whole record, facts and all, is in the records file ([offset,
# length, hash of those bytes]: the row is signed, so the record is by its hash), read only when needed: the
# map changed (its old stances), links.yaml names its claims, or C004 is found afresh.
STAT, MARKED, ARTICLE, SUMMARY, FINDINGS, REF = range(6)
RECORDS = "records"  # the file of the maps' whole records, appended to (see MapCache.save)
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
    mac = blake2b(key=key, digest_size=MAC_HEX // 2)
    mac.update(_encode_path(place) + b"\x00")
    mac.update(body)
    return mac.hexdigest().encode("ascii")


def _digest(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


def _ref_digest(data: bytes) -> bytes:
    """A record's hash as its REF holds it: raw bytes, half the size of hex in an index read and signed whole."""
    return blake2b(data, digest_size=16).digest()


def _encode_path(path: str) -> bytes:
    return path.encode("utf-8", "surrogatepass")  # a file name that is not UTF-8 holds lone surrogates


def _file_digest(path: str, limit: int, digests: dict[str, tuple[str, bool]] | None = None) -> str:
    """The digest of a registry's bytes, read as the loader reads them, or what stands for them where the
    loader reads none: a fifo or a device (a fifo named agents.yaml once hung every cached check) and a
    file over `limit` (max-file-size) are known by their kind and size. Each gives its own findings."""
    try:
        raw, info = read_regular(path, limit)
    except OSError as error:  # part of the context too: a registry that cannot be read gives other findings
        return f"unreadable:{error.errno}"
    if raw is None:
        return f"unread:{stat.S_IFMT(info.st_mode)}:{info.st_size}:{info.st_mtime_ns}"
    digest = _digest(raw)
    if digests is not None:
        digests[path] = (digest, may_suppress(raw))
    return digest


def context(settings: Settings, registries: Sequence[str],
            digests: dict[str, tuple[str, bool]] | None = None) -> dict[str, Any]:
    """What every cached result depends on, other than its map and article. `digests` is told each
    registry's digest as the context has it, and whether those bytes may hold a suppression comment."""
    from argmap._version import __version__

    # PyYAML and its C extension as installed, not imported (a check that parses nothing never imports it).
    pyyaml = _installed("yaml")
    return {
        "format": FORMAT, "argmap": __version__, "pyyaml": pyyaml, "libyaml": _extension(pyyaml, "_yaml."),
        "rapidfuzz": _installed("rapidfuzz"),
        "limits": [settings.max_file_size, settings.max_depth, settings.max_nodes],
        "max_quote_length": settings.max_quote_length, "max_ellipsis_gap": settings.max_ellipsis_gap,
        "require_sources": settings.require_sources,
        # A page's or PDF's quote findings depend on its extraction: its limits and its libraries.
        "extract": [settings.max_source_size, settings.max_source_pages, settings.extract_timeout,
                    _installed("trafilatura"), _installed("pdfminer")],
        # As given (messages name them) and resolved (a moved symlink is another directory).
        "sources": [[d, os.path.realpath(d)] for d in settings.sources],
        "registries": [[p, _file_digest(p, settings.max_file_size, digests)] for p in registries],
    }


def _installed(package: str) -> list[Any]:
    """Which copy of `package` is installed, without importing it (rapidfuzz takes 20 ms to import, a check
    that finds nothing to suggest never needs it): its file, size and time, which an upgrade changes."""
    spec = _find_spec(package)
    origin = spec.origin if spec and spec.origin else ""
    return [origin, *(_stat_key(origin) or [])] if origin else []


def _extension(package: list[Any], prefix: str) -> list[Any]:
    """The files named `prefix`* beside the `package` _installed found (its compiled extension: whether PyYAML
    has libyaml), with their size and time."""
    if not package:
        return []
    folder = os.path.dirname(package[0])
    try:
        names = sorted(name for name in os.listdir(folder) if name.startswith(prefix))
    except OSError:
        return []
    return [[name, *(_stat_key(os.path.join(folder, name)) or [])] for name in names]


def _find_spec(package: str) -> ModuleSpec | None:
    """`importlib.util.find_spec(package)` of a top-level package, without importing importlib.util (a
    third of a millisecond of every `argmap check` the console script runs): the spec of the module if it
    is imported, else that of the first finder on sys.meta_path that finds it."""
    module = sys.modules.get(package)
    if module is not None:
        return getattr(module, "__spec__", None)
    for finder in sys.meta_path:
        find = getattr(finder, "find_spec", None)
        spec = find(package, None) if find is not None else None
        if spec is not None:
            return spec  # type: ignore[no-any-return]
    return None


def _stat_key(path: str) -> list[int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino, info.st_mode]


_MISSING = object()  # a map the index has no usable record of


@record
class MapCache:
    """The cache of one run, for one context. Picklable: it travels to the worker processes, where each
    map is looked up before it is read by the parser, and stored after it was checked.

    The main process keeps the context's rows in one index file (INDEX), read once and written once a run:
    every map's row, the registries' parsed form, and the stances and findings of the checks across maps by
    agent (C004), so that a re-check after one change redoes only what that change touches, and reads
    nothing of an unchanged map but its row. The maps' whole records are appended to the records file
    (RECORDS) by each run, in one write, and compacted when most of it is no longer any row's. A worker
    process cannot add to either: it reads them, and writes the records of the maps it checked as files of
    their own, which the main process takes in when it next sees them."""

    directory: str  # .argmap_cache/<context>
    sources: tuple[str, ...]
    max_file_size: int
    key: bytes = b""  # the user's secret (user_key): entries it did not sign are not trusted

    def __post_init__(self) -> None:
        self._fresh(worker=False)

    def __getstate__(self) -> dict[str, Any]:
        return {"directory": self.directory, "sources": self.sources, "max_file_size": self.max_file_size,
                "key": self.key}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._fresh(worker=True)

    def for_worker(self) -> MapCache:
        """This cache as a worker process uses it, however the worker came by it (forked or unpickled)."""
        copy = MapCache(self.directory, self.sources, self.max_file_size, self.key)
        copy._fresh(worker=True)
        return copy

    def _fresh(self, worker: bool) -> None:
        self._worker = worker  # a worker process: its records go to files of their own
        self._loaded: dict[str, Any] | None = None  # the index as read, on first use
        self._stats: dict[str, os.stat_result] = {}  # the files' states likely_misses took, for run
        self._unchanged: dict[str, list[Any]] = {}  # and the rows it found to hold (their file's state as theirs)
        self._records: dict[str, list[Any]] = {}  # maps' rows new or renewed in this run
        self._held: dict[str, list[Any]] = {}  # the SUMMARY of each map run gave as Held
        self._links = False  # a links file was read: a held map's claims are needed (not held, then)
        self._registries: dict[str, list[Any]] = {}  # the registries' records of this run: [content, kind, REF]
        self._registry_keys: dict[str, list[str]] = {}  # their paths, hashes and kinds
        # The registries' digests as the context (open_cache) took them, the bytes this context's results are
        # of; and whether those may hold a suppression comment.
        self._context_digests: dict[str, tuple[str, bool]] = {}
        self._corpus: Any = _MISSING  # the record of the checks across maps as this run leaves it (if it ran them)
        self._taken: list[str] = []  # records' own files (a worker's), whose records are now in the index
        # What this run adds to the records file (marshal bytes), and where the REF of each goes once it is
        # known: a map's row, or an agent's place in the checks across maps' stances.
        self._pending: list[tuple[bytes, Any, Any]] = []
        self._records_fd: int | None = None  # the records file, opened for reading on first use
        self._live = 0  # bytes of the records file the index names, as last counted
        self._checks: Any = _MISSING  # the record of the registries' own checks, if this run made one
        self._unrecorded = False  # a registry read this run has no record (its findings could not be kept)
        self._same: set[str] = set()  # maps whose index record held as it is (their facts with it)
        self._indexed: set[str] = set()  # maps whose result this run is the one the index will hold
        self._unmarked: set[str] = set()  # maps (and registries) whose bytes, as checked, hold no suppression comment
        self._dirty = False
        self._base: dict[str, Any] | None = None  # the index as its file holds it, before the journal
        self._base_mac: bytes | None = None  # that file's signature, which a journal names
        self._compacted = False  # the records file was written again (every REF moved)

    def run(self, path: str, compute: Callable[[str | None], Result]) -> Result:
        """The result for the map at `path`: from the cache if its entry still holds, else `compute(text)`
        (text None: the file could not be read as UTF-8 here, let the loader say why) and stored."""
        row = self._unchanged.pop(path, None)  # likely_misses found its state as its row has it, just before
        if row is not None:
            cached = self._held_result(path, row)
            if cached is not None:
                return cached
        try:
            info = self._stats.pop(path, None) or os.stat(path)  # likely_misses' stat, taken just before
        except OSError:
            return compute(None)
        if not stat.S_ISREG(info.st_mode) or info.st_size > self.max_file_size:
            return compute(None)  # the loader reports it, without reading it
        seen = _map_stat(info)
        row = self._row(path)
        if row is not None and seen is not None and row[STAT] == seen:
            # The file has not been touched since it was hashed (see _map_stat): its bytes are those hashed.
            cached = self._held_result(path, row)
            if cached is not None:
                return cached
        indexed = None if row is None else self._record_of(row)
        entry = self._entry_path(path)
        record = self._load(entry)  # written by a worker process
        if record is not None and seen is not None and record.get("stat") == seen:
            cached = self._result(record)
            if cached is not None:
                self._keep(path, entry, record, record.get("marked"), taken=True)
                return cached
        raw = self._read_map(path)
        if raw is None:
            return compute(None)
        content = _digest(raw)
        marked = may_suppress(raw)
        for held in (indexed, record):
            if held is not None and held.get("content") == content:
                cached = self._result(held)
                if cached is not None:
                    # old enough now to be known by its state: spare the next run the read
                    self._keep(path, entry, {**held, "stat": seen, "marked": marked}, marked, record is not None)
                    return cached
        try:
            text = utf8_text(raw)
        except UnicodeDecodeError:
            return compute(None)
        result = compute(text)
        self._store(path, entry, content, seen, marked, result, record is not None)
        return result

    def likely_misses(self, paths: Sequence[str], enough: int) -> int:
        """How many of `paths` have no record as the file now stands (up to `enough`): a guess, from a stat
        or two per file, of whether the work is worth worker processes. Correctness never rests on it."""
        misses = 0
        rows, unchanged = self._index["maps"], self._unchanged
        # As _map_stat, once: a file changed since is younger than this, never older. (Locals: once per map.)
        old_enough, length, stat_of = time.time_ns() - STAT_MARGIN_NS, REF + 1, os.stat
        for path in paths:
            row = rows.get(path)
            try:
                info = stat_of(path)
                if type(row) is list and len(row) == length and info.st_ctime_ns <= old_enough \
                        and row[STAT] == [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]:
                    unchanged[path] = row
                    continue
                self._stats[path] = info
                if os.stat(self._entry_path(path)).st_mtime_ns >= info.st_mtime_ns:
                    continue  # a worker's record, taken into the index here (cheaper than in a worker)
            except OSError:
                pass
            misses += 1
            if misses >= enough:
                break
        return misses

    def take(self, path: str) -> tuple[object | None, list[Finding], bool] | None:
        """The result of a map likely_misses found unchanged, from its row alone, as _MapTask gives it; None
        when run must say (a worker's cache, links that need the maps' claims, an article to compare)."""
        row = self._unchanged.get(path)
        if row is None or self._worker or self._links or row[ARTICLE] is not None:
            return None
        del self._unchanged[path]
        held = self._held_row(path, row)
        return None if held is None else (*held, False)  # the index keeps its own account of that (unmarked)

    def unmarked(self) -> set[str]:
        """The maps (and registries) whose bytes, as this run checked them, hold no suppression comment."""
        return self._unmarked

    # -- the map file -----------------------------------------------------------------------------------

    def _read_map(self, path: str) -> bytes | None:
        """The map's bytes, when it is a regular file within the size limit (else the loader reports it)."""
        try:
            raw, _ = read_regular(path, self.max_file_size)
        except OSError:
            return None
        return raw if raw is not None and len(raw) <= self.max_file_size else None

    def _entry_path(self, path: str) -> str:
        return os.path.join(self.directory, _digest(_encode_path(path)) + ".json")

    # -- the index --------------------------------------------------------------------------------------

    @property
    def _index(self) -> dict[str, Any]:
        if self._loaded is None:
            self._loaded = self._read_index()
        return self._loaded

    def _read_index(self) -> dict[str, Any]:
        """The index as the last run left it (its journal applied), or an empty one. marshal reads only plain
        values (it builds no object of a class and runs nothing), and only after the signature showed this
        user's argmap wrote the bytes; every record is still checked field by field where it is used."""
        signed = self._signed(os.path.join(self.directory, INDEX), MAX_INDEX)
        value = None if signed is None else _index_value(signed[1])
        if signed is None or value is None:
            value = {"maps": {}, "registries": {}, "corpus": None, "checks": None, "live": 0}
        else:
            self._base = value
            self._base_mac = signed[0]
            value = self._journaled(value, signed[0])
        self._live = value["live"]
        return value

    def _journaled(self, base: dict[str, Any], mac: bytes) -> dict[str, Any]:
        """The index `base` (signed `mac`) with its journal applied, if there is one written against it."""
        body = self._verified(os.path.join(self.directory, JOURNAL), MAX_INDEX)
        journal = None if body is None else _index_value(body)
        if journal is None or journal.get("base") != mac:
            return base
        maps, corpus, changes = base["maps"], base["corpus"], journal["corpus"]
        if changes is None:  # that run left no record of the checks across maps
            corpus = None
        else:
            if type(corpus) is not dict or type(changes) is not dict or not all(
                    type(corpus.get(part)) is dict and type(changes.get(part)) is dict for part in ("stances", "moves")):
                return base  # not as _save writes it
            corpus = {"paths": corpus.get("paths"), **{part: _applied(corpus[part], changes[part])
                                                       for part in ("stances", "moves")}}
        return {"maps": {**maps, **journal["maps"]}, "registries": journal["registries"], "live": journal["live"],
                "corpus": corpus, "checks": journal["checks"]}

    def _row(self, path: str) -> list[Any] | None:
        """The index's row of the map at `path`, if it has one of the right length (its fields are checked
        where they are used)."""
        row = self._index["maps"].get(path)
        return row if type(row) is list and len(row) == REF + 1 else None

    def _held_result(self, path: str, row: list[Any]) -> Result | None:
        """The result of an unchanged map from its row: in the main process, Held(path) and its findings (none
        to decode, mostly); a worker's, or one whose claims the links need, decoded whole."""
        if not self._depends_hold(row[ARTICLE]):
            return None
        if self._worker or self._links:
            record = self._record_of(row)
            cached = None if record is None else self._result(record)
            if cached is not None:
                self._hold(path, row)
            return cached
        return self._held_row(path, row)

    def _held_row(self, path: str, row: list[Any]) -> Result | None:
        """Held(path) and its findings, from the row's summary (every field tested), in the main process."""
        summary, found = row[SUMMARY], row[FINDINGS]
        try:
            if type(found) is not list:
                return None
            findings = [_decode_finding(f) for f in found] if found else []
            if summary is None:
                self._hold(path, row)
                return None, findings
            # Every field a test, at once (this runs for every unchanged map of a re-check).
            if type(summary) is not list or len(summary) != 8:
                return None
            map_id, line, column, total, verified, failed, unchecked, articles = summary
            if not (type(map_id) is str and type(line) is int and type(column) is int and type(total) is int
                    and type(verified) is int and type(failed) is int and type(unchecked) is int
                    and -_BOUND < line < _BOUND and -_BOUND < column < _BOUND and -_BOUND < total < _BOUND
                    and -_BOUND < verified < _BOUND and -_BOUND < failed < _BOUND and -_BOUND < unchecked < _BOUND
                    and type(articles) is list and (not articles or all(type(a) is str for a in articles))):
                return None
        except (ValueError, TypeError, KeyError, IndexError, RecursionError):
            return None
        self._held[path] = summary
        self._hold(path, row)
        return Held(path), findings

    def _hold(self, path: str, row: list[Any]) -> None:
        """The map at `path` is as its row says: the index keeps the row (its facts with it)."""
        self._same.add(path)
        self._indexed.add(path)
        if row[MARKED] is False:
            self._unmarked.add(path)

    def held_quotes(self) -> QuoteCounts:
        """The quote counts of the maps run gave as Held, together."""
        counts = QuoteCounts()
        for _id, _line, _column, total, verified, failed, unchecked, articles in self._held.values():
            counts.total += total
            counts.verified += verified
            counts.failed += failed
            counts.unchecked += unchecked
            if articles:
                counts.articles.update(articles)
        return counts

    def save(self) -> None:
        """Write the index, if this run changed it (any error is ignored: the cache only saves time)."""
        try:
            if self._worker or not self.key or not self._dirty:
                return
            from argmap.model.corpus import gc_paused

            with gc_paused():
                self._save()
        finally:
            self._close_records()

    def _save(self) -> None:
        index = self._index
        try:
            # The checks across maps' record holds only as the run that made it left the maps: a run that did
            # not make one (it did not get that far) leaves none.
            corpus = None if self._corpus is _MISSING else self._corpus
            checks = index["checks"] if self._checks is _MISSING else marshal.dumps(self._checks)
            maps = {**index["maps"], **self._records}
            registries = {**index["registries"], **self._registries}
            if corpus is not None:
                # Each path the very string the maps' rows are keyed by: marshal writes a string it has written
                # once as a reference to it (a tenth of the index, read and signed on every run).
                own = {path: path for path in maps}
                corpus = {**corpus, "paths": [own.get(path, path) for path in corpus["paths"]]}
            if not self._append(maps, corpus, registries):
                corpus = None  # an agent's stances were not written
            journal = self._journal(maps, corpus)
            if journal is not None:
                name = JOURNAL
                body = marshal.dumps({"base": self._base_mac, "maps": journal[0], "registries": registries,
                                      "live": self._live, "corpus": journal[1], "checks": checks})
            else:
                name = INDEX
                body = marshal.dumps({"maps": maps, "registries": registries, "live": self._live,
                                      "corpus": corpus, "checks": checks})
        except ValueError:
            return
        path = os.path.join(self.directory, name)
        if write_atomic(path, _mac(self.key, path, body) + b"\n" + body):
            if name == INDEX:  # a journal left behind is of the index before: never applied to this one
                _unlink(os.path.join(self.directory, JOURNAL))
            for entry in self._taken:
                _unlink(entry)

    def _journal(self, maps: dict[str, Any], corpus: dict[str, Any] | None
                 ) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
        """What the index read at the start (its base, before its journal) lacks of `maps` and `corpus`: the
        rows and the agents' stances and C004 findings that are not the base's own objects. None when the
        index is better written whole: there is no base, the records file was compacted (every REF moved),
        the maps are others, or the journal would hold more than JOURNAL_ROWS."""
        base = self._base
        if base is None or self._base_mac is None or self._compacted:
            return None
        old = base["maps"]
        rows = {path: row for path, row in maps.items() if old.get(path) is not row}
        if len(rows) > JOURNAL_ROWS:
            return None
        if corpus is None:
            return rows, None
        before = base["corpus"]
        if type(before) is not dict or corpus["paths"] != before["paths"]:
            return None
        changes = {part: _changed(before[part], corpus[part]) for part in ("stances", "moves")}
        if len(rows) + len(changes["stances"]) > JOURNAL_ROWS:
            return None
        return rows, changes

    def _append(self, maps: dict[str, Any], corpus: dict[str, Any] | None, registries: dict[str, Any]) -> bool:
        """Append this run's records to the records file, in one write, and put each one's REF where it goes;
        when most of the file is no longer named by `maps`, `corpus` or `registries`, write it again with only
        theirs.
        False when they could not be written (a row is then left without its record, only a miss where it
        is needed; the stances of the checks across maps cannot be left so)."""
        if not self._pending:
            return True
        file = os.path.join(self.directory, RECORDS)
        data = b"".join(blob for blob, _where, _key in self._pending)
        try:
            fd = os.open(file, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                         | getattr(os, "O_CLOEXEC", 0), 0o600)
            try:
                if not stat.S_ISREG(os.fstat(fd).st_mode) or os.write(fd, data) != len(data):
                    return False
                end = os.lseek(fd, 0, os.SEEK_CUR)  # the end of this write, whoever else appends
            finally:
                os.close(fd)
        except OSError:
            return False
        offset = end - len(data)
        for blob, where, key in self._pending:
            where[key] = [offset, len(blob), _ref_digest(blob)]
            offset += len(blob)
        live = self._index["live"]
        if end > 2 * live + COMPACT_SLACK:  # perhaps: count what the index names (only then: a walk of it all)
            places = _places(maps, corpus, registries)
            live = sum(where[key][1] for where, key in places)
            if end > 2 * live + COMPACT_SLACK:
                self._compact(file, places)
        self._live = live
        return True

    def _compact(self, file: str, places: list[tuple[Any, Any]]) -> None:
        """The records file again with only the records named at `places` (a concurrent run's appended
        meanwhile is lost: its records no longer match their hashes, and are only misses)."""
        kept: list[bytes] = []
        moved: list[tuple[Any, Any, list[Any]]] = []
        offset = 0
        for where, key in places:
            data = self._read_ref(where[key])
            if data is not None:
                moved.append((where, key, [offset, len(data), where[key][2]]))
                kept.append(data)
                offset += len(data)
        if write_atomic(file, b"".join(kept)):
            self._compacted = True  # the rows are changed in place: the journal would not show it
            for where, key, ref in moved:
                where[key] = ref
        self._close_records()

    def _read_ref(self, ref: object) -> bytes | None:
        """The bytes of the records file that `ref` ([offset, length, hash]) names, if they hash as it says."""
        if type(ref) is not list or len(ref) != 3:
            return None
        offset, length, digest = ref
        if type(offset) is not int or type(length) is not int or not 0 <= offset < _BOUND \
                or not 0 < length <= MAX_ENTRY or type(digest) is not bytes:
            return None
        if self._records_fd is None:
            self._records_fd = -1
            try:
                fd = os.open(os.path.join(self.directory, RECORDS), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                             | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
            except OSError:
                return None
            if stat.S_ISREG(os.fstat(fd).st_mode):
                self._records_fd = fd
            else:
                os.close(fd)
        if self._records_fd < 0:
            return None
        try:
            os.lseek(self._records_fd, offset, os.SEEK_SET)
            data = os.read(self._records_fd, length)
        except OSError:
            return None
        return data if len(data) == length and _ref_digest(data) == digest else None

    def _record_of(self, row: list[Any]) -> dict[str, Any] | None:
        """The whole record the row was made from (its REF), or None."""
        data = self._read_ref(row[REF])
        record = None if data is None else _thaw(data)
        return record if type(record) is dict else None  # its bytes are those the signed row names by their hash

    def _close_records(self) -> None:
        if self._records_fd is not None and self._records_fd >= 0:
            os.close(self._records_fd)
        self._records_fd = None

    def _keep(self, path: str, entry: str, record: dict[str, Any], marked: object, taken: bool = False) -> None:
        """`record` holds for the map at `path`: into the index (`taken`: from the file of its own a worker
        process wrote, removed once the index is written), or, in a worker, into that file."""
        if marked is False:
            self._unmarked.add(path)
        if self._worker:
            self._write(entry, record)
            return
        try:
            row = self._records[path] = _index_row(record)
            self._pending.append((marshal.dumps(record), row, REF))
        except (ValueError, TypeError, KeyError, IndexError):
            return
        self._indexed.add(path)
        self._dirty = True
        if taken:
            self._taken.append(entry)

    # -- reading an entry -------------------------------------------------------------------------------

    def _verified(self, entry: str, limit: int = MAX_ENTRY) -> bytes | None:
        """The body of the entry at `entry`, if this user's key signed it there."""
        signed = self._signed(entry, limit)
        return None if signed is None else signed[1]

    def _signed(self, entry: str, limit: int = MAX_ENTRY) -> tuple[bytes, bytes] | None:
        """The signature and the body of the entry at `entry`, if this user's key signed it there."""
        data = read_entry(entry, limit)
        if data is None or len(data) <= MAC_HEX or data[MAC_HEX:MAC_HEX + 1] != b"\n" or not self.key:
            return None
        body = data[MAC_HEX + 1:]
        mac = data[:MAC_HEX]
        if not compare_digest(mac, _mac(self.key, entry, body)):
            return None  # not written by this user's argmap: planted, committed, or another user's
        return mac, body

    def _load(self, entry: str) -> dict[str, Any] | None:
        return json_object(self._verified(entry))

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

    def _store(self, path: str, entry: str, content: str, seen: list[int] | None, marked: bool,
               result: Result, taken: bool) -> None:
        try:
            record: dict[str, Any] = {"content": content, "stat": seen, "article": None,
                                      "result": _encode_result(result), "marked": marked}
        except TypeError:
            return  # not a checked map's result: not cached
        kept = result[0]
        article = getattr(kept, "article", "")
        if self.sources and article:
            located, state = self._article(article)
            record["article"] = {"name": article, "located": located, "stat": state}
        self._keep(path, entry, record, marked, taken)

    def _write(self, entry: str, record: dict[str, Any]) -> None:
        if not self.key:
            return
        import json  # only a worker process writes JSON (see json_object)

        try:
            body = json.dumps(record, ensure_ascii=True, separators=(",", ":")).encode("ascii")
        except (TypeError, ValueError):
            return
        write_atomic(entry, _mac(self.key, entry, body) + b"\n" + body)

    # -- the registries ---------------------------------------------------------------------------------

    def registry(self, path: str, kind: str, compute: Callable[[str | None], tuple[object | None, list[Finding]]]
                 ) -> tuple[object | None, list[Finding]]:
        """A registry file's parsed form and findings (`compute(text)` builds them): from the index while
        its bytes hash to what they were. The context already depends on the registries' bytes; this spares
        the parse (a tenth of a second for 1,000 agents)."""
        if kind == "links":
            self._links = True
        record = self._index["registries"].get(path)  # [content, kind, REF of its parsed form]
        known, marked = self._context_digests.get(path, (None, True))
        if known is not None:
            # Hashed moments ago for the context, whose directory this is: the file is not read and hashed
            # again for its record (a third of a millisecond for 1,000 agents), nor again for suppression
            # comments when it has none. Its parsed form is of the very bytes the maps' results in this
            # directory were checked against.
            value = self._registry_record(path, kind, known, record)
            if value is not None:
                if not marked:
                    self._unmarked.add(path)
                return value
        try:
            info = os.stat(path)
        except OSError:
            return self._unrecorded_registry(compute)
        raw = self._read_map(path) if stat.S_ISREG(info.st_mode) else None
        if raw is None:
            return self._unrecorded_registry(compute)
        content = _digest(raw)
        value = self._registry_record(path, kind, content, record) if content != known else None
        if value is not None:
            return value
        try:
            text = utf8_text(raw)
        except UnicodeDecodeError:
            return self._unrecorded_registry(compute)
        result = compute(text)
        try:
            encoded = _encode_registry(kind, result)
        except TypeError:
            self._unrecorded = True
            return result
        try:
            blob = marshal.dumps(encoded)
        except ValueError:
            self._unrecorded = True
            return result
        self._registries[path] = [content, kind, None]  # its REF once appended (save)
        self._pending.append((blob, self._registries[path], 2))
        self._registry_keys[path] = [content, kind]
        self._dirty = True
        return result

    def _registry_record(self, path: str, kind: str, content: str, record: object
                         ) -> tuple[object | None, list[Finding]] | None:
        """The registry's parsed form and findings from its `record` in the index, if that is of `content`."""
        if not (type(record) is list and len(record) == 3 and record[0] == content and record[1] == kind):
            return None
        try:
            value = _decode_registry(kind, _thaw(self._read_ref(record[2])))
        except (ValueError, TypeError, KeyError, IndexError, RecursionError):
            return None
        if value is None:
            return None
        self._registries[path] = record
        self._registry_keys[path] = [content, kind]
        return value

    def _unrecorded_registry(self, compute: Callable[[str | None], tuple[object | None, list[Finding]]]
                             ) -> tuple[object | None, list[Finding]]:
        """A registry read by the loader itself (not a regular file, too large, not UTF-8): what it holds is
        not known here, so the registries' own findings are found afresh."""
        self._unrecorded = True
        return compute(None)

    def registry_checks(self, compute: Callable[[], list[Finding]]) -> list[Finding]:
        """The findings of the checks of the registries alone (`compute` runs them): from the index while
        the agents and questions registries read in this run are those they were found in."""
        if self._unrecorded or self._worker:
            return compute()
        key = [[path, *record] for path, record in self._registry_keys.items() if record[1] != "links"]
        old = _thaw(self._index["checks"])
        if type(old) is list and len(old) == 2 and old[0] == key:
            try:
                return [_decode_finding(f) for f in _list(old[1])]
            except (ValueError, TypeError):
                pass
        found = compute()
        self._checks = [key, [_encode_finding(f) for f in found]]
        self._dirty = True
        return found

    # -- the checks across maps -------------------------------------------------------------------------

    def ledger(self) -> CorpusLedger:
        """The ledger of the checks across maps for this run: C004 found again only for the agents a
        changed map takes or took a stance on (see CorpusLedger)."""
        return CorpusLedger(self)

    def discard(self) -> None:
        """Remove the index: something in it this run needed could not be read (StaleCache)."""
        self._dirty = False
        _unlink(os.path.join(self.directory, INDEX))
        _unlink(os.path.join(self.directory, JOURNAL))

    def _old_facts(self, path: str) -> Any:
        """The facts of the map at `path` as the index's row of it has them (from the record it was made
        from): None for a file that was no map, _MISSING when there is no such record that can be read."""
        row = self._row(path)
        record = None if row is None else self._record_of(row)
        if record is None:
            return _MISSING
        try:
            kept = _decode_result(record.get("result"))[0]
            return None if kept is None else kept.facts  # type: ignore[attr-defined]
        except (ValueError, TypeError, KeyError, IndexError, RecursionError, AttributeError):
            return _MISSING

    def moves(self, order: list[MapFacts | Held]) -> list[Finding]:
        """C004 for the maps of `order` (a map's facts, or Held: the index's record of it holds), in this
        order: the findings of the last run for every agent that no changed, added or removed map takes a
        stance on, found again for the others. The index keeps every stance by agent (_state), so that an
        unchanged map's stances are never read."""
        from argmap.model.corpus import gc_paused

        with gc_paused():  # as while the maps are read: many objects, no cycles (see gc_paused)
            return self._moves(order)

    def _moves(self, order: list[MapFacts | Held]) -> list[Finding]:
        # (a Held path as a plain str: marshal writes no subclass)
        paths = [str(entry) if type(entry) is Held else entry.path for entry in order]  # type: ignore[union-attr]
        state = self._old_state()
        changes = self._changes(order, paths, state)
        stances: dict[str, Any]  # agent: REF
        moves: dict[str, list[Any]]
        agents: set[str] | None
        changed: dict[str, MapFacts | None]
        if state is None or changes is None:
            stances, moves = {}, {}
            agents, changed = None, {}
        else:
            stances, moves = state["stances"], state["moves"]
            agents, changed = changes
        if agents is None or agents:
            stances, moves = dict(stances), dict(moves)
            position = {path: number for number, path in enumerate(paths)}
            fresh = self._stance_rows(order if agents is None else [f for f in changed.values() if f is not None])
            for agent in fresh if agents is None else agents:
                rows = [] if agents is None or agent not in stances else _thaw_rows(self._read_ref(stances[agent]))
                if rows is None:
                    raise StaleCache
                rows = [r for r in rows if r[4] not in changed] + fresh.get(agent, [])
                found = _agent_moves(agent, rows, position)
                if rows:
                    stances[agent] = None  # its REF once appended (save)
                    self._pending.append((marshal.dumps(rows), stances, agent))
                else:
                    stances.pop(agent, None)
                if found:
                    moves[agent] = [_encode_finding(f) for f in found]
                else:
                    moves.pop(agent, None)
        # Kept only when the index will hold the very facts the stances are of: the next run compares them.
        complete = all(path in self._indexed for path in paths)
        new = {"paths": paths, "stances": stances, "moves": moves} if complete else None
        if state is None or new is None or agents is None or agents or paths != state["paths"]:
            self._dirty = True
        else:
            new = state  # as it was
        self._corpus = new
        try:
            return [_decode_finding(f) for found in moves.values() for f in found]
        except (ValueError, TypeError) as error:
            raise StaleCache from error

    def _old_state(self) -> dict[str, Any] | None:
        """The checks across maps as the index keeps them: every map's path, in order; where each agent's
        stance rows (_thaw_rows) are in the records file; each agent's C004 findings. None when there is none
        to trust."""
        state = self._index["corpus"]
        if self._worker or type(state) is not dict or type(state.get("paths")) is not list \
                or type(state.get("stances")) is not dict or type(state.get("moves")) is not dict:
            return None
        if not all(type(p) is str for p in state["paths"]):
            return None
        if not all(type(k) is str and type(v) is list for k, v in state["moves"].items()):
            return None
        return state

    def _changes(self, order: list[MapFacts | Held], paths: list[str], state: dict[str, Any] | None
                 ) -> tuple[set[str], dict[str, MapFacts | None]] | None:
        """The agents whose C004 findings may differ from the index's, and the maps whose stance rows are no
        longer the index's (their facts now; None: no longer a map); None when the index's cannot be
        brought up to date (none, or the maps kept are in another order: their stances could pair otherwise)."""
        if state is None:
            return None
        old_paths: list[str] = state["paths"]
        now, before = set(paths), set(old_paths)
        if len(now) != len(paths) or [p for p in old_paths if p in now] != [p for p in paths if p in before]:
            return None
        agents: set[str] = set()
        changed: dict[str, MapFacts | None] = {}
        for entry, path in zip(order, paths, strict=True):
            if path in before and (type(entry) is Held or path in self._same):
                continue  # its rows are the index's
            facts: Any = self._old_facts(path) if type(entry) is Held else entry
            previous = self._old_facts(path) if path in before else None
            if facts is _MISSING or facts is None or previous is _MISSING:
                return None
            if previous != facts:
                changed[path] = facts
                agents.update(s[0] for s in facts.stances)
                if previous is not None:
                    agents.update(s[0] for s in previous.stances)
        for path in before - now:
            previous = self._old_facts(path)
            if previous is _MISSING:
                return None
            changed[path] = None
            if previous is not None:
                agents.update(s[0] for s in previous.stances)
        return agents, changed

    def _stance_rows(self, order: Sequence[MapFacts | Held]) -> dict[str, list[list[Any]]]:
        """The stance rows of the maps of `order` by agent, each [question, stance, line, column, path, map id,
        date]; a Held map's from its record (StaleCache if it cannot be read)."""
        rows: dict[str, list[list[Any]]] = {}
        for entry in order:
            facts: Any = self._old_facts(entry) if type(entry) is Held else entry
            if facts is _MISSING or facts is None:
                raise StaleCache
            for agent, question, stance, line, column in facts.stances:
                rows.setdefault(agent, []).append([question, stance, line, column, facts.path, facts.id, facts.date])
        return rows


class CorpusLedger(Ledger):
    """The ledger a cached run feeds: R003 and the links' claims as always, every map at once, a held map's
    from its row (hold); the stances are kept aside until the end, when MapCache.moves finds C004 again only
    where a changed map could change it."""

    def __init__(self, cache: MapCache) -> None:
        super().__init__()
        self._cache = cache
        self._order: list[MapFacts | Held] = []

    def add(self, f: MapFacts) -> None:
        self._order.append(f)
        super().add(f._replace(stances=()))

    def hold(self, path: Held) -> None:
        """A map the cache holds (MapCache.run gave Held): counted and its id checked, from its row."""
        summary = self._cache._held[path]
        self.register(summary[0], path, summary[1], summary[2])
        self._order.append(path)

    def moves(self) -> Iterator[Finding]:
        return iter(self._cache.moves(self._order))


def _agent_moves(agent: str, rows: list[list[Any]], position: dict[str, int]) -> list[Finding]:
    """C004 for one agent, from its stance rows (_stance_rows) in any order of maps: as the checks across maps
    find it in the whole corpus (a move is between two stances of one agent, so each agent's are apart)."""
    from argmap.checks.across import Ledger as Plain

    rows.sort(key=lambda r: position[r[4]])  # stable: a map's rows stay in its order
    inner = Plain()
    start = 0
    for end in range(1, len(rows) + 1):
        if end == len(rows) or rows[end][4] != rows[start][4]:
            first = rows[start]
            inner.add(MapFacts(first[5], first[4], 0, 0, first[6],
                               tuple((agent, r[0], r[1], r[2], r[3]) for r in rows[start:end])))
            start = end
    return list(inner.moves())


def _places(maps: dict[str, Any], corpus: dict[str, Any] | None, registries: dict[str, Any]
            ) -> list[tuple[Any, Any]]:
    """Where the index names records of the records file: each map's row (its REF), each agent's stances, each
    registry's parsed form."""
    places: list[tuple[Any, Any]] = [(row, REF) for row in maps.values() if type(row) is list and len(row) == REF + 1
                                     and _is_ref(row[REF])]
    places.extend((row, 2) for row in registries.values() if type(row) is list and len(row) == 3 and _is_ref(row[2]))
    if corpus is not None:
        stances = corpus["stances"]
        places.extend((stances, agent) for agent in stances if _is_ref(stances[agent]))
    return places


def _index_value(body: bytes) -> dict[str, Any] | None:
    """An index's (or a journal's) value from its verified body, if it is what _save writes."""
    try:
        value = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None
    if type(value) is not dict or type(value.get("maps")) is not dict or type(value.get("registries")) is not dict:
        return None
    value.setdefault("corpus", None)
    value.setdefault("checks", None)
    if type(value.get("live")) is not int:
        value["live"] = 0
    return value


def _changed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The entries of `after` that are not `before`'s own objects, and None for each key it no longer has."""
    changes = {key: value for key, value in after.items() if before.get(key) is not value}
    changes.update((key, None) for key in before if key not in after)
    return changes


def _applied(before: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """`before` with `changes` (_changed) made."""
    after = {**before, **changes}
    for key, value in changes.items():
        if value is None:
            del after[key]
    return after


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _is_ref(ref: object) -> bool:
    return type(ref) is list and len(ref) == 3 and type(ref[1]) is int and type(ref[2]) is bytes


def _thaw_rows(blob: bytes | None) -> list[list[Any]] | None:
    """An agent's stance rows from the records file, each field of the type _stance_rows writes; None if
    they are not."""
    rows = _thaw(blob)
    if type(rows) is not list:
        return None
    for row in rows:
        if type(row) is not list or len(row) != 7:
            return None
        question, stance, line, column, path, map_id, date = row
        if not (type(question) is str and type(stance) is int and type(line) is int and type(column) is int
                and type(path) is str and type(map_id) is str and type(date) is str and -_BOUND < stance < _BOUND
                and -_BOUND < line < _BOUND and -_BOUND < column < _BOUND):
            return None
    return rows


def _index_row(record: dict[str, Any]) -> list[Any]:
    """A map's record ({content, stat, article, result, marked}, as its own file holds it) as the index's row."""
    result = record["result"]
    kept = result["kept"]
    if kept is None:
        summary = None
    else:
        facts, quotes = kept["facts"], kept["quotes"]
        summary = [facts[0], facts[2], facts[3], *quotes[:4], list(quotes[4])]
    row = [record["stat"], record["marked"], record["article"], summary, result["findings"], None]
    marshal.dumps(row)  # only the plain values marshal writes (ValueError)
    return row  # its REF is known once its record is appended (MapCache.save)


def _thaw(blob: object) -> Any:
    """A value from marshal bytes in the index, or None."""
    if type(blob) is not bytes:
        return None
    try:
        return marshal.loads(blob)
    except (ValueError, EOFError, TypeError):
        return None


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
    digests: dict[str, tuple[str, bool]] = {}
    # repr, not json: the context is plain values in a fixed order, and json is not imported for it.
    key = _digest(_encode_path(repr(context(settings, registries, digests))))
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
    cache = MapCache(directory, tuple(settings.sources), settings.max_file_size, secret)
    cache._context_digests = digests
    return cache


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
                    if entry.is_file(follow_symlinks=False) and (entry.name.endswith((".json", ".tmp"))
                                                                  or entry.name in (INDEX, JOURNAL, RECORDS)):
                        os.unlink(entry.path)
            os.rmdir(path)  # fails, and keeps the directory, if anything else is in it
            removed += 1
        except OSError:
            continue
    return removed


# -- the format of a result ---------------------------------------------------------------------------

_SEVERITIES = {s.value: s for s in Severity}


def _encode_result(result: Result) -> dict[str, Any]:
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
    # The hot loop of a cached check (five findings a map at 10,000 maps): every test at once.
    if type(value) is not list or len(value) != 10:
        raise TypeError
    path, line, column, code, severity, message, hint, end_line, end_column, suggestions = value
    if not (type(path) is str and type(line) is int and type(column) is int and type(code) is str
            and type(message) is str and type(hint) is str and type(end_line) is int and type(end_column) is int
            and type(suggestions) is list and code in RULES and severity in _SEVERITIES
            and -_BOUND < line < _BOUND and -_BOUND < column < _BOUND and -_BOUND < end_line < _BOUND
            and -_BOUND < end_column < _BOUND and all(type(s) is str for s in suggestions)):
        raise TypeError
    return Finding(path, line, column, code, _SEVERITIES[severity], message, hint, end_line, end_column,
                   tuple(suggestions))


def _decode_result(value: object) -> Result:
    # Once a map on a cached check: its tests written out, as in _decode_finding and _stance.
    if type(value) is not dict:
        raise TypeError
    findings = value["findings"]
    if type(findings) is not list:
        raise TypeError
    decoded = [_decode_finding(f) for f in findings]
    kept = value["kept"]
    if kept is None:
        return None, decoded
    if type(kept) is not dict:
        raise TypeError
    facts, quotes, article = kept["facts"], kept["quotes"], kept["article"]
    if type(facts) is not list or len(facts) != len(MapFacts._fields) or type(quotes) is not list \
            or len(quotes) != 5 or type(article) is not str:
        raise TypeError
    map_id, path, line, column, date, stances, claims, attacks = facts
    total, verified, failed, unchecked, articles = quotes
    if not (type(map_id) is str and type(path) is str and type(line) is int and type(column) is int
            and type(date) is str and type(stances) is list and type(claims) is list and type(attacks) is list
            and -_BOUND < line < _BOUND and -_BOUND < column < _BOUND and type(articles) is list
            and all(type(c) is str for c in claims) and all(type(a) is str for a in articles)):
        raise TypeError
    rows = tuple(map(_stance, stances))
    counts = QuoteCounts(_int(total), _int(verified), _int(failed), _int(unchecked), set(articles))
    return Checked(None, MapFacts(map_id, path, line, column, date, rows, tuple(claims),
                                  tuple(map(_pair, attacks))), counts, article), decoded


# -- the format of a registry -------------------------------------------------------------------------


def _encode_registry(kind: str, result: tuple[object | None, list[Finding]]) -> list[Any]:
    """A registry file's parsed form as plain values: `[items or None, findings]`."""
    from argmap.model.maps import Agent, Link, Question

    value, findings = result
    items: list[Any] | None = None
    if value is not None:
        if not isinstance(value, list):
            raise TypeError
        items = []
        for item in value:
            if kind == "agents" and type(item) is Agent:
                items.append([item.id, item.name, list(item.aliases), item.kind, item.description, item.path,
                              item.line, item.column])
            elif kind == "questions" and type(item) is Question:
                items.append([item.id, item.proposition, _encode_refs(item.implies), _encode_refs(item.excludes),
                              _encode_refs(item.refines), item.note, item.path, item.line, item.column])
            elif kind == "links" and type(item) is Link:
                items.append([list(item.source), list(item.target), list(item.relation), item.note, item.path,
                              item.line, item.column])
            else:
                raise TypeError
    encoded = [items, [_encode_finding(f) for f in findings]]
    for row in items or ():  # only the plain values marshal writes
        _plain(row)
    return encoded


def _plain(value: object) -> None:
    if type(value) is list:
        for item in value:
            _plain(item)
    elif type(value) not in (str, int):
        raise TypeError


def _encode_refs(refs: list[Any]) -> list[list[Any]]:
    return [list(ref) for ref in refs]


def _ref(value: object) -> Any:
    from argmap.model.maps import Ref

    ref_id, line, column = _list(value, 3)
    return Ref(_str(ref_id), _int(line), _int(column))


def _decode_agents(rows: list[Any]) -> list[Any]:
    """The agents' rows as Agents, every field tested column by column (a pass in C over each column,
    not a test of each field in Python: a third less time than row by row)."""
    from argmap.model.maps import Agent

    if not all([type(row) is list and len(row) == 8 for row in rows]):
        raise TypeError
    if not rows:
        return []
    ids, names, aliases, kinds, descriptions, paths, lines, columns = zip(*rows, strict=True)
    numbers = lines + columns
    if not (set(map(type, chain(ids, names, kinds, descriptions, paths))) == {str}
            and set(map(type, numbers)) == {int} and -_BOUND < min(numbers) and max(numbers) < _BOUND
            and set(map(type, aliases)) == {list} and set(map(type, chain.from_iterable(aliases))) <= {str}):
        raise TypeError
    return list(map(Agent, ids, names, aliases, kinds, descriptions, paths, lines, columns))


def _decode_registry(kind: str, value: object) -> tuple[object | None, list[Finding]]:
    from argmap.model.maps import Link, Question

    items, findings = _list(value, 2)
    decoded = [_decode_finding(f) for f in _list(findings)]
    if items is None:
        return None, decoded
    if kind == "agents":  # the most of them (a thousand, read on every re-check)
        return _decode_agents(_list(items)), decoded
    out: list[Any] = []
    for row in _list(items):
        if kind == "questions":
            ident, proposition, implies, excludes, refines, note, path, line, column = _list(row, 9)
            out.append(Question(_str(ident), _str(proposition), [_ref(r) for r in _list(implies)],
                                [_ref(r) for r in _list(excludes)], [_ref(r) for r in _list(refines)], _str(note),
                                _str(path), _int(line), _int(column)))
        elif kind == "links":
            source, target, relation, note, path, line, column = _list(row, 7)
            out.append(Link(_ref(source), _ref(target), _ref(relation), _str(note), _str(path), _int(line),
                            _int(column)))
        else:
            raise TypeError
    return out, decoded
