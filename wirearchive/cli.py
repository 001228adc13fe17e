"""The ``wirearchive`` command line.

Subcommands: ``demo`` (serve the demo world and run every demo day), ``run`` (a day or a range,
without the UI), ``reprocess`` (recompute from the archive only), ``import-warc`` (foreign WARC
files into the archive), ``add-source`` (probe a site, print its registry entry), ``check-sources``,
``stats``.
Errors print one clear line and exit non-zero: 2 for bad input (arguments, registry) and for a failed
run (the line names the failed step and its root cause, e.g. a full disk); 3 for filesystem errors the
command meets itself (data directory read-only, a file in its way).

The core package imports no Dagster, Scrapy, warehouse, assets, pipelines or spiders module
(tests/core/test_layering.py); this module is the one exception at the edge. It runs jobs through
:mod:`pipelines.runner` and publishes imported captures through :mod:`warehouse.writer`, both
imported lazily inside the commands that need them.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from wirearchive.archive import read_captures
from wirearchive.config import DATA_DIR_ENV, SOURCES_ENV, DataPaths, data_paths, sources_path
from wirearchive.datadir import EXIT_FILESYSTEM, describe_os_error, prepare_data_dir
from wirearchive.days import (
    DayError,
    describe_spans,
    in_partitions,
    partition_bounds,
    partition_range,
    spans,
    validate_day,
)
from wirearchive.sources import SourcesError, load_sources, registry_warnings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# ``import-warc --no-process`` prints a ``reprocess`` command for at most this many runs of days.
MAX_REPROCESS_HINTS = 10
console = Console(stderr=False)


class CliError(Exception):
    """A user-facing error: printed as one line, exit code 2."""


def parse_day(value: str) -> str:
    """Validate a ``YYYY-MM-DD`` partition key (:func:`wirearchive.days.validate_day`).

    Raises:
        CliError: The value is not a calendar date.
    """
    try:
        return validate_day(value)
    except DayError:
        raise CliError(f"bad partition key {value!r}: expected a date as YYYY-MM-DD") from None


def parse_range(start: str, end: str) -> list[str]:
    """Partition keys from ``start`` to ``end`` inclusive (:func:`wirearchive.days.partition_range`).

    Raises:
        CliError: A bad key, ``end`` is before ``start``, or a day is not a partition day.
    """
    try:
        return partition_range(parse_day(start), parse_day(end))
    except DayError as exc:
        raise CliError(str(exc)) from None


def run_days(
    days: Sequence[str], paths: DataPaths, sources: Path, *, job_name: str = "nightly_job", home: Path | None = None
) -> dict[str, int]:
    """Run a job for each partition day through the persistent Dagster instance (:mod:`pipelines.runner`).

    The progress bar advances by stage within each day (crawl, extract, stories, publish); each
    finished day prints one line of counts.

    Args:
        days: Partition keys, run in this order.
        paths: Data directory layout.
        sources: Sources registry file.
        job_name: The job.
        home: ``DAGSTER_HOME`` folder; default ``$DAGSTER_HOME`` or the data directory's ``state/dagster``.

    Returns:
        The counts of every run summed (pages, articles, failures, stories; fetched when crawled).

    Raises:
        CliError: A run failed (the message names the day and the failed step).
    """
    from pipelines.runner import RunFailed, job_runner

    totals: dict[str, int] = {}
    with job_runner(job_name, paths, sources, home=home) as runner, _progress() as progress:
        stages = runner.stages
        task = progress.add_task(job_name, total=len(days) * len(stages))

        def on_stage(day: str, stage: str, finished: bool) -> None:
            if finished:
                progress.advance(task)
            else:
                progress.update(task, description=f"{day} {stage} ({stages.index(stage) + 1}/{len(stages)})")

        for day in days:
            try:
                done = runner.run(day, on_stage)
            except RunFailed as exc:
                raise CliError(str(exc)) from None
            progress.console.print(f"{day}: {format_counts(done.counts)}", highlight=False)
            for name, n in done.counts.items():
                totals[name] = totals.get(name, 0) + n
    return totals


def format_counts(counts: dict[str, int]) -> str:
    """``"120 fetched, 59 pages, 58 articles, 1 failures, 40 stories"`` (only the counts present)."""
    order = ("fetched", "pages", "articles", "failures", "stories")
    return ", ".join(f"{counts[name]} {name}" for name in order if name in counts) or "no counts"


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
    )


def days_with_archive(days: Sequence[str], paths: DataPaths) -> list[str]:
    """The days among ``days`` whose archive holds a capture index (what reprocessing reads)."""
    return [day for day in days if read_captures(paths.archive, day).num_rows]


def print_answers(catalog: Path) -> None:
    """Print the demo's answers from the warehouse, with the SQL that produced them."""
    import duckdb

    queries = {
        "Stories per wire service per day": """
            select date, coalesce(wire_service, '(own reports)') as wire_service, n_stories, n_articles, max_outlets
            from stories_per_wire_day
            order by date, wire_service""",
        "Most-carried stories (outlets per story)": """
            select left(title, 60) as title, wire_service, n_outlets, n_articles, first_seen::date as first_seen
            from stories
            order by n_outlets desc, n_articles desc, first_seen
            limit 10""",
    }
    with duckdb.connect(str(catalog), read_only=True) as con:
        for title, sql in queries.items():
            cur = con.execute(sql)
            cols = [d[0] for d in cur.description]
            table = Table(title=title)
            for c in cols:
                table.add_column(c)
            for row in cur.fetchall():
                table.add_row(*("" if v is None else str(v) for v in row))
            console.print(table)


