"""Fetch news pages and feeds over HTTP(S), politely and safely, into documents or rejections.

Each target yields what :func:`hadath.ingest.run` yields for a local file: a document, or a rejection
whose reason says what to do; a feed yields one item per entry. Requests carry a User-Agent naming
hadath, honour robots.txt, retry transient failures with back-off, stop reading past ``max_bytes``,
and never reach private, loopback, link-local or reserved addresses unless ``allow_private`` is set.
Every hop of a redirect passes the same checks, so a public URL cannot redirect into a private network.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.robotparser import RobotFileParser

import httpx

from hadath import __version__
from hadath.ingest import feeds
from hadath.ingest.decode import charset_of, decode
from hadath.ingest.streams import MAX_FILE_BYTES
from hadath.models import Document, Rejected

__all__ = ["USER_AGENT", "fetch", "resolve_host"]

log = logging.getLogger(__name__)

USER_AGENT = f"hadath/{__version__} (+https://github.com/hadath)"

MAX_REDIRECTS = 5
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
BACKOFF_SECONDS = 1.0  # first retry waits this long, then twice as long each time
RETRY_AFTER_CAP = 60.0  # a server asking for a longer wait gets this much, then the attempt fails
# RFC 9309 §2.5: a crawler may stop parsing robots.txt after a limit of at least 500 KiB.
ROBOTS_MAX_BYTES = 500 * 1024

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
# Bodies without a useful type are sniffed: a feed by its root element, a page by its markup.
UNTYPED = frozenset({"", "application/octet-stream", "binary/octet-stream"})

Resolver = Callable[[str, int], Iterable[str]]
Sleep = Callable[[float], None]


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6), as strings."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]).split("%")[0] for info in infos]  # drop an IPv6 zone index


def fetch(
    targets: Iterable[str],
    *,
    allow_private: bool = False,
    transport: httpx.BaseTransport | None = None,
    user_agent: str = USER_AGENT,
    timeout: float = 20.0,
    max_bytes: int = MAX_FILE_BYTES,
    retries: int = 2,
    sleep: Sleep = time.sleep,
    resolve: Resolver = resolve_host,
) -> Iterator[Document | Rejected]:
    """Fetch each URL in ``targets``: a page becomes a document, a feed one item per entry.

    Args:
        allow_private: permit private, loopback, link-local and reserved addresses (an intranet or a
            local test server); off by default so a URL list cannot be used to probe the local network.
        transport: an httpx transport, e.g. ``httpx.MockTransport`` in tests.
        timeout: seconds allowed for connecting and for each read.
        max_bytes: a response longer than this (after decompression) is abandoned and rejected.
        retries: further attempts after a connection error, a timeout, HTTP 429 or 5xx.
        sleep: how to wait between attempts (injected by tests).
        resolve: host name to addresses, for the private-address check (injected by tests).
    """
    with httpx.Client(
        transport=transport,
        timeout=timeout,
        headers={"User-Agent": user_agent},
        follow_redirects=False,  # followed by hand, so every hop is checked
    ) as client:
        session = _Session(client, user_agent, allow_private, max_bytes, retries, sleep, resolve)
        for target in targets:
            yield from session.target(target.strip())


@dataclass(frozen=True, slots=True)
class _Response:
    """A finished response: its final URL after redirects, status, media type and body."""

    url: str
    status: int
    reason: str
    media: str
    charset: str | None
    body: bytes
    location: str = ""  # where a redirect points

    def describe(self) -> str:
        return f"HTTP {self.status} {self.reason}".strip()


class _Session:
    """One fetch run: the client, its settings, and the robots.txt rules and addresses seen so far."""

    def __init__(
        self,
        client: httpx.Client,
        user_agent: str,
        allow_private: bool,
        max_bytes: int,
        retries: int,
        sleep: Sleep,
        resolve: Resolver,
    ) -> None:
        self.client = client
        self.user_agent = user_agent
        self.allow_private = allow_private
        self.max_bytes = max_bytes
        self.retries = max(0, retries)
        self.sleep = sleep
        self.resolve = resolve
        self.robots: dict[str, RobotFileParser | str] = {}  # origin → rules, or why it is off limits
        self.addresses: dict[tuple[str, int], list[str]] = {}

    def target(self, target: str) -> Iterator[Document | Rejected]:
        """A page, or a feed expanded to its entries' pages."""
        response = self.get(target)
        if isinstance(response, Rejected) or not 200 <= response.status < 300:
            yield response if isinstance(response, Rejected) else Rejected(target, response.describe())
            return
        if response.media in feeds.FEED_TYPES or (
            response.media in UNTYPED and feeds.looks_like_feed(response.body)
        ):
            feed = feeds.parse(response.body, location=response.url)
            if isinstance(feed, str):
                yield Rejected(target, feed)
                return
            log.info("feed %s: %d entries", response.url, len(feed.entries))
            for number, entry in enumerate(feed.entries, start=1):
                yield self.entry(entry, feed.title, f"{response.url}#{number}")
            return
        yield _page(target, response)

    def entry(self, entry: feeds.Entry, outlet: str | None, fallback: str) -> Document | Rejected:
        """The page an entry links to, with the entry's title and date; its own content when unlinked."""
        if entry.link is None:
            return feeds.document(entry, fallback, outlet)
        response = self.get(entry.link)
        if isinstance(response, Rejected):
            return response
        return _page(entry.link, response, entry=entry, outlet=outlet)

    def get(self, target: str, *, check_robots: bool = True) -> _Response | Rejected:
        """GET ``target`` following redirects, each hop checked for scheme, address and robots.txt.

        A rejection names ``target`` (the input), and the hop it happened at when it was redirected.
        """
        url = target
        for _ in range(MAX_REDIRECTS + 1):
            response = self.hop(url, check_robots=check_robots)
            if isinstance(response, Rejected):
                if url == target:
                    return response
                return Rejected(target, f"redirected to {url}: {response.reason}")
            if response.status not in (301, 302, 303, 307, 308):
                return response
            location = response.location
            if not location:
                return Rejected(target, f"{response.describe()} without a Location header")
            try:
                url = str(httpx.URL(url).join(location))
            except (httpx.InvalidURL, ValueError) as e:
                return Rejected(target, f"redirected to an invalid URL {location!r}: {e}")
        return Rejected(target, f"too many redirects (more than {MAX_REDIRECTS})")

    def hop(self, url: str, *, check_robots: bool) -> _Response | Rejected:
        """One request, after the checks; a redirect comes back as it is, for :meth:`get` to follow."""
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, ValueError) as e:
            return Rejected(url, f"invalid URL: {e}")
        if parsed.scheme not in ("http", "https") or not parsed.host:
            hint = "use http:// or https://" if parsed.host else "a URL starts with http:// or https://"
            return Rejected(url, f"unsupported URL {url!r}: {hint}")
        refusal = self.refusal(parsed)
        if refusal is not None:
            return Rejected(url, refusal)
        if check_robots and not self.allowed(parsed):
            rule = self.robots[_origin(parsed)]
            return Rejected(url, rule if isinstance(rule, str) else "blocked by robots.txt")
        if not check_robots:  # robots.txt itself: read what fits, as RFC 9309 allows
            return self.request(url, cap=ROBOTS_MAX_BYTES, whole=False)
        return self.request(url, cap=self.max_bytes, whole=True)

    def request(self, url: str, *, cap: int, whole: bool) -> _Response | Rejected:
        """One URL with retries on connection errors, timeouts, 429 and 5xx.

        ``whole`` rejects a body over ``cap``; otherwise the body is cut at ``cap`` (for robots.txt).
        """
        attempt = 0
        while True:
            delay: float | None = None
            try:
                with self.client.stream("GET", url) as response:
                    if response.status_code in RETRY_STATUSES and attempt < self.retries:
                        delay = _retry_delay(attempt, response.headers.get("Retry-After"))
                    else:
                        return self.finish(url, response, cap, whole)
            except (httpx.ConnectError, httpx.TimeoutException) as e:
                if attempt >= self.retries:
                    tries = f" (after {attempt + 1} attempts)" if attempt else ""
                    return Rejected(url, f"network error: {_describe(e)}{tries}")
                delay = BACKOFF_SECONDS * float(2**attempt)
            except httpx.HTTPError as e:
                return Rejected(url, f"network error: {_describe(e)}")
            log.info("retrying %s in %.1f s", url, delay)
            self.sleep(delay)
            attempt += 1

    def finish(self, url: str, response: httpx.Response, cap: int, whole: bool) -> _Response | Rejected:
        """Read the body of a response, within the cap, when it is worth reading."""
        content_type = response.headers.get("Content-Type", "")
        media = content_type.split(";")[0].strip().lower()
        status, reason = response.status_code, response.reason_phrase
        final = str(response.url)
        if 300 <= status < 400:
            return _Response(final, status, reason, media, None, b"", response.headers.get("Location", ""))
        if status >= 400:
            return _Response(final, status, reason, media, None, b"")  # the body is an error page
        if whole and not _readable(media):
            return Rejected(
                url, f"unsupported content type {media}: expected an HTML page or an RSS/Atom feed"
            )
        declared = response.headers.get("Content-Length", "")
        if whole and declared.isdigit() and int(declared) > cap:
            return Rejected(url, f"too large: over {cap} bytes (Content-Length {declared})")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():  # decompressed, so a gzip bomb is counted as it inflates
            size += len(chunk)
            if size > cap:
                if whole:
                    return Rejected(url, f"too large: over {cap} bytes")
                chunks.append(chunk[: len(chunk) - (size - cap)])
                break
            chunks.append(chunk)
        log.info("fetched %s (%d bytes)", final, size)
        return _Response(final, status, reason, media, charset_of(content_type), b"".join(chunks))

    def refusal(self, url: httpx.URL) -> str | None:
        """Why ``url``'s host may not be contacted, or None."""
        if self.allow_private:
            return None
        host = url.raw_host.decode("ascii").lower().rstrip(".")  # IDNA-encoded, as DNS sees it
        if host == "localhost" or host.endswith(".localhost"):
            return f"refused: {host} is this machine (use --allow-private to permit)"
        try:
            addresses = [host] if _is_ip(host) else self.lookup(host, url.port or _PORTS[url.scheme])
        except (OSError, UnicodeError) as e:
            return f"cannot resolve host {url.host}: {e}"
        for address in addresses:
            kind = _private_kind(ipaddress.ip_address(address))
            if kind is not None:
                return f"refused: {kind} address {address} (use --allow-private to permit)"
        return None

    def lookup(self, host: str, port: int) -> list[str]:
        key = (host, port)
        if key not in self.addresses:
            found = [a for a in self.resolve(host, port) if _is_ip(a)]
            if not found:
                raise OSError("no addresses")
            self.addresses[key] = found
        return self.addresses[key]

    def allowed(self, url: httpx.URL) -> bool:
        """Whether robots.txt for ``url``'s origin lets this user agent fetch it (loaded once per origin)."""
        origin = _origin(url)
        if origin not in self.robots:
            self.robots[origin] = self.load_robots(origin)
        rules = self.robots[origin]
        return not isinstance(rules, str) and rules.can_fetch(self.user_agent, str(url))

    def load_robots(self, origin: str) -> RobotFileParser | str:
        """The rules at ``origin``/robots.txt, following RFC 9309 §2.3.1 on failures.

        A 4xx (no robots.txt) allows everything; a 5xx or an unreachable server forbids everything,
        because the site may be unable to say what it forbids.
        """
        rules = RobotFileParser(f"{origin}/robots.txt")
        response = self.get(f"{origin}/robots.txt", check_robots=False)
        if isinstance(response, Rejected):
            return f"robots.txt unreachable ({response.reason}); not fetching from {origin}"
        if response.status >= 500:
            return f"robots.txt unavailable ({response.describe()}); not fetching from {origin}, try later"
        if 200 <= response.status < 300:
            rules.parse((decode(response.body, response.charset) or "").splitlines())
        else:
            rules.parse([])  # 4xx, or redirects past the limit: no rules, everything allowed
        return rules


