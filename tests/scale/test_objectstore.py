"""The warehouse on S3-compatible storage: publish two days to a moto S3 server, query from DuckDB."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.fs as pafs
import pytest

from tests.scale.servers import moto_s3_server
from warehouse.objectstore import SNAPSHOT_NAME, ObjectStore, connect, publish, publish_warehouse, read_snapshot
from warehouse.writer import read_partition, write_partition
from wirearchive.config import data_paths

pytestmark = pytest.mark.servers

DAYS = ("2026-01-12", "2026-01-13")
BUCKET = "wirearchive-test"


def articles(day: str, count: int, tag: str) -> pa.Table:
    """``count`` minimal article rows of ``day``, titled ``<tag> <i>``."""
    fetched = datetime.fromisoformat(f"{day}T08:00:00+00:00").astimezone(UTC)
    rows = [
        {"article_id": f"{day}-{tag}-{i}", "capture_id": f"<urn:uuid:{day}-{tag}-{i}>", "source_id": "ap",
         "url": f"https://example.test/{day}/{tag}/{i}", "canonical_url": f"https://example.test/{day}/{tag}/{i}",
         "fetched_at": fetched, "title": f"{tag} {i}", "body": f"body {i}", "body_hash": f"{i:040x}", "word_count": 2,
         "wire_service": "AP", "extractor": "test", "extractor_version": "0"}
        for i in range(count)
    ]
    return pa.Table.from_pylist(rows)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ObjectStore]:
    """A bucket on a moto S3 server on loopback."""
    with moto_s3_server(tmp_path_factory.mktemp("moto")) as endpoint:
        store = ObjectStore(f"s3://{BUCKET}/warehouse", endpoint=endpoint, access_key="testing", secret_key="testing")
        admin = pafs.S3FileSystem(access_key="testing", secret_key="testing", region=store.region,
                                  endpoint_override=endpoint.removeprefix("http://"), scheme="http", allow_bucket_creation=True)
        admin.create_dir(BUCKET)
        yield store


def counts(con, table: str = "articles") -> dict[str, int]:
    """Rows per hive ``date`` of a view."""
    return {str(d): n for d, n in con.execute(f"select date, count(*) from {table} group by date order by date").fetchall()}


def test_publish_two_days_and_query_them_from_duckdb(store: ObjectStore) -> None:
    publish(store, {"articles": {DAYS[0]: articles(DAYS[0], 3, "first"), DAYS[1]: articles(DAYS[1], 2, "first")}})
    con = connect(store)
    assert counts(con) == {DAYS[0]: 3, DAYS[1]: 2}
    assert con.execute("select title from articles where date = ? order by title", [DAYS[1]]).fetchall() == [("first 0",), ("first 1",)]


def test_republish_swaps_the_pointer_and_keeps_old_readers_whole(store: ObjectStore) -> None:
    publish(store, {"articles": {DAYS[0]: articles(DAYS[0], 3, "first"), DAYS[1]: articles(DAYS[1], 2, "first")}})
    before = read_snapshot(store)
    publish(store, {"articles": {DAYS[0]: articles(DAYS[0], 4, "second")}})
    old, new = connect(store, before), connect(store)
    assert counts(old) == {DAYS[0]: 3, DAYS[1]: 2}  # a reader on the old snapshot still sees all of it
    assert counts(new) == {DAYS[0]: 4, DAYS[1]: 2}
    assert {t for (t,) in new.execute("select distinct split_part(title, ' ', 1) from articles where date = ?", [DAYS[0]]).fetchall()} == {"second"}


def test_snapshot_lists_only_complete_uploads(store: ObjectStore) -> None:
    publish(store, {"articles": {DAYS[0]: articles(DAYS[0], 1, "x")}})
    fs = store.filesystem()
    snapshot = json.loads(fs.open_input_stream(f"{store.root}/{SNAPSHOT_NAME}").read())
    for day, entry in snapshot["tables"]["articles"].items():
        info = fs.get_file_info(f"{store.root}/{entry['file']}")
        assert info.type == pafs.FileType.File and info.size == entry["bytes"]
        assert entry["file"].startswith(f"articles/date={day}/v-")


def test_local_warehouse_published_as_is(store: ObjectStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = data_paths(tmp_path / "data")
    for day, n in zip(DAYS, (5, 6)):
        write_partition(paths, "articles", day, articles(day, n, "local"))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", store.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", store.secret_key)
    store = ObjectStore.from_env(store.url, store.endpoint)  # how an operator configures it
    publish_warehouse(paths, store)
    con = connect(store)
    assert counts(con) == {DAYS[0]: 5, DAYS[1]: 6}
    local = read_partition(paths, "articles", DAYS[1]).sort_by("article_id")
    remote = con.execute("select * exclude (date) from articles where date = ? order by article_id", [DAYS[1]]).arrow()
    assert remote.read_all().to_pylist() == local.to_pylist()
