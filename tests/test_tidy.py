"""`argmap export --to csv|sqlite|parquet`: the tidy tables, their columns, keys and views, the guard on
overwriting, CSV injection, and the SQL session of docs/data.md."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from argmap.analysis.agreement import agreements, closeness
from argmap.analysis.positions import as_stances
from argmap.model.corpus import load_corpus
from argmap.model.maps import Corpus
from argmap.outputs.export import csv_export, tables
from tests.clirun import Result, run_cli

ROOT = Path(__file__).resolve().parent.parent
MAPS = ROOT / "maps"


def run(*args: str) -> Result:
    return run_cli(*args, cwd=os.getcwd(), debug=True)


def _corpus() -> Corpus:
    corpus, _, _ = load_corpus([str(MAPS)])
    return corpus


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_has_every_table_with_its_documented_columns_and_a_row_per_thing(tmp_path: Path) -> None:
    out = tmp_path / "tables"
    assert run("export", "--to", "csv", str(MAPS), "-o", str(out)).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t.name}.csv" for t in tables.TABLES)
    docs = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    for table in tables.TABLES:
        with (out / f"{table.name}.csv").open(encoding="utf-8", newline="") as handle:
            assert next(csv.reader(handle)) == table.names
        for column in table.columns:  # every column is documented
            assert f"| `{column.name}` | {column.type}" in docs, (table.name, column.name)
    corpus = _corpus()
    assert len(_read_csv(out / "maps.csv")) == len(corpus.maps)
    assert len(_read_csv(out / "claims.csv")) == sum(len(m.nodes) for m in corpus.maps)
    assert len(_read_csv(out / "evidence.csv")) == sum(len(m.evidence) for m in corpus.maps)
    relations = sum(len(c.supports) + len(c.attacks) for m in corpus.maps for c in m.nodes) \
        + sum(len(e.grounds) for m in corpus.maps for e in m.evidence)
    assert len(_read_csv(out / "relations.csv")) == relations
    stances = as_stances(corpus)
    positions = _read_csv(out / "positions.csv")
    assert len(positions) == len(stances.entries())
    first = positions[0]
    assert first["stance"].lstrip("-").isdigit() and first["is_author"] in ("true", "false")
    assert isinstance(json.loads(first["grounds"]), list)
    pairs = _read_csv(out / "agreement.csv")
    assert len(pairs) == len(list(agreements(corpus).sharing()))
    # the latest stances are those the analyses count
    latest = {(p["agent"], p["question"]): int(p["stance"]) for p in positions if p["latest"] == "true"}
    from argmap.analysis.agreement import stance_matrix

    assert latest == {k: e.stance for k, e in stance_matrix(corpus).cells.items()}


def test_csv_is_stable_and_exact(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert run("export", "--to", "csv", str(MAPS), "-o", str(a)).exit_code == 0
    assert run("export", "--to", "csv", str(MAPS), "-o", str(b)).exit_code == 0
    for path in a.iterdir():
        assert path.read_bytes() == (b / path.name).read_bytes()
    corpus = _corpus()
    quotes = [e.quote for m in corpus.maps for e in m.evidence]
    assert [row["quote"] for row in _read_csv(a / "evidence.csv")] == quotes  # texts exactly as in the maps


def test_evidence_offsets_point_into_the_article(tmp_path: Path, seeds: Path) -> None:
    out = tmp_path / "tables"
    assert run("export", "--to", "csv", str(MAPS), "-o", str(out), "--sources", str(seeds)).exit_code == 0
    rows = _read_csv(out / "evidence.csv")
    maps = {r["map"]: r for r in _read_csv(out / "maps.csv")}
    assert rows and all(r["found"] == "true" for r in rows)
    for row in rows:
        article = (seeds / maps[row["map"]]["source_text"]).read_text(encoding="utf-8-sig")
        start, end = int(row["start"]), int(row["end"])
        passage = " ".join(article[start:end].split())
        first_word = re.findall(r"\w+", row["quote"])[0]
        assert first_word in passage, (row["evidence"], passage[:80])
        assert article.count("\n", 0, start) + 1 == int(row["source_line"])
    # without --sources the offset columns are there, and empty
    plain = tmp_path / "plain"
    assert run("export", "--to", "csv", str(MAPS), "-o", str(plain)).exit_code == 0
    assert {r["found"] for r in _read_csv(plain / "evidence.csv")} == {""}


def test_excel_safe_guards_formulas_only_when_asked() -> None:
    table = tables.Table("t", "test", (tables.Column("text", "text", ""), tables.Column("n", "integer", "")), ("text",))
    rows: list[tuple[Any, ...]] = [("=HYPERLINK(\"http://x\")", -1), ("+1", 2), ("-2 points", 3), ("@SUM(A1)", 4), ("plain", 5)]
    exact, safe = io.StringIO(), io.StringIO()
    csv_export.write_table(exact, table, rows)
    csv_export.write_table(safe, table, rows, excel_safe=True)
    assert [r["text"] for r in csv.DictReader(io.StringIO(exact.getvalue()))] == [r[0] for r in rows]
    guarded = list(csv.DictReader(io.StringIO(safe.getvalue().lstrip("\ufeff"))))
    assert [r["text"] for r in guarded] == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2 points", "'@SUM(A1)", "plain"]
    assert [r["n"] for r in guarded] == ["-1", "2", "3", "4", "5"]  # numbers are never changed
    assert safe.getvalue().startswith("\ufeff") and not exact.getvalue().startswith("\ufeff")


def test_table_outputs_need_a_path_and_excel_safe_needs_csv(tmp_path: Path) -> None:
    assert run("export", "--to", "csv", str(MAPS)).exit_code == 2
    assert run("export", "--to", "sqlite", str(MAPS), "-o", "-").exit_code == 2
    result = run("export", "--to", "json", str(MAPS), "--excel-safe")
    assert result.exit_code == 2 and "--excel-safe" in result.output


def _database(tmp_path: Path) -> Path:
    db = tmp_path / "corpus.db"
    result = run("export", "--to", "sqlite", str(MAPS), "-o", str(db))
    assert result.exit_code == 0, result.output
    return db


def test_sqlite_has_the_tables_keys_indexes_and_views(tmp_path: Path) -> None:
    db = _database(tmp_path)
    connection = sqlite3.connect(db)
    names = {row[0]: row[1] for row in connection.execute("SELECT name, type FROM sqlite_master")}
    for table in tables.TABLES:
        assert names.get(table.name) == "table"
        columns = connection.execute(f"PRAGMA table_info({table.name})").fetchall()
        assert [c[1] for c in columns] == table.names
        assert [c[1] for c in sorted(columns, key=lambda c: c[5]) if c[5]] == list(table.key)
    for view in ("latest_positions", "pair_agreement", "question_pairs"):
        assert names.get(view) == "view"
    assert any(kind == "index" and name.startswith("positions_by_") for name, kind in names.items())
    assert connection.execute("PRAGMA foreign_key_list(positions)").fetchall()
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert dict(connection.execute("SELECT key, value FROM argmap_export")).items() >= {("format", "argmap-tables"), ("version", "1")}
    corpus = _corpus()
    assert connection.execute("SELECT count(*) FROM claims").fetchone()[0] == sum(len(m.nodes) for m in corpus.maps)
    pairs = {(p.a, p.b): p.agreement for p in agreements(corpus).sharing()}
    assert dict(((a, b), v) for a, b, v in connection.execute("SELECT agent_a, agent_b, agreement FROM pair_agreement")) == pairs


def test_the_sql_session_of_the_docs_answers_who_agrees_on_annexation(tmp_path: Path) -> None:
    db = _database(tmp_path)
    docs = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    query = re.search(r"```sql\n(.*?)```", docs, re.S)
    assert query is not None
    rows = sqlite3.connect(db).execute(query.group(1)).fetchall()
    corpus = _corpus()
    from argmap.analysis.agreement import stance_matrix

    on = stance_matrix(corpus).stances_on("russia-seeks-annexation")
    expected = {(a, b): closeness(on[a], on[b]) for a in on for b in on if a < b}
    names = {agent: corpus.agent_name(agent) for agent in on}
    found = {(name_a, name_b): (stance_a, stance_b, agreement) for name_a, stance_a, name_b, stance_b, _, agreement in rows}
    assert found == {(names[a], names[b]): (on[a], on[b], v) for (a, b), v in expected.items()}
    # and the output printed in the docs is this output
    printed = docs.split(query.group(0), 1)[1].split("```\n", 2)[1]
    for name_a, stance_a, name_b, stance_b, same, agreement in rows:
        assert re.search(rf"{re.escape(name_a)}\s+{stance_a}\s+{re.escape(name_b)}\s+{stance_b}\s+{same}\s+{agreement}", printed)


def test_sqlite_replaces_an_earlier_export_and_nothing_else(tmp_path: Path) -> None:
    db = _database(tmp_path)
    assert run("export", "--to", "sqlite", str(MAPS), "-o", str(db)).exit_code == 0  # an earlier export: replaced
    text = tmp_path / "notes.db"
    text.write_text("my notes\n", encoding="utf-8")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE mine (x)").connection.commit()
    before = other.read_bytes()
    for target in (text, other):
        result = run("export", "--to", "sqlite", str(MAPS), "-o", str(target))
        assert result.exit_code == 2 and "refusing to overwrite" in result.output
    assert text.read_text(encoding="utf-8") == "my notes\n" and other.read_bytes() == before
    result = run("export", "--to", "sqlite", str(MAPS), "-o", str(MAPS / "agents.yaml"))
    assert result.exit_code == 2


def test_parquet_holds_the_same_rows(tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (the extra `parquet`)")
    out = tmp_path / "tables"
    result = run("export", "--to", "parquet", str(MAPS), "-o", str(out))
    assert result.exit_code == 0, result.output
    built = tables.build(_corpus())
    for table in tables.TABLES:
        read = parquet.read_table(out / f"{table.name}.parquet")
        assert read.column_names == table.names
        assert [tuple(row[c] for c in table.names) for row in read.to_pylist()] == built.rows[table.name]