def cmd_demo(args: argparse.Namespace) -> int:
    """Serve the demo world, run the nightly job for every demo day, print answers."""
    from demoworld.server import serve_demo_world
    from demoworld.world import build_world
    from pipelines.runner import default_dagster_home, prepare_dagster_home

    demo_dir = (PROJECT_ROOT / "var" / "demo").resolve()
    paths = data_paths(args.data_dir or PROJECT_ROOT / "data")
    home = prepare_dagster_home(default_dagster_home(paths))
    # Fixed ports, so article URLs are the same on every run (the crawl is incremental by URL)
    # and the registry is the committed sources.toml.
    ports = {sid: args.port_base + i for i, sid in enumerate(build_world().sites)}
    with contextlib.ExitStack() as stack:
        try:
            world = stack.enter_context(serve_demo_world(demo_dir, ports=ports))
        except RuntimeError as exc:
            last = args.port_base + len(ports) - 1
            raise CliError(
                f"cannot serve the demo sites on ports {args.port_base}..{last}: {str(exc).splitlines()[0]} "
                "(is a demo server already running? try --port-base)"
            ) from None
        console.print(f"demo world: {len(world.base_urls)} sites on 127.0.0.1, days {world.days[0]}..{world.days[-1]}")
        run_days(list(world.days), paths, world.sources_path, home=home)
    print_answers(paths.catalog)
    console.print(
        "\n[bold]Next[/bold]\n"
        f"  Query:     .venv/bin/duckdb -readonly {paths.catalog}\n"
        "             (or in Python: duckdb.connect(path, read_only=True)); tables: warehouse/SCHEMA.md\n"
        "  Dagster UI: serve the demo sites at the ports sources.toml names, then start the UI:\n"
        "             .venv/bin/python -m demoworld.server --out var/demo --port-base 8801 &\n"
        f"             DAGSTER_HOME={home} .venv/bin/dagster dev -m pipelines.definitions -h 127.0.0.1 -p 3000\n"
        "             open http://127.0.0.1:3000 (the demo's runs are listed there)"
    )
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Run the nightly (or reprocess) job for a day or a range."""
    days = parse_range(args.start, args.end or args.start)
    sources = sources_path(args.sources)
    registry = load_sources(sources)  # fail fast on a broken registry
    if not registry.sources:
        raise CliError(f"{sources}: {registry_warnings(registry)[0]}; add a [[source]] (wirearchive add-source URL)")
    paths = data_paths(args.data_dir)
    if args.job == "reprocess_job":
        archived = days_with_archive(days, paths)
        for day in days:
            if day not in archived:
                console.print(
                    f"{day}: no archive under {paths.archive}, nothing to reprocess; skipped", highlight=False
                )
        if not archived:
            raise CliError(
                f"no archived captures for {days[0]}"
                + (f"..{days[-1]}" if len(days) > 1 else "")
                + f" under {paths.archive}: nothing reprocessed or published (crawl with `wirearchive run`)"
            )
        days = archived
    prepare_data_dir(paths)  # created if missing; read-only or in the way fails now
    totals = run_days(days, paths, sources, job_name=args.job)
    console.print(
        f"done: {args.job} for {len(days)} day(s): {format_counts(totals)}; catalog {paths.catalog}",
        highlight=False,
        soft_wrap=True,
    )
    return 0


def cmd_import_warc(args: argparse.Namespace) -> int:
    """Import foreign WARC files into the archive, then reprocess the days they filled."""
    from warehouse.writer import publish_days
    from wirearchive.importwarc import BadInput, import_files, input_files

    try:
        files = input_files([Path(p) for p in args.paths])
    except BadInput as exc:
        raise CliError(str(exc)) from None
    sources = sources_path(args.sources)
    registry = load_sources(sources)
    paths = data_paths(args.data_dir)
    prepare_data_dir(paths)
    with _progress() as progress:
        task = progress.add_task("import", total=len(files))
        imported = import_files(
            files,
            paths.archive,
            registry,
            on_page=lambda page: progress.update(task, description=f"import {page.url[:60]}"),
            on_file=lambda report: progress.advance(task),
        )
    publish_days(paths, "captures", imported.captures)
    reports = imported.reports
    for r in reports:
        if r.already_imported:
            console.print(f"{r.path.name}: already imported (crawl id {r.crawl_id})", highlight=False)
            continue
        days = f" into {describe_spans(spans(r.days))}" if r.days else ""
        skipped = ", ".join(f"{k} {v}" for k, v in sorted(r.skipped.items()))
        console.print(
            f"{r.path.name}: {r.imported} page(s){days}; skipped {sum(r.skipped.values())}"
            + (f" ({skipped})" if skipped else "")
            + ("; damaged, see below" if r.error else ""),
            highlight=False,
        )
    errors = [r.error for r in reports if r.error]
    try:
        process_imported_days(
            imported.days, paths, sources, process=args.process, pages=sum(r.imported for r in reports)
        )
    finally:  # the damage report is printed even when a reprocess run fails
        for error in errors:
            console.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
    return 1 if errors else 0


def process_imported_days(days: Sequence[str], paths: DataPaths, sources: Path, *, process: bool, pages: int) -> None:
    """Reprocess the partition days an import filled, one run per day, and list them.

    The days are listed as runs of consecutive days. Days outside the partition days (pages
    captured before ``PARTITION_START``) stay in the archive, listed apart.

    Args:
        days: Days that received imported pages.
        paths: Data directory layout.
        sources: Sources registry file.
        process: Run ``reprocess_job`` (else print the commands that would).
        pages: Pages imported, for the summary line.

    Raises:
        CliError: A reprocess run failed; the message names its day and the failed step.
    """
    inside = [d for d in days if in_partitions(d)]
    outside = [d for d in days if not in_partitions(d)]
    listed = spans(inside)  # runs of consecutive days, as the user reads them
    if process and inside:
        run_days(inside, paths, sources, job_name="reprocess_job")
    console.print(
        f"done: {pages} page(s) into {len(days)} day(s)"
        + (f"; {'reprocessed' if process else 'archived'}: {describe_spans(listed)}" if inside else ""),
        highlight=False,
        soft_wrap=True,
    )
    if not process:
        for first, last in listed[:MAX_REPROCESS_HINTS]:
            console.print(f"run `wirearchive reprocess {first} {last}`", highlight=False)
        if len(listed) > MAX_REPROCESS_HINTS:
            console.print(
                f"... and so on for the other {len(listed) - MAX_REPROCESS_HINTS} run(s) of days listed above",
                highlight=False,
            )
    if outside:
        first, last = partition_bounds()
        console.print(
            f"warning: {len(outside)} day(s) outside the partition days {first}..{last}, archived but "
            f"not processed: {describe_spans(spans(outside))} (to go earlier, see README "
            '"Partition days")',
            highlight=False,
            soft_wrap=True,
        )


def cmd_check_sources(args: argparse.Namespace) -> int:
    """Validate a sources registry file and warn about what would make a run do little or nothing."""
    from spiders.probe.fetch import ssrf_check  # the crawler's SSRF rule; resolves host names

    path = sources_path(args.path)
    registry = load_sources(path)
    for line in registry_warnings(registry, ssrf_check(registry.settings.allow_hosts)):
        console.print(f"warning: {line}", markup=False, soft_wrap=True)  # allow-lists hold [...]
    console.print(
        f"{path}: {len(registry.source)} sources ok ({sum(1 for s in registry.source if s.kind == 'wire')} wires)",
        soft_wrap=True,
    )
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Row counts per table and partition from the catalog."""
    import duckdb

    catalog = data_paths(args.data_dir).catalog
    if not catalog.exists():
        raise CliError(f"no catalog at {catalog}: run `wirearchive run` or `wirearchive demo` first")
    from warehouse.catalog import scalar

    with duckdb.connect(str(catalog), read_only=True) as con:
        table = Table(title=str(catalog))
        for c in ("table", "rows"):
            table.add_column(c)
        for name in ("sources", "captures", "articles", "story_members", "stories", "failures"):
            table.add_row(name, str(scalar(con, f"select count(*) from {name}")))
        console.print(table)
    return 0


