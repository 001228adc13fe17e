"""Importing real-world WARC files: copies of a record, damaged bytes, bad headers, bad digests, bad paths.

Every file is self-written (FastWARC, :mod:`tests.ops.foreign_warc`) from the demo world's pages
and then copied, cut, decompressed or damaged byte by byte here.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import os
import re
from pathlib import Path

import pytest

from tests.ops.foreign_warc import DAYS, Page, write_cc_news, write_resources
from wirearchive.archive import read_captures
from wirearchive.archive.resync import Gap, read_records
from wirearchive.cli import main
from wirearchive.importwarc import import_files, import_warc
from wirearchive.sources import Registry, load_sources


@pytest.fixture()
def registry(world_pages: tuple[Path, dict[str, list[Page]]]) -> Registry:
    return load_sources(world_pages[0])


def _members(data: bytes) -> list[bytes]:
    """The gzip members of a member-per-record file (its record boundaries)."""
    members, pos = [], 0
    while pos < len(data):
        nxt = data.find(b"\x1f\x8b\x08", pos + 1)
        end = len(data) if nxt < 0 else nxt
        members.append(data[pos:end])
        pos = end
    return members


def _rows(archive: Path) -> list[dict]:
    return [row for day in DAYS for row in read_captures(archive, day).to_pylist()]


def test_a_record_in_three_files_is_one_row(tmp_path: Path, world_pages, registry: Registry) -> None:
    _, pages = world_pages
    everything = [*pages[DAYS[0]], *pages[DAYS[1]]]
    good = write_cc_news(tmp_path / "good.warc.gz", everything)
    data = good.read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) * 2 // 3])
    (tmp_path / "plain.warc").write_bytes(gzip.decompress(data))
    files = [tmp_path / "cut.warc.gz", good, tmp_path / "plain.warc"]
    archive = tmp_path / "archive"

    result = import_files(files, archive, registry)

    rows = _rows(archive)
    assert sorted(r["url"] for r in rows) == sorted(p.url for p in everything)  # one row per URL
    cut, whole, plain = result.reports
    assert cut.imported + whole.imported == len(everything) and plain.imported == 0
    assert whole.skipped["duplicate"] == cut.imported and plain.skipped["duplicate"] == len(everything)
    # Re-importing any of them again adds nothing.
    (tmp_path / "again.warc").write_bytes(gzip.decompress(data) + b"\r\n")
    again = import_warc(tmp_path / "again.warc", archive, registry)
    assert again.imported == 0 and again.skipped["duplicate"] == len(everything)
    assert len(_rows(archive)) == len(everything)


def test_without_record_ids_the_identity_is_url_and_payload_digest(
    tmp_path: Path, world_pages, registry: Registry
) -> None:
    _, pages = world_pages
    text = write_resources(tmp_path / "r.warc", pages[DAYS[0]]).read_bytes()
    anonymous = re.sub(rb"WARC-Record-ID: [^\r]*\r\n", b"", text)
    (tmp_path / "a.warc").write_bytes(anonymous)
    (tmp_path / "b.warc").write_bytes(anonymous + b"\r\n\r\n")  # other bytes, same records
    changed = pages[DAYS[0]][0]
    extra = write_resources(tmp_path / "c.warc", [Page(changed.url, changed.html + b"<!-- v2 -->", changed.warc_date)])
    (tmp_path / "c.warc").write_bytes(re.sub(rb"WARC-Record-ID: [^\r]*\r\n", b"", extra.read_bytes()))
    archive = tmp_path / "archive"

    first, second, third = import_files(
        [tmp_path / n for n in ("a.warc", "b.warc", "c.warc")], archive, registry
    ).reports

    assert first.imported == len(pages[DAYS[0]]) and second.imported == 0
    assert third.imported == 1  # same URL, another payload: another version of the page
    assert len(_rows(archive)) == len(pages[DAYS[0]]) + 1


@pytest.mark.parametrize("compressed", [True, False], ids=["gzip-members", "plain"])
def test_a_malformed_warc_date_skips_only_its_record(
    tmp_path: Path, world_pages, registry: Registry, compressed: bool
) -> None:
    _, pages = world_pages
    plain = write_resources(tmp_path / "r.warc", pages[DAYS[0]]).read_bytes()
    records = [b"WARC/1." + part for part in plain.split(b"WARC/1.")[1:]]
    records[1] = records[1].replace(b"WARC-Date: 2026-01-20T08:00:00Z", b"WARC-Date: 2008-10-294T08:00:00Z")
    path = tmp_path / "bad-date.warc"
    path.write_bytes(b"".join(gzip.compress(r) for r in records) if compressed else b"".join(records))

    report = import_warc(path, tmp_path / "archive", registry)

    assert report.skipped == {"bad_warc_date": 1} and report.error is None
    assert report.imported == len(records) - 1
    assert {r["url"] for r in _rows(tmp_path / "archive")} == {p.url for i, p in enumerate(pages[DAYS[0]]) if i != 1}


def test_zeroed_bytes_in_a_gzip_member_lose_that_record_only(
    tmp_path: Path, world_pages, registry: Registry, capfd: pytest.CaptureFixture[str]
) -> None:
    _, pages = world_pages
    members = _members(write_cc_news(tmp_path / "c.warc.gz", pages[DAYS[0]]).read_bytes())
    # Members: warcinfo, then request, response, metadata per page. Zero the middle of page 2's response.
    hit = 1 + 3 * 2 + 1
    damaged = bytearray(members[hit])
    damaged[len(damaged) // 3 : len(damaged) // 3 + 64] = bytes(64)
    members[hit] = bytes(damaged)
    path = tmp_path / "zeroed.warc.gz"
    path.write_bytes(b"".join(members))
    offset = sum(len(m) for m in members[:hit])

    report = import_warc(path, tmp_path / "archive", registry)

    assert {r["url"] for r in _rows(tmp_path / "archive")} == {p.url for i, p in enumerate(pages[DAYS[0]]) if i != 2}
    assert report.error is not None and f"skipped {len(members[hit])} bytes at offset {offset}" in report.error
    assert report.skipped_bytes == len(members[hit])
    out, err = capfd.readouterr()
    assert "Error" not in out + err and "zlib" not in out + err  # warcio would print zlib errors to stderr


def test_zeroed_bytes_across_records_of_a_plain_file_resume_at_the_next_record(
    tmp_path: Path, world_pages, registry: Registry
) -> None:
    _, pages = world_pages
    data = bytearray(write_resources(tmp_path / "r.warc", pages[DAYS[0]]).read_bytes())
    starts = [m.start() for m in re.finditer(rb"WARC/1\.", bytes(data))]
    # Zero from inside record 1 into the headers of record 2: records 1 and 2 are lost, 3.. are read.
    data[starts[2] - 100 : starts[2] + 40] = bytes(140)
    path = tmp_path / "zeroed.warc"
    path.write_bytes(bytes(data))

    report = import_warc(path, tmp_path / "archive", registry)

    rows = {r["url"]: r for r in _rows(tmp_path / "archive")}
    after = {p.url for p in pages[DAYS[0]][3:]}
    assert after <= set(rows) and pages[DAYS[0]][0].url in rows and pages[DAYS[0]][2].url not in rows
    assert report.error is not None and "bytes at offset" in report.error and report.skipped_bytes > 0
    # Record 1 swallowed the zeros: if it is kept, it is flagged.
    damaged = pages[DAYS[0]][1].url
    assert damaged not in rows or rows[damaged]["digest_mismatch"] == "block"


def test_the_gap_ends_where_the_next_record_begins(tmp_path: Path, world_pages) -> None:
    _, pages = world_pages
    members = _members(write_cc_news(tmp_path / "c.warc.gz", pages[DAYS[0]][:2]).read_bytes())
    junk = b"\x1f\x8b\x08" + bytes(500)  # looks like a member header, is not one
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(b"".join(members[:2]) + junk + b"".join(members[2:]))

    items = list(read_records(path))

    gaps = [i for i in items if isinstance(i, Gap)]
    assert gaps == [Gap(sum(map(len, members[:2])), len(junk), gaps[0].reason)]
    assert len(items) - 1 == len(members)


def _sha1_b32(data: bytes) -> bytes:
    return b"sha1:" + base64.b32encode(hashlib.sha1(data).digest())


@pytest.mark.parametrize(
    ("declared", "tamper", "flag"),
    [
        ("right", True, "block,payload"),  # the bytes changed after both digests were written
        ("wrong", False, "payload"),  # only the declared payload digest is off (e.g. taken over a removed coding)
    ],
)
def test_a_digest_mismatch_is_flagged_in_the_capture_row(
    tmp_path: Path, world_pages, registry: Registry, declared: str, tamper: bool, flag: str
) -> None:
    _, pages = world_pages
    members = _members(write_cc_news(tmp_path / "c.warc.gz", pages[DAYS[0]][:3]).read_bytes())
    hit = 1 + 3 + 1  # page 1's response
    record = gzip.decompress(members[hit])
    body = pages[DAYS[0]][1].html
    digest = _sha1_b32(body if declared == "right" else body + b"!")
    record = record.replace(b"WARC-Block-Digest:", b"WARC-Payload-Digest: " + digest + b"\r\nWARC-Block-Digest:", 1)
    if tamper:
        record = record.replace(b"</html>", b"</HTML>")  # same length, other bytes
    members[hit] = gzip.compress(record)
    path = tmp_path / "bad-digest.warc.gz"
    path.write_bytes(b"".join(members))

    report = import_warc(path, tmp_path / "archive", registry)

    rows = {r["url"]: r["digest_mismatch"] for r in _rows(tmp_path / "archive")}
    assert rows.pop(pages[DAYS[0]][1].url) == flag
    assert set(rows.values()) == {None} and len(rows) == 2
    assert report.digest_mismatches == 1 and report.imported == 3 and report.error is None


@pytest.mark.parametrize("case", ["missing", "empty-folder", "unreadable"])
def test_bad_paths_are_bad_input(tmp_path: Path, world_pages, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    sources, pages = world_pages
    good = write_cc_news(tmp_path / "good.warc.gz", pages[DAYS[0]][:1])
    if case == "missing":
        bad = tmp_path / "nope.warc.gz"
    elif case == "empty-folder":
        bad = tmp_path / "empty"
        bad.mkdir()
        (bad / "notes.txt").write_text("not a WARC file")
    else:
        if os.geteuid() == 0:
            pytest.skip("root reads any file")
        bad = tmp_path / "locked.warc.gz"
        bad.write_bytes(good.read_bytes())
        bad.chmod(0)

    code = main(["import-warc", "--sources", str(sources), "--data-dir", str(tmp_path / "data"), str(good), str(bad)])

    out = capsys.readouterr().out
    assert code == 2
    assert len([line for line in out.splitlines() if line.strip()]) == 1, out
    assert out.startswith(f"error: {bad}: ") and "damaged" not in out
    assert not (tmp_path / "data" / "archive").exists()  # nothing was imported


def test_a_folder_is_its_warc_files(tmp_path: Path, world_pages, registry: Registry) -> None:
    from wirearchive.importwarc import input_files

    _, pages = world_pages
    folder = tmp_path / "in"
    folder.mkdir()
    b = write_resources(folder / "b.warc", pages[DAYS[1]])
    a = write_cc_news(folder / "a.warc.gz", pages[DAYS[0]])
    (folder / "README").write_text("notes")
    assert input_files([folder]) == [a, b]


def test_pages_of_more_days_than_archives_kept_open(
    tmp_path: Path, world_pages, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    import wirearchive.importwarc

    monkeypatch.setattr(wirearchive.importwarc, "MAX_OPEN_DAYS", 1)
    _, pages = world_pages
    interleaved = [p for pair in zip(pages[DAYS[0]], pages[DAYS[1]], strict=False) for p in pair]
    path = write_cc_news(tmp_path / "c.warc.gz", interleaved)

    report = import_warc(path, tmp_path / "archive", registry)

    assert report.imported == len(interleaved) and report.error is None
    assert sorted(r["url"] for r in _rows(tmp_path / "archive")) == sorted(p.url for p in interleaved)
    again = import_files([tmp_path / "c.warc.gz"], tmp_path / "archive", registry)
    assert again.reports[0].already_imported
