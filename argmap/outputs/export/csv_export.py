"""The tidy tables as CSV files, one per table (`maps.csv`, `claims.csv`, ...): UTF-8, RFC 4180 quoting,
a header row of the column names, rows in the tables' stable order.

Cells are exact by default: a text that starts with `=`, `+`, `-` or `@` is written as it is, because
tidy data read by pandas, R or SQL must hold what the maps hold. Spreadsheet programs run such a cell as
a formula (CSV injection), so `excel_safe` writes a leading apostrophe before any text cell that starts
with one of those characters, with a look-alike of one (fullwidth `＝`, small `﹦`, ...), or with any white
space, control or invisible formatting character (a space, a line feed, a zero-width space: spreadsheets
skip some of them before they look for a formula), and a byte order mark so that Excel reads UTF-8: for
opening in a spreadsheet only. Numbers are never changed.
"""

from __future__ import annotations

import csv
from typing import Any, TextIO

from argmap.outputs.export.tables import Table, Tables, as_json_list

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any, kind: str, excel_safe: bool = False) -> str:
    """One value as its CSV text: empty for None, `true`/`false`, a JSON array for a list."""
    if value is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "list":
        text = as_json_list(value)
    elif kind in ("integer", "real"):
        return repr(value) if kind == "real" else str(int(value))  # repr: the float back exactly
    else:
        text = str(value)
    if excel_safe and risky(text):
        return "'" + text
    return text


def risky(text: str) -> bool:
    """Whether a spreadsheet might read `text` as a formula: its first character starts one, looks like one
    that does, or is white space or an invisible character that a spreadsheet may skip first."""
    if not text:
        return False
    import unicodedata

    first = text[0]
    return (first in FORMULA_START or first.isspace() or unicodedata.category(first) in ("Cc", "Cf", "Zs", "Zl", "Zp")
            or unicodedata.normalize("NFKC", first)[:1] in FORMULA_START)


def write_table(stream: TextIO, table: Table, rows: list[tuple[Any, ...]], excel_safe: bool = False) -> None:
    if excel_safe:
        stream.write("\ufeff")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(table.names)
    kinds = [c.type for c in table.columns]
    for row in rows:
        writer.writerow([cell(value, kind, excel_safe) for value, kind in zip(row, kinds, strict=True)])


def files(tables: Tables) -> list[str]:
    return [f"{name}.csv" for name in tables.rows]
