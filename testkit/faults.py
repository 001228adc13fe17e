"""The fault catalog: one real pipeline run against the fault site, then one verdict per fault kind.

:func:`run_fault_day` serves :mod:`testkit.faultsite`, runs the nightly job for its day
through the real CLI (``wirearchive run DAY --sources S --data-dir D``: Dagster job, Scrapy crawl
subprocess, extraction, dedupe, DuckDB catalog) and keeps the exit code and output. Each
:class:`FaultKind` then answers from the catalog, with SQL an operator could type:

- **survived**: the run finished (exit 0), every good article of the day landed in ``articles``,
  and the fault did its harm only to itself;
- **recorded**: the fault is a row with a sensible reason -- a ``captures`` row (status or
  ``error``) or a ``failures`` row (extraction).

``tests/faults/test_faults.py`` asserts both per kind; ``bench/faults.py`` prints the table.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from testkit.faultsite import (
    CHARSET_WORDS,
    FAULT_PATHS,
    FORBIDDEN_HOST,
    GOOD_ARTICLES,
    NEWS,
    TRACKING_VARIANTS,
    serve_fault_site,
)

# Crawl knobs for the run: no AutoThrottle start delay, and a short timeout so the dripping
# response is given up after 3 s (x3 attempts) instead of the production 30 s.
RUN_ENV = {"WIREARCHIVE_AUTOTHROTTLE": "0", "WIREARCHIVE_DOWNLOAD_TIMEOUT": "3"}
RUN_TIMEOUT_S = 420
# Good pages the run must publish: the site's good articles plus the one served after a 429.
GOOD_PATHS = tuple(f"{NEWS}/{slug}.html" for slug in GOOD_ARTICLES) + (FAULT_PATHS["http_429_retry_after"],)


@dataclass(frozen=True)
class FaultRun:
    """The outcome of one pipeline run over the fault site's day.

    Attributes:
        day: Partition day.
        data_dir: The run's data directory.
        exit_code: Exit code of ``wirearchive run``.
        output: Its stdout and stderr.
        elapsed_s: Wall time of the run.
        base: The fault site's base URL.
        sources_path: The registry the run used.
    """

    day: str
    data_dir: Path
    exit_code: int
    output: str
    elapsed_s: float
    base: str
    sources_path: Path

    @property
    def catalog(self) -> Path:
        """The DuckDB file the run published."""
        return self.data_dir / "wirearchive.duckdb"


def run_fault_day(work_dir: Path) -> FaultRun:
    """Serve the fault site and run the nightly job for its day through the real CLI.

    Args:
        work_dir: Empty scratch folder (site files, data directory, Dagster home).

    Returns:
        The run's outcome.
    """
    work = Path(work_dir).resolve()
    data_dir, home = work / "data", work / "dagster"
    with serve_fault_site(work / "site") as site:
        env = {**os.environ, **RUN_ENV, "DAGSTER_HOME": str(home), "WIREARCHIVE_TODAY": site.day}
        cli = [
            sys.executable,
            "-m",
            "wirearchive.cli",
            "run",
            site.day,
            "--sources",
            str(site.sources_path),
            "--data-dir",
            str(data_dir),
        ]
        started = time.monotonic()
        done = subprocess.run(cli, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, check=False)
        elapsed = time.monotonic() - started
    return FaultRun(
        site.day, data_dir, done.returncode, done.stdout + done.stderr, elapsed, site.base, site.sources_path
    )


@dataclass(frozen=True)
class Verdict:
    """How one fault kind fared.

    Attributes:
        kind: Fault kind name.
        survived: The run finished, the good articles landed, the fault harmed only itself.
        recorded: The fault is a queryable row with a sensible reason.
        how: The rows that record it, e.g. ``captures: 503 x3``.
    """

    kind: str
    survived: bool
    recorded: bool
    how: str


Check = Callable[[duckdb.DuckDBPyConnection, str, str], tuple[bool, bool, str]]


@dataclass(frozen=True)
class FaultKind:
    """One kind of fault and the SQL that judges it.

    Attributes:
        name: Kind name (a key of ``faultsite.FAULT_PATHS``).
        check: ``(con, day, path) -> (survived_locally, recorded, how)``.
    """

    name: str
    check: Check


def _captures(con: duckdb.DuckDBPyConnection, day: str, path: str) -> list[tuple]:
    return con.execute(
        "select status, error, redirect_to from captures where date = ? and ends_with(url, ?) order by fetched_at",
        [day, path],
    ).fetchall()


def _failures(con: duckdb.DuckDBPyConnection, day: str, path: str) -> list[str]:
    rows = con.execute("select reason from failures where date = ? and ends_with(url, ?) order by reason", [day, path])
    return [r[0] for r in rows.fetchall()]


def _articles(con: duckdb.DuckDBPyConnection, day: str, path: str) -> list[tuple]:
    return con.execute(
        "select title, body, canonical_url from articles where date = ? and ends_with(url, ?)", [day, path]
    ).fetchall()


def _describe(rows: Sequence[tuple]) -> str:
    counts: dict[str, int] = {}
    for status, error, *_ in rows:
        key = str(status) if error is None else (error if status is None else f"{status} {error}")
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{k} x{n}" if n > 1 else k for k, n in counts.items()) or "no row"


def status_fault(status: int, attempts: int) -> Check:
    """An HTTP error status: recorded as that many capture rows with the status, no article."""

    def check(con: duckdb.DuckDBPyConnection, day: str, path: str) -> tuple[bool, bool, str]:
        rows = _captures(con, day, path)
        recorded = len(rows) == attempts and all(r[0] == status for r in rows)
        return not _articles(con, day, path), recorded, f"captures.status: {_describe(rows)}"

    return check


def error_fault(reason: str, attempts: int) -> Check:
    """A fetch without response: recorded as capture rows with ``error = reason``."""

    def check(con: duckdb.DuckDBPyConnection, day: str, path: str) -> tuple[bool, bool, str]:
        rows = _captures(con, day, path)
        recorded = len(rows) == attempts and all(r[0] is None and r[1] == reason for r in rows)
        return not _articles(con, day, path), recorded, f"captures.error: {_describe(rows)}"

    return check


def discovery_fault(reason: str) -> Check:
    """A feed or sitemap refused after download: its capture row carries ``error = reason``."""

    def check(con: duckdb.DuckDBPyConnection, day: str, path: str) -> tuple[bool, bool, str]:
        rows = _captures(con, day, path)
        recorded = len(rows) == 1 and rows[0][0] == 200 and rows[0][1] == reason
        return True, recorded, f"captures.error: {_describe(rows)}"

    return check


def failure_fault(*reasons: str) -> Check:
    """A page fetched (200) but holding no article: one ``failures`` row with one of ``reasons``."""

    def check(con: duckdb.DuckDBPyConnection, day: str, path: str) -> tuple[bool, bool, str]:
        rows, failed = _captures(con, day, path), _failures(con, day, path)
        recorded = [r[0] for r in rows] == [200] and len(failed) == 1 and failed[0] in reasons
        return (
            not _articles(con, day, path),
            recorded,
            f"captures {_describe(rows)}; failures.reason: {', '.join(failed) or 'none'}",
        )

    return check


def unexpanded_check(con: duckdb.DuckDBPyConnection, day: str, path: str) -> tuple[bool, bool, str]:
    """An XHTML article declaring a billion-laughs entity: extracted without expanding it."""
    arts, failed = _articles(con, day, path), _failures(con, day, path)
    body = arts[0][1] if arts else ""
    how = (
        f"articles: 1 row, entity left as {'&lol9;' if '&lol9;' in body else 'dropped'}"
        if arts
        else f"failures.reason: {', '.join(failed) or 'none'}"
    )
    return "lollol" not in body, len(arts) + len(failed) == 1, how


def landed_or_failed(con: duckdb.DuckDBPyConnection, day: str, path: str) -> tuple[bool, bool, str]:
    """Hostile markup: the page is either an article (text recovered) or exactly one failure row."""
    arts, failed = _articles(con, day, path), _failures(con, day, path)
    how = f"articles: {len(arts)} row(s)" if arts else f"failures.reason: {', '.join(failed) or 'none'}"
    return True, len(arts) + len(failed) == 1, how


def charset_check(expected: str) -> Check:
    """A missing, wrong or lying charset: the article lands, its words decoded as ``expected``.

    Args:
        expected: How :data:`CHARSET_WORDS` must read in the body: the words themselves when the
            bytes can be decoded right, or what the charset the server declares makes of them
            (the HTTP header wins over detection, as in browsers).
    """

    def check(con: duckdb.DuckDBPyConnection, day: str, path: str) -> tuple[bool, bool, str]:
        arts = _articles(con, day, path)
        body = arts[0][1] if arts else ""
        start = body.find("Rescuers from ") + len("Rescuers from ")
        return expected in body, len(arts) == 1, f"articles: body reads {body[start : start + len(expected)]!r}"

    return check


def retry_after_check(con: duckdb.DuckDBPyConnection, day: str, path: str) -> tuple[bool, bool, str]:
    """429 with Retry-After: the 429 is a capture row, the retry after the delay lands the article."""
    rows = _captures(con, day, path)
    return (
        len(_articles(con, day, path)) == 1,
        [r[0] for r in rows] == [429, 200],
        f"captures.status: {_describe(rows)}; article landed",
    )


def loop_check(con: duckdb.DuckDBPyConnection, day: str, path: str) -> tuple[bool, bool, str]:
    """A redirect loop: each hop is one 3xx capture row with its target; nothing is fetched twice."""
    a, b = _captures(con, day, path), _captures(con, day, f"{NEWS}/loop-b.html")
    recorded = [r[0] for r in a + b] == [302, 302] and bool(a[0][2]) and a[0][2].endswith(f"{NEWS}/loop-b.html")
    return not _articles(con, day, path), recorded, f"captures: 302 + redirect_to per hop ({len(a) + len(b)} rows)"


def ssrf_check(con: duckdb.DuckDBPyConnection, day: str, path: str) -> tuple[bool, bool, str]:
    """A redirect to a forbidden address: the 302 is recorded, its target refused before connecting."""
    hop = _captures(con, day, path)
    target = con.execute(
        "select status, error from captures where date = ? and url like ?", [day, f"http://{FORBIDDEN_HOST}:%"]
    ).fetchall()
    recorded = [r[0] for r in hop] == [302] and target == [(None, "ssrf_blocked")]
    return True, recorded, f"captures: 302, then {FORBIDDEN_HOST} {_describe(target)}"


def robots_5xx_check(con: duckdb.DuckDBPyConnection, day: str, path: str) -> tuple[bool, bool, str]:
    """robots.txt answering 503: the host is treated as disallowed (RFC 9309), nothing else fetched."""
    rows = con.execute(
        "select kind, status, error from captures where date = ? and source_id = 'faultrobots' order by kind", [day]
    ).fetchall()
    robots = [r for r in rows if r[0] == "robots"]
    others = [r for r in rows if r[0] != "robots"]
    recorded = [r[1] for r in robots] == [503] and bool(others) and all(r[2] == "robots_disallowed" for r in others)
    return all(r[1] is None for r in others), recorded, f"captures: robots.txt 503, {len(others)} robots_disallowed"


def self_index_check(con: duckdb.DuckDBPyConnection, day: str, path: str) -> tuple[bool, bool, str]:
    """A sitemap index listing itself: fetched once, its other child read, no loop."""
    rows, child = _captures(con, day, path), _captures(con, day, "/news-sitemap.xml")
    storm = _articles(con, day, f"{NEWS}/storm-warning.html")
    return (
        len(rows) == 1 and bool(storm),
        [r[0] for r in rows] == [200] and [r[0] for r in child] == [200],
        f"captures: index {_describe(rows)} (once), child sitemap {_describe(child)}",
    )


def tracking_check(con: duckdb.DuckDBPyConnection, day: str, path: str) -> tuple[bool, bool, str]:
    """Tracking-parameter variants: every variant is an article row with one canonical URL, one story."""
    rows = con.execute(
        "select a.canonical_url, m.story_id from articles a join story_members m using (article_id, date) "
        "where a.date = ? and ends_with(split_part(a.url, '?', 1), ?)",
        [day, path],
    ).fetchall()
    canon = {r[0] for r in rows}
    stories = {r[1] for r in rows}
    one = len(canon) == 1 and next(iter(canon)).endswith(path)
    return (
        one and len(stories) == 1,
        len(rows) == len(TRACKING_VARIANTS),
        f"articles: {len(rows)} variants, {len(canon)} canonical URL, {len(stories)} story",
    )


def traversal_check(con: duckdb.DuckDBPyConnection, day: str, path: str) -> tuple[bool, bool, str]:
    """A URL with encoded ``../``: recorded like any page; WARC names never derive from URLs."""
    rows = _captures(con, day, path)
    files = [
        r[0]
        for r in con.execute(
            "select distinct warc_file from captures where date = ? and warc_file is not null", [day]
        ).fetchall()
    ]
    inside = all(f.startswith(f"date={day}/") and ".." not in f for f in files)
    return inside, [r[0] for r in rows] == [404], f"captures: {_describe(rows)}; WARC files all under date={day}/"


def gzip_bomb_check(con: duckdb.DuckDBPyConnection, day: str, path: str) -> tuple[bool, bool, str]:
    """A gzip bomb article: archived compressed, refused at the decode cap by extraction."""
    rows, failed = _captures(con, day, path), _failures(con, day, path)
    recorded = [r[0] for r in rows] == [200] and failed == ["too_large"]
    return (
        not _articles(con, day, path),
        recorded,
        f"captures 200 (compressed bytes kept); failures.reason: {', '.join(failed) or 'none'}",
    )


FAULTS: tuple[FaultKind, ...] = (
    FaultKind("http_500", status_fault(500, 3)),
    FaultKind("http_502", status_fault(502, 3)),
    FaultKind("http_503", status_fault(503, 3)),
    FaultKind("http_429_retry_after", retry_after_check),
    FaultKind("http_404", status_fault(404, 1)),
    FaultKind("http_410", status_fault(410, 1)),
    FaultKind("connection_reset", error_fault("connection_failed", 3)),
    FaultKind("drip_until_timeout", error_fault("timeout", 3)),
    FaultKind("truncated_body", error_fault("data_loss", 3)),
    FaultKind("gzip_bomb", gzip_bomb_check),
    FaultKind("gzip_bomb_sitemap", discovery_fault("too_large")),
    FaultKind("pdf_at_article_url", failure_fault("not_html")),
    FaultKind("image_at_article_url", failure_fault("not_html")),
    FaultKind("over_size_cap", error_fault("size_cap", 1)),
    FaultKind("redirect_loop", loop_check),
    FaultKind("redirect_to_forbidden_address", ssrf_check),
    FaultKind("robots_disallowed", error_fault("robots_disallowed", 1)),
    FaultKind("robots_5xx", robots_5xx_check),
    FaultKind("malformed_feed", discovery_fault("malformed_xml")),
    FaultKind("xml_billion_laughs", discovery_fault("xml_entities")),
    FaultKind("xml_external_entity", discovery_fault("xml_entities")),
    FaultKind("sitemap_index_self", self_index_check),
    FaultKind("deeply_nested_html", landed_or_failed),
    FaultKind("xml_bomb_article", unexpanded_check),
    FaultKind("broken_html", landed_or_failed),
    FaultKind("empty_body", failure_fault("empty_body", "not_html")),
    FaultKind("charset_missing", charset_check(CHARSET_WORDS)),
    FaultKind("charset_wrong", charset_check(CHARSET_WORDS.encode().decode("windows-1251"))),
    FaultKind("charset_lying", charset_check(CHARSET_WORDS)),
    FaultKind("tracking_variants", tracking_check),
    FaultKind("path_traversal_url", traversal_check),
)


def good_articles_landed(con: duckdb.DuckDBPyConnection, day: str) -> list[str]:
    """Paths of the good pages missing from ``articles`` (empty when all landed)."""
    return [p for p in GOOD_PATHS if not _articles(con, day, p)]


def judge(run: FaultRun) -> list[Verdict]:
    """One verdict per fault kind, from the run's catalog.

    Args:
        run: A finished :func:`run_fault_day`.

    Returns:
        Verdicts in :data:`FAULTS` order; none survives when the run failed or good articles are
        missing.
    """
    if not run.catalog.exists():
        return [Verdict(f.name, False, False, "no catalog published") for f in FAULTS]
    with duckdb.connect(str(run.catalog), read_only=True) as con:
        healthy = run.exit_code == 0 and not good_articles_landed(con, run.day)
        verdicts = []
        for fault in FAULTS:
            survived, recorded, how = fault.check(con, run.day, FAULT_PATHS.get(fault.name, ""))
            verdicts.append(Verdict(fault.name, healthy and survived, recorded, how))
    return verdicts


def fault_table(verdicts: Sequence[Verdict]) -> str:
    """The verdicts as a text table: fault kind | tried | survived | recorded | how recorded."""
    head = ("fault kind", "tried", "survived", "recorded", "how recorded")
    rows = [(v.kind, "yes", "yes" if v.survived else "NO", "yes" if v.recorded else "NO", v.how) for v in verdicts]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: Sequence[str]) -> str:
        return " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    total = (
        f"{len(verdicts)} kinds tried, {sum(v.survived for v in verdicts)} survived, "
        f"{sum(v.recorded for v in verdicts)} recorded"
    )
    return "\n".join([line(head), "-+-".join("-" * w for w in widths), *map(line, rows), total])
