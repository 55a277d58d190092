"""The checks across maps: a map id used twice (R003), and an agent's stance moving from one map to a
later one (C004). They are fed one map at a time, as the maps are built, and keep only a few small
rows of each; past SPILL_ROWS the stance rows go to a private temporary SQLite database, which sorts
them on disk. So a check holds, of each map, its id and path: not its text, positions or model."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Iterator

from argmap.core import stance as scale
from argmap.core.diagnostics import Finding
from argmap.core.notyping import NamedTuple
from argmap.core.rules import DUPLICATE_MAP_ID, STANCE_MOVED
from argmap.model.maps import UNKNOWN, Map

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3

SPILL_ROWS = 10_000  # about 2 MB of rows in memory; beyond that they wait on disk


class StanceRow(NamedTuple):
    """One stance taken in one map, in the order the move check wants them: by agent, question, date, map."""

    agent: str
    question: str
    sort_date: str  # an unknown date sorts last
    map_id: str
    map_no: int  # which map, in the order they were added (ids can repeat, paths cannot)
    stance: int
    line: int
    column: int
    path: str
    date: str  # as written


class MapFacts(NamedTuple):
    """What the checks across maps need of one map: a few hundred bytes, sent back from a worker."""

    id: str
    path: str
    line: int
    column: int
    date: str
    stances: tuple[tuple[str, str, int, int, int], ...]  # agent, question, stance, line, column
    # For the checks of links.yaml (checks/links.py): the ids of the thesis and claims, and who attacks whom.
    claims: tuple[str, ...] = ()
    attacks: tuple[tuple[str, str], ...] = ()


def facts(m: Map) -> MapFacts:
    stances = tuple((m.agent_id(p.agent.id), p.question.id, p.stance, p.line, p.column)
                    for p in m.positions if p.stance is not None and p.question.id)
    claims = tuple(n.id for n in m.nodes if n.id)
    attacks = tuple((n.id, ref.id) for n in m.nodes for ref in n.attacks if n.id and ref.id)
    return MapFacts(m.id, m.path, m.line, m.column, m.source.date, stances, claims, attacks)


class Ledger:
    """Takes each map's facts, then gives the findings across the corpus."""

    def __init__(self, spill_rows: int | None = None) -> None:
        self.maps = 0
        self.first_path: str | None = None  # of the first map added
        self.findings: list[Finding] = []
        self._path_of_id: dict[str, str] = {}
        self._rows: list[StanceRow] = []
        self._spill_rows = SPILL_ROWS if spill_rows is None else spill_rows  # read now: a test lowers it
        self._db: sqlite3.Connection | None = None
        # Per map id (the first map of an id): its claim ids and attacks, for the checks of links.
        self.claims: dict[str, frozenset[str]] = {}
        self.attacks: dict[str, frozenset[tuple[str, str]]] = {}

    def add(self, f: MapFacts) -> None:
        number = self.maps
        if self.register(f.id, f.path, f.line, f.column):
            self.claims[f.id] = frozenset(f.claims)
            self.attacks[f.id] = frozenset(f.attacks)
        sort_date = f.date if f.date != UNKNOWN else "9999"
        # Interned: a corpus repeats the same few agent and question ids thousands of times.
        self._rows.extend(_new_row(StanceRow, (sys.intern(agent), sys.intern(question), sort_date, f.id, number,
                                               stance, line, column, f.path, f.date))
                          for agent, question, stance, line, column in f.stances)
        if len(self._rows) >= self._spill_rows:
            self._spill()

    def register(self, map_id: str, path: str, line: int, column: int) -> bool:
        """Count one map, in order, and check its id (R003); True when it is the first map of that id (whose
        claims the links are checked against). `add` does this; the cache, for a map it holds, alone."""
        self.maps += 1
        self.first_path = self.first_path or path
        if map_id and map_id in self._path_of_id:
            self.findings.append(DUPLICATE_MAP_ID.at(
                path, line, column, f"map id {map_id!r} is also used by {self._path_of_id[map_id]}",
                "give each map its own id (author, year and subject)"))
            return False
        if map_id:
            self._path_of_id[map_id] = path
            return True
        return False

    def moves(self) -> Iterator[Finding]:
        """C004: consecutive stances of one agent on one question, in different maps, that differ."""
        for before, after in itertools.pairwise(self._sorted_rows()):
            if before[0] != after[0] or before[1] != after[1] or before.map_no == after.map_no \
                    or before.stance == after.stance:
                continue
            yield STANCE_MOVED.at(
                after.path, after.line, after.column,
                f"{after.agent} on {after.question}: {scale.signed(before.stance)} in {before.map_id} ({before.date}) "
                f"-> {scale.signed(after.stance)} in {after.map_id} ({after.date})",
                f"run `argmap timeline {after.agent}` to see every move")

    def _sorted_rows(self) -> Iterable[StanceRow]:
        if self._db is None:
            return sorted(self._rows, key=lambda r: r[:4])  # stable: ties keep the order of the maps
        self._spill()
        return self._read_back()

    # -- on disk ----------------------------------------------------------------------------------------

    def _spill(self) -> None:
        """Move the rows in memory to the database, opened on first use. Where SQLite or a temporary
        file is not to be had, or the disk fills up, the rows stay in (or come back to) memory."""
        try:
            import sqlite3
        except ImportError:  # a Python built without it
            self._spill_rows = sys.maxsize
            return
        try:
            if self._db is None:
                # "" is SQLite's private temporary database: its file is unlinked as soon as it is opened,
                # so nothing is left behind, whatever happens to this process.
                db = sqlite3.connect("")
                db.execute("PRAGMA cache_size = -1024")  # KiB: pages beyond it (and the sort) go to disk
                db.execute("CREATE TABLE rows (agent TEXT, question TEXT, sort_date TEXT, map_id TEXT,"
                           " map_no INTEGER, stance INTEGER, line INTEGER, col INTEGER, path BLOB, date TEXT)")
                self._db = db
            # Text goes in as UTF-8, which SQLite compares byte by byte (the BINARY collation, a memcmp): the
            # order of code points, the order Python sorts str in. A map's values are read from UTF-8, so they
            # encode as they are (sqlite3 does it, at a third of the cost of doing it here); a file name may
            # hold any code point (a lone surrogate from os.fsdecode), so the path goes in as surrogatepass
            # bytes. A value that will not encode after all keeps the rows in memory, as a failing disk does.
            with self._db:  # one transaction per batch: all of it is written, or none
                self._db.executemany("INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (
                    (*r[:8], _b(r.path), r.date) for r in self._rows))
        except (sqlite3.Error, UnicodeEncodeError):
            if self._db is not None:
                self._rows = list(self._read_back("rowid")) + self._rows
            self._spill_rows = sys.maxsize
            return
        self._rows = []

    def _read_back(self, order: str = "agent, question, sort_date, map_id, rowid") -> Iterator[StanceRow]:
        """The rows on disk, in `order` (rowid is the order they came in), then the database is closed."""
        assert self._db is not None
        rows = self._db.execute(f"SELECT * FROM rows ORDER BY {order}")
        for agent, question, sort_date, map_id, map_no, stance, line, column, path, date in rows:
            yield _new_row(StanceRow, (agent, question, sort_date, map_id, map_no, stance, line, column,
                                       path.decode("utf-8", "surrogatepass"), date))
        self._db.close()
        self._db = None


def _b(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


# A row read back made without StanceRow's own constructor (a frame of Python for each of a corpus's stances).
_new_row = tuple.__new__
