"""Serve the demo world over HTTP on 127.0.0.1: one ThreadingHTTPServer per site, in one process.

Run on its own::

    python -m demoworld.server --out DIR [--seed N] [--port-base N]

It binds one port per site (free ports unless ``--port-base``/``--ports`` says otherwise), writes
``DIR/sources.toml`` (a registry for :func:`wirearchive.sources.load_sources`),
``DIR/ground_truth.json`` and ``DIR/access.log`` (one JSON line per request, so a test can prove
robots.txt was obeyed), then ``DIR/demo.json`` as the ready signal, prints the sources path and
the ports, and serves until SIGTERM or SIGINT. :func:`serve_demo_world` does all of that in a
subprocess for tests and the demo command.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import tomli_w

from demoworld.world import DemoWorld, build_world
from wirearchive.atomicfile import write_text
from wirearchive.procs import stop, wait_ready

READY_FILE = "demo.json"
SOURCES_FILE = "sources.toml"
GROUND_TRUTH_FILE = "ground_truth.json"
ACCESS_LOG_FILE = "access.log"
SERVER_LOG_FILE = "server.log"
STARTUP_TIMEOUT_S = 90.0  # world build is ~1 s alone; allow for a machine shared by many workers
_NOT_FOUND = b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"


@dataclass
class RunningDemo:
    """A demo world being served.

    Attributes:
        sources_path: The generated ``sources.toml``.
        ground_truth_path: The generated ``ground_truth.json``.
        days: Publication days covered, ``YYYY-MM-DD``.
        base_urls: Site id -> ``http://127.0.0.1:PORT``.
        pid: Server process id.
        access_log_path: JSON-lines log of every request (site, path, status, user agent, and the
            epoch seconds the server started and ended answering it).
    """

    sources_path: Path
    ground_truth_path: Path
    days: tuple[str, ...]
    base_urls: dict[str, str]
    pid: int
    access_log_path: Path


class _AccessLog:
    def __init__(self, path: Path) -> None:
        self._file = path.open("a", encoding="utf-8")
        self._lock = threading.Lock()

    def write(self, record: dict) -> None:
        with self._lock:
            self._file.write(json.dumps(record) + "\n")
            self._file.flush()

    def close(self) -> None:
        self._file.close()


def _handler(
    site_id: str, pages: Mapping[str, tuple[bytes, str] | None], log: _AccessLog
) -> type[BaseHTTPRequestHandler]:
    class SiteHandler(BaseHTTPRequestHandler):
        server_version = "wirearchive-demo/1.0"
        protocol_version = "HTTP/1.1"

        def _respond(self, with_body: bool) -> None:
            started = time.time()
            found = pages.get(urlsplit(self.path).path)
            status, (body, content_type) = (200, found) if found else (404, (_NOT_FOUND, "text/html; charset=utf-8"))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                self.wfile.write(body)
            log.write(
                {
                    "site": site_id,
                    "method": self.command,
                    "path": self.path,
                    "status": status,
                    "user_agent": self.headers.get("User-Agent", ""),
                    "started": started,
                    "ended": time.time(),
                }
            )

        def do_GET(self) -> None:  # noqa: N802 (http.server naming)
            self._respond(True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._respond(False)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            """Requests go to the access log, not stderr."""

    return SiteHandler


def _bind(
    world: DemoWorld, ports: Mapping[str, int], out: Path
) -> tuple[list[ThreadingHTTPServer], dict[str, str], _AccessLog]:
    log = _AccessLog(out / ACCESS_LOG_FILE)
    # Bind first (ports may be free ones), then install handlers: pages embed the base URLs.
    servers = {
        sid: ThreadingHTTPServer(("127.0.0.1", ports.get(sid, 0)), BaseHTTPRequestHandler) for sid in world.sites
    }
    base_urls = {sid: f"http://127.0.0.1:{srv.server_address[1]}" for sid, srv in servers.items()}
    for site_id, srv in servers.items():
        pages = {path: world.page_bytes(site_id, path, base_urls) for path in world.sites[site_id].pages}
        srv.RequestHandlerClass = _handler(site_id, pages, log)
        srv.daemon_threads = True
    return list(servers.values()), base_urls, log


def _parse_ports(text: str | None, port_base: int, site_ids: Sequence[str]) -> dict[str, int]:
    if text:
        return {k: int(v) for k, v in (item.split("=", 1) for item in text.split(",") if item)}
    if port_base:
        return {sid: port_base + i for i, sid in enumerate(site_ids)}
    return {}


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the demo world until SIGTERM/SIGINT.

    Args:
        argv: Command-line arguments (``--out DIR [--seed N] [--port-base N] [--ports a=1,b=2]``).

    Returns:
        Exit status, 0 after a clean shutdown.
    """
    parser = argparse.ArgumentParser(prog="python -m demoworld.server", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for sources.toml, ground_truth.json, logs")
    parser.add_argument("--seed", type=int, default=7, help="world seed (default 7)")
    parser.add_argument(
        "--port-base", type=int, default=0, help="first port; sites get consecutive ports (default: free ports)"
    )
    parser.add_argument("--ports", help="explicit ports per site, e.g. ap=8801,reuters=8802")
    args = parser.parse_args(argv)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    world = build_world(args.seed)
    servers, base_urls, log = _bind(world, _parse_ports(args.ports, args.port_base, list(world.sites)), out)
    threads = [
        threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True) for srv in servers
    ]
    for thread in threads:
        thread.start()

    sources, truth = out / SOURCES_FILE, out / GROUND_TRUTH_FILE
    write_text(sources, tomli_w.dumps(world.registry(base_urls)))
    write_text(truth, json.dumps(world.ground_truth(base_urls), ensure_ascii=False, indent=1))
    write_text(
        out / READY_FILE,
        json.dumps(
            {
                "pid": os.getpid(),
                "seed": args.seed,
                "days": list(world.days),
                "base_urls": base_urls,
                "sources": str(sources),
                "ground_truth": str(truth),
                "access_log": str(out / ACCESS_LOG_FILE),
            },
            indent=1,
        ),
    )
    print(f"sources: {sources}")
    for site_id, url in base_urls.items():
        print(f"{site_id:15} {url}/")
    sys.stdout.flush()

    while not stop.wait(0.5):
        pass
    for srv in servers:
        srv.shutdown()
        srv.server_close()
    log.close()
    return 0


