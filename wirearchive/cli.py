"""The ``wirearchive`` command line.

Subcommands: ``demo`` (serve the demo world and run every demo day), ``run`` (a day or a range,
without the UI), ``reprocess`` (recompute from the archive only), ``import-warc`` (foreign WARC
files into the archive), ``check-sources``, ``stats``.
Errors print one clear line and exit non-zero: 2 for bad input (arguments, registry) and for a failed
run (the line names the failed step and its root cause, e.g. a full disk); 3 for filesystem errors the
command meets itself (data directory read-only, a file in its way).

The core package has no Dagster imports; this module is the exception at the edge: it imports
the Definitions lazily, inside the commands that run jobs.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import warnings
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from wirearchive.config import DATA_DIR_ENV, SOURCES_ENV, data_paths, sources_path
from wirearchive.datadir import EXIT_FILESYSTEM, describe_os_error, prepare_data_dir
from wirearchive.locks import partition_lock
from wirearchive.sources import SourcesError, load_sources

PROJECT_ROOT = Path(__file__).resolve().parent.parent
console = Console(stderr=False)


# Runs log to the Dagster instance (visible in the UI); the terminal shows progress and warnings.
QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


class CliError(Exception):
    """A user-facing error: printed as one line, exit code 2."""


def parse_day(value: str) -> str:
    """Validate a ``YYYY-MM-DD`` partition key.

    Raises:
        CliError: The value is not a calendar date.
    """
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise CliError(f"bad partition key {value!r}: expected a date as YYYY-MM-DD") from None


def day_range(start: str, end: str) -> list[str]:
    """Partition keys from ``start`` to ``end`` inclusive.

    Raises:
        CliError: ``end`` is before ``start``.
    """
    a, b = date.fromisoformat(parse_day(start)), date.fromisoformat(parse_day(end))
    if b < a:
        raise CliError(f"range end {end} is before its start {start}")
    return [(a + timedelta(days=i)).isoformat() for i in range((b - a).days + 1)]


def prepare_dagster_home(home: Path | None = None) -> Path:
    """Point ``DAGSTER_HOME`` at a folder holding the project's ``dagster.yaml``.

    Args:
        home: Folder to use; default ``$DAGSTER_HOME`` or ``var/dagster`` in the project.

    Returns:
        The folder.
    """
    chosen = home or Path(os.environ.get("DAGSTER_HOME") or PROJECT_ROOT / "var" / "dagster")
    chosen = chosen.resolve()
    chosen.mkdir(parents=True, exist_ok=True)
    target = chosen / "dagster.yaml"
    if not target.exists():
        shutil.copyfile(PROJECT_ROOT / "dagster.yaml", target)
    os.environ["DAGSTER_HOME"] = str(chosen)
    return chosen


def run_days(days: Sequence[str], *, job_name: str = "nightly_job") -> None:
    """Run a job for each partition day through the persistent Dagster instance.

    Runs are recorded in ``$DAGSTER_HOME``, so they show in the UI afterwards.

    Raises:
        CliError: A run failed (the message names the day and the failed step).
    """
    import dagster as dg

    # Dagster flags backfill policies and Pipes internals as beta/preview when the definitions
    # load and on every run; the terminal is for progress, not for API maturity notes.
    warnings.filterwarnings("ignore", category=dg.BetaWarning)
    warnings.filterwarnings("ignore", category=dg.PreviewWarning)
    from pipelines.definitions import defs
    from pipelines.recovery import cli_run_tags, reap_dead_runs

    job = defs.resolve_job_def(job_name)
    os.environ.setdefault("WIREARCHIVE_LOG_LEVEL", "WARNING")  # the crawl subprocess's Scrapy log
    with dg.DagsterInstance.get() as instance, _progress() as progress:
        task = progress.add_task(job_name, total=len(days))
        for day in days:
            progress.update(task, description=f"{job_name} {day}")
            with partition_lock(data_paths(), [day], f"wirearchive {job_name}"):  # see wirearchive.locks
                reap_dead_runs(instance, day)
                result = job.execute_in_process(partition_key=day, instance=instance, raise_on_error=False,
                                                run_config=QUIET_LOGS, tags=cli_run_tags())
            if not result.success:
                failed = [f"{e.step_key}: {_root_cause(e)}" for e in result.all_events if e.is_step_failure]
                raise CliError(f"{job_name} failed for {day} (steps: {'; '.join(failed) or '?'}); "
                               f"run id {result.run_id}, see the Dagster UI")
            progress.advance(task)


def _root_cause(event) -> str:
    """First line of the innermost error of a step-failure event, e.g. ``OSError: [Errno 28] ...``."""
    error = event.step_failure_data.error
    while error is not None and error.cause is not None:
        error = error.cause
    return error.message.strip().splitlines()[0] if error is not None and error.message.strip() else "?"


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                    TimeElapsedColumn(), console=console)


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
    from wirearchive.demo.server import serve_demo_world
    from wirearchive.demo.world import build_world

    home = prepare_dagster_home()
    demo_dir = (PROJECT_ROOT / "var" / "demo").resolve()
    paths = data_paths(args.data_dir or PROJECT_ROOT / "data")
    os.environ[DATA_DIR_ENV] = str(paths.root)
    # Fixed ports, so article URLs are the same on every run (the crawl is incremental by URL)
    # and the registry is the committed sources.toml.
    ports = {sid: args.port_base + i for i, sid in enumerate(build_world().sites)}
    with contextlib.ExitStack() as stack:
        try:
            world = stack.enter_context(serve_demo_world(demo_dir, ports=ports))
        except RuntimeError as exc:
            last = args.port_base + len(ports) - 1
            raise CliError(f"cannot serve the demo sites on ports {args.port_base}..{last}: {str(exc).splitlines()[0]} "
                           "(is a demo server already running? try --port-base)") from None
        os.environ[SOURCES_ENV] = str(world.sources_path)
        console.print(f"demo world: {len(world.base_urls)} sites on 127.0.0.1, days {world.days[0]}..{world.days[-1]}")
        run_days(list(world.days))
    print_answers(paths.catalog)
    console.print(
        "\n[bold]Next[/bold]\n"
        f"  Query:     .venv/bin/duckdb -readonly {paths.catalog}\n"
        "             (or in Python: duckdb.connect(path, read_only=True)); tables: warehouse/SCHEMA.md\n"
        "  Dagster UI: serve the demo sites at the ports sources.toml names, then start the UI:\n"
        "             .venv/bin/python -m wirearchive.demo.server --out var/demo --port-base 8801 &\n"
        f"             DAGSTER_HOME={home} .venv/bin/dagster dev -m pipelines.definitions -h 127.0.0.1 -p 3000\n"
        "             open http://127.0.0.1:3000 (the demo's runs are listed there)"
    )
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Run the nightly (or reprocess) job for a day or a range."""
    days = day_range(args.start, args.end or args.start)
    load_sources(sources_path(args.sources))  # fail fast on a broken registry
    prepare_data_dir(data_paths(args.data_dir))  # created if missing; read-only or in the way fails now
    if args.sources:
        os.environ[SOURCES_ENV] = str(sources_path(args.sources))
    if args.data_dir:
        os.environ[DATA_DIR_ENV] = str(data_paths(args.data_dir).root)
    prepare_dagster_home()
    run_days(days, job_name=args.job)
    console.print(f"done: {args.job} for {len(days)} day(s), catalog {data_paths().catalog}")
    return 0


