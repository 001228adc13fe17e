"""The data directory as an operator meets it: created on first use, checked before a run, and
filesystem errors (missing, read-only, full, a file in the way) told in one line.

A missing data directory is created, parents included: the whole tree is derived from it
(``wirearchive.config``), so there is nothing to lose by creating it. Anything the filesystem
refuses -- read-only mount, no permission, a regular file where a folder should be, a full disk --
is an :class:`OSError`; :func:`describe_os_error` turns it into the line the command prints before
exiting with :data:`EXIT_FILESYSTEM`.
"""

from __future__ import annotations

import errno
import os
import uuid

from wirearchive.config import DataPaths

# Exit code of the commands (``wirearchive``, ``python -m spiders.run``) for filesystem errors.
EXIT_FILESYSTEM = 3
_HINTS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exhausted",
    errno.EFBIG: "the file size limit was reached",
    errno.EROFS: "the filesystem is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENOTDIR: "a path component is a file, not a folder",
    errno.EEXIST: "a file is in the way",
}


def describe_os_error(exc: OSError) -> str:
    """One line naming what failed, where, and why.

    Args:
        exc: The error, e.g. from creating or writing a file under the data directory.

    Returns:
        E.g. ``cannot write /data/archive: the filesystem is read-only (EROFS: Read-only file system)``.
    """
    where = exc.filename if exc.filename is not None else "the data directory"
    code = errno.errorcode.get(exc.errno or 0, "")
    reason = _HINTS.get(exc.errno or 0, exc.strerror or str(exc))
    detail = f" ({code}: {exc.strerror})" if code and exc.strerror else ""
    return f"cannot write {where}: {reason}{detail}"


def prepare_data_dir(paths: DataPaths) -> DataPaths:
    """Create the data directory if missing and prove it is writable.

    A probe file is created and removed in it, so a read-only or misplaced data directory fails
    here, before any crawl or job starts, rather than halfway through.

    Args:
        paths: The data directory layout.

    Returns:
        ``paths``, unchanged.

    Raises:
        OSError: The folder cannot be created or written (see :func:`describe_os_error`).
    """
    paths.root.mkdir(parents=True, exist_ok=True)
    probe = paths.root / f".write-probe-{uuid.uuid4().hex}"
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(paths.root)) from None  # name the folder, not the probe
    probe.unlink()
    return paths
