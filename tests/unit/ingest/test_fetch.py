"""fetch: robots.txt, retries, size cap, feeds, private addresses; a mock transport and one local server."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from hadath.ingest.fetch import USER_AGENT, fetch
from hadath.models import Document, Rejected

ARTICLE = "قال وزير الخارجية إن المحادثات مستمرة بين البلدين."
PAGE = f"<html><head><title>خبر</title></head><body><p>{ARTICLE}</p></body></html>"
HTML = {"Content-Type": "text/html; charset=utf-8"}
PUBLIC = {"news.example": "93.184.216.34", "other.example": "2606:2800:220:1::1"}


def _resolve(host: str, port: int) -> list[str]:
    return [PUBLIC.get(host, "192.168.1.20")]


Handler = Callable[[httpx.Request], httpx.Response]


class Site:
    """A fake web: routes by URL, records every request, and never touches the network."""

    def __init__(self, routes: dict[str, Handler | httpx.Response]) -> None:
        self.routes = routes
        self.seen: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert request.headers["User-Agent"] == USER_AGENT
        url = str(request.url)
        self.seen.append(url)
        route = self.routes.get(url)
        if route is None:
            return httpx.Response(404, text="not found")
        return route(request) if callable(route) else route

    def fetch(self, targets: list[str], **options: object) -> list[Document | Rejected]:
        sleeps: list[float] = options.pop("sleeps", [])  # type: ignore[assignment]
        return list(
            fetch(
                targets,
                transport=httpx.MockTransport(self),
                resolve=_resolve,
                sleep=sleeps.append,
                **options,  # type: ignore[arg-type]
            )
        )


def _robots(text: str) -> httpx.Response:
    return httpx.Response(200, text=text, headers={"Content-Type": "text/plain"})


def test_pages_robots_and_http_errors() -> None:
    site = Site(
        {
            "https://news.example/robots.txt": _robots("User-agent: *\nDisallow: /private/\n"),
            "https://news.example/a": httpx.Response(
                200,
                content=PAGE.encode("cp1256"),
                headers={"Content-Type": "text/html; charset=windows-1256"},
            ),
            "https://news.example/private/b": httpx.Response(200, text=PAGE, headers=HTML),
            "https://news.example/moved": httpx.Response(301, headers={"Location": "/a"}),
            "https://news.example/report.pdf": httpx.Response(
                200, content=b"%PDF", headers={"Content-Type": "application/pdf"}
            ),
        }
    )
    items = site.fetch(
        [
            "https://news.example/a",
            "https://news.example/private/b",
            "https://news.example/missing",
            "https://news.example/moved",
            "https://news.example/report.pdf",
            "ftp://news.example/x",
        ]
    )
    assert items[0] == Document(source="https://news.example/a", html=PAGE, url="https://news.example/a")
    assert items[1:3] == [
        Rejected("https://news.example/private/b", "blocked by robots.txt"),
        Rejected("https://news.example/missing", "HTTP 404 Not Found"),
    ]
    assert items[3] == items[0]  # redirected to the same page
    assert items[4].reason.startswith("unsupported content type application/pdf")  # type: ignore[union-attr]
    assert items[5] == Rejected(
        "ftp://news.example/x", "unsupported URL 'ftp://news.example/x': use http:// or https://"
    )
    assert site.seen.count("https://news.example/robots.txt") == 1  # cached per host
    assert "https://news.example/private/b" not in site.seen


def test_missing_robots_allows_and_failing_robots_forbids() -> None:
    site = Site(
        {
            "https://news.example/a": httpx.Response(200, text=PAGE, headers=HTML),
            "https://other.example/robots.txt": httpx.Response(503),
            "https://other.example/a": httpx.Response(200, text=PAGE, headers=HTML),
        }
    )
    items = site.fetch(["https://news.example/a", "https://other.example/a"], retries=0)
    assert isinstance(items[0], Document)
    assert items[1] == Rejected(
        "https://other.example/a",
        "robots.txt unavailable (HTTP 503 Service Unavailable); "
        "not fetching from https://other.example, try later",
    )


def test_retries_with_backoff_and_retry_after() -> None:
    calls = {"flaky": 0, "down": 0, "busy": 0}

    def flaky(request: httpx.Request) -> httpx.Response:
        calls["flaky"] += 1
        if calls["flaky"] == 1:
            raise httpx.ConnectError("connection refused", request=request)
        if calls["flaky"] == 2:
            return httpx.Response(503)
        return httpx.Response(200, text=PAGE, headers=HTML)

    def busy(request: httpx.Request) -> httpx.Response:
        calls["busy"] += 1
        if calls["busy"] == 1:
            return httpx.Response(429, headers={"Retry-After": "7"})
        return httpx.Response(200, text=PAGE, headers=HTML)

    def down(request: httpx.Request) -> httpx.Response:
        calls["down"] += 1
        return httpx.Response(500)

    site = Site(
        {
            "https://news.example/robots.txt": _robots(""),
            "https://news.example/flaky": flaky,
            "https://news.example/busy": busy,
            "https://news.example/down": down,
        }
    )
    sleeps: list[float] = []
    items = site.fetch(
        ["https://news.example/flaky", "https://news.example/busy", "https://news.example/down"],
        sleeps=sleeps,
    )
    assert [type(i).__name__ for i in items] == ["Document", "Document", "Rejected"]
    assert items[2] == Rejected("https://news.example/down", "HTTP 500 Internal Server Error")
    assert sleeps == [1.0, 2.0, 7.0, 1.0, 2.0]  # back-off doubles; Retry-After is honoured
    assert calls == {"flaky": 3, "busy": 2, "down": 3}


def test_size_cap_with_and_without_content_length() -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"<p>" + b"x" * 500 + b"</p>"

    site = Site(
        {
            "https://news.example/robots.txt": _robots(""),
            "https://news.example/declared": httpx.Response(200, content=b"x" * 5000, headers=HTML),
            "https://news.example/streamed": httpx.Response(200, content=chunks(), headers=HTML),
        }
    )
    items = site.fetch(["https://news.example/declared", "https://news.example/streamed"], max_bytes=1000)
    assert items == [
        Rejected("https://news.example/declared", "too large: over 1000 bytes (Content-Length 5000)"),
        Rejected("https://news.example/streamed", "too large: over 1000 bytes"),
    ]


RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>وكالة الأنباء</title><link>https://news.example/</link>
<item><title>محادثات</title><link>https://news.example/a</link>
  <pubDate>Tue, 02 Jan 2024 10:00:00 +0000</pubDate><description>موجز</description></item>
<item><title>بلا رابط</title><guid isPermaLink="false">n-2</guid>
  <description>&lt;p&gt;{ARTICLE}&lt;/p&gt;</description></item>
<item><title>خاص</title><link>https://news.example/private/c</link><description>x</description></item>
</channel></rss>"""


