"""Start and stop a Dagster webserver + daemon on loopback for browser tests.

Each server runs in its own process group with SIGINT/SIGTERM reset to their defaults (a process
started from a script may inherit them ignored, and then ``dagster`` never stops), and is stopped
by signalling that group only: never by name.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# The webserver loads the code location (Dagster, Scrapy, pyarrow imports) before it answers:
# ~10-20 s on a quiet machine, several times that on a busy shared one.
STARTUP_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 20.0


@dataclass(frozen=True)
class DagsterUI:
    """A running webserver + daemon.

    Attributes:
        url: Base URL of the UI, ``http://127.0.0.1:PORT``.
        home: The ``DAGSTER_HOME`` folder.
        startup_s: Seconds from launch until the UI served its code location.
    """

    url: str
    home: Path
    startup_s: float


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _reset_signals() -> None:
    os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the process group of ``proc``, then SIGKILL whatever is left of it."""
    for sig, wait in ((signal.SIGTERM, STOP_TIMEOUT_S), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
        # The leader is gone; its children in the group may linger a moment.
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        return


def _code_location_loaded(url: str) -> bool:
    """True once the webserver answers GraphQL with a loaded repository."""
    query = b'{"query": "{ repositoriesOrError { ... on RepositoryConnection { nodes { name } } } }"}'
    request = urllib.request.Request(url + "/graphql", data=query, headers={"Content-Type": "application/json"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=5) as response:
            data = json.loads(response.read())
    except (OSError, ValueError):
        return False
    return bool(((data.get("data") or {}).get("repositoriesOrError") or {}).get("nodes"))


@contextmanager
def dagster_ui(home: Path, env: Mapping[str, str], log_dir: Path) -> Iterator[DagsterUI]:
    """Run ``dagster-webserver`` and ``dagster-daemon run`` for the project's definitions.

    Args:
        home: Empty folder to use as ``DAGSTER_HOME``; the project's ``dagster.yaml`` is copied in.
        env: Extra environment (``WIREARCHIVE_SOURCES``, ``WIREARCHIVE_DATA_DIR``...).
        log_dir: Where the servers' output goes (``webserver.log``, ``daemon.log``).

    Yields:
        The running UI, once its code location is loaded.

    Raises:
        RuntimeError: A server exited or the UI did not come up in time (with the log's tail).
    """
    home.mkdir(parents=True, exist_ok=True)
    log_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PROJECT_ROOT / "dagster.yaml", home / "dagster.yaml")
    full_env = {**os.environ, **env, "DAGSTER_HOME": str(home), "NO_PROXY": "127.0.0.1,localhost"}
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    commands = {
        "webserver": [
            str(BIN / "dagster-webserver"),
            "-m",
            "pipelines.definitions",
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
        ],
        "daemon": [str(BIN / "dagster-daemon"), "run", "-m", "pipelines.definitions"],
    }
    procs: dict[str, subprocess.Popen[bytes]] = {}
    started = time.monotonic()
    try:
        # One after the other: two processes creating a fresh sqlite instance at once race on its
        # schema migrations ("alembic_version has more than one head").
        for name, cmd in commands.items():
            with (log_dir / f"{name}.log").open("wb") as log:
                procs[name] = subprocess.Popen(
                    cmd,
                    cwd=PROJECT_ROOT,
                    env=full_env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    preexec_fn=_reset_signals,
                )
            while not _code_location_loaded(url):
                dead = [n for n, p in procs.items() if p.poll() is not None]
                if dead or time.monotonic() - started > STARTUP_TIMEOUT_S:
                    name = dead[0] if dead else "webserver"
                    tail = (log_dir / f"{name}.log").read_text(errors="replace")[-3000:]
                    raise RuntimeError(f"dagster {name} did not come up (exit {procs[name].poll()}):\n{tail}")
                time.sleep(0.5)
        yield DagsterUI(url=url, home=home, startup_s=time.monotonic() - started)
    finally:
        for proc in procs.values():
            _stop(proc)
