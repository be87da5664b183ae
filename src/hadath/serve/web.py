"""The web UI: server-rendered HTML pages, Arabic first (``<html dir="rtl" lang="ar">``), no scripts.

Templates are Jinja2 with autoescaping on for every file, and no template marks record data as safe:
titles, text and names are hostile input and are always escaped. The language comes from a ``lang``
cookie set by ``/lang/{code}`` (or a ``?lang=`` parameter), Arabic by default.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from importlib import resources
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined

from hadath.serve import labels, views
from hadath.serve.chart import Chart, timeline_chart
from hadath.store import EventQuery, Store

PAGE_SIZE = 50
MAX_PAGE = views.MAX_OFFSET // PAGE_SIZE
LANG_COOKIE = "lang"

ENV = Environment(
    loader=PackageLoader("hadath.serve", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.filters["seg"] = lambda value: quote(str(value), safe=":")

# Static files are read once into memory and served by name from this table only: a request can name
# nothing else, so no path can climb out of the folder.
_MEDIA = {".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}
STATIC: dict[str, tuple[bytes, str]] = {
    f.name: (f.read_bytes(), _MEDIA[suffix])
    for f in resources.files("hadath.serve").joinpath("static").iterdir()
    if (suffix := "." + f.name.rsplit(".", 1)[-1]) in _MEDIA
}


Detail = TypeVar("Detail")


def found(detail: Detail | None, what: str) -> Detail:
    """``detail``, or a 404 that names what was asked for ("event ev:…")."""
    if detail is None:
        raise HTTPException(404, f"no {what}")
    return detail


router = APIRouter(include_in_schema=False)


def language(request: Request) -> str:
    lang = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE) or "ar"
    return lang if lang in labels.LANGUAGES else "ar"


def here(request: Request) -> str:
    """This page's path and query, without ``lang``, to come back to after switching language."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return request.url.path + (f"?{urlencode(params)}" if params else "")


def render(request: Request, template: str, *, http_status: int = 200, **context: Any) -> HTMLResponse:
    """Render a page with the helpers every template uses."""
    lang = language(request)
    other = "en" if lang == "ar" else "ar"

    def name_of(rec: dict[str, Any]) -> str:
        first, second = (
            (rec.get("name_ar"), rec.get("name")) if lang == "ar" else (rec.get("name"), rec.get("name_ar"))
        )
        return str(first or second or rec.get("entity") or rec.get("id") or "?")

    def other_name(rec: dict[str, Any]) -> str | None:
        name = rec.get("name") if lang == "ar" else rec.get("name_ar")
        return str(name) if name and name != name_of(rec) else None

    helpers: dict[str, Any] = {
        "lang": lang,
        "dir": "rtl" if lang == "ar" else "ltr",
        "other_lang": other,
        "arrow": "←" if lang == "ar" else "→",
        "switch_url": f"/lang/{other}?{urlencode({'next': here(request)})}",
        "q": "",
        "t": lambda key: labels.pick(labels.UI, key, lang),
        "plover_label": lambda code: labels.pick(labels.PLOVER, code, lang),
        "mode_label": lambda code: labels.pick(labels.MODES, code, lang),
        "role_label": lambda code: labels.pick(labels.ROLES, code, lang),
        "kind_label": lambda code: labels.pick(labels.KINDS, code, lang),
        "context_label": lambda code: labels.pick(labels.CONTEXTS, code, lang),
        "precision_label": lambda code: labels.pick(labels.PRECISION, code, lang),
        "country": lambda code: views.country_name(code, lang),
        "type_class": labels.type_class,
        "name_of": name_of,
        "other_name": other_name,
        "href": href,
    }
    html = ENV.get_template(template).render(**{**helpers, **context})
    return HTMLResponse(html, status_code=http_status)


def href(kind: str, record_id: str) -> str:
    """The page of a record."""
    folder = {"article": "articles", "event": "events", "entity": "entities", "story": "stories"}[kind]
    return f"/{folder}/{quote(record_id, safe=':')}"


