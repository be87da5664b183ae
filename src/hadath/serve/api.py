"""The REST API (under ``/api``) and the web UI in one FastAPI application: ``create_app``.

Read-only by default. Started with a token, it also accepts uploads and URLs to ingest
(``/api/ingest/…``), and only from requests that carry ``Authorization: Bearer TOKEN``. The OpenAPI
description is at ``/openapi.json`` and, as a page that needs nothing from outside, at ``/docs``.

Each worker thread opens its own :class:`~hadath.store.Store` (SQLite connections stay in the thread
that made them); ingestion runs one request at a time, since resolution re-derives every event.
"""

from __future__ import annotations

import hmac
import io
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException as StarletteHTTPException

from hadath import pipeline, serve
from hadath.serve import views, web
from hadath.serve.security import MAX_BODY_BYTES, LimitRequests, SecurityHeaders
from hadath.store import EventQuery, Store, StoreError
from hadath.store.records import public

MIN_TOKEN_CHARS = 16
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_URLS = 20
MAX_EXPORT_IDS = views.MAX_LIMIT
MAX_EXPORT_HITS = 1000
EXPORT_MEMORY_BYTES = 8 * 1024 * 1024  # beyond this an export spools to a temporary file

DESCRIPTION = """Arabic news turned into de-duplicated, sourced political events (PLOVER/CAMEO).

Records have the field names of the export contract (docs/export-format.md). Lists are paged: `limit` at
most 200, `offset` at most 100000. Dates are ISO prefixes: `2024`, `2024-02` or `2024-02-07`."""


class _Stores:
    """One Store per thread, opened on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.local = threading.local()

    def __call__(self) -> Store:
        store: Store | None = getattr(self.local, "store", None)
        if store is None:
            store = Store(self.path)
            self.local.store = store
        return store


def _store(request: Request) -> Store:
    return web.store_of(request)


Limit = Annotated[int, Query(ge=1, le=views.MAX_LIMIT, description="Page size (at most 200).")]
Offset = Annotated[int, Query(ge=0, le=views.MAX_OFFSET, description="Records to skip (at most 100000).")]


def event_filters(
    entity: Annotated[
        str | None, Query(max_length=200, description="An actor's entity id, e.g. per:fuad-hussein.")
    ] = None,
    pair: Annotated[
        str | None,
        Query(
            pattern=views.PAIR_RE.pattern, description="Two ISO 3166 alpha-3 codes, unordered, e.g. IRQ-USA."
        ),
    ] = None,
    plover: Annotated[
        str | None, Query(alias="type", pattern=r"^[A-Z]+$", description="PLOVER type, e.g. CONSULT.")
    ] = None,
    mode: Annotated[str | None, Query(max_length=40, description="PLOVER mode, e.g. phone.")] = None,
    date_from: Annotated[
        str | None, Query(pattern=views.DATE_RE.pattern, description="Earliest event date (ISO prefix).")
    ] = None,
    date_to: Annotated[
        str | None, Query(pattern=views.DATE_RE.pattern, description="Latest event date (ISO prefix).")
    ] = None,
    q: Annotated[
        str | None,
        Query(max_length=views.MAX_QUERY_CHARS, description="Words in the evidence, names or English gist."),
    ] = None,
    main: Annotated[bool, Query(description="Only events that are the main event of an article.")] = False,
) -> EventQuery:
    return EventQuery(
        entity=entity or None,
        pair=views.parse_pair(pair) if pair else None,
        plover=plover or None,
        mode=mode or None,
        date_from=date_from or None,
        date_to=date_to or None,
        text=q.strip() if q and q.strip() else None,
        main_only=main,
    )


Filters = Annotated[EventQuery, Depends(event_filters)]

api = APIRouter(prefix="/api", tags=["read"])


@api.get("/events")
def list_events(
    request: Request,
    filters: Filters,
    limit: Limit = 50,
    offset: Offset = 0,
    order: Annotated[Literal["asc", "desc"], Query(description="By event date; undated last.")] = "asc",
) -> dict[str, Any]:
    """Events matching every filter given: `{"items", "total", "limit", "offset"}`."""
    return views.events_page(_store(request), filters, limit, offset, newest_first=order == "desc")


@api.get("/events/{event_id}")
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    """One event with its `articles` (outlet, date, evidence and its paragraph), `quotes`, `counts` and
    `stories`, the ids of the stories its articles belong to (see `/api/stories/{story_id}`)."""
    detail = web.found(views.event_detail(_store(request), event_id), f"event {event_id}")
    return detail


@api.get("/entities/{entity_id}")
def get_entity(request: Request, entity_id: str, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """An entity with its `terms` of office, `roles` in events, `timeline` by month and paged `events`."""
    detail = web.found(views.entity_detail(_store(request), entity_id, limit, offset), f"entity {entity_id}")
    return public(detail)


@api.get("/articles/{article_id}")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """One article record (clean text, dates, entity mentions, quotes, its `story` id), the events it
    reports, and in `story` the other reports of its story."""
    detail = web.found(views.article_detail(_store(request), article_id), f"article {article_id}")
    return detail


@api.get("/stories/{story_id}")
def get_story(request: Request, story_id: str) -> dict[str, Any]:
    """One story, the reports of one happening: `story` (`id`, the earliest report's `title`,
    `first_seen` and `last_seen` publication dates, `outlets` with the most reports first), its `articles`
    newest first (`url` when the source is a web address, `duplicate_of`), its own `events` (the main
    event of one of its articles), the events its articles only `mentioned` in passing, both newest
    first, and `counts` of the whole story; at most 200 of each are listed. An article's story is its
    `story` field; an event's are in `stories` of `/api/events/{event_id}`."""
    return web.found(views.story_detail(_store(request), story_id), f"story {story_id}")


