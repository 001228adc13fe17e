"""An operator backfills three days from the Dagster UI, in a real browser.

The demo world is served on free loopback ports; ``dagster-webserver`` and ``dagster-daemon`` run
with a temporary ``DAGSTER_HOME``; headless Chromium (Debian's package, driven by Playwright) opens
the ``catalog`` asset, follows it to ``nightly_job``, chooses *Materialize all…*, types a range of
three partitions and launches the backfill. The test waits for the backfill to succeed, screenshots
the asset page, the finished backfill and an asset's metadata afterwards into
``test-artifacts/ui-backfill/`` (with ``timings.json``: UI start and backfill seconds) and checks
the warehouse rows of those days against the demo world's ground truth.
"""

from __future__ import annotations

import json
import shutil
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.ops.dagster_ui import PROJECT_ROOT, dagster_ui
from demoworld.server import serve_demo_world

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
# A 3-day backfill of the demo takes ~40-60 s on a quiet machine; CI shares its cores.
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
    expect(page.get_by_role("button", name="Materialize…")).to_be_visible(timeout=60_000)
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


@pytest.mark.timeout(1200)
def test_backfill_three_days_from_the_ui(tmp_path: Path) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    data_dir = tmp_path / "data"
    with serve_demo_world(tmp_path / "demo") as world:
        days = list(world.days[:3])
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
            # What the operator sees on an asset after the backfill: its latest metadata.
            page.goto(f"{ui.url}/assets/articles")
            expect(page.get_by_text("by_wire").first).to_be_visible(timeout=60_000)
            page.screenshot(path=ARTIFACTS / "asset-after-backfill.png", full_page=True)
            browser.close()
        timings = {"ui_start_s": round(ui.startup_s, 1), "backfill_3_days_s": round(backfill_s, 1)}
        (ARTIFACTS / "timings.json").write_text(json.dumps(timings, indent=1) + "\n")
        shots = [ARTIFACTS / n for n in ("asset-page.png", "backfill-finished.png", "asset-after-backfill.png")]
        print(f"\nUI start {timings['ui_start_s']} s, 3-day backfill {timings['backfill_3_days_s']} s; "
              f"screenshots: {' '.join(map(str, shots))}")

    assert backfill["status"] == "COMPLETED_SUCCESS", backfill
    assert sorted(backfill["partitionNames"]) == days
    truth = json.loads(world.ground_truth_path.read_text())
    published = {d: {a["url"] for a in truth["articles"] if a["published_at"][:10] == d} for d in days}
    counts = warehouse_counts(data_dir / "wirearchive.duckdb")
    for table in ("captures", "articles", "story_members"):
        assert sorted(counts[table]) == days, (table, counts[table])
    with duckdb.connect(str(data_dir / "wirearchive.duckdb"), read_only=True) as con:
        for day in days:
            urls = {u for (u,) in con.execute("select url from articles where date = ?", [day]).fetchall()}
            # Every article page of the day was crawled, extracted and published under its day.
            assert urls == published[day], (day, len(urls), len(published[day]))
