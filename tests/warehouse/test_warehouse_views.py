"""The analyst views against the demo world's ground truth (tests/warehouse/demo_truth.py).

The members are the generator's own stories, so a failure here is the view's fault, not the
matcher's. The same checks run with every copy and version mislabelled ``update`` (the matcher's
most common mistake on the demo): the views must not depend on relation labels.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from tests.warehouse.demo_truth import (
    Truth,
    demo_registry,
    expected,
    publish_demo_truth,
)
from warehouse.catalog import build_catalog, connect
from warehouse.writer import list_partitions, read_partition, write_partition
from wirearchive.config import DataPaths, data_paths

LABELLINGS = {"true_labels": lambda relation: relation, "all_update": lambda relation: "update"}


@pytest.fixture(scope="module", params=sorted(LABELLINGS))
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Truth]:
    paths = data_paths(tmp_path_factory.mktemp(request.param) / "data")
    world = publish_demo_truth(paths, LABELLINGS[request.param])
    build_catalog(paths, demo_registry(world))
    return paths.catalog, expected(world)


def test_pickup_lag_has_every_copy_with_its_lag_and_version(demo: tuple[Path, Truth]) -> None:
    catalog, truth = demo
    with connect(catalog) as con:
        rows = con.execute("select article_id, story_id, source_id, lag_minutes, version from pickup_lag").fetchall()
    got = {r[0]: (r[1], r[2], round(r[3], 6), r[4]) for r in rows}
    assert len(rows) == len(got) == len(truth.copies) > 100
    assert got == {k: (s, src, round(lag, 6), v) for k, (s, src, lag, v) in truth.copies.items()}


def test_story_versions_are_the_originators_texts_numbered_once(demo: tuple[Path, Truth]) -> None:
    catalog, truth = demo
    with connect(catalog) as con:
        rows = con.execute(
            "select story_id, version, article_id from story_versions order by story_id, version"
        ).fetchall()
        copies = con.execute("select story_id, version, n_copies from story_versions where n_copies > 0").fetchall()
    got: dict[str, list[str]] = {}
    for story, version, article in rows:
        assert version == len(got.setdefault(story, [])) + 1, (story, version)
        got[story].append(article)
    assert got == truth.versions
    per_version: dict[tuple[str, int], int] = {}
    for story, _, _, version in truth.copies.values():
        per_version[(story, version)] = per_version.get((story, version), 0) + 1
    assert {(s, v): n for s, v, n in copies} == per_version
    assert any(len(v) >= 3 for v in truth.versions.values())  # write-throughs are exercised


def test_stories_count_versions_and_copies_by_source(demo: tuple[Path, Truth]) -> None:
    catalog, truth = demo
    with connect(catalog) as con:
        rows = con.execute("select story_id, n_versions, n_copies from stories").fetchall()
    copies: dict[str, int] = {}
    for story, *_ in truth.copies.values():
        copies[story] = copies.get(story, 0) + 1
    assert {s: (v, c) for s, v, c in rows} == {s: (len(v), copies.get(s, 0)) for s, v in truth.versions.items()}


def test_wire_credit_splits_credited_dateline_only_and_stripped(demo: tuple[Path, Truth]) -> None:
    catalog, truth = demo
    with connect(catalog) as con:
        rows = con.execute(
            "select source_id, wire, credited, dateline_only, stripped, copies from wire_credit"
        ).fetchall()
    assert {(s, w): (c, d, x) for s, w, c, d, x, _ in rows} == truth.credit
    assert all(c + d + x == n for _, _, c, d, x, n in rows)
    assert all(sum(v[i] for v in truth.credit.values()) > 0 for i in range(3))  # each class occurs


def test_a_copy_of_pointing_into_another_story_gives_no_version(tmp_path: Path) -> None:
    """``copy_of`` is followed only inside the copy's own story (a stale link after a regroup)."""
    paths = data_paths(tmp_path / "data")
    world = publish_demo_truth(paths)
    truth = expected(world)
    # a copy no other copy was taken from, so the stale link breaks one version only
    parents = {
        c
        for d in list_partitions(paths, "story_members")
        for c in read_partition(paths, "story_members", d)["copy_of"].to_pylist()
    }
    copy_id, (story, _, _, _) = next((a, v) for a, v in sorted(truth.copies.items()) if a not in parents)
    foreign = next(versions[0] for key, versions in sorted(truth.versions.items()) if key != story)
    day = next(d for d in list_partitions(paths, "story_members") if copy_id in _ids(paths, d))
    members = read_partition(paths, "story_members", day)
    assert members is not None
    copy_of = [
        foreign if a == copy_id else c
        for a, c in zip(members["article_id"].to_pylist(), members["copy_of"].to_pylist(), strict=True)
    ]
    write_partition(
        paths,
        "story_members",
        day,
        members.set_column(members.schema.get_field_index("copy_of"), "copy_of", pa.array(copy_of, pa.string())),
    )
    build_catalog(paths, demo_registry(world))
    with connect(paths.catalog) as con:
        rows = con.execute("select article_id, version from pickup_lag").fetchall()
    got = dict(rows)
    assert got[copy_id] is None
    assert sum(v is None for v in got.values()) == 1 and len(got) == len(truth.copies)


def _ids(paths: DataPaths, day: str) -> set[str]:
    table = read_partition(paths, "story_members", day)
    return set(table["article_id"].to_pylist()) if table is not None else set()