def _answers(url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never via a proxy
    try:
        with opener.open(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def serve_demo_world(out_dir: Path, *, seed: int = 7, ports: Mapping[str, int] | None = None) -> Iterator[RunningDemo]:
    """Run the demo server in a subprocess for the duration of a ``with`` block.

    Args:
        out_dir: Folder for ``sources.toml``, ``ground_truth.json`` and logs (created if missing).
        seed: World seed.
        ports: Site id -> port to bind; sites not listed (or all, by default) get free ports.

    Yields:
        The running demo, once every site answers.

    Raises:
        RuntimeError: The server exited or did not become ready within the startup timeout.
    """
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    ready = out / READY_FILE
    ready.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "demoworld.server", "--out", str(out), "--seed", str(seed)]
    if ports:
        cmd += ["--ports", ",".join(f"{site}={port}" for site, port in ports.items())]
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parents[2])  # so the child imports this same checkout
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    with (out / SERVER_LOG_FILE).open("wb") as server_log:
        proc = subprocess.Popen(cmd, stdout=server_log, stderr=subprocess.STDOUT, env=env)
    try:
        wait_ready(ready.exists, proc, out / SERVER_LOG_FILE, "demo server", STARTUP_TIMEOUT_S)
        info = json.loads(ready.read_text(encoding="utf-8"))
        for site, url in info["base_urls"].items():
            if not _answers(url + "/robots.txt"):
                raise RuntimeError(f"demo site {site} at {url} does not answer")
        yield RunningDemo(
            sources_path=Path(info["sources"]),
            ground_truth_path=Path(info["ground_truth"]),
            days=tuple(info["days"]),
            base_urls=info["base_urls"],
            pid=proc.pid,
            access_log_path=Path(info["access_log"]),
        )
    finally:
        stop(proc)


if __name__ == "__main__":
    sys.exit(main())
