"""The tidy tables as one SQLite database, written with the standard library's sqlite3.

Each table of argmap.outputs.export.tables becomes an SQL table of the same name, with its primary key, its
foreign keys (the joins), and an index on every join column; lists are JSON arrays (SQLite's json_each
reads them), booleans 0 and 1. Views answer the common questions:

- `latest_positions`: each agent's latest stance on each question, with the agent's name and the proposition;
- `pair_agreement`: the agreement table with both agents' names;
- `question_pairs`: for each question, every pair of agents answering it, their latest stances, and
  whether they stand on the same side.

A marker table `argmap_export` (key, value) says what the file is: an existing file is replaced only if
it is an SQLite database holding that marker, never any other file.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from typing import Any

from argmap._version import __version__
from argmap.outputs.export.tables import TABLES, VERSION, Table, Tables, as_json_list

MARKER = "argmap_export"
FORMAT = "argmap-tables"
HEADER = b"SQLite format 3\x00"

_TYPES = {"text": "TEXT", "integer": "INTEGER", "real": "REAL", "boolean": "INTEGER", "list": "TEXT"}

VIEWS = {
    "latest_positions": """
        SELECT p.agent, a.name AS agent_name, p.question, q.proposition, p.stance, p.label, p.map, p.date,
               p.is_author, p.grounds, p.note
        FROM positions p JOIN agents a ON a.agent = p.agent JOIN questions q ON q.question = p.question
        WHERE p.latest = 1""",
    "pair_agreement": """
        SELECT g.agent_a, a.name AS name_a, g.agent_b, b.name AS name_b, g.shared, g.questions, g.same_side,
               g.opposite_side, g.one_neutral, g.agreement
        FROM agreement g JOIN agents a ON a.agent = g.agent_a JOIN agents b ON b.agent = g.agent_b""",
    "question_pairs": """
        SELECT x.question, x.agent AS agent_a, x.agent_name AS name_a, x.stance AS stance_a,
               y.agent AS agent_b, y.agent_name AS name_b, y.stance AS stance_b,
               ((x.stance > 0) - (x.stance < 0)) = ((y.stance > 0) - (y.stance < 0)) AS same_side,
               (x.stance > 0 AND y.stance < 0) OR (x.stance < 0 AND y.stance > 0) AS opposite_side,
               100.0 * (1 - abs(x.stance - y.stance) / 4.0) AS agreement
        FROM latest_positions x JOIN latest_positions y ON x.question = y.question AND x.agent < y.agent""",
}


class NotAnExport(Exception):
    """The target exists and is not an earlier argmap SQLite export: never replaced."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_statements(table: Table) -> list[str]:
    columns = [f"{_quote(c.name)} {_TYPES[c.type]}{'' if c.nullable else ' NOT NULL'}" for c in table.columns]
    columns.append(f"PRIMARY KEY ({', '.join(map(_quote, table.key))})")
    for mine, other, theirs in table.references:
        columns.append(f"FOREIGN KEY ({', '.join(map(_quote, mine))}) REFERENCES {_quote(other)} "
                       f"({', '.join(map(_quote, theirs))})")
    out = [f"CREATE TABLE {_quote(table.name)} (\n  " + ",\n  ".join(columns) + "\n)"]
    for index in table.indexes:
        name = f"{table.name}_by_{'_'.join(index)}"
        out.append(f"CREATE INDEX {_quote(name)} ON {_quote(table.name)} ({', '.join(map(_quote, index))})")
    return out


def _value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "boolean":
        return 1 if value else 0
    if kind == "list":
        return as_json_list(value)
    return value


def check_replaceable(path: str) -> None:
    """NotAnExport unless `path` is missing, or an SQLite database that an earlier export wrote."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(HEADER))
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise NotAnExport(f"refusing to write {path}: a directory (--to sqlite writes one file)") from None
    if header != HEADER:
        raise NotAnExport(f"refusing to overwrite {path}: not an SQLite database written by argmap export")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            found = connection.execute(f"SELECT value FROM {MARKER} WHERE key = 'format'").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        found = None
    if not found or found[0] != FORMAT:
        raise NotAnExport(f"refusing to overwrite {path}: an SQLite database, but not one written by argmap export "
                          f"(no {MARKER} table)")


def write_database(path: str, tables: Tables) -> None:
    """A new database at `path` (which must not exist) holding every table, its keys, indexes and views."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute(f"CREATE TABLE {MARKER} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            connection.executemany(f"INSERT INTO {MARKER} VALUES (?, ?)", [
                ("format", FORMAT), ("version", str(VERSION)), ("generator", f"argmap {__version__}")])
            # Foreign keys are declared, not enforced on insert: a corpus with errors (an empty `by`, say)
            # still exports; the tests check that a valid corpus passes PRAGMA foreign_key_check.
            for table in TABLES:
                for statement in create_statements(table):
                    connection.execute(statement)
            for table in TABLES:
                kinds = [c.type for c in table.columns]
                marks = ", ".join("?" for _ in kinds)
                connection.executemany(f"INSERT INTO {_quote(table.name)} VALUES ({marks})",
                                       ([_value(v, k) for v, k in zip(row, kinds, strict=True)] for row in tables.rows[table.name]))
            for name, body in VIEWS.items():
                connection.execute(f"CREATE VIEW {_quote(name)} AS {body.strip()}")
    finally:
        connection.close()


def encode(tables: Tables, directory: str | None = None) -> bytes:
    """The database as bytes, built in a private temporary directory (`directory`: where to make it)."""
    with tempfile.TemporaryDirectory(prefix=".argmap-sqlite-", dir=directory) as temp:
        path = os.path.join(temp, "export.db")
        write_database(path, tables)
        with open(path, "rb") as handle:
            return handle.read()
