"""Atomic, durable file replacement: how every file a reader may see is written.

A file is written under a temporary name in the folder it is published in (same filesystem, so
the rename is atomic), flushed to disk with ``os.fsync``, renamed onto its final name with
``os.replace``, and the folder is fsynced so that the rename itself survives a power cut (POSIX
leaves a rename's durability to the directory's fsync; see ``fsync(2)``). A reader opening the
final name sees the old file or the new one, never a part of one, and the temporary file is
removed when writing fails. Temporary names start with a dot: hidden from readers' globs.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

Hook = Callable[[], None]


def fsync_dir(path: Path) -> None:
    """Make the entries of a folder (creations, renames, removals) durable.

    Args:
        path: The folder.
    """
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    """Flush a written file's bytes to disk.

    Args:
        path: The file (already closed by its writer).
    """
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def replace_durably(
    tmp: Path,
    dest: Path,
    *,
    before_replace: Hook | None = None,
    after_replace: Hook | None = None,
) -> None:
    """fsync ``tmp``, rename it onto ``dest`` and fsync ``dest``'s folder.

    Args:
        tmp: The complete new file, on the same filesystem as ``dest``.
        dest: The final name.
        before_replace: Called once ``tmp`` is durable, before the rename (kill points).
        after_replace: Called after the rename, before the folder's fsync (kill points).
    """
    fsync_file(tmp)
    if before_replace is not None:
        before_replace()
    os.replace(tmp, dest)
    if after_replace is not None:
        after_replace()
    fsync_dir(dest.parent)


def temp_path(dest: Path) -> Path:
    """A fresh hidden temporary name next to ``dest`` (``.<name>.<random>.tmp``).

    Args:
        dest: The final name.

    Returns:
        A path in ``dest``'s folder that no other writer uses.
    """
    return dest.with_name(f".{dest.name}.{uuid.uuid4().hex}.tmp")


@contextmanager
def atomic_path(
    dest: Path,
    *,
    before_replace: Hook | None = None,
    after_replace: Hook | None = None,
) -> Iterator[Path]:
    """A temporary path to write; on leaving the block it replaces ``dest`` durably.

    When the block raises, the temporary file is removed and ``dest`` is left as it was.

    Args:
        dest: The final name.
        before_replace: See :func:`replace_durably`.
        after_replace: See :func:`replace_durably`.

    Yields:
        The temporary path to write the new file to (closed by the writer before the block ends).
    """
    tmp = temp_path(Path(dest))
    try:
        yield tmp
        replace_durably(tmp, Path(dest), before_replace=before_replace, after_replace=after_replace)
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes(dest: Path, data: bytes) -> None:
    """Replace ``dest`` with ``data`` atomically and durably.

    Args:
        dest: The final name.
        data: The whole new content.
    """
    with atomic_path(dest) as tmp:
        tmp.write_bytes(data)


def write_text(dest: Path, text: str, encoding: str = "utf-8") -> None:
    """Replace ``dest`` with ``text`` atomically and durably.

    Args:
        dest: The final name.
        text: The whole new content.
        encoding: Text encoding.
    """
    write_bytes(dest, text.encode(encoding))