@pytest.mark.parametrize("content_type", ["application/rss+xml", "text/xml; charset=utf-8", ""])
def test_feed_expands_to_its_entries(content_type: str) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    site = Site(
        {
            "https://news.example/robots.txt": _robots("User-agent: hadath\nDisallow: /private/\n"),
            "https://news.example/feed": httpx.Response(200, content=RSS.encode(), headers=headers),
            "https://news.example/a": httpx.Response(200, text=PAGE, headers=HTML),
        }
    )
    items = site.fetch(["https://news.example/feed"])
    assert items == [
        Document(
            source="https://news.example/a",
            html=PAGE,
            title="محادثات",
            url="https://news.example/a",
            published="2024-01-02",
            outlet="وكالة الأنباء",
        ),
        Document(source="n-2", html=f"<p>{ARTICLE}</p>", title="بلا رابط", outlet="وكالة الأنباء"),
        Rejected("https://news.example/private/c", "blocked by robots.txt"),
    ]


def test_private_addresses_are_refused_unless_allowed() -> None:
    site = Site(
        {
            "https://news.example/robots.txt": _robots(""),
            "https://news.example/jump": httpx.Response(
                302, headers={"Location": "http://169.254.169.254/latest"}
            ),
            "http://10.0.0.5/robots.txt": _robots(""),
            "http://10.0.0.5/x": httpx.Response(200, text=PAGE, headers=HTML),
        }
    )
    targets = [
        "http://localhost:8080/",
        "http://127.0.0.1/",
        "http://10.0.0.5/x",
        "http://[::1]/",
        "http://[::ffff:192.168.0.1]/",
        "https://intranet.example/",
        "https://news.example/jump",
    ]
    items = site.fetch(targets)
    assert [(i.source, i.reason) for i in items if isinstance(i, Rejected)] == [
        ("http://localhost:8080/", "refused: localhost is this machine (use --allow-private to permit)"),
        ("http://127.0.0.1/", "refused: loopback address 127.0.0.1 (use --allow-private to permit)"),
        ("http://10.0.0.5/x", "refused: private address 10.0.0.5 (use --allow-private to permit)"),
        ("http://[::1]/", "refused: loopback address ::1 (use --allow-private to permit)"),
        (
            "http://[::ffff:192.168.0.1]/",
            "refused: private address ::ffff:192.168.0.1 (use --allow-private to permit)",
        ),
        (
            "https://intranet.example/",
            "refused: private address 192.168.1.20 (use --allow-private to permit)",
        ),
        (
            "https://news.example/jump",
            "redirected to http://169.254.169.254/latest: "
            "refused: link-local address 169.254.169.254 (use --allow-private to permit)",
        ),
    ]
    assert site.seen == ["https://news.example/robots.txt", "https://news.example/jump"]
    allowed = site.fetch(["http://10.0.0.5/x"], allow_private=True)
    assert allowed == [Document(source="http://10.0.0.5/x", html=PAGE, url="http://10.0.0.5/x")]


def test_real_local_server() -> None:
    """One end-to-end run over real sockets: a page, a robots.txt rule, and the loopback refusal."""
    body = PAGE.encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/robots.txt":
                payload, kind = b"User-agent: *\nDisallow: /secret\n", "text/plain"
            elif self.path in ("/page.html", "/secret.html"):
                payload, kind = body, "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        items = list(
            fetch([f"{base}/page.html", f"{base}/secret.html", f"{base}/gone"], allow_private=True, timeout=5)
        )
        refused = list(fetch([f"{base}/page.html"]))
    finally:
        server.shutdown()
        server.server_close()
    assert items == [
        Document(source=f"{base}/page.html", html=PAGE, url=f"{base}/page.html"),
        Rejected(f"{base}/secret.html", "blocked by robots.txt"),
        Rejected(f"{base}/gone", "HTTP 404 Not Found"),
    ]
    assert refused == [
        Rejected(f"{base}/page.html", "refused: loopback address 127.0.0.1 (use --allow-private to permit)")
    ]
