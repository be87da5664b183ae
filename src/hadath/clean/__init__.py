"""Clean: a raw document becomes one or more clean articles with title, outlet and publication date.

Public entry point: :func:`run` (and :func:`clean_document` for one document). HTML goes through
trafilatura first; every text then goes through the same line classifier (:mod:`hadath.clean.lines`),
which drops boilerplate and splits off appended articles.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import date
from urllib.parse import urlparse

from hadath.clean.html import extract_html
from hadath.clean.language import detect_language
from hadath.clean.lines import Segment, segment_text, strip_category
from hadath.models import Article, Document, Rejected, content_id
from hadath.text.dates import parse_date

log = logging.getLogger(__name__)

REQUIRES = ("document",)
PROVIDES = ("article",)

# Fewer letters than this after cleaning is not an article (calibrated on the seed pages' shortest
# appended article, about 700 characters, with a wide margin for short wire items).
MIN_ARTICLE_CHARS = 80


def run(items: Iterable[Document | Rejected]) -> Iterator[Article | Rejected]:
    """Clean every document; rejections pass through unchanged."""
    for item in items:
        if isinstance(item, Rejected):
            yield item
        else:
            yield from clean_document(item)


def clean_document(doc: Document) -> list[Article | Rejected]:
    """Turn one document into its articles (segment 0 first), or a rejection with the reason."""
    title, outlet, published = doc.title, doc.outlet, _iso(doc.published)
    text = doc.text
    if doc.html is not None:
        page = extract_html(doc.html, url=doc.url)
        if page is None:
            return [Rejected(doc.source, "HTML page has no article text")]
        text = page.text
        title = title or page.title
        outlet = outlet or page.outlet
        published = published or page.published
    if text is None or not text.strip():
        return [Rejected(doc.source, "no text")]
    segments = segment_text(text, title=doc.title)
    if not segments or len(segments[0].text) < MIN_ARTICLE_CHARS:
        return [Rejected(doc.source, "no article text left after removing boilerplate")]
    if outlet is None:
        outlet = segments[0].outlet or (urlparse(doc.url).hostname if doc.url else None)
    out: list[Article | Rejected] = []
    for index, seg in enumerate(segments):
        if index > 0 and len(seg.text) < MIN_ARTICLE_CHARS:
            continue
        out.append(_article(doc, seg, len(out), title, outlet, published))
    return out


def _article(
    doc: Document, seg: Segment, index: int, title: str | None, outlet: str | None, published: str | None
) -> Article:
    if index == 0:
        # Metadata given with the record wins over what the text suggests.
        title = title or seg.title
        outlet = outlet or seg.outlet
        published = published or _iso(seg.published)
    else:
        # An appended article keeps the page's outlet (it was published there) but not its date:
        # related articles are often months older than the page that carries them.
        title, published = seg.title, None
    if title:
        title = strip_category(title) or title  # "عام / …": the agency's section, not the headline
    return Article(
        id=content_id("a", doc.source, str(index), seg.text),
        document=doc.id,
        source=doc.source,
        segment=index,
        title=title,
        outlet=outlet,
        published=published,
        language=detect_language(seg.text),
        text=seg.text,
    )


def _iso(value: str | None) -> str | None:
    """Publication dates to ``YYYY-MM-DD``; anything unparseable becomes None rather than a guess."""
    if not value:
        return None
    value = value.strip()
    if len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            pass
    parsed = parse_date(value)
    return parsed.isoformat() if parsed else None
