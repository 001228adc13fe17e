"""import-warc over pages of many far-apart days, some stating days that cannot be partitions.

Self-written pages: each states its publication time in ``article:published_time``; the WARC-Date
is its capture time. The import files each page by the day it states when that day can be a
partition, else by its capture day with ``articles.filing_reason`` saying why; reprocesses the
days it filled, one run per day; and lists them as runs of consecutive days.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from tests.ops.foreign_warc import Page, write_cc_news
from wirearchive.cli import main
from wirearchive.days import utc_today
from wirearchive.normalize import AFTER_CAPTURE, BEFORE_START

pytestmark = pytest.mark.e2e

SOURCES = """\
[[source]]
id = "daily"
name = "Portville Daily"
kind = "outlet"
home = "http://127.0.0.1:9/"
feeds = ["http://127.0.0.1:9/feed.xml"]
"""

PARAGRAPH = (
    "The harbour council of Portville voted on {n} to extend the ferry timetable through the winter "
    "months, after a season in which crossings were cancelled on eleven days because of storms. "
)


def page_html(title: str, published: str) -> bytes:
    """An article page stating ``published``, with enough body text for the extractor."""
    body = "".join(f"<p>{PARAGRAPH.format(n=f'item {i} of {title}')}</p>" for i in range(6))
    return (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{title}</title>"
        f'<meta property="og:title" content="{title}">'
        f'<meta property="article:published_time" content="{published}"></head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def at(day: str, hour: int = 12) -> str:
    return f"{day}T{hour:02d}:00:00Z"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WIREARCHIVE_DATA_DIR", raising=False)
    (tmp_path / "sources.toml").write_text(SOURCES, encoding="utf-8")
    return tmp_path


def cli_runs(home: Path) -> list[tuple[str, str]]:
    """``(first, last)`` partition days of every run recorded in the instance at ``home``, in order."""
    with dg.DagsterInstance.from_config(str(home)) as instance:
        runs = instance.get_runs()
    out = []
    for run in runs:
        tags = run.tags
        first = tags.get("dagster/partition") or tags["dagster/asset_partition_range_start"]
        out.append((first, tags.get("dagster/partition") or tags["dagster/asset_partition_range_end"]))
    return sorted(out)


@pytest.mark.timeout(900)
def test_import_files_each_page_reprocesses_its_days_and_lists_them(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    today, yesterday = utc_today().isoformat(), (utc_today() - timedelta(days=1)).isoformat()
    site = "http://news.example.test"
    pages = [
        Page(f"{site}/a", page_html("Ferry a", at("2016-08-02", 9)), at("2016-08-03")),
        Page(f"{site}/b", page_html("Ferry b", at("2019-05-01", 9)), at("2019-05-03")),
        Page(f"{site}/c", page_html("Ferry c", at("2019-05-02", 9)), at("2019-05-03")),
        Page(f"{site}/d", page_html("Ferry d", at(today, 0)), at(today, 0)),
        Page(f"{site}/e", page_html("Ferry e", "2099-01-01T00:00:00Z"), at(yesterday)),  # after tomorrow
        Page(f"{site}/f", page_html("Ferry f", "1999-01-01T00:00:00Z"), at("2020-02-02")),  # before the start
        Page(f"{site}/g", page_html("Ferry g", at("2008-07-04", 9)), at("2008-07-04")),  # captured before too
    ]
    warc = write_cc_news(env / "mixed.warc.gz", pages)
    data = env / "data"

    code = main(["import-warc", str(warc), "--sources", str(env / "sources.toml"), "--data-dir", str(data)])

    out = " ".join(capsys.readouterr().out.split())  # rich wraps lines at the terminal width
    assert code == 0, out
    assert "Traceback" not in out
    assert (
        f"done: 7 page(s) into 7 day(s); reprocessed: 2016-08-02, 2019-05-01..2019-05-02, 2020-02-02, "
        f"{yesterday}..{today}"
    ) in out
    assert "warning: 1 day(s) outside the partition days" in out and "not processed: 2008-07-04" in out
    assert "reprocess 2008-07-04" not in out
    # one run per day, never one span over all of them
    assert cli_runs(env / "home") == [
        (d, d) for d in ("2016-08-02", "2019-05-01", "2019-05-02", "2020-02-02", yesterday, today)
    ]
    with duckdb.connect(str(data / "wirearchive.duckdb"), read_only=True) as con:
        rows = con.execute("select url, cast(date as varchar), filing_reason from articles order by url").fetchall()
    assert rows == [
        (f"{site}/a", "2016-08-02", None),
        (f"{site}/b", "2019-05-01", None),
        (f"{site}/c", "2019-05-02", None),
        (f"{site}/d", today, None),
        (f"{site}/e", yesterday, AFTER_CAPTURE),
        (f"{site}/f", "2020-02-02", BEFORE_START),
    ]


@pytest.mark.timeout(600)
def test_a_range_crossing_today_processes_every_day(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    days = [(utc_today() + timedelta(days=d)).isoformat() for d in (-1, 0, 1)]
    site = "http://news.example.test"
    pages = [Page(f"{site}/{d}", page_html(f"Ferry {d}", at(d, 9)), at(days[1], 0)) for d in days]
    warc = write_cc_news(env / "three.warc.gz", pages)
    args = ["--sources", str(env / "sources.toml"), "--data-dir", str(env / "data")]
    assert main(["import-warc", str(warc), "--no-process", *args]) == 0  # an archive for each of the days
    capsys.readouterr()
    code = main(["reprocess", days[0], days[-1], *args])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "done: reprocess_job for 3 day(s)" in " ".join(out.split())
    assert cli_runs(env / "home") == [(d, d) for d in days]
