"""The tidy tables as Parquet files, one per table (`maps.parquet`, ...), written with pyarrow: the
optional extra `parquet` (`pip install 'argmap[parquet]'`). List columns are Parquet lists of strings."""

from __future__ import annotations

from typing import Any

from argmap.outputs.export.tables import Table


class ParquetUnavailable(Exception):
    """pyarrow is not installed."""


def _pyarrow() -> Any:
    import importlib

    try:
        # by name: pyarrow ships no type information, and is absent where the extra is not installed
        module = importlib.import_module("pyarrow")
        importlib.import_module("pyarrow.parquet")
    except ImportError:
        raise ParquetUnavailable("Parquet needs pyarrow: pip install 'argmap[parquet]' (or pip install pyarrow)") from None
    return module


def check() -> None:
    """ParquetUnavailable unless pyarrow imports: asked before anything is written."""
    _pyarrow()


def encode(table: Table, rows: list[tuple[Any, ...]]) -> bytes:
    """One table as the bytes of a Parquet file."""
    pa = _pyarrow()
    types = {"text": pa.string(), "integer": pa.int64(), "real": pa.float64(), "boolean": pa.bool_(),
             "list": pa.list_(pa.string())}
    schema = pa.schema([pa.field(c.name, types[c.type], nullable=c.nullable, metadata={"doc": c.doc})
                        for c in table.columns], metadata={"argmap-table": table.name})
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in table.columns]
    arrays = [pa.array(list(values), type=types[c.type]) for values, c in zip(columns, table.columns, strict=True)]
    data = pa.Table.from_arrays(arrays, schema=schema)
    sink = pa.BufferOutputStream()
    pa.parquet.write_table(data, sink)
    return bytes(sink.getvalue().to_pybytes())
