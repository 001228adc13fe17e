"""An operator backfills two days from the Dagster UI, in a real browser, and reads each day's figures.

The demo world is served on free loopback ports; ``dagster-webserver`` and ``dagster-daemon`` run
with a temporary ``DAGSTER_HOME``; headless Chromium (Debian's package, driven by Playwright) opens
the ``catalog`` asset, follows it to ``nightly_job``, chooses *Materialize all…*, types a range of
two partitions and launches the backfill (one run per day). After it succeeds, the test opens each
day on the ``articles`` asset page (*Partitions*) and reads its row count, and the
``non_empty_bodies`` check's *Execution history*, and reads each day's result; both are compared
with the warehouse (SQL). Screenshots go to ``test-artifacts/ui-backfill/`` (with ``timings.json``:
UI start and backfill seconds), and the rows are checked against the demo world's ground truth.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Page, expect, sync_playwright

from demoworld.server import serve_demo_world
from tests.ops.dagster_ui import PROJECT_ROOT, dagster_ui

pytestmark = pytest.mark.browser

ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "ui-backfill"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A 2-day backfill of the demo (two runs, one at a time) took 130-225 s on a busy shared machine.
BACKFILL_TIMEOUT_S = 600
BACKFILLS_QUERY = "{ partitionBackfillsOrError { ... on PartitionBackfills { results { id status partitionNames } } } }"


def chromium_path() -> str:
    """Debian's Chromium; its absence is a failure (scripts/dev.sh installs it), never a skip."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "chromium is not installed: `bash scripts/dev.sh test` installs Debian's chromium package"
    return path


def graphql(url: str, query: str) -> dict:
    """POST a query to the webserver's GraphQL endpoint and return its ``data``."""
    request = urllib.request.Request(
        url + "/graphql", data=json.dumps({"query": query}).encode(), headers={"Content-Type": "application/json"}
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=30) as response:
        return json.loads(response.read())["data"]


def wait_for_backfill(url: str, timeout_s: float) -> dict:
    """Poll until the only backfill of the instance is finished; return it."""
    deadline = time.monotonic() + timeout_s
    backfill: dict = {}
    while time.monotonic() < deadline:
        results = graphql(url, BACKFILLS_QUERY)["partitionBackfillsOrError"]["results"]
        assert len(results) <= 1, results
        if results:
            backfill = results[0]
            if backfill["status"] not in ("REQUESTED", "CANCELING", "FAILING"):
                return backfill
        time.sleep(2)
    raise AssertionError(f"backfill not finished after {timeout_s:.0f} s: {backfill}")


def launch_backfill(page: Page, ui_url: str, days: list[str]) -> None:
    """Asset page of ``catalog`` -> its job -> Materialize all… -> a partition range -> Launch."""
    page.goto(ui_url + "/assets/catalog")
    # The catalog is one global file (unpartitioned): its button is "Materialize", no partition dialog.
    expect(page.get_by_role("button", name=re.compile(r"Materialize$"))).to_be_visible(timeout=60_000)
    expect(page.get_by_text("The DuckDB file of views")).to_be_visible()
    page.screenshot(path=ARTIFACTS / "asset-page.png", full_page=True)

    page.get_by_role("link", name="nightly_job").first.click()
    page.get_by_role("button", name="Materialize all…").click()
    dialog = page.get_by_role("dialog")
    # The dialog lists the last 90 days by default; the demo's days are older.
    dialog.get_by_role("button", name="Show all partitions").click()
    selection = dialog.locator("input[type=text]").first
    selection.fill(f"[{days[0]}...{days[-1]}]")
    selection.press("Enter")
    expect(dialog.get_by_text(f"{len(days)} partitions", exact=True)).to_be_visible()
    dialog.get_by_role("button", name="Launch backfill").click()
    expect(dialog).to_be_hidden(timeout=60_000)


def warehouse_counts(catalog: Path) -> dict[str, dict[str, int]]:
    """Rows per table and day in the catalog."""
    counts: dict[str, dict[str, int]] = {}
    with duckdb.connect(str(catalog), read_only=True) as con:
        for table in ("captures", "articles", "story_members"):
            rows = con.execute(f"select cast(date as varchar), count(*) from {table} group by 1 order by 1").fetchall()
            counts[table] = dict(rows)
    return counts


