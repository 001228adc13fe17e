"""wirearchive.atomicfile: the temp file is never seen under the final name, and every step is durable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wirearchive import atomicfile


def test_write_bytes_replaces_whole_and_leaves_no_temp(tmp_path: Path) -> None:
    dest = tmp_path / "data.bin"
    dest.write_bytes(b"old")
    atomicfile.write_bytes(dest, b"new content")
    assert dest.read_bytes() == b"new content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.bin"]


def test_write_text_encodes(tmp_path: Path) -> None:
    dest = tmp_path / "m.json"
    atomicfile.write_text(dest, "d\u00e9j\u00e0\n")
    assert dest.read_bytes() == "d\u00e9j\u00e0\n".encode()


def test_final_name_keeps_old_content_while_writing(tmp_path: Path) -> None:
    dest = tmp_path / "index.parquet"
    dest.write_bytes(b"old")
    with atomicfile.atomic_path(dest) as tmp:
        tmp.write_bytes(b"half")
        assert dest.read_bytes() == b"old"  # readers of the final name still see the old file
        assert tmp.parent == dest.parent and tmp.name.startswith(".")  # same folder, hidden
    assert dest.read_bytes() == b"half"


def test_failed_write_removes_temp_and_keeps_old(tmp_path: Path) -> None:
    dest = tmp_path / "index.parquet"
    dest.write_bytes(b"old")
    with pytest.raises(OSError, match="disk full"):
        with atomicfile.atomic_path(dest) as tmp:
            tmp.write_bytes(b"partial")
            raise OSError(28, "disk full")
    assert dest.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["index.parquet"]


def test_temp_names_differ_per_writer(tmp_path: Path) -> None:
    dest = tmp_path / "x"
    assert atomicfile.temp_path(dest) != atomicfile.temp_path(dest)


def test_replace_fsyncs_file_then_renames_then_fsyncs_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The order that makes a replace durable: file data, rename, folder entry."""
    dest = tmp_path / "out"
    tmp = tmp_path / ".out.tmp"
    tmp.write_bytes(b"data")
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        kind = "folder" if os.path.isdir(f"/proc/self/fd/{fd}") else "file"
        events.append(f"fsync {kind}")
        real_fsync(fd)

    def replace(src: str | Path, dst: str | Path) -> None:
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    atomicfile.replace_durably(
        tmp,
        dest,
        before_replace=lambda: events.append("before"),
        after_replace=lambda: events.append("after"),
    )
    assert events == ["fsync file", "before", "replace", "after", "fsync folder"]
    assert dest.read_bytes() == b"data" and not tmp.exists()
