"""``import_warc_files``: foreign WARC files into the archive, as a Dagster op.

Imported pages land in the archive under the days their pages were published
(:mod:`wirearchive.importwarc`, which returns the touched days' capture indexes); the op publishes
those ``captures`` partitions, records a ``captures`` materialization for each
such day, so the UI shows them, and the ``reprocess_imported_days`` sensor then runs
``reprocess_job`` for those days (articles -> story_members -> catalog).
"""

from pathlib import Path

import dagster as dg

from assets.resources import WirearchiveResource
from warehouse.writer import publish_days
from wirearchive.days import describe_spans, in_partitions, spans
from wirearchive.importwarc import import_files


class ImportConfig(dg.Config):
    """Run config of an import: the WARC files to read (paths on the machine running the op)."""

    paths: list[str]


@dg.op(description="Copy the HTML pages of foreign WARC files into the archive and the captures table.")
def import_warc_files(
    context: dg.OpExecutionContext, config: ImportConfig, wirearchive: WirearchiveResource
) -> dg.Output[list[str]]:
    """Import the files; one ``captures`` materialization per filled day; fail only if nothing came in."""
    imported = import_files([Path(p) for p in config.paths], wirearchive.paths.archive, wirearchive.registry())
    publish_days(wirearchive.paths, "captures", imported.captures)
    reports = imported.reports
    errors = [r.error for r in reports if r.error]
    for error in errors:
        context.log.error(error)
    days = [day for day in imported.days if in_partitions(day)]
    outside = [day for day in imported.days if not in_partitions(day)]
    if outside:  # archived, but Dagster has no partition to record or reprocess them in
        context.log.warning(f"archived outside the partition days, not reprocessed: {describe_spans(spans(outside))}")
    for day in days:
        pages = sum(r.days.get(day, 0) for r in reports)
        context.log_event(
            dg.AssetMaterialization(
                asset_key="captures",
                partition=day,
                description="imported from WARC files",
                metadata={"imported_pages": pages, "files": ", ".join(r.path.name for r in reports if day in r.days)},
            )
        )
    if errors and not imported.days:
        raise dg.Failure(
            description=f"nothing imported; {len(errors)} file(s) failed", metadata={"errors": "\n".join(errors)}
        )
    return dg.Output(
        days,
        metadata={
            "imported_pages": sum(r.imported for r in reports),
            "days": describe_spans(spans(days)),
            "days_outside_partitions": describe_spans(spans(outside)) or "none",
            "already_imported": sum(r.already_imported for r in reports),
            "errors": "\n".join(errors) or "none",
        },
    )
