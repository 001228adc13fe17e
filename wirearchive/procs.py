"""Helper processes (demo sites, fault site, test servers): wait until ready, stop cleanly."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path


def wait_ready(ready: Callable[[], bool], proc: subprocess.Popen, log: Path, what: str, timeout: float) -> None:
    """Poll ``ready()`` until it is true.

    Args:
        ready: Readiness probe (a file exists, a port answers...).
        proc: The process being started.
        log: Its log file, quoted in the error.
        what: Its name, for the error.
        timeout: Seconds to wait.

    Raises:
        RuntimeError: The process exited, or was not ready within ``timeout``.
    """
    deadline = time.monotonic() + timeout
    while not ready():
        if proc.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise RuntimeError(f"{what} did not start (exit code {proc.poll()}):\n{tail}")
        time.sleep(0.05)


def stop(proc: subprocess.Popen, timeout: float = 15.0) -> None:
    """SIGTERM a process, then SIGKILL it if it has not exited within ``timeout`` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