_PORTS = {"http": 80, "https": 443}


def _page(
    target: str, response: _Response, *, entry: feeds.Entry | None = None, outlet: str | None = None
) -> Document | Rejected:
    """A fetched response as a document, carrying a feed entry's title and date when it has one."""
    if not 200 <= response.status < 300:
        return Rejected(target, response.describe())
    if not response.body.strip():
        return Rejected(target, "empty response body")
    text = decode(response.body, response.charset)
    if text is None:
        return Rejected(target, "binary or undecodable content")
    html = response.media in HTML_TYPES or (response.media in UNTYPED and _looks_like_html(text))
    if not html and response.media not in TEXT_TYPES:
        kind = response.media or "(none)"
        return Rejected(target, f"unsupported content type {kind}: expected an HTML page or an RSS/Atom feed")
    return Document(
        source=response.url,
        html=text if html else None,
        text=None if html else text,
        title=entry.title if entry else None,
        url=response.url,
        published=entry.published if entry else None,
        outlet=outlet,
    )


def _readable(media: str) -> bool:
    return media in HTML_TYPES | TEXT_TYPES | UNTYPED | feeds.FEED_TYPES


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head


def _origin(url: httpx.URL) -> str:
    return f"{url.scheme}://{url.netloc.decode('ascii')}"


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _private_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """What makes ``ip`` non-public (loopback, private, …), or None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:10.0.0.1 reaches 10.0.0.1
    for kind, flag in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("unspecified", ip.is_unspecified),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("non-public", not ip.is_global),  # shared address space (100.64/10) and other special ranges
    ):
        if flag:
            return kind
    return None


def _retry_delay(attempt: int, retry_after: str | None) -> float:
    """Seconds before the next attempt: the server's Retry-After (capped) or exponential back-off."""
    if retry_after:
        value = retry_after.strip()
        if value.isdigit():
            return min(float(value), RETRY_AFTER_CAP)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            pass
        else:
            return min(max(when.timestamp() - time.time(), 0.0), RETRY_AFTER_CAP)
    return BACKOFF_SECONDS * float(2**attempt)


def _describe(error: httpx.HTTPError) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
