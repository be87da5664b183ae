"""RSS and Atom feeds: one document per entry that carries content, via feedparser."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import feedparser  # type: ignore[import-untyped]

from hadath.models import Document, Rejected

# Media types servers use for feeds; generic XML counts only when the body parses as a feed.
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)

# The root element of RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom, after an optional XML declaration,
# comments or a doctype: enough to tell a feed served as text/html or octet-stream from a page.
_FEED_ROOT = re.compile(rb"^(?:\s|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?:rss|feed|rdf:RDF)[\s>]", re.S)


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed entry, reduced to what becomes a document."""

    link: str | None
    ident: str | None
    title: str | None
    published: str | None  # YYYY-MM-DD
    html: str | None
    text: str | None


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its title (the outlet) and its entries."""

    title: str | None
    entries: tuple[Entry, ...]


def looks_like_feed(data: bytes) -> bool:
    """Whether ``data`` starts like an RSS or Atom document."""
    return _FEED_ROOT.match(data.lstrip(b"\xef\xbb\xbf")[:4096]) is not None


def parse(data: bytes, location: str | None = None) -> Feed | str:
    """The feed in ``data``, or the reason it is not one.

    ``location`` (the feed's URL) resolves relative links. ``data`` is passed to feedparser as a stream:
    a string argument would make feedparser open it as a path or URL.
    """
    headers = {"content-location": location} if location else {}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    entries = tuple(_entry(e) for e in parsed.entries)
    if not parsed.version and not entries:
        problem = parsed.get("bozo_exception")
        return f"not an RSS or Atom feed{f': {problem}' if problem else ''}"
    if not entries:
        return "feed has no entries"
    return Feed(title=_text(parsed.feed.get("title")), entries=entries)


def read(source: str, data: bytes) -> Iterator[Document | Rejected]:
    """One document per entry with content or summary; a rejection per empty entry or for a non-feed."""
    feed = parse(data)
    if isinstance(feed, str):
        yield Rejected(source, feed)
        return
    for number, entry in enumerate(feed.entries, start=1):
        yield document(entry, f"{source}#{number}", feed.title)


def document(entry: Entry, fallback: str, outlet: str | None) -> Document | Rejected:
    """The entry's own content as a document; ``fallback`` names it when it has no link or id."""
    source = entry.link or entry.ident or fallback
    if entry.html is None and entry.text is None:
        return Rejected(source, "feed entry has no content or summary")
    return Document(
        source=source,
        html=entry.html,
        text=entry.text,
        title=entry.title,
        url=entry.link,
        published=entry.published,
        outlet=outlet,
    )


def _entry(raw: Any) -> Entry:
    body, kind = _body(raw)
    stamp = raw.get("published_parsed") or raw.get("updated_parsed")
    return Entry(
        link=_text(raw.get("link")),
        ident=_text(raw.get("id")),
        title=_text(raw.get("title")),
        published=time.strftime("%Y-%m-%d", stamp) if isinstance(stamp, time.struct_time) else None,
        html=body if body is not None and kind != "text/plain" else None,
        text=body if body is not None and kind == "text/plain" else None,
    )


def _body(raw: Any) -> tuple[str | None, str | None]:
    """The fullest content of an entry and its media type; the summary when there is no content."""
    candidates = [(c.get("value"), c.get("type")) for c in raw.get("content") or []]
    detail = raw.get("summary_detail") or {}
    candidates.append((raw.get("summary"), detail.get("type")))
    usable = [(v, t) for v, t in candidates if isinstance(v, str) and v.strip()]
    if not usable:
        return None, None
    # Full-text feeds put the article in content and a teaser in summary: the longest is the article.
    value, kind = max(usable, key=lambda pair: len(pair[0]))
    return value, kind if isinstance(kind, str) else None


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