def export_urls(**params: Any) -> dict[str, str]:
    """Links to ``/api/export`` for what a page shows, in both formats."""
    items = [(k, v) for k, v in params.items() if v not in (None, "", False)]
    return {
        fmt: "/api/export?" + urlencode([("format", fmt), *items], doseq=True) for fmt in ("csv", "jsonl")
    }


def pager(request: Request, number: int, total: int) -> dict[str, Any]:
    pages = max(1, min(MAX_PAGE, math.ceil(total / PAGE_SIZE)))

    def url(n: int) -> str:
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "page"] + [("page", str(n))]
        return f"{request.url.path}?{urlencode(params)}"

    return {
        "number": number,
        "pages": pages,
        "prev": url(number - 1) if number > 1 else None,
        "next": url(number + 1) if number < pages else None,
    }


def store_of(request: Request) -> Store:
    stores: Callable[[], Store] = request.app.state.stores
    return stores()


def _chart(events: list[dict[str, Any]], lang: str) -> Chart | None:
    def mark_label(ev: dict[str, Any]) -> str:
        names = []
        for role in ("source", "target"):
            a = views.actor(ev, role)
            name = ((a.get("name_ar") if lang == "ar" else a.get("name")) or a.get("name")) if a else None
            names.append(name or "?")
        n = len(ev["articles"])
        return (
            f"{ev['date']} · {labels.pick(labels.PLOVER, ev['plover'], lang)} · {names[0]} – {names[1]}"
            f" · {n} {labels.pick(labels.UI, 'n_sources', lang)}"
        )

    return timeline_chart(events, lambda p: labels.pick(labels.PLOVER, p, lang), mark_label)


def _pair_options(store: Store, lang: str) -> list[dict[str, Any]]:
    return [
        {
            "code": f"{a}-{b}",
            "label": f"{views.country_name(a, lang)} – {views.country_name(b, lang)}",
            "events": n,
        }
        for a, b, n in store.event_pairs()[:200]
    ]


