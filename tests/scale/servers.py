"""Real servers for the scale-out tests, each on 127.0.0.1, a free port and a temp dir.

Every helper starts the server as a subprocess, waits until it answers, yields its address and
stops it. A server binary that is missing fails the test with the package to install (the CI
entry point, ``scripts/dev.sh test``, installs them); it is never skipped.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg2
import pytest

from wirearchive.procs import stop, wait_ready

STARTUP_TIMEOUT_S = 30.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require_binary(name: str, package: str, extra_dirs: tuple[str, ...] = ()) -> str:
    """Path of a server binary, or fail naming the Debian package that provides it."""
    for folder in extra_dirs:
        candidate = Path(folder) / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} not found: install the Debian package {package} (scripts/dev.sh test does)")
    return found


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


@contextmanager
def redis_server(workdir: Path) -> Iterator[str]:
    """Run Debian's redis-server without persistence.

    Args:
        workdir: Folder for its working directory and log.

    Yields:
        The server's URL, ``redis://127.0.0.1:<port>/0``.
    """
    binary = require_binary("redis-server", "redis-server")
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / "redis.log"
    cmd = [
        binary,
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        str(workdir),
        "--save",
        "",
        "--appendonly",
        "no",
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_ready(lambda: _answers(port), proc, log, "redis-server", STARTUP_TIMEOUT_S)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(proc, timeout=20)


def _postgres_bin() -> tuple[str, ...]:
    """Debian keeps initdb/pg_ctl in /usr/lib/postgresql/<major>/bin, off the PATH."""
    return tuple(str(p) for p in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True))


def _server_user() -> str | None:
    """The account to run PostgreSQL as when we are root (it refuses to run as root)."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")  # created by Debian's postgresql package
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], check=True
        )
    return "postgres"


@contextmanager
def postgres_server() -> Iterator[dict[str, str]]:
    """Run a throwaway PostgreSQL cluster (initdb, password auth, fsync off) with a ``dagster`` db.

    As root the cluster runs as the ``postgres`` account (created if missing) in a fresh folder
    under the system temp dir that only it can read.

    Yields:
        The ``DAGSTER_PG_*`` variables deploy/dagster.postgres.yaml reads.
    """
    bindirs = _postgres_bin()
    initdb = require_binary("initdb", "postgresql", bindirs)
    pg_ctl = str(Path(initdb).with_name("pg_ctl"))
    user = _server_user()
    as_user = ["runuser", "-u", user, "--"] if user else []
    base = Path(tempfile.mkdtemp(prefix="wirearchive-pg-"))
    password = secrets.token_urlsafe(16)
    (base / "pw").write_text(password, encoding="utf-8")
    if user:
        owner = pwd.getpwnam(user)
        for path in (base, base / "pw"):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    port = free_port()
    data, log = base / "data", base / "server.log"

    def run(*cmd: str) -> None:
        done = subprocess.run([*as_user, *cmd], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(
                f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}\n{log.read_text(errors='replace') if log.exists() else ''}"
            )

    try:
        run(
            initdb,
            "-D",
            str(data),
            "-U",
            "wirearchive",
            f"--pwfile={base / 'pw'}",
            "--auth=scram-sha-256",
            "-E",
            "UTF8",
            "--no-sync",
        )
        options = f"-h 127.0.0.1 -p {port} -k {base} -c fsync=off -c full_page_writes=off"
        run(pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", str(int(STARTUP_TIMEOUT_S)), "start")
        try:
            con = psycopg2.connect(
                host="127.0.0.1", port=port, user="wirearchive", password=password, dbname="postgres"
            )
            con.autocommit = True
            con.cursor().execute("create database dagster")
            con.close()
            yield {
                "DAGSTER_PG_HOST": "127.0.0.1",
                "DAGSTER_PG_PORT": str(port),
                "DAGSTER_PG_DB": "dagster",
                "DAGSTER_PG_USERNAME": "wirearchive",
                "DAGSTER_PG_PASSWORD": password,
            }
        finally:
            run(pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop")
    finally:
        shutil.rmtree(base, ignore_errors=True)


@contextmanager
def moto_s3_server(workdir: Path) -> Iterator[str]:
    """Run moto's S3-compatible server (``moto.server``, from the dev extra).

    Args:
        workdir: Folder for its log.

    Yields:
        The endpoint, ``http://127.0.0.1:<port>``.
    """
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / "moto.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_ready(lambda: _answers(port), proc, log, "moto server", STARTUP_TIMEOUT_S)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc, timeout=20)
