"""The warehouse as a DuckLake: catalog on a real PostgreSQL, data files on a moto S3 server."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import dagster as dg
import duckdb
import psycopg2
import pyarrow as pa
import pyarrow.fs as pafs
import pytest

from assets.catalog import catalog
from assets.resources import WirearchiveResource
from tests.scale.servers import moto_s3_server, postgres_server
from warehouse import lake as lake_module
from warehouse import story_segments
from warehouse.catalog import build_catalog
from warehouse.catalog import connect as connect_catalog
from warehouse.lake import (
    Lake,
    Partition,
    cache_folder,
    connect,
    connect_writer,
    maintain,
    publish,
    publish_warehouse,
)
from warehouse.objectstore import ObjectStore
from warehouse.writer import read_partition, write_partition
from wirearchive.config import data_paths
from wirearchive.sources import load_sources

pytestmark = pytest.mark.servers

REPO = Path(__file__).resolve().parents[2]
DAYS = ("2026-01-12", "2026-01-13", "2026-01-14", "2026-01-15")


def articles(day: str, count: int, tag: str) -> pa.Table:
    """``count`` article rows of ``day``, titled ``<tag> <i>``, bodies saying ``<tag>word``."""
    fetched = datetime.fromisoformat(f"{day}T08:00:00+00:00").astimezone(UTC)
    rows = [
        {
            "article_id": f"{day}-{i}",
            "capture_id": f"<urn:uuid:{day}-{i}>",
            "source_id": "ap",
            "url": f"https://example.test/{day}/{i}",
            "canonical_url": f"https://example.test/{day}/{i}",
            "fetched_at": fetched,
            "published_at": fetched,
            "title": f"{tag} {i}",
            "body": f"{tag}word body {i}",
            "body_hash": f"{i:040x}",
            "word_count": 3,
            "wire_service": "AP",
            "extractor": "test",
            "extractor_version": "0",
        }
        for i in range(count)
    ]
    return pa.Table.from_pylist(rows)


def members(day: str, count: int, tag: str) -> pa.Table:
    """One story per article of :func:`articles`, its id ``<tag>-<day>-<i>``."""
    rows = [
        {
            "article_id": f"{day}-{i}",
            "story_id": f"{tag}-{day}-{i}",
            "relation": "original",
            "canonical_article_id": f"{day}-{i}",
            "similarity": 1.0,
            "version": 1,
        }
        for i in range(count)
    ]
    return pa.Table.from_pylist(rows)


def day_of(day: str, count: int, tag: str) -> list[Partition]:
    """The articles and story members of one day, to publish together."""
    return [
        Partition("articles", day, articles(day, count, tag), f"w-{tag}"),
        Partition("story_members", day, members(day, count, tag), f"w-{tag}"),
    ]


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, str], str]]:
    """A PostgreSQL cluster and a moto S3 server, both on loopback."""
    with postgres_server() as pg, moto_s3_server(tmp_path_factory.mktemp("moto")) as endpoint:
        yield pg, endpoint


@pytest.fixture
def lake(servers: tuple[dict[str, str], str]) -> Lake:
    """A fresh lake: its own catalog database and its own bucket."""
    pg, endpoint = servers
    name = f"lake_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(
        host=pg["DAGSTER_PG_HOST"],
        port=pg["DAGSTER_PG_PORT"],
        user=pg["DAGSTER_PG_USERNAME"],
        password=pg["DAGSTER_PG_PASSWORD"],
        dbname="postgres",
    )
    admin.autocommit = True
    admin.cursor().execute(f"create database {name}")
    admin.close()
    s3 = pafs.S3FileSystem(
        access_key="testing",
        secret_key="testing",
        region="us-east-1",
        endpoint_override=endpoint.removeprefix("http://"),
        scheme="http",
        allow_bucket_creation=True,
    )
    s3.create_dir(name.replace("_", "-"))
    catalog = (
        f"host={pg['DAGSTER_PG_HOST']} port={pg['DAGSTER_PG_PORT']} dbname={name} "
        f"user={pg['DAGSTER_PG_USERNAME']} password={pg['DAGSTER_PG_PASSWORD']}"
    )
    store = ObjectStore(
        f"s3://{name.replace('_', '-')}/warehouse", endpoint=endpoint, access_key="testing", secret_key="testing"
    )
    return Lake(catalog, store)


def counts(con: duckdb.DuckDBPyConnection, table: str = "articles") -> dict[str, int]:
    """Rows per ``date`` of a table or view."""
    return {
        str(d): n for d, n in con.execute(f"select date, count(*) from {table} group by date order by date").fetchall()
    }


def test_published_days_read_back_read_only_with_views_and_search(lake: Lake) -> None:
    publish(lake, [*day_of(DAYS[0], 3, "first"), *day_of(DAYS[1], 2, "first")])
    con = connect(lake)
    assert counts(con) == {DAYS[0]: 3, DAYS[1]: 2}
    assert counts(con, "story_members") == {DAYS[0]: 3, DAYS[1]: 2}
    assert con.execute("select count(*) from member_articles").fetchone()[0] == 5
    assert con.execute("select count(*) from stories").fetchone()[0] == 5
    hits = con.execute("select article_id from search('firstword', k := 10)").fetchall()
    assert len(hits) == 5
    with pytest.raises(duckdb.Error, match="read-only"):
        con.execute("insert into lake.articles select * from lake.articles")
    files = con.execute("select data_file from ducklake_list_files('lake', 'articles')").fetchall()
    assert files and all(f.startswith(f"{lake.data_path}main/articles/date=") for (f,) in files)


def test_search_window_counts_back_from_the_newest_day(lake: Lake) -> None:
    publish(lake, [*day_of(DAYS[0], 3, "old"), *day_of(DAYS[2], 2, "new")])
    assert connect(lake, search_days=1).execute("select count(*) from search_docs").fetchone()[0] == 2
    assert connect(lake, search_days=None).execute("select count(*) from search_docs").fetchone()[0] == 5


def test_connect_builds_search_once_per_snapshot(lake: Lake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREARCHIVE_LAKE_CACHE", str(tmp_path / "cache"))
    first = publish(lake, day_of(DAYS[0], 3, "first"))
    connect(lake)
    built = cache_folder(lake, first, 7)
    stamp = (built / "search_segments.json").stat().st_mtime_ns
    again = connect(lake)  # same snapshot: attached from the cache, nothing recomputed
    assert (built / "search_segments.json").stat().st_mtime_ns == stamp
    assert again.execute("select count(*) from stories").fetchone() == (3,)
    second = publish(lake, day_of(DAYS[1], 2, "second"))
    newer = connect(lake)
    assert cache_folder(lake, second, 7).is_dir()
    assert newer.execute("select count(*) from stories").fetchone() == (5,)
    assert len(newer.execute("select * from search('secondword', k := 10)").fetchall()) == 2
    assert again.execute("select count(*) from stories").fetchone() == (3,)  # still its snapshot
    assert again.execute("select count(*) from articles").fetchone() == (3,)


def spanning_members(day: str, count: int, first: bool) -> pa.Table:
    """Story ``s<i>`` holds article ``<day>-<i>`` of every day: the original on the first."""
    rows = [
        {
            "article_id": f"{day}-{i}",
            "story_id": f"s{i}",
            "relation": "original" if first else "copy",
            "canonical_article_id": f"{DAYS[0]}-{i}",
            "similarity": 1.0 if first else 0.9,
            "version": 1,
        }
        for i in range(count)
    ]
    return pa.Table.from_pylist(rows)


def test_first_connect_after_a_publish_reads_the_published_story_tables(
    lake: Lake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = data_paths(tmp_path / "data")
    for n, day in enumerate(DAYS[:3]):
        write_partition(paths, "articles", day, articles(day, 4, f"span{n}"))
        write_partition(paths, "story_members", day, spanning_members(day, 3 + n % 2, n == 0))
    publish_warehouse(paths, lake, DAYS[:2])
    snapshot = publish_warehouse(paths, lake, DAYS[2:3])  # one day: its months rebuilt, nothing duplicated
    assert snapshot == {"articles": [DAYS[2]], "story_members": [DAYS[2]]}
    build_catalog(paths)

    def no_recompute(con: duckdb.DuckDBPyConnection) -> None:
        raise AssertionError("connect recomputed the story tables")

    monkeypatch.setattr(story_segments, "apply_story_sql", no_recompute)
    con = connect(lake)
    local = connect_catalog(paths.catalog)
    for table in story_segments.STORY_TABLES:
        query = f"from {table} order by all"
        assert con.execute(query).fetchall() == local.execute(query).fetchall(), table
    assert con.execute("select count(*) from stories").fetchone() == (4,)
    months = con.execute(f"select month, stories from lake.{lake_module.STORY_MONTHS}").fetchall()
    assert months == [(DAYS[0][:7], 4)]


def test_rerun_replaces_a_partition_and_never_duplicates(lake: Lake) -> None:
    first = publish(lake, [*day_of(DAYS[0], 3, "first"), *day_of(DAYS[1], 2, "first")])
    publish(lake, day_of(DAYS[0], 4, "second"))
    publish(lake, day_of(DAYS[0], 4, "second"))
    con = connect(lake)
    assert counts(con) == {DAYS[0]: 4, DAYS[1]: 2}
    titles = {
        t for (t,) in con.execute("select split_part(title, ' ', 1) from articles where date = ?", [DAYS[0]]).fetchall()
    }
    assert titles == {"second"}
    assert counts(connect(lake, snapshot=first)) == {DAYS[0]: 3, DAYS[1]: 2}  # time travel to the first publish


def test_upkeep_expires_old_snapshots_and_deletes_their_files(lake: Lake) -> None:
    first = publish(lake, day_of(DAYS[0], 3, "first"))
    for tag in ("second", "third"):
        publish(lake, day_of(DAYS[0], 2, tag))
    assert maintain(lake)["snapshots_expired"] == 0  # all younger than KEEP_SNAPSHOTS: kept
    assert counts(connect(lake, snapshot=first)) == {DAYS[0]: 3}

    upkeep = maintain(lake, keep=timedelta(0))
    con = connect(lake)
    assert upkeep["snapshots_expired"] >= 3 and upkeep["files_deleted"] >= 4  # two replaced files per table
    assert counts(con) == {DAYS[0]: 2} and counts(con, "story_members") == {DAYS[0]: 2}
    assert {t for (t,) in con.execute("select split_part(title, ' ', 1) from articles").fetchall()} == {"third"}
    assert con.execute("select count(*) from ducklake_snapshots('lake')").fetchone()[0] == 1
    with pytest.raises(duckdb.Error):
        counts(connect(lake, snapshot=first))
    on_store = con.execute("select count(*) from glob(?)", [f"{lake.data_path}main/articles/**/*.parquet"])
    assert on_store.fetchone()[0] == 1  # the replaced files are gone from the store


def test_a_table_of_an_older_contract_gets_the_new_columns(lake: Lake) -> None:
    publish(lake, day_of(DAYS[0], 2, "old"))
    with connect_writer(lake) as con:
        con.execute("alter table lake.articles drop column credit_line")  # as published before it existed
    rows = articles(DAYS[1], 2, "new").append_column("credit_line", pa.array(["(AP)", None]))
    publish(lake, [Partition("articles", DAYS[1], rows)])
    con = connect(lake)
    assert con.execute("select date, credit_line from articles order by date, article_id").fetchall() == [
        (date.fromisoformat(DAYS[0]), None),
        (date.fromisoformat(DAYS[0]), None),
        (date.fromisoformat(DAYS[1]), "(AP)"),
        (date.fromisoformat(DAYS[1]), None),
    ]


def test_two_publishers_at_once_keep_each_others_partitions(lake: Lake) -> None:
    connect_writer(lake).close()  # tables exist; the race below is about partitions
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def publisher(days: tuple[str, ...], tag: str) -> None:
        try:
            con = connect_writer(lake)
            barrier.wait()
            for round_ in range(4):
                for day in days:
                    publish(lake, day_of(day, 3 + round_, tag), con)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [
        threading.Thread(target=publisher, args=(DAYS[:2], "a")),
        threading.Thread(target=publisher, args=(DAYS[2:], "b")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    con = connect(lake)
    assert counts(con) == dict.fromkeys(DAYS, 6)
    assert counts(con, "story_members") == dict.fromkeys(DAYS, 6)
    assert con.execute("select count(*) from lake.publish_log").fetchone()[0] == 2 * 4 * 2 * 2


def test_a_concurrent_insert_into_the_table_conflicts(lake: Lake) -> None:
    # DuckLake checks delete/insert conflicts per table, not per partition: why publish() retries.
    publish(lake, day_of(DAYS[0], 3, "a"))
    slow = connect_writer(lake)
    slow.register("rows", articles(DAYS[1], 2, "slow"))
    slow.execute("begin")
    slow.execute("delete from lake.articles where date = ?", [DAYS[1]])
    slow.execute("insert into lake.articles by name select *, ?::date as date from rows", [DAYS[1]])
    publish(lake, day_of(DAYS[0], 4, "b"))  # another day, committed first
    with pytest.raises(duckdb.TransactionException, match="conflict"):
        slow.execute("commit")


class CommitRace:
    """A real writer connection that lets another publisher commit just before its first commit."""

    def __init__(self, con: duckdb.DuckDBPyConnection, rival: Callable[[], object]) -> None:
        self.con, self.rival, self.commits = con, rival, 0

    def execute(self, sql: str, params: list | None = None) -> duckdb.DuckDBPyConnection:
        if sql == "commit":
            self.commits += 1
            if self.commits == 1:
                self.rival()
        return self.con.execute(sql, params)

    def register(self, name: str, data: pa.Table) -> None:
        self.con.register(name, data)

    def unregister(self, name: str) -> None:
        self.con.unregister(name)


def test_publish_retries_a_transaction_that_lost_the_race(lake: Lake) -> None:
    publish(lake, day_of(DAYS[0], 3, "a"))
    race = CommitRace(connect_writer(lake), lambda: publish(lake, day_of(DAYS[0], 4, "rival")))
    publish(lake, day_of(DAYS[1], 2, "mine"), race)
    assert race.commits == 2  # the first commit conflicted, the whole transaction ran again
    con = connect(lake)
    assert counts(con) == {DAYS[0]: 4, DAYS[1]: 2}
    assert counts(con, "story_members") == {DAYS[0]: 4, DAYS[1]: 2}


def test_two_publishers_of_the_same_day_leave_one_whole_partition(lake: Lake) -> None:
    connect_writer(lake).close()
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def publisher(count: int, tag: str) -> None:
        try:
            con = connect_writer(lake)
            barrier.wait()
            for _ in range(3):
                publish(lake, day_of(DAYS[0], count, tag), con)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=publisher, args=(3, "a")), threading.Thread(target=publisher, args=(5, "b"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    con = connect(lake)
    rows = con.execute("select split_part(title, ' ', 1), count(*) from articles group by 1").fetchall()
    assert rows in ([("a", 3)], [("b", 5)])
    story_tags = {s.split("-")[0] for (s,) in con.execute("select story_id from story_members").fetchall()}
    assert story_tags == {rows[0][0]}  # articles and members of one publish commit together


def test_a_reader_never_sees_half_a_publish(lake: Lake) -> None:
    publish(lake, day_of(DAYS[0], 3, "a"))
    stop = threading.Event()
    seen: list[tuple[str, int, int]] = []
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            con = connect(lake, search_days=1)
            while not stop.is_set():
                con.execute("begin")  # one DuckLake snapshot for both reads
                tags = con.execute("select distinct split_part(title, ' ', 1) from lake.articles").fetchall()
                n_articles = con.execute("select count(*) from lake.articles").fetchone()[0]
                n_members = con.execute("select count(*) from lake.story_members").fetchone()[0]
                con.execute("commit")
                seen.append((",".join(sorted(t for (t,) in tags)), n_articles, n_members))
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for round_ in range(6):
            tag, count = ("b", 5) if round_ % 2 == 0 else ("a", 3)
            publish(lake, day_of(DAYS[0], count, tag))
    finally:
        stop.set()
        thread.join(timeout=120)
    assert not errors, errors
    assert seen
    assert set(seen) <= {("a", 3, 3), ("b", 5, 5)}


def test_local_warehouse_published_incrementally(lake: Lake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = data_paths(tmp_path / "data")
    for day, n in zip(DAYS[:2], (5, 6), strict=True):
        write_partition(paths, "articles", day, articles(day, n, "local"))
        write_partition(paths, "story_members", day, members(day, n, "local"))
    assert publish_warehouse(paths, lake) == {"articles": list(DAYS[:2]), "story_members": list(DAYS[:2])}
    assert publish_warehouse(paths, lake) == {}  # nothing changed locally: nothing sent
    write_partition(paths, "articles", DAYS[1], articles(DAYS[1], 2, "again"))
    assert publish_warehouse(paths, lake, [DAYS[0], DAYS[1]]) == {"articles": [DAYS[1]]}
    con = connect(lake)
    assert counts(con) == {DAYS[0]: 5, DAYS[1]: 2}
    local = read_partition(paths, "articles", DAYS[0]).sort_by("article_id")
    remote = con.execute("select * exclude (date) from articles where date = ? order by article_id", [DAYS[0]]).arrow()
    assert remote.read_all().to_pylist() == local.to_pylist()


def test_catalog_step_publishes_its_days_when_a_lake_is_configured(
    lake: Lake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = data_paths(tmp_path / "data")
    for day in DAYS[:2]:
        write_partition(paths, "articles", day, articles(day, 4, "nightly"))
        write_partition(paths, "story_members", day, members(day, 4, "nightly"))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", lake.store.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", lake.store.secret_key)
    resource = WirearchiveResource(
        data_dir=str(paths.root),
        sources=str(REPO / "sources.toml"),
        lake_catalog=lake.catalog,
        lake_data_path=lake.store.url,
        lake_s3_endpoint=lake.store.endpoint,
    )
    # the catalog alone (no run partition): every local day the lake lacks
    result = dg.materialize([catalog], resources={"wirearchive": resource})
    assert result.success
    metadata = result.asset_materializations_for_node("catalog")[0].metadata
    assert metadata["lake/partitions_published"].value == 4  # articles and story_members of both days
    assert metadata["lake/sources_replaced"].value is True
    con = connect(lake)
    assert counts(con) == {DAYS[0]: 4, DAYS[1]: 4}
    registry = {s.id for s in load_sources(REPO / "sources.toml").source}
    assert {i for (i,) in con.execute("select id from sources").fetchall()} == registry
    again = dg.materialize([catalog], resources={"wirearchive": resource})
    metadata = again.asset_materializations_for_node("catalog")[0].metadata
    assert (metadata["lake/partitions_published"].value, metadata["lake/sources_replaced"].value) == (0, False)
