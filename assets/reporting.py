"""Metadata helpers: what an operator sees at a glance in the Dagster UI."""

from __future__ import annotations

import pyarrow as pa

import dagster as dg


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


def bar_chart(title: str, counts: dict[str, int], width: int = 30) -> dg.MarkdownMetadataValue:
    """A small text bar chart (renders in the UI's markdown view without images)."""
    top = max(counts.values(), default=0) or 1
    lines = [f"**{title}**", "", "```"]
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"{key:<24} {'█' * max(1, round(width * n / top)) if n else ''} {n}")
    lines.append("```")
    return dg.MetadataValue.md("\n".join(lines))


def sample_rows(table: pa.Table, columns: list[str], n: int = 5) -> dg.MarkdownMetadataValue:
    """The first ``n`` rows of some columns as a markdown table."""
    head = table.select(columns).slice(0, n).to_pylist()
    out = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in head:
        cells = [str(row[c])[:80].replace("|", "\\|").replace("\n", " ") for c in columns]
        out.append("| " + " | ".join(cells) + " |")
    return dg.MetadataValue.md("\n".join(out))