# Pages -------------------------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    store = store_of(request)
    lang = language(request)
    latest, _ = store.find_events(EventQuery(main_only=True), limit=20, newest_first=True)
    counts = store.counts()
    return render(
        request,
        "home.html",
        counts=[(labels.pick(labels.TABLES, k, lang), n) for k, n in counts.items()],
        pairs=_pair_options(store, lang)[:24],
        latest=views.event_rows(store, latest),
        export_urls=export_urls(id=[ev["id"] for ev in latest]),
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    pair: str = Query("", max_length=7),
    plover: str = Query("", alias="type", max_length=20),
    main: str = Query("", max_length=5),
    page: int = Query(1, ge=1, le=MAX_PAGE),
) -> HTMLResponse:
    store = store_of(request)
    lang = language(request)
    pairs = _pair_options(store, lang)
    context: dict[str, Any] = {
        "pairs": pairs,
        "pair_codes": {p["code"] for p in pairs},
        "types": store.event_types(),
        "plover": plover,
        "main_only": bool(main),
        "pair": "",
        "pair_label": "",
    }
    if not pair:
        return render(request, "timeline.html", **context)
    codes = views.parse_pair(pair)
    if codes is None or (plover and not re.fullmatch(r"[A-Z]+", plover)):
        raise HTTPException(400, "pair must be two ISO 3166 alpha-3 codes, e.g. IRQ-USA")
    query = EventQuery(pair=codes, plover=plover or None, main_only=bool(main))
    drawn, _ = store.find_events(query, limit=views.CHART_EVENTS)
    events, total = store.find_events(query, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    code = f"{codes[0]}-{codes[1]}"
    context.update(
        pair=code,
        pair_label=f"{views.country_name(codes[0], lang)} – {views.country_name(codes[1], lang)}",
        chart=_chart(drawn, lang),
        rows=views.event_rows(store, events),
        total=total,
        pg=pager(request, page, total),
        export_urls=export_urls(pair=code, type=plover, main="true" if main else None),
    )
    return render(request, "timeline.html", **context)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    detail = found(views.event_detail(store_of(request), event_id), f"event {event_id}")
    return render(
        request,
        "event.html",
        ev=detail["event"],
        articles=detail["articles"],
        quotes=detail["quotes"],
        counts=detail["counts"],
        stories=detail["stories"],
        export_urls=export_urls(id=event_id),
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str, page: int = Query(1, ge=1, le=MAX_PAGE)) -> HTMLResponse:
    detail = found(
        views.entity_detail(store_of(request), entity_id, PAGE_SIZE, (page - 1) * PAGE_SIZE),
        f"entity {entity_id}",
    )
    return render(
        request,
        "entity.html",
        ent=detail["entity"],
        terms=detail["terms"],
        roles=detail["roles"],
        chart=_chart(detail["_chart_events"], language(request)),
        rows=detail["events"]["items"],
        pg=pager(request, page, detail["events"]["total"]),
        mentioned=detail["articles"]["items"],
        n_mentioned=detail["articles"]["total"],
        export_urls=export_urls(entity=entity_id),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    store = store_of(request)
    detail = found(views.article_detail(store, article_id), f"article {article_id}")
    art = detail["article"]
    return render(
        request,
        "article.html",
        art=art,
        url=views.web_url(art["source"]),
        rows=detail["events"],
        story=detail["story"],
        paragraphs=views.marked_paragraphs(art),
        export_urls=export_urls(id=article_id),
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    detail = found(views.story_detail(store_of(request), story_id), f"story {story_id}")
    return render(
        request,
        "story.html",
        story=detail["story"],
        articles=detail["articles"],
        rows=detail["events"],
        mentioned=detail["mentioned"],
        counts=detail["counts"],
        export_urls=export_urls(story=story_id),
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: str = Query("", max_length=views.MAX_QUERY_CHARS),
    page: int = Query(1, ge=1, le=MAX_PAGE),
) -> HTMLResponse:
    q = q.strip()
    result: dict[str, Any] = {"items": [], "total": 0}
    if q:
        result = views.search(store_of(request), q, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return render(
        request,
        "search.html",
        q=q,
        items=result["items"],
        total=result["total"],
        pg=pager(request, page, result["total"]),
        export_urls=export_urls(search=q),
    )


@router.get("/lang/{code}")
def switch_language(code: str, next: str = Query("/", max_length=1024)) -> RedirectResponse:
    """Remember the interface language in a cookie and go back to the page (a local path only)."""
    if code not in labels.LANGUAGES:
        raise HTTPException(404, f"no language {code}")
    # Only a path on this site: never "//host" or "/\\host", which browsers read as another site.
    target = next if re.fullmatch(r"/(?![/\\])[^\\\s]*", next) else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(LANG_COOKIE, code, max_age=365 * 24 * 3600, httponly=True, samesite="lax")
    return response


@router.get("/static/{name}")
def static(name: str) -> Response:
    found = STATIC.get(name)
    if found is None:
        raise HTTPException(404, "no such file")
    body, media = found
    return Response(body, media_type=media, headers={"Cache-Control": "public, max-age=3600"})


def error_page(request: Request, status: int, detail: str) -> HTMLResponse:
    heading = labels.pick(
        labels.UI,
        {404: "not_found", 400: "bad_request", 422: "bad_request"}.get(status, "error"),
        language(request),
    )
    return render(request, "error.html", http_status=status, status=status, heading=heading, detail=detail)


def docs_page(request: Request, spec: dict[str, Any]) -> HTMLResponse:
    """The OpenAPI description as a plain page: FastAPI's own docs UI loads its script from a CDN."""

    def schema_type(schema: dict[str, Any] | None) -> str:
        if not schema:
            return ""
        if "anyOf" in schema:
            return " | ".join(schema_type(s) for s in schema["anyOf"])
        if schema.get("type") == "array":
            return f"array of {schema_type(schema.get('items'))}"
        if "enum" in schema:
            return " | ".join(str(v) for v in schema["enum"])
        return str(schema.get("type", "object"))

    html = ENV.get_template("docs.html").render(spec=spec, schema_type=schema_type)
    return HTMLResponse(html)
