"""Month segments on disk: the layout the search index and the story tables share.

A kind of segment (``_search``, ``_stories``) keeps one folder per month, ``month=YYYY-MM``, holding
a manifest (:data:`MANIFEST`, replaced atomically) that names the current build (or builds: a search
segment may be made of several, each holding some days), and one folder per build, ``<build_id>/``,
holding that build's Parquet files. Readers list the files of the builds
the manifests name, so a rebuild never changes a file an open catalog reads. What a segment holds
and when it is rebuilt belong to :mod:`warehouse.search_index` and :mod:`warehouse.story_segments`.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warehouse.writer import KEEP_OLD_VERSIONS
from wirearchive.atomicfile import replace_durably

MANIFEST = "_segment.json"


def month_folder(root: Path, month: str) -> Path:
    """The folder of one month's segment.

    Args:
        root: The kind's folder (e.g. ``warehouse/_search``).
        month: ``YYYY-MM``.

    Returns:
        ``root/month=YYYY-MM``.
    """
    return root / f"month={month}"


def read_manifest(root: Path, month: str) -> dict[str, Any] | None:
    """The manifest of a month's current segment, or ``None`` when it has none."""
    try:
        return json.loads((month_folder(root, month) / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def build_ids(manifest: dict[str, Any]) -> list[str]:
    """The builds a manifest names: its ``builds`` entries' ids (a segment made of several
    builds, as the search index's), else its one ``build_id``."""
    if "builds" in manifest:
        return [build["build_id"] for build in manifest["builds"]]
    return [manifest["build_id"]]


def build_files(root: Path, manifests: Iterable[dict[str, Any]], name: str) -> list[Path]:
    """The file ``name.parquet`` of every build each manifest names, in the manifests' order."""
    return [month_folder(root, m["month"]) / build / f"{name}.parquet" for m in manifests for build in build_ids(m)]


def complete(root: Path, manifest: dict[str, Any], names: Iterable[str]) -> bool:
    """Whether the build a manifest names holds ``name.parquet`` for every one of ``names``."""
    return all(path.is_file() for name in names for path in build_files(root, [manifest], name))


def publish(folder: Path, manifest: dict[str, Any], tmp: Path) -> None:
    """Make ``manifest``'s build the month's current one, then sweep superseded builds.

    Args:
        folder: The month's folder (:func:`month_folder`).
        manifest: The new manifest; its ``build_id`` folder is complete.
        tmp: A scratch path on the same file system for the manifest's temporary copy.
    """
    tmp.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    replace_durably(tmp, folder / MANIFEST)
    remove_old_builds(folder, build_ids(manifest))


def remove_old_builds(folder: Path, keep: Iterable[str]) -> None:
    """Remove a month's superseded builds once older than :data:`~warehouse.writer.KEEP_OLD_VERSIONS`
    (open catalogs still read them until then).

    Args:
        folder: The month's folder.
        keep: The current build ids.
    """
    cutoff = (datetime.now(UTC) - KEEP_OLD_VERSIONS).timestamp()
    current = set(keep)
    for old in folder.iterdir():
        if old.is_dir() and old.name not in current and old.stat().st_mtime < cutoff:
            shutil.rmtree(old, ignore_errors=True)


def drop_months(root: Path, keep: Iterable[str]) -> None:
    """Remove the manifest of every month not in ``keep``: readers no longer list its files."""
    kept = set(keep)
    if not root.is_dir():
        return
    for folder in root.iterdir():
        if folder.name.startswith("month=") and folder.name.removeprefix("month=") not in kept:
            (folder / MANIFEST).unlink(missing_ok=True)
