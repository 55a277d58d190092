"""The checks across maps (R003 and C004) fed one map at a time: the same findings whether the stance
rows stay in memory or go to SQLite on disk, and the same as comparing every map's positions directly."""

from __future__ import annotations

import itertools
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.checks import across
from argmap.checks.across import Ledger, MapFacts
from argmap.core import stance as scale
from argmap.core.diagnostics import Finding
from argmap.core.rules import DUPLICATE_MAP_ID, STANCE_MOVED
from tests.clirun import run_cli
from tests.profiles import scaled

ROOT = Path(__file__).resolve().parent.parent

# Ids and dates that make byte order and code point order matter: ASCII, accents, CJK, astral.
TEXT = st.sampled_from(["a", "b", "ab", "é", "z", "ж", "中", "𝔸", "a-b", ""])
DATES = st.sampled_from(["2019", "2019-12-20", "2021-09-21", "unknown", "2021"])
STANCE = st.integers(-2, 2)
# A file name may hold any code point that os.fsdecode gives, lone surrogates included.
PATHS = st.sampled_from(["maps/a.yaml", "maps/б.yaml", "maps/\udcff.yaml", "x.yaml"])


@st.composite
def corpora(draw: st.DrawFn) -> list[MapFacts]:
    maps = []
    for number in range(draw(st.integers(0, 12))):
        stances = tuple((draw(TEXT), draw(TEXT), draw(STANCE), draw(st.integers(1, 400)), draw(st.integers(1, 9)))
                        for _ in range(draw(st.integers(0, 6))))
        maps.append(MapFacts(draw(TEXT), f"{draw(PATHS)}#{number}", draw(st.integers(1, 3)), 1, draw(DATES), stances))
    return maps


def findings(maps: list[MapFacts], spill_rows: int) -> list[Finding]:
    ledger = Ledger(spill_rows)
    for facts in maps:
        ledger.add(facts)
    return ledger.findings + list(ledger.moves())


def reference(maps: list[MapFacts]) -> list[Finding]:
    """The rule as first written, over whole maps: each agent's stances on a question in date order."""
    out: list[Finding] = []
    seen: dict[str, str] = {}
    for m in maps:
        if m.id and m.id in seen:
            out.append(DUPLICATE_MAP_ID.at(m.path, m.line, m.column, f"map id {m.id!r} is also used by {seen[m.id]}",
                                               "give each map its own id (author, year and subject)"))
        elif m.id:
            seen[m.id] = m.path
    history: dict[tuple[str, str], list[tuple[str, int, MapFacts, tuple[str, str, int, int, int]]]] = defaultdict(list)
    for number, m in enumerate(maps):
        for row in m.stances:
            history[(row[0], row[1])].append((m.date if m.date != "unknown" else "9999", number, m, row))
    for (agent, question), entries in sorted(history.items()):
        entries.sort(key=lambda e: (e[0], e[2].id))
        for (_, n1, m1, p1), (_, n2, m2, p2) in itertools.pairwise(entries):
            if n1 != n2 and p1[2] != p2[2]:
                out.append(STANCE_MOVED.at(
                    m2.path, p2[3], p2[4],
                    f"{agent} on {question}: {scale.signed(p1[2])} in {m1.id} ({m1.date}) "
                    f"-> {scale.signed(p2[2])} in {m2.id} ({m2.date})",
                    f"run `argmap timeline {agent}` to see every move"))
    return out


@scaled(2)
@given(corpora(), st.integers(1, 8))
def test_the_same_findings_in_memory_on_disk_and_by_reference(maps: list[MapFacts], spill_rows: int) -> None:
    in_memory = findings(maps, 10**9)
    assert findings(maps, spill_rows) == in_memory
    assert sorted(in_memory, key=Finding.sort_key) == sorted(reference(maps), key=Finding.sort_key)


def test_a_stance_move_and_a_repeated_id() -> None:
    maps = [
        MapFacts("one", "maps/one.yaml", 1, 1, "2019", (("ann", "q", 1, 10, 5),)),
        MapFacts("two", "maps/two.yaml", 1, 1, "2021", (("ann", "q", -1, 20, 5), ("bob", "q", 2, 21, 5))),
        MapFacts("one", "maps/again.yaml", 1, 1, "unknown", (("ann", "q", -1, 30, 5),)),
    ]
    found = findings(maps, 1)
    assert [(f.code, f.path, f.line) for f in found] == [("R003", "maps/again.yaml", 1), ("C004", "maps/two.yaml", 20)]
    assert found[1].message == "ann on q: +1 in one (2019) -> -1 in two (2021)"