def package_version() -> str:
    """The installed ``wirearchive`` distribution's version."""
    from importlib.metadata import version

    return version("wirearchive")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="wirearchive",
        description="Scrape wire-service news into a WARC archive, extract and dedupe it into stories, "
        "publish Parquet tables and a DuckDB catalog.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("demo", help="serve the demo world on 127.0.0.1 and run every demo day end to end")
    p.add_argument("--data-dir", help="data directory (default ./data in the project)")
    p.add_argument("--port-base", type=int, default=8801, help="first of the demo sites' ports (default 8801)")
    p.set_defaults(func=cmd_demo)

    for name, job in (("run", "nightly_job"), ("reprocess", "reprocess_job")):
        p = sub.add_parser(name, help=f"run {job} for a day or an inclusive range of days")
        p.add_argument("start", help="first day, YYYY-MM-DD")
        p.add_argument("end", nargs="?", help="last day, YYYY-MM-DD (default: start)")
        p.add_argument("--sources", help=f"sources registry (default ${SOURCES_ENV} or ./sources.toml)")
        p.add_argument("--data-dir", help=f"data directory (default ${DATA_DIR_ENV} or ./data)")
        p.set_defaults(func=cmd_run, job=job)

    p = sub.add_parser(
        "import-warc",
        help="import WARC files written by other crawlers, then reprocess their days",
        description="Copy the HTML pages of foreign WARC files (gzip or plain; response or resource "
        "records) into the archive, partitioned by the publication day the page states (else, or when no "
        "partition could hold that day, by its WARC-Date), and run reprocess_job for the days they "
        "filled, one run per day, listing them. Damaged files keep their good "
        "records; each problem is one line, and the exit code is 1.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="WARC files (.warc, .warc.gz) or folders of them")
    p.add_argument(
        "--no-process",
        dest="process",
        action="store_false",
        help="only archive; do not run reprocess_job for the imported days",
    )
    p.add_argument(
        "--sources", help=f"sources registry, to attribute pages by host (default ${SOURCES_ENV} or ./sources.toml)"
    )
    p.add_argument("--data-dir", help=f"data directory (default ${DATA_DIR_ENV} or ./data)")
    p.set_defaults(func=cmd_import_warc)

    from spiders.probe.cli import DESCRIPTION as ADD_SOURCE_DESCRIPTION
    from spiders.probe.cli import add_arguments as add_source_arguments
    from spiders.probe.cli import run as add_source_run

    p = sub.add_parser(
        "add-source",
        help="probe a site and print its [[source]] entry (--write appends it)",
        description=ADD_SOURCE_DESCRIPTION,
    )
    add_source_arguments(p)
    p.set_defaults(func=add_source_run)

    p = sub.add_parser("check-sources", help="validate a sources registry file")
    p.add_argument("path", nargs="?", help="registry file (default ./sources.toml)")
    p.set_defaults(func=cmd_check_sources)

    p = sub.add_parser("stats", help="row counts per table in the catalog")
    p.add_argument("--data-dir", help="data directory")
    p.set_defaults(func=cmd_stats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``wirearchive`` command."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (CliError, SourcesError) as exc:
        console.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        return 2
    except OSError as exc:  # the data directory or Dagster home is missing, read-only, full or in the way
        console.print(f"[red]error:[/red] {describe_os_error(exc)}", highlight=False, soft_wrap=True)
        return EXIT_FILESYSTEM
    except KeyboardInterrupt:
        console.print("[red]interrupted[/red]")
        return 130


if __name__ == "__main__":
    sys.exit(main())
