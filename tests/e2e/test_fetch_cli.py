"""`hadath fetch` against a real HTTP server on loopback (allowed only with --allow-private)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from hadath.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PAGE = (EXAMPLES / "2024-03-12_phone_call_saudi_egypt_other_outlet.html").read_bytes()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            body, kind = b"User-agent: *\nDisallow: /private/\n", "text/plain"
        elif self.path == "/news/call.html":
            body, kind = PAGE, "text/html; charset=utf-8"
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_fetch_pages_into_the_database(server: str, tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    urls = [f"{server}/news/call.html", f"{server}/private/x.html", f"{server}/missing.html"]
    result = CliRunner().invoke(main, ["fetch", *urls, "--db", str(db), "--allow-private", "--timeout", "5"])
    assert result.exit_code == 0, result.output
    assert "3 inputs → 1 articles" in result.output and "2 rejected" in result.output
    exported = CliRunner().invoke(main, ["export", "--db", str(db)])
    recs = [json.loads(line) for line in exported.output.splitlines()]
    article = next(r for r in recs if r["type"] == "article")
    assert article["source"] == f"{server}/news/call.html" and article["published"] == "2024-03-12"
    reasons = {r["source"]: r["reason"] for r in recs if r["type"] == "rejected"}
    assert "robots.txt" in reasons[f"{server}/private/x.html"]
    assert "404" in reasons[f"{server}/missing.html"]


def test_fetch_refuses_loopback_without_the_flag(server: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["fetch", f"{server}/news/call.html", "--db", str(tmp_path / "g.db")])
    assert "1 rejected" in result.output