def partition_row_count(page: Page, ui_url: str, asset: str, day: str) -> int:
    """The ``dagster/row_count`` the asset page shows for one partition (*Partitions* -> the day)."""
    page.goto(f"{ui_url}/assets/{asset}?view=partitions&partition={day}")
    row = page.locator("tr", has_text="dagster/row_count").first
    expect(row).to_be_visible(timeout=60_000)
    page.screenshot(path=ARTIFACTS / f"{asset}-{day}.png", full_page=True)
    return int(row.inner_text().split()[-1].replace(",", ""))


def check_results_by_day(page: Page, ui_url: str, asset: str, check: str, days: list[str]) -> dict[str, str]:
    """Each day's result of a check, from its *Execution history* (one row per evaluated partition)."""
    page.goto(f"{ui_url}/assets/{asset}?view=checks&checkDetail={check}")
    page.get_by_text("Execution history", exact=True).first.click()
    results = {}
    for day in days:
        row = page.locator("tr", has_text=day).first
        expect(row).to_be_visible(timeout=60_000)
        results[day] = next(w for w in ("Passed", "Failed", "Skipped") if w in row.inner_text())
    page.screenshot(path=ARTIFACTS / f"{check}-history.png", full_page=True)
    return results


@pytest.mark.timeout(1200)
def test_backfill_two_days_from_the_ui_shows_each_days_figures(tmp_path: Path) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    data_dir = tmp_path / "data"
    with serve_demo_world(tmp_path / "demo") as world:
        days = list(world.days[:2])
        env = {"WIREARCHIVE_SOURCES": str(world.sources_path), "WIREARCHIVE_DATA_DIR": str(data_dir)}
        with dagster_ui(tmp_path / "dagster_home", env, tmp_path / "logs") as ui, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            launch_backfill(page, ui.url, days)
            started = time.monotonic()
            backfill = wait_for_backfill(ui.url, BACKFILL_TIMEOUT_S)
            backfill_s = time.monotonic() - started

            page.goto(f"{ui.url}/runs/b/{backfill['id']}")
            expect(page.get_by_text("100% completed").first).to_be_visible(timeout=60_000)
            page.screenshot(path=ARTIFACTS / "backfill-finished.png", full_page=True)
            shown = {day: partition_row_count(page, ui.url, "articles", day) for day in days}
            checked = check_results_by_day(page, ui.url, "articles", "non_empty_bodies", days)
            browser.close()
        timings = {"ui_start_s": round(ui.startup_s, 1), "backfill_2_days_s": round(backfill_s, 1)}
        (ARTIFACTS / "timings.json").write_text(json.dumps(timings, indent=1) + "\n")
        print(
            f"\nUI start {timings['ui_start_s']} s, 2-day backfill {timings['backfill_2_days_s']} s; "
            f"UI row counts {shown}, non_empty_bodies {checked}; screenshots in {ARTIFACTS}"
        )

    assert backfill["status"] == "COMPLETED_SUCCESS", backfill
    assert sorted(backfill["partitionNames"]) == days
    catalog = data_dir / "wirearchive.duckdb"
    with duckdb.connect(str(catalog), read_only=True) as con:
        truth_rows = dict(con.execute("select cast(date as varchar), count(*) from articles group by 1").fetchall())
        empty = dict(
            con.execute(
                "select cast(date as varchar), count(*) filter (where word_count <= 0) from articles group by 1"
            ).fetchall()
        )
    # Each day's figure on its page is that day's own (not the backfill's total), and so is its check.
    assert shown == {day: truth_rows[day] for day in days}, (shown, truth_rows)
    assert len(set(shown.values())) == 2, shown  # the demo days differ, so a stamped total would show
    assert checked == {day: "Passed" if empty[day] == 0 else "Failed" for day in days}, (checked, empty)

    truth = json.loads(world.ground_truth_path.read_text())
    published = {d: {a["url"] for a in truth["articles"] if a["published_at"][:10] == d} for d in days}
    counts = warehouse_counts(catalog)
    for table in ("captures", "articles", "story_members"):
        assert sorted(counts[table]) == days, (table, counts[table])
    with duckdb.connect(str(catalog), read_only=True) as con:
        for day in days:
            urls = {u for (u,) in con.execute("select url from articles where date = ?", [day]).fetchall()}
            # Every article page of the day was crawled, extracted and published under its day.
            assert urls == published[day], (day, len(urls), len(published[day]))
