"""A subprocess HTTP server for offline crawl tests, like Scrapy's ``tests/mockserver``.

Serves one fixture site folder on 127.0.0.1 at a free port (bind port 0) and prints its base URL as
the first stdout line. In text files (``.xml``, ``.html``, ``.txt``) and route headers,
``{{base}}`` becomes ``http://127.0.0.1:<port>`` and ``{{port}}`` the port. A ``_routes.json``
in the site folder overrides paths::

    {"/a.html": {"status": 301, "headers": {"Location": "/b.html"}},
     "/busy.html": {"status": 429, "headers": {"Retry-After": "1"}},   # empty body
     "/big.html": {"body_size": 5000},          # a generated body of that many bytes
     "/c.html": {"gzip": true},                  # the file, sent with Content-Encoding: gzip
     "/slow.xml": {"delay": 3}}                  # the file, after 3 seconds

Unrouted paths map to files (``/`` to ``index.html``); missing files are 404. With ``--log FILE``
every request line is appended to FILE, so tests can assert what was (not) requested.

Use :class:`MockServer` from tests: ``with MockServer(site) as server: server.url("/feed.xml")``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
_TEXT_SUFFIXES = {".xml", ".html", ".txt", ".json"}
_TYPES = {
    ".xml": "application/xml",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain",
    ".gz": "application/gzip",
}


def _handler(root: Path, routes: dict, log_path: Path | None) -> type[BaseHTTPRequestHandler]:
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
            if log_path is not None:
                with lock, open(log_path, "a", encoding="utf-8") as log:
                    log.write(f"{self.command} {self.path}\n")

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            base = f"http://127.0.0.1:{self.server.server_port}"
            path = urlsplit(self.path).path
            route = routes.get(path, {})
            time.sleep(route.get("delay", 0))
            status = route.get("status", 200)
            headers = {
                k: v.replace("{{base}}", base).replace("{{port}}", str(self.server.server_port))
                for k, v in route.get("headers", {}).items()
            }
            if "body_size" in route:
                body = b"<html><body><p>" + b"x" * route["body_size"] + b"</p></body></html>"
                headers.setdefault("Content-Type", "text/html")
            elif status != 200:
                body = b""
            else:
                file = (root / path.lstrip("/")) if path != "/" else root / "index.html"
                if not file.resolve().is_relative_to(root.resolve()) or not file.is_file():
                    status, body = 404, b"<html><body>not found</body></html>"
                    headers["Content-Type"] = "text/html"
                else:
                    body = file.read_bytes()
                    if file.suffix in _TEXT_SUFFIXES:
                        body = body.replace(b"{{base}}", base.encode()).replace(
                            b"{{port}}", str(self.server.server_port).encode()
                        )
                    headers.setdefault("Content-Type", _TYPES.get(file.suffix, "application/octet-stream"))
            if route.get("gzip"):
                body = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients aborting a download (size caps, timeouts) are expected; stay quiet."""
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


def serve(root: Path, log_path: Path | None) -> None:
    """Serve ``root`` on 127.0.0.1 at a free port until killed; print the base URL first."""
    routes_file = root / "_routes.json"
    routes = json.loads(routes_file.read_text()) if routes_file.is_file() else {}
    server = _QuietServer(("127.0.0.1", 0), _handler(root, routes, log_path))
    print(f"http://127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()


class MockServer:
    """Runs :func:`serve` in a subprocess for the duration of a ``with`` block.

    Args:
        root: Site folder to serve.
        log_path: Optional request log file.
    """

    def __init__(self, root: Path, log_path: Path | None = None) -> None:
        self.root = Path(root)
        self.log_path = log_path
        self.base = ""
        self._proc: subprocess.Popen[str] | None = None

    def __enter__(self) -> MockServer:
        command = [sys.executable, "-m", "tests.mockserver", str(self.root)]
        if self.log_path is not None:
            command += ["--log", str(self.log_path)]
        self._proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, text=True)
        assert self._proc.stdout is not None
        self.base = self._proc.stdout.readline().strip()
        if not self.base.startswith("http://127.0.0.1:"):
            self._proc.kill()
            raise RuntimeError(f"mock server did not start: {self.base!r}")
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._proc is not None
        self._proc.terminate()
        self._proc.wait(timeout=10)
        if self._proc.stdout is not None:
            self._proc.stdout.close()

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self.base.rsplit(":", 1)[1])

    def url(self, path: str) -> str:
        """Absolute URL of a path on the server."""
        return self.base + path

    def requested(self) -> list[str]:
        """Paths requested so far (needs ``log_path``)."""
        if self.log_path is None or not self.log_path.exists():
            return []
        return [line.split(" ", 1)[1] for line in self.log_path.read_text().splitlines()]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Serve a fixture site on 127.0.0.1 (port 0).")
    parser.add_argument("root", type=Path)
    parser.add_argument("--log", type=Path)
    options = parser.parse_args()
    serve(options.root, options.log)