@api.get("/search")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=views.MAX_QUERY_CHARS, description="Words to find.")],
    kind: Annotated[
        Literal["article", "event", "entity"] | None, Query(description="Only records of this kind.")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Articles, events and entities holding every word, best first.

    Arabic spelling variants match (أ/ا/إ/آ, ة/ه, ى/ي, diacritics), as do words with a proclitic
    (و، ف، ب، ل، ك، ال) and English names.
    """
    return views.search(_store(request), q, limit, offset, kinds=[kind] if kind else None)


@api.get("/pairs")
def pairs(request: Request) -> dict[str, Any]:
    """Country pairs with events between them, most first: `{"items": [{"pair", "events"}]}`."""
    return {"items": [{"pair": f"{a}-{b}", "events": n} for a, b, n in _store(request).event_pairs()]}


@api.get("/stats")
def stats(request: Request) -> dict[str, Any]:
    """How many articles, events, entities and rejected inputs the database holds."""
    return _store(request).counts()


@api.get("/export", response_class=StreamingResponse)
def export(
    request: Request,
    filters: Filters,
    format: Annotated[
        Literal["jsonl", "csv"], Query(description="jsonl or csv (the export contract).")
    ] = "jsonl",
    ids: Annotated[
        list[str], Query(alias="id", description="Export exactly these records (at most 200).")
    ] = [],  # noqa: B006  (FastAPI reads the default, never mutates it)
    search_for: Annotated[
        str | None,
        Query(
            alias="search", max_length=views.MAX_QUERY_CHARS, description="Export the records a search finds."
        ),
    ] = None,
    story: Annotated[
        str | None,
        Query(max_length=200, description="Export a story's articles, then the events they report."),
    ] = None,
) -> StreamingResponse:
    """Records in the export contract: the given `id`s, or a `search`'s hits, or a `story`'s articles and
    events, or the events the filters select, or (with none of these) the whole database."""
    if len(ids) > MAX_EXPORT_IDS:
        raise HTTPException(422, f"at most {MAX_EXPORT_IDS} ids")
    store = _store(request)
    if ids:
        recs: Iterator[dict[str, Any]] = _by_id(store, ids)
    elif story:
        own, mentioned = store.story_events(story)
        recs = _by_id(store, store.story_articles(story) + [ev["id"] for ev in own + mentioned])
    elif search_for and search_for.strip():
        recs = _by_id(store, [h.id for h in store.search(search_for, limit=MAX_EXPORT_HITS)[0]])
    elif not filters.is_empty():
        recs = _events(store, filters)
    else:
        recs = serve.records(store)
    # Written out before the response starts: the store's connection belongs to this thread, while a
    # streamed body is produced elsewhere. The spool is closed by the response's background task.
    spool = tempfile.SpooledTemporaryFile(max_size=EXPORT_MEMORY_BYTES)  # noqa: SIM115
    try:
        text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
        if format == "csv":
            serve.write_records_csv(recs, text)
        else:
            serve.write_records_jsonl(recs, text)
        text.flush()
        text.detach()
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson; charset=utf-8"
    return StreamingResponse(
        iter(lambda: spool.read(64 * 1024), b""),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="hadath-export.{format}"'},
        background=BackgroundTask(spool.close),
    )


def _by_id(store: Store, ids: list[str]) -> Iterator[dict[str, Any]]:
    for record_id in dict.fromkeys(ids):
        rec = store.one("event", record_id) or store.article(record_id) or store.one("entity", record_id)
        if rec is not None:
            yield public(rec)


def _events(store: Store, filters: EventQuery) -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        batch, _ = store.find_events(filters, limit=500, offset=offset)
        yield from (public(ev) for ev in batch)
        if len(batch) < 500:
            return
        offset += 500


# Ingestion (only with a token) ------------------------------------------------------------------------
bearer = HTTPBearer(auto_error=False, description="The token `hadath serve --token` was started with.")


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    """The request must carry ``Authorization: Bearer TOKEN``; compared in constant time."""
    expected: str = request.app.state.token
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "a valid token is required", headers={"WWW-Authenticate": "Bearer"})


ingest = APIRouter(prefix="/api/ingest", tags=["ingest"], dependencies=[Depends(require_token)])


class Urls(BaseModel):
    urls: list[Annotated[str, Field(max_length=2000)]] = Field(min_length=1, max_length=MAX_URLS)


def _summary(summary: pipeline.Summary) -> dict[str, Any]:
    return {
        "inputs": summary.inputs,
        "articles": summary.articles,
        "new_articles": summary.new_articles,
        "events": sorted(summary.events),
        "rejected": dict(summary.rejected),
    }


@ingest.post("/file")
async def ingest_file(
    request: Request,
    name: Annotated[str, Query(max_length=200, description="File name; its extension gives the format.")],
) -> dict[str, Any]:
    """Ingest one uploaded file (the request body, at most 20 MiB): a page, JSONL, feed, WARC or archive."""
    from hadath.ingest import kind_of
    from hadath.ingest.readers import read_file

    base = PurePosixPath(name.replace("\\", "/")).name
    kind = kind_of(base)
    if not base or kind is None:
        raise HTTPException(
            400,
            f"unsupported file type: {base!r}; send .txt, .html, .jsonl, .warc(.gz), a feed or an archive",
        )
    body = await request.body()

    def run() -> dict[str, Any]:
        with tempfile.TemporaryDirectory(prefix="hadath-upload-") as folder:
            path = Path(folder) / base
            path.write_bytes(body)
            with request.app.state.ingest_lock:
                items = read_file(f"upload:{base}", path, kind, len(body))
                return _summary(pipeline.run_items(items, _store(request)))

    return await run_in_threadpool(run)


@ingest.post("/urls")
def ingest_urls(request: Request, urls: Urls) -> dict[str, Any]:
    """Fetch pages or RSS/Atom feeds (robots.txt respected; private addresses refused) and ingest them."""
    from hadath.ingest.fetch import fetch

    with request.app.state.ingest_lock:
        return _summary(pipeline.run_items(fetch(urls.urls), _store(request)))


# The application ------------------------------------------------------------------------------------
def create_app(db_path: str | Path, *, token: str | None = None) -> FastAPI:
    """The API and web UI over the database at ``db_path``; ingest endpoints only when ``token`` is set.

    Raises:
        FileNotFoundError: no database at ``db_path`` (create one with ``hadath run``).
        ValueError: a token shorter than 16 characters.
    """
    path = Path(db_path)
    if not path.is_file():
        raise FileNotFoundError(
            f"database {path} not found; create it with `hadath run INPUT... --db {path}`"
        )
    if token is not None and len(token) < MIN_TOKEN_CHARS:
        raise ValueError(f"the token must be at least {MIN_TOKEN_CHARS} characters")
    app = FastAPI(
        title="hadath",
        version=version("hadath"),
        description=DESCRIPTION,
        docs_url=None,  # FastAPI's docs pages load their scripts from a CDN; /docs below needs nothing
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.stores = _Stores(path)
    app.state.token = token
    app.state.ingest_lock = threading.Lock()
    app.include_router(api)
    if token is not None:
        app.include_router(ingest)
    app.include_router(web.router)

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> Response:
        return web.docs_page(request, app.openapi())

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return web.error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        if _wants_json(request):
            return JSONResponse({"detail": problems}, status_code=422)
        text = "; ".join(f"{'.'.join(str(x) for x in p['loc'][1:])}: {p['msg']}" for p in problems)
        return web.error_page(request, 422, text)

    @app.exception_handler(sqlite3.OperationalError)
    async def database_error(request: Request, exc: sqlite3.OperationalError) -> Response:
        # A database locked by a long `hadath run`, or a read-only file the search index cannot be built in.
        detail = f"the database cannot answer now ({exc}); try again, or check that {path} is writable"
        if _wants_json(request):
            return JSONResponse({"detail": detail}, status_code=503)
        return web.error_page(request, 503, detail)

    @app.exception_handler(StoreError)
    async def unopenable(request: Request, exc: StoreError) -> Response:
        # The file went missing, was replaced by something else, or is locked while it needs updating.
        if _wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=503)
        return web.error_page(request, 503, str(exc))

    def limit_for(request_path: str) -> int:
        return (
            MAX_UPLOAD_BYTES if token is not None and request_path == "/api/ingest/file" else MAX_BODY_BYTES
        )

    app.add_middleware(LimitRequests, limit_for=limit_for)
    app.add_middleware(SecurityHeaders)  # added last, so outermost: it also covers the limits' answers
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/openapi"))
