"""DuckDB views over the contract tables' Parquet partitions, and the contract-to-DuckDB types.

Used by the catalog build (every partition) and by the story segments (the partitions of one
segment's days), so both read the tables through the same typed view.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa

from warehouse.schema import TABLES


def duckdb_type(dtype: pa.DataType) -> str:
    """DuckDB SQL type of a contract column type.

    Args:
        dtype: A pyarrow type used in :mod:`warehouse.schema`.

    Returns:
        The DuckDB type name.

    Raises:
        ValueError: A type the contracts do not use yet.
    """
    if pa.types.is_list(dtype):
        return f"{duckdb_type(dtype.value_type)}[]"
    if pa.types.is_timestamp(dtype):
        return "timestamptz" if dtype.tz else "timestamp"
    simple = {
        pa.string(): "varchar",
        pa.int32(): "integer",
        pa.int64(): "bigint",
        pa.float64(): "double",
        pa.bool_(): "boolean",
        pa.date32(): "date",
    }
    if dtype in simple:
        return simple[dtype]
    raise ValueError(f"no DuckDB type mapped for {dtype}")


def quote(text: str) -> str:
    """A SQL string literal.

    Args:
        text: The string.

    Returns:
        It in single quotes, inner quotes doubled.
    """
    return "'" + text.replace("'", "''") + "'"


def table_view_sql(table: str, found: Iterable[Path]) -> str:
    """The view over some of one table's partition files.

    Name each partition's immutable version file (see :mod:`warehouse.writer`), so a republish
    after the view is made neither changes nor breaks it. Columns are the contract's, in contract
    order, plus ``date``. A typed empty relation is unioned by name with the files, so a column
    missing from old files reads as NULL and a table with no partitions is an empty view instead of
    a "no files found" error.

    Args:
        table: Table name, a key of :data:`warehouse.schema.TABLES`.
        found: Its partition files (``.../date=D/<file>.parquet``).

    Returns:
        A ``create or replace view`` statement.
    """
    columns = [f"cast(null as {duckdb_type(f.type)}) as {f.name}" for f in TABLES[table]]
    empty = "select\n    " + ",\n    ".join([*columns, "cast(null as date) as date"]) + "\nwhere false"
    listed = ", ".join(quote(str(path)) for path in found)
    if not listed:
        return f"create or replace view {table} as\n{empty}"
    scan = (
        f"select * from read_parquet([{listed}], hive_partitioning = true, union_by_name = true, "
        "hive_types = {'date': date})"
    )
    return f"create or replace view {table} as\n{empty}\nunion all by name\n{scan}"