def test_without_sqlite_the_rows_stay_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    maps = [MapFacts(f"m{i}", f"m{i}.yaml", 1, 1, f"20{10 + i}", (("ann", "q", i % 3 - 1, 5, 5),)) for i in range(9)]
    expected = findings(maps, 10**9)
    monkeypatch.setitem(sys.modules, "sqlite3", None)  # import sqlite3 now raises ImportError
    assert findings(maps, 2) == expected


def test_a_value_that_will_not_encode_keeps_the_rows_in_memory() -> None:
    """Ids go to SQLite as its own UTF-8 text (a map's values are read from UTF-8): a lone surrogate, which
    no map read from a file holds, is still not lost, nor does it stop the check; the rows stay in memory."""
    maps = [MapFacts(f"m{i}", f"m{i}.yaml", 1, 1, f"20{10 + i}", (("ann", "q", i % 3 - 1, 5, 5),)) for i in range(9)]
    maps[5] = maps[5]._replace(stances=(("\udcff", "q", 1, 5, 5), ("ann", "q", 0, 6, 5)))
    expected = findings(maps, 10**9)
    assert findings(maps, 2) == expected
    assert any(f.code == "C004" for f in expected)


def test_a_failing_disk_brings_the_rows_back_to_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up after some rows are written: nothing is lost, and nothing more is written."""
    import sqlite3

    maps = [MapFacts(f"m{i}", f"m{i}.yaml", 1, 1, f"20{10 + i}", (("ann", "q", i % 3 - 1, 5, 5),)) for i in range(9)]
    expected = findings(maps, 10**9)
    real_connect = sqlite3.connect
    batches = []

    class FillsUp:
        def __init__(self) -> None:
            self.db = real_connect("")

        def execute(self, *args: object) -> sqlite3.Cursor:
            return self.db.execute(*args)  # type: ignore[arg-type]

        def executemany(self, sql: str, rows: object) -> None:
            batches.append(sql)
            if len(batches) > 2:
                raise sqlite3.OperationalError("database or disk is full")
            self.db.executemany(sql, rows)  # type: ignore[arg-type]

        def __enter__(self) -> FillsUp:
            self.db.__enter__()
            return self

        def __exit__(self, *exc: object) -> None:
            self.db.__exit__(*exc)  # type: ignore[arg-type]

        def close(self) -> None:
            self.db.close()

    monkeypatch.setattr(sqlite3, "connect", lambda _name: FillsUp())
    assert findings(maps, 2) == expected
    assert len(batches) == 3


def test_a_large_corpus_spills_and_leaves_no_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the CLI: over SPILL_ROWS stance rows go to SQLite's private temporary file, which is gone
    when the check ends, and the moves found are those of the whole model compared map by map. SPILL_ROWS
    lowered to 2,000 (550 maps, still loaded by workers): the default's 2,550 maps took 10 s of the suite."""
    monkeypatch.setattr(across, "SPILL_ROWS", 2_000)
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    corpus = tmp_path / "maps"
    maps = across.SPILL_ROWS // 4 + 50  # about 5 stances a map
    generate(str(corpus), maps, agents=300, questions=40, seed=3)
    temp = tmp_path / "tmp"
    temp.mkdir()
    result = run_cli("check", str(corpus), "--format", "json", env={"TMPDIR": str(temp), "SQLITE_TMPDIR": str(temp)})
    assert result.returncode == 0, result.stderr
    assert list(temp.iterdir()) == []

    import json

    from argmap.model.corpus import load_corpus

    model, _, _ = load_corpus([str(corpus)])
    rows = sum(1 for m in model.maps for p in m.positions if p.stance is not None)
    assert rows > across.SPILL_ROWS
    expected = reference([across.facts(m) for m in model.maps])
    got = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "C004"]
    assert len(got) == len([f for f in expected if f.code == "C004"]) > 0
    assert sorted((f["line"], f["message"]) for f in got) == sorted((f.line, f.message) for f in expected if f.code == "C004")