def cmd_import_warc(args: argparse.Namespace) -> int:
    """Import foreign WARC files into the archive, then reprocess the days they filled."""
    from wirearchive.importwarc import import_files, touched_days

    registry = load_sources(sources_path(args.sources))
    if args.sources:
        os.environ[SOURCES_ENV] = str(sources_path(args.sources))
    paths = data_paths(args.data_dir)
    prepare_data_dir(paths)
    os.environ[DATA_DIR_ENV] = str(paths.root)
    with _progress() as progress:
        task = progress.add_task("import", total=len(args.paths))
        reports = import_files(
            [Path(p) for p in args.paths], paths, registry,
            on_page=lambda page: progress.update(task, description=f"import {page.url[:60]}"),
            on_file=lambda report: progress.advance(task),
        )
    for r in reports:
        if r.already_imported:
            console.print(f"{r.path.name}: already imported (crawl id {r.crawl_id})", highlight=False)
            continue
        days = (f" into {min(r.days)}" + (f"..{max(r.days)}" if len(r.days) > 1 else "")) if r.days else ""
        skipped = ", ".join(f"{k} {v}" for k, v in sorted(r.skipped.items()))
        console.print(f"{r.path.name}: {r.imported} page(s){days}; skipped {sum(r.skipped.values())}"
                      + (f" ({skipped})" if skipped else "") + ("; damaged, see below" if r.error else ""),
                      highlight=False)
    days = touched_days(reports)
    if days and args.process:
        prepare_dagster_home()
        run_days(days, job_name="reprocess_job")
    console.print(f"done: {sum(r.imported for r in reports)} page(s) into {len(days)} day(s)"
                  + ("" if args.process or not days else f"; run `wirearchive reprocess {days[0]} {days[-1]}`"))
    errors = [r.error for r in reports if r.error]
    for error in errors:
        console.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
    return 1 if errors else 0


def cmd_check_sources(args: argparse.Namespace) -> int:
    """Validate a sources registry file."""
    registry = load_sources(sources_path(args.path))
    console.print(f"{sources_path(args.path)}: {len(registry.source)} sources ok "
                  f"({sum(1 for s in registry.source if s.kind == 'wire')} wires)")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Row counts per table and partition from the catalog."""
    import duckdb

    catalog = data_paths(args.data_dir).catalog
    if not catalog.exists():
        raise CliError(f"no catalog at {catalog}: run `wirearchive run` or `wirearchive demo` first")
    with duckdb.connect(str(catalog), read_only=True) as con:
        table = Table(title=str(catalog))
        for c in ("table", "rows"):
            table.add_column(c)
        for name in ("sources", "captures", "articles", "story_members", "stories", "failures"):
            table.add_row(name, str(con.execute(f"select count(*) from {name}").fetchone()[0]))
        console.print(table)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="wirearchive", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

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

    p = sub.add_parser("import-warc", help="import WARC files written by other crawlers, then reprocess their days",
                       description="Copy the HTML pages of foreign WARC files (gzip or plain; response or resource "
                       "records) into the archive, partitioned by the publication day the page states (else its "
                       "WARC-Date), and run reprocess_job for the days they filled. Damaged files keep their good "
                       "records; each problem is one line, and the exit code is 1.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="WARC files (.warc, .warc.gz)")
    p.add_argument("--no-process", dest="process", action="store_false",
                   help="only archive; do not run reprocess_job for the imported days")
    p.add_argument("--sources",
                   help=f"sources registry, to attribute pages by host (default ${SOURCES_ENV} or ./sources.toml)")
    p.add_argument("--data-dir", help=f"data directory (default ${DATA_DIR_ENV} or ./data)")
    p.set_defaults(func=cmd_import_warc)

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
