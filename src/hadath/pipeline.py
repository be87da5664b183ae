"""The stage order and the runner that wires the stages to the store.

Per-document stages (clean, language, events) are pure functions of one document, mapped over workers
by :mod:`hadath.engine` (this process, a process pool or a Dask cluster); resolution runs here, over
everything stored.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from hadath import clean, events, ingest, language, resolve
from hadath.engine import Engine, executor, map_documents, slots
from hadath.models import Article, Document, Rejected, content_id
from hadath.resolve import ArticleText
from hadath.resolve.duplicates import find_duplicates
from hadath.store import Store

log = logging.getLogger(__name__)

STAGES = (ingest, clean, language, events, resolve)


def check_order() -> None:
    """Fail loudly if a stage needs something no earlier stage provides."""
    provided: set[str] = set()
    for stage in STAGES:
        missing = set(stage.REQUIRES) - provided
        if missing:
            raise RuntimeError(f"stage {stage.__name__} needs {sorted(missing)} before it")
        provided |= set(stage.PROVIDES)


@dataclass
class Summary:
    """What one run did."""

    inputs: int = 0
    articles: int = 0
    new_articles: int = 0
    events: set[str] = field(default_factory=set)
    rejected: Counter[str] = field(default_factory=Counter)
    skipped: int = 0

    def line(self) -> str:
        reasons = ", ".join(f"{n} {r}" for r, n in self.rejected.most_common())
        tail = f" ({reasons})" if reasons else ""
        return (
            f"{self.inputs} inputs → {self.articles} articles, {len(self.events)} events, "
            f"{sum(self.rejected.values())} rejected{tail}"
        )


def process_document(doc: Document) -> list[object]:
    """Clean, analyse and code one document: the per-document part of the pipeline (pure)."""
    out: list[object] = []
    for item in clean.clean_document(doc):
        if isinstance(item, Rejected):
            out.append(item)
            continue
        analysis = language.analyse(item)
        out.append(events.Coded(analysis, tuple(events.code_article(analysis))))
    return out


def process_safely(doc: Document) -> list[object] | Rejected:
    """:func:`process_document`, or the rejection of the whole document where it fails (never raises)."""
    try:
        return process_document(doc)
    except Exception as e:  # one bad page must never stop a batch
        log.exception("failed on %s", doc.source)
        return Rejected(doc.source, f"internal error: {type(e).__name__}: {e}")


def _worker_failed(doc: Document, error: BaseException) -> Rejected:
    """The rejection of a document whose worker died; not recorded as read, so a re-run retries it."""
    return Rejected(doc.source, f"internal error: its worker failed ({type(error).__name__}: {error})")


def warm_up() -> None:
    """Load every model and lexicon once, before a process pool forks (see :func:`engine.executor`)."""
    text = "قال وزير الخارجية العراقي في بغداد يوم الأحد إن الاجتماع مع نظيره كان مثمراً وبنّاءً."
    process_document(Document("warm-up", text=text, published="2024-01-07"))


def text_article(text: str, published: str | None = None, source: str = "text") -> Article:
    """One clean Arabic text as an article, ids derived from it as ingest would: for evaluations."""
    return Article(
        id=content_id("a", source, "0", text),
        document=content_id("d", source, text),
        source=source,
        segment=0,
        title=None,
        outlet=None,
        published=published,
        language="ar",
        text=text,
    )


def code_text(text: str, published: str | None = None, source: str = "text") -> events.Coded:
    """Analyse and code one clean text directly (no ingest or cleaning): for evaluations and the API."""
    analysis = language.analyse(text_article(text, published, source))
    return events.Coded(analysis, tuple(events.code_article(analysis)))


def run(
    inputs: Iterable[str],
    store: Store,
    progress: Callable[[str], None] | None = None,
    engine: Engine | None = None,
) -> Summary:
    """Process paths (files, folders, globs) into ``store`` and re-resolve events; idempotent."""
    return run_items(ingest.run(inputs), store, progress, engine)


def run_items(
    items: Iterable[Document | Rejected],
    store: Store,
    progress: Callable[[str], None] | None = None,
    engine: Engine | None = None,
) -> Summary:
    """Process ingested records (from files or from ``ingest.fetch``) into ``store``.

    ``engine`` says where the per-document stages run; the database is the same whichever it is.
    """
    check_order()
    engine = engine or Engine()
    summary = Summary()
    run_articles: set[str] = set()
    with executor(engine, warm_up=warm_up) as pool:
        mapped = map_documents(
            process_safely, items, pool, engine.batch, slots(pool), on_failure=_worker_failed
        )
        for item, results in mapped:
            summary.inputs += 1
            if progress is not None:
                progress(item.source)
            if isinstance(item, Rejected):
                summary.rejected[_reason_kind(item.reason)] += 1
                store.add_rejected(item)
            elif results is not None:
                _store_results(store, item, results, summary, run_articles)
    texts = store.article_texts()
    resolution = resolve.resolve_stories(store.mentions(), [ArticleText(i, t, p, o) for i, t, p, o in texts])
    resolved = list(resolution.events)
    store.replace_events(resolved)
    store.replace_stories(resolution.story_of)
    store.replace_duplicates(find_duplicates([(i, t, p) for i, t, p, _ in texts]))
    store.commit()
    summary.events = {e.id for e in resolved if run_articles & set(e.articles)}
    return summary


def _store_results(
    store: Store, item: Document, results: list[object] | Rejected, summary: Summary, run_articles: set[str]
) -> None:
    """Write what one document became: its articles with their events, and its rejections."""
    if isinstance(results, Rejected):  # failed as a whole: not recorded as read, so a re-run retries it
        summary.rejected[_reason_kind(results.reason)] += 1
        store.add_rejected(results)
        store.commit()
        return
    store.add_document(item.id, item.source)
    for result in results:
        if isinstance(result, Rejected):
            summary.rejected[_reason_kind(result.reason)] += 1
            store.add_rejected(result)
        elif isinstance(result, events.Coded):
            summary.articles += 1
            run_articles.add(result.analysis.article.id)
            if store.add_article(result.analysis, result.events):
                summary.new_articles += 1
    store.commit()


def _reason_kind(reason: str) -> str:
    return reason.split(":")[0].split("(")[0].strip()
