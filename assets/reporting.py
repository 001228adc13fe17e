"""Metadata helpers: what an operator sees at a glance in the Dagster UI.

Every figure an operator may want to follow over days is a number under its own key
(``rows/<source>``, ``failures/<reason>``...): the UI plots numeric metadata of a partitioned asset
across its partitions (asset page, *Plots*), which tables and text charts cannot give.
"""

from __future__ import annotations

from collections.abc import Iterable

import dagster as dg
import pyarrow as pa


def counts_table(table: pa.Table, *columns: str) -> dg.TableMetadataValue:
    """Row counts of ``table`` grouped by ``columns``, largest first, as a UI table."""
    if table.num_rows:
        grouped = table.select(list(columns)).group_by(list(columns)).aggregate([([], "count_all")])
        rows = sorted(grouped.to_pylist(), key=lambda r: (-r["count_all"], [str(r[c]) for c in columns]))
    else:
        rows = []
    return dg.MetadataValue.table(
        records=[dg.TableRecord({**{c: str(r[c]) for c in columns}, "rows": int(r["count_all"])}) for r in rows],
        schema=dg.TableSchema(columns=[*(dg.TableColumn(c, "string") for c in columns), dg.TableColumn("rows", "int")]),
    )


def value_counts(table: pa.Table, column: str) -> dict[str, int]:
    """Row counts per value of one column (nulls counted under ``"None"``)."""
    if not table.num_rows:
        return {}
    grouped = table.select([column]).group_by([column]).aggregate([([], "count_all")])
    return {str(r[column]): int(r["count_all"]) for r in grouped.to_pylist()}


def count_metadata(
    table: pa.Table, column: str, prefix: str, expected: Iterable[str] = ()
) -> dict[str, dg.MetadataValue]:
    """One integer metadata entry per value of ``column``: ``<prefix>/<value>``.

    Args:
        table: The rows.
        column: The column to count by.
        prefix: Key prefix, e.g. ``"rows"``.
        expected: Values reported even when absent (as 0), e.g. every source of the registry, so
            a source that produced nothing on a day shows as a 0 in the plot, not as a gap.

    Returns:
        ``{"<prefix>/<value>": MetadataValue.int(n)}``, in key order.
    """
    counts = dict.fromkeys(expected, 0) | value_counts(table, column)
    return {f"{prefix}/{key}": dg.MetadataValue.int(n) for key, n in sorted(counts.items())}


def sample_rows(table: pa.Table, columns: list[str], n: int = 5) -> dg.MarkdownMetadataValue:
    """The first ``n`` rows of some columns as a markdown table."""
    head = table.select(columns).slice(0, n).to_pylist()
    out = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in head:
        cells = [str(row[c])[:80].replace("|", "\\|").replace("\n", " ") for c in columns]
        out.append("| " + " | ".join(cells) + " |")
    return dg.MetadataValue.md("\n".join(out))
