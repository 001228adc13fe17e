"""The operator's command line: ``--help`` for every subcommand, and errors as one line."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from wirearchive.cli import build_parser, main
from wirearchive.config import data_paths
from wirearchive.days import PARTITION_START, utc_today

SUBCOMMANDS = ["demo", "run", "reprocess", "import-warc", "add-source", "check-sources", "stats"]


def test_every_subcommand_is_listed() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert sorted(sub.choices) == sorted(SUBCOMMANDS)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: wirearchive {command}")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "2026-13-01"], "bad partition key '2026-13-01'"),
        (["reprocess", "2026-01-16", "2026-01-12"], "range end 2026-01-12 is before its start 2026-01-16"),
        (["check-sources", "{missing}"], "missing.toml"),
        (["stats", "--data-dir", "{tmp}"], "no catalog at"),
    ],
)
def test_errors_are_one_line(argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [a.format(missing=tmp_path / "missing.toml", tmp=tmp_path) for a in argv]
    code = main(argv)
    out = capsys.readouterr().out
    assert code != 0
    lines = out.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], out


def test_import_warc_without_processing_publishes_the_captures_and_leaves_the_environment(
    tmp_path: Path, world_pages, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    from tests.ops.foreign_warc import DAYS, write_cc_news
    from warehouse.writer import read_partition
    from wirearchive.config import DATA_DIR_ENV, SOURCES_ENV

    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.delenv(SOURCES_ENV, raising=False)
    sources, pages = world_pages
    warc = write_cc_news(tmp_path / "a.warc.gz", pages[DAYS[0]])
    data = tmp_path / "data"

    code = main(["import-warc", str(warc), "--no-process", "--sources", str(sources), "--data-dir", str(data)])

    out = " ".join(capsys.readouterr().out.split())  # rich wraps lines at the terminal width
    assert code == 0, out
    published = read_partition(data_paths(data), "captures", DAYS[0])
    assert published is not None and sorted(published["url"].to_pylist()) == sorted(p.url for p in pages[DAYS[0]])
    assert DATA_DIR_ENV not in os.environ and SOURCES_ENV not in os.environ
    assert f"run `wirearchive reprocess {DAYS[0]} {DAYS[0]}`" in out


def _shift(days: int) -> str:
    return (utc_today() + timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    ("argv", "bad"),
    [
        (["run", "2099-01-01"], "2099-01-01"),
        (["run", "2015-01-01"], "2015-01-01"),
        (["reprocess", "{before}"], "{before}"),  # the day before the first partition
        (["reprocess", "{far}"], "{far}"),  # after tomorrow
        (["reprocess", "{yesterday}", "{far}"], "{far}"),  # a range crossing the end
        (["run", "2016-07-30", "2016-08-02"], "2016-07-30"),  # a range crossing the start
    ],
)
def test_days_outside_the_partitions_are_one_line_and_exit_2(
    argv: list[str], bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = {
        "before": (date.fromisoformat(PARTITION_START) - timedelta(days=1)).isoformat(),
        "far": _shift(2),
        "yesterday": _shift(-1),
    }
    argv = [a.format(**names) for a in argv]
    code = main([*argv, "--data-dir", str(tmp_path / "data")])
    out = capsys.readouterr().out
    assert code == 2, out
    assert out.count("\n") == 1 and "Traceback" not in out and "DagsterUnknownPartitionError" not in out
    assert out.startswith(
        f"error: day {bad.format(**names)} is outside the partition days {PARTITION_START}..{_shift(1)}"
    )
    assert not (tmp_path / "data").exists()  # refused before anything is set up


@pytest.mark.parametrize("day", ["20260112", "2026-W03-1"])
def test_days_are_written_as_partition_keys(day: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", day]) == 2
    assert capsys.readouterr().out.strip() == f"error: bad partition key {day!r}: expected a date as YYYY-MM-DD"


def test_check_sources_warns_about_an_empty_registry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    registry = tmp_path / "sources.toml"
    registry.write_text("[settings]\nallow_hosts = []\n")
    assert main(["check-sources", str(registry)]) == 0
    out = capsys.readouterr().out
    assert "warning:" in out and "0 sources ok" in out


def test_add_source_of_an_unreachable_site_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["add-source", "http://127.0.0.1:9/", "--allow-host", "127.0.0.1"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("add-source: cannot probe http://127.0.0.1:9/") and "\n" not in err


def test_import_without_processing_lists_the_days_and_a_command_per_run_of_days(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from wirearchive.cli import MAX_REPROCESS_HINTS, process_imported_days

    days = ["2008-07-04", "2019-05-01", "2019-05-02", "2020-02-02"]
    process_imported_days(days, data_paths(tmp_path), tmp_path / "sources.toml", process=False, pages=9)
    lines = [" ".join(line.split()) for line in capsys.readouterr().out.strip().splitlines()]
    assert lines[:3] == [
        "done: 9 page(s) into 4 day(s); archived: 2019-05-01..2019-05-02, 2020-02-02",
        "run `wirearchive reprocess 2019-05-01 2019-05-02`",
        "run `wirearchive reprocess 2020-02-02 2020-02-02`",
    ]
    assert lines[3].startswith("warning: 1 day(s) outside the partition days") and "2008-07-04" in lines[3]
    assert "2008-07-04 2020-02-02" not in " ".join(lines)  # never one span over all the days

    many = [f"2019-05-{d:02d}" for d in range(1, 29, 2)]  # 14 days, none consecutive
    process_imported_days(many, data_paths(tmp_path), tmp_path / "sources.toml", process=False, pages=14)
    lines = capsys.readouterr().out.strip().splitlines()
    assert sum(line.startswith("run `wirearchive reprocess") for line in lines) == MAX_REPROCESS_HINTS
    assert lines[-1].startswith(f"... and so on for the other {14 - MAX_REPROCESS_HINTS} run(s)")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"wirearchive {version('wirearchive')}"


@pytest.mark.parametrize("argv", [["--help"], *[[c, "--help"] for c in SUBCOMMANDS]])
def test_help_reads_as_plain_text(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(argv)
    out = capsys.readouterr().out
    assert "``" not in out and ":mod:" not in out and ":func:" not in out, out


def test_run_refuses_an_empty_registry_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    registry = tmp_path / "sources.toml"
    registry.write_text("[settings]\nallow_hosts = []\n")
    data = tmp_path / "data"
    assert main(["run", "2026-01-12", "--sources", str(registry), "--data-dir", str(data)]) == 2
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "no enabled source" in lines[0], lines
    assert not data.exists()  # nothing was run, so nothing was created or published


ONE_SOURCE = """\
[[source]]
id = "daily"
name = "Portville Daily"
kind = "outlet"
home = "http://127.0.0.1:9/"
feeds = ["http://127.0.0.1:9/feed.xml"]
"""


def test_reprocess_of_a_day_without_archive_says_so_and_publishes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    registry = tmp_path / "sources.toml"
    registry.write_text(ONE_SOURCE)
    data = tmp_path / "data"
    assert main(["reprocess", "2026-01-12", "--sources", str(registry), "--data-dir", str(data)]) == 2
    out = " ".join(capsys.readouterr().out.split())
    assert "2026-01-12: no archive under" in out and "nothing to reprocess" in out
    assert "error: no archived captures for 2026-01-12" in out and "nothing reprocessed or published" in out
    assert not (data / "warehouse").exists() and not (data / "wirearchive.duckdb").exists()


@pytest.mark.e2e  # a real reprocess_job run through the CLI
def test_reprocess_reports_each_day_and_closes_with_the_counts(
    tmp_path: Path, world_pages, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import duckdb

    from tests.ops.foreign_warc import DAYS, write_cc_news

    monkeypatch.delenv("DAGSTER_HOME", raising=False)  # the data directory's own instance
    sources, pages = world_pages
    data = tmp_path / "data"
    warc = write_cc_news(tmp_path / "a.warc.gz", pages[DAYS[0]])
    assert main(["import-warc", str(warc), "--no-process", "--sources", str(sources), "--data-dir", str(data)]) == 0
    capsys.readouterr()
    # A range: the day without archive is named and skipped, the other is processed.
    code = main(["reprocess", DAYS[0], DAYS[1], "--sources", str(sources), "--data-dir", str(data)])
    out = " ".join(capsys.readouterr().out.split())
    assert code == 0, out
    with duckdb.connect(str(data / "wirearchive.duckdb"), read_only=True) as con:
        articles = con.execute("select count(*) from articles").fetchone()[0]
        failures = con.execute("select count(*) from failures").fetchone()[0]
        stories = con.execute("select count(distinct story_id) from story_members").fetchone()[0]
    counts = f"{articles + failures} pages, {articles} articles, {failures} failures, {stories} stories"
    assert articles > 0
    assert f"{DAYS[1]}: no archive under" in out
    assert f"{DAYS[0]}: {counts}" in out
    assert f"done: reprocess_job for 1 day(s): {counts}; catalog" in out
    assert (data / "state" / "dagster" / "dagster.yaml").is_file()
