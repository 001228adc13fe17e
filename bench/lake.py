"""DuckLake bench: the cost of publishing one day as the lake's history grows, on real servers.

Usage::

    .venv/bin/python bench/lake.py                    # 1,000 articles/day, 31 days
    .venv/bin/python bench/lake.py --per-day 5000 --days 61

Starts a throwaway PostgreSQL cluster and a moto S3 server on loopback (tests/scale/servers.py:
needs Debian's postgresql and the dev extra), then times :func:`warehouse.lake.publish` of one day
of ``articles`` (bodies of ``--body-words`` random words) into a lake holding 1 day, then
``--days`` days; then a read-only :func:`warehouse.lake.connect` (views, stories, and search over
one day) and a one-day count. Publish is delete + insert of one partition in one transaction, so
its cost should not grow with the history (goal: flat).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path and its name would shadow the
# ``warehouse`` package: put the repository root there instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [str(_HERE.parent)] + [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import pyarrow as pa  # noqa: E402
import pyarrow.fs as pafs  # noqa: E402

from tests.scale.servers import moto_s3_server, postgres_server  # noqa: E402
from warehouse.lake import Lake, Partition, connect, connect_writer, publish  # noqa: E402
from warehouse.objectstore import ObjectStore  # noqa: E402

VOCABULARY = [f"w{i}" for i in range(5000)]
REPEATS = 3


def day_articles(day: str, count: int, body_words: int, rng: random.Random) -> pa.Table:
    """``count`` article rows of ``day`` with random bodies."""
    fetched = datetime.fromisoformat(f"{day}T08:00:00+00:00").astimezone(UTC)
    return pa.Table.from_pylist(
        [
            {
                "article_id": f"{day}-{i}",
                "capture_id": f"<urn:uuid:{day}-{i}>",
                "source_id": "ap",
                "url": f"https://example.test/{day}/{i}",
                "canonical_url": f"https://example.test/{day}/{i}",
                "fetched_at": fetched,
                "title": f"title {i}",
                "body": " ".join(rng.choices(VOCABULARY, k=body_words)),
                "body_hash": f"{i:040x}",
                "word_count": body_words,
                "extractor": "bench",
                "extractor_version": "0",
            }
            for i in range(count)
        ]
    )


def main() -> None:
    """Run the bench and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-day", type=int, default=1000)
    parser.add_argument("--days", type=int, default=31)
    parser.add_argument("--body-words", type=int, default=400)
    args = parser.parse_args()
    rng = random.Random(1)
    days = [(date(2026, 1, 1) + timedelta(days=d)).isoformat() for d in range(args.days)]
    data = {day: day_articles(day, args.per_day, args.body_words, rng) for day in days}
    with postgres_server() as pg, moto_s3_server(Path(tempfile.mkdtemp(prefix="bench-moto-"))) as endpoint:
        s3 = pafs.S3FileSystem(
            access_key="bench",
            secret_key="bench",
            region="us-east-1",
            endpoint_override=endpoint.removeprefix("http://"),
            scheme="http",
            allow_bucket_creation=True,
        )
        s3.create_dir("bench")
        catalog = (
            f"host={pg['DAGSTER_PG_HOST']} port={pg['DAGSTER_PG_PORT']} dbname={pg['DAGSTER_PG_DB']} "
            f"user={pg['DAGSTER_PG_USERNAME']} password={pg['DAGSTER_PG_PASSWORD']}"
        )
        lake = Lake(catalog, ObjectStore("s3://bench/warehouse", endpoint, access_key="bench", secret_key="bench"))
        con = connect_writer(lake)

        def timed(day: str) -> float:
            started = time.perf_counter()
            publish(lake, [Partition("articles", day, data[day])], con)
            return time.perf_counter() - started

        small = [timed(days[0]) for _ in range(REPEATS)]
        for day in days[1:-1]:
            publish(lake, [Partition("articles", day, data[day])], con)
        large = [timed(days[-1]) for _ in range(REPEATS)] + [timed(days[0]) for _ in range(REPEATS)]
        label = f"{args.per_day} articles x {args.body_words} words"
        print(
            f"lake publish of one day ({label}), history 1 day: median {statistics.median(small):.2f} s "
            f"(min {min(small):.2f}, max {max(small):.2f})"
        )
        print(
            f"lake publish of one day ({label}), history {args.days} days: median {statistics.median(large):.2f} s "
            f"(min {min(large):.2f}, max {max(large):.2f})"
        )
        started = time.perf_counter()
        reader = connect(lake, search_days=1)
        print(f"read-only connect (views, stories, search over 1 day): {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        reader.execute("select count(*) from articles where date = ?", [days[len(days) // 2]]).fetchone()
        print(f"one-day count over {args.days} days: {time.perf_counter() - started:.3f} s")


if __name__ == "__main__":
    main()
