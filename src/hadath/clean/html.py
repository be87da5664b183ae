"""HTML pages to text and metadata with trafilatura (title, site name, publication date)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import trafilatura

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Page:
    """What the extractor found in a page."""

    text: str
    title: str | None
    outlet: str | None
    published: str | None


def extract_html(html: str, url: str | None = None) -> Page | None:
    """Main text and metadata of an HTML page, or None when it holds no article.

    Paragraphs come back one a line so the line classifier can still split appended articles.
    """
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            favor_recall=True,
        )
    except Exception as e:  # trafilatura raises many lxml errors on broken markup
        log.warning("trafilatura failed on %s: %s", url or "page", e)
        return None
    if doc is None:
        return None
    text = getattr(doc, "text", None)
    if not text or not text.strip():
        return None
    date = getattr(doc, "date", None)
    return Page(
        text=text,
        title=getattr(doc, "title", None) or None,
        outlet=getattr(doc, "sitename", None) or None,
        published=date[:10] if isinstance(date, str) and len(date) >= 10 else None,
    )
