"""Language: sentences, dates, entities and quotes of each article.

Public entry point: :func:`run` (and :func:`analyse` for one article). Where a date is parsed:
:mod:`hadath.text.dates`; names and titles: :mod:`hadath.language.entities`; quotes:
:mod:`hadath.language.quotes`; the knowledge files: :mod:`hadath.language.knowledge`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from hadath.language import ner
from hadath.language.entities import find_entities
from hadath.language.knowledge import load
from hadath.language.quotes import find_quotes
from hadath.models import Analysis, Article, Rejected, Span
from hadath.text.dates import find_dates
from hadath.text.normalize import sentences

REQUIRES = ("article",)
PROVIDES = ("analysis",)


def analyse(article: Article) -> Analysis:
    """Sentences, dates, entity mentions, entities and quotes of one article."""
    published = date.fromisoformat(article.published) if article.published else None
    spans = sentences(article.text)
    found = find_entities(article.text, load(), article.published, ner.load(), spans)
    people = sorted((m for m in (*found.mentions, *found.titles) if m.type == "PER"), key=lambda m: m.start)
    return Analysis(
        article=article,
        sentences=tuple(Span(s, e) for s, e in spans),
        dates=tuple(find_dates(article.text, published)),
        mentions=tuple(found.mentions),
        entities=tuple(found.entities.values()),
        quotes=tuple(find_quotes(article.text, spans, people)),
        titles=tuple(found.titles),
    )


def run(items: Iterable[Article | Rejected]) -> Iterator[Analysis | Rejected]:
    """Analyse every article; rejections pass through."""
    for item in items:
        yield item if isinstance(item, Rejected) else analyse(item)
