"""Imported days flow through the same assets: as a Dagster job + sensor, and from the CLI.

Nothing serves the pages' hosts: extraction, stories and the catalog come from the archive alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import defs
from tests.ops.foreign_warc import DAYS, Page, write_cc_news

pytestmark = pytest.mark.e2e

WIREARCHIVE = str(Path(sys.executable).parent / "wirearchive")


def published_urls(catalog: Path) -> dict[str, set[str]]:
    """Article URLs per day in the catalog."""
    with duckdb.connect(str(catalog), read_only=True) as con:
        rows = con.execute("select cast(date as varchar), url from articles").fetchall()
    out: dict[str, set[str]] = {}
    for day, url in rows:
        out.setdefault(day, set()).add(url)
    return out


@pytest.mark.timeout(900)
def test_import_job_then_sensor_reprocesses_the_days(tmp_path: Path, world_pages, monkeypatch) -> None:
    sources, pages = world_pages
    warc = write_cc_news(tmp_path / "cc-news.warc.gz", [*pages[DAYS[0]], *pages[DAYS[1]]])
    monkeypatch.setenv("WIREARCHIVE_SOURCES", str(sources))
    monkeypatch.setenv("WIREARCHIVE_DATA_DIR", str(tmp_path / "data"))
    config = {"ops": {"import_warc_files": {"config": {"paths": [str(warc)]}}}}

    with dg.instance_for_test() as instance:
        result = defs.resolve_job_def("import_warc_job").execute_in_process(run_config=config, instance=instance)
        assert result.success
        assert sorted(m.partition for m in result.asset_materializations_for_node("import_warc_files")) == list(DAYS)
        context = dg.build_run_status_sensor_context(
            sensor_name="reprocess_imported_days",
            dagster_event=result.get_run_success_event(),
            dagster_instance=instance,
            dagster_run=instance.get_run_by_id(result.run_id),
        )
        requests = defs.resolve_sensor_def("reprocess_imported_days")(context)
        # one run per day, as a UI backfill runs them
        assert [r.partition_key for r in requests] == list(DAYS)
        reprocess = defs.resolve_job_def("reprocess_job")
        for request in requests:
            assert reprocess.execute_in_process(partition_key=request.partition_key, instance=instance).success

    urls = published_urls(tmp_path / "data" / "wirearchive.duckdb")
    assert {day: len(u) for day, u in urls.items()} == {day: len(pages[day]) for day in DAYS}
    for day in DAYS:
        assert urls[day] == {p.url for p in pages[day]}


@pytest.mark.timeout(900)
def test_cli_import_reports_the_truncated_file_and_processes_the_good_one(tmp_path: Path, world_pages) -> None:
    sources, pages = world_pages
    good = write_cc_news(tmp_path / "good.warc.gz", pages[DAYS[0]])
    whole = write_cc_news(tmp_path / "whole.warc.gz", pages[DAYS[1]]).read_bytes()
    (tmp_path / "torn.warc.gz").write_bytes(whole[: len(whole) - 700])
    env = {
        **os.environ,
        "DAGSTER_HOME": str(tmp_path / "dagster_home"),
        "WIREARCHIVE_SOURCES": str(sources),
        "WIREARCHIVE_DATA_DIR": str(tmp_path / "data"),
    }

    done = subprocess.run(
        [WIREARCHIVE, "import-warc", str(good), str(tmp_path / "torn.warc.gz")],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )

    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    errors = [line for line in done.stdout.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "torn.warc.gz" in errors[0] and "offset" in errors[0], done.stdout
    urls = published_urls(tmp_path / "data" / "wirearchive.duckdb")
    assert urls[DAYS[0]] == {p.url for p in pages[DAYS[0]]}
    # The torn file's whole records were archived and processed too; only its last page is missing.
    assert urls[DAYS[1]] == {p.url for p in pages[DAYS[1]][:-1]}


def test_cli_import_of_a_missing_file_is_one_line(tmp_path: Path, world_pages) -> None:
    sources, _ = world_pages
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path / "h"), "WIREARCHIVE_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [WIREARCHIVE, "import-warc", "--sources", str(sources), str(tmp_path / "nope.warc")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2  # bad input, not a damaged file
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout.splitlines() == [f"error: {tmp_path / 'nope.warc'}: no such file or folder"]


def _news_page(url: str, day: str, n: int) -> Page:
    """A self-written news page published on ``day`` (its metadata says so), fetched a day later."""
    words = (
        "the council voted on tuesday to extend the ceasefire talks while officials in the capital "
        "reported that aid convoys had reached the northern towns after weeks of delay"
    ).split()
    paragraphs = "".join(
        "<p>" + " ".join(words[(k + j) % len(words)] for j in range(45)).capitalize() + f" ({n}-{k}).</p>"
        for k in range(6)
    )
    title = f"Council extends talks, story {n} of {day}"
    html = (
        f'<html lang="en"><head><title>{title}</title><meta property="article:published_time" '
        f'content="{day}T09:{n % 60:02d}:00+00:00"></head><body><article><h1>{title}</h1>{paragraphs}'
        f"</article></body></html>"
    ).encode()
    fetched = (date.fromisoformat(day) + timedelta(days=1)).isoformat() + "T06:00:00Z"
    return Page(url, html, fetched)


@pytest.mark.timeout(900)
def test_cc_news_import_of_pages_from_the_first_to_the_last_partition(tmp_path: Path, world_pages) -> None:
    # The first and the last partition day and one between: 2016-08-01 .. today once the
    # partitions of issue #15 (days15) are merged, 2020-01-01 .. yesterday before.
    from assets.partitions import daily_partitions

    sources, pages = world_pages
    keys = daily_partitions.get_partition_keys()
    days = [keys[0], keys[len(keys) // 2], keys[-1]]
    hosts = sorted({p.url.split("/", 3)[2] for day in DAYS for p in pages[day]})[:2]
    news = [
        _news_page(f"http://{host}/news/{day}/story-{i}", day, i)
        for i, (day, host) in enumerate((d, h) for d in days for h in hosts)
    ]
    warc = write_cc_news(tmp_path / "CC-NEWS-e2e.warc.gz", news)
    env = {
        **os.environ,
        "DAGSTER_HOME": str(tmp_path / "dagster_home"),
        "WIREARCHIVE_SOURCES": str(sources),
        "WIREARCHIVE_DATA_DIR": str(tmp_path / "data"),
    }

    done = subprocess.run([WIREARCHIVE, "import-warc", str(warc)], env=env, capture_output=True, text=True, timeout=900)

    assert done.returncode == 0, done.stdout + done.stderr
    urls = published_urls(tmp_path / "data" / "wirearchive.duckdb")
    assert urls == {day: {p.url for p in news if f"/{day}/" in p.url} for day in days}
