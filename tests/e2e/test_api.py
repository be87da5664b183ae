"""The REST API and the server-rendered pages, through FastAPI's TestClient, on a database built here
from the seed pages, the bundled examples and one hostile record (markup in its title, outlet, URL,
text and quote) written by the test."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import warnings
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, HOSTILE, HOSTILE_TITLE, SEEDS, need_shared
from hadath import pipeline
from hadath.serve.api import create_app
from hadath.serve.security import CONTENT_SECURITY_POLICY
from hadath.store import Store
from hadath.text.normalize import normalize

with warnings.catch_warnings():
    # Starlette asks for the httpx2 fork in its test client; httpx (pinned) works the same for these tests.
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

# An uploaded page for the ingest endpoint (text written for this test).
UPLOAD = (
    "استقبل رئيس الوزراء العراقي محمد شياع السوداني في بغداد اليوم وزير الخارجية التركي، "
    "وبحث الجانبان مشروع طريق التنمية والتعاون في مجال المياه بين البلدين الجارين."
)


def build_db(folder: Path) -> Path:
    """A database from the seed pages, the examples and the hostile record."""
    seeds = need_shared(SEEDS)
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    db = folder / "serve.db"
    with Store(db) as store:
        pipeline.run([str(seeds), str(EXAMPLES), str(hostile)], store)
    return db


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


@pytest.fixture(scope="module")
def call(client: TestClient) -> dict[str, Any]:
    """The February 2024 phone call between Fuad Hussein and Antony Blinken, reported by two outlets."""
    r = client.get(
        "/api/events",
        params={
            "pair": "IRQ-USA",
            "type": "CONSULT",
            "mode": "phone",
            "date_from": "2024-02-07",
            "date_to": "2024-02-07",
        },
    )
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert len(items) == 1, items
    return dict(items[0])


@pytest.fixture(scope="module")
def hostile_article(client: TestClient) -> str:
    items = client.get("/api/search", params={"q": "التهدئة ووقف إطلاق النار الوزيرين"}).json()["items"]
    ids = [i["id"] for i in items if i["kind"] == "article" and i["label"] == HOSTILE_TITLE]
    assert len(ids) == 1, items
    return ids[0]


# Events ----------------------------------------------------------------------------------------------
def test_the_call_has_its_actors_date_and_two_sources(call: dict[str, Any]) -> None:
    assert call["plover"] == "CONSULT" and call["mode"] == "phone" and call["cameo"] == "041"
    assert call["date"] == "2024-02-07"
    assert {(a["entity"], a["country"]) for a in call["actors"]} == {
        ("per:antony-blinken", "USA"),
        ("per:fuad-hussein", "IRQ"),
    }
    assert len(call["articles"]) == 2 and len(call["outlets"]) == 2
    assert not [k for k in call if k.startswith("_")], "internal fields must not leak"


def test_events_page_and_caps(client: TestClient, db: Path) -> None:
    with Store(db) as store:
        n_events = store.counts()["events"]
    first = client.get("/api/events", params={"limit": 3}).json()
    assert (first["total"], first["limit"], first["offset"], len(first["items"])) == (n_events, 3, 0, 3)
    second = client.get("/api/events", params={"limit": 3, "offset": 3}).json()
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}
    everything = client.get("/api/events", params={"limit": 200}).json()["items"]
    dates = [e["date"] for e in everything if e["date"]]
    assert dates == sorted(dates) and everything[-1]["date"] is None  # by date, undated last
    newest = [
        e["date"] for e in client.get("/api/events", params={"order": "desc"}).json()["items"] if e["date"]
    ]
    assert newest == sorted(newest, reverse=True)
    for bad in (
        {"limit": 201},
        {"limit": 0},
        {"offset": 100_001},
        {"pair": "IRQUSA"},
        {"date_from": "07/02/2024"},
    ):
        assert client.get("/api/events", params=bad).status_code == 422, bad


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"pair": "USA-IRQ"}, lambda e: {"IRQ", "USA"} <= {a["country"] for a in e["actors"]}),
        ({"type": "ASSAULT"}, lambda e: e["plover"] == "ASSAULT"),
        ({"mode": "phone"}, lambda e: e["mode"] == "phone"),
        ({"entity": "per:fuad-hussein"}, lambda e: "per:fuad-hussein" in {a["entity"] for a in e["actors"]}),
        ({"date_from": "2024-02", "date_to": "2024-03"}, lambda e: "2024-02" <= e["date"][:7] <= "2024-03"),
        ({"main": "true"}, lambda e: e["main"]),
        ({"q": "هاتفيا"}, lambda e: "هاتفيا" in normalize(" ".join(x["text"] for x in e["evidence"]))),
    ],
)
def test_event_filters(client: TestClient, params: dict[str, str], check: Any) -> None:
    items = client.get("/api/events", params={**params, "limit": 200}).json()["items"]
    assert items, params
    assert all(check(e) for e in items), params


def test_event_detail_has_articles_evidence_quotes_counts(client: TestClient, call: dict[str, Any]) -> None:
    detail = client.get(f"/api/events/{call['id']}").json()
    assert detail["counts"]["articles"] == 2 and detail["counts"]["outlets"] == 2
    assert {a["outlet"] for a in detail["articles"]} == {"المسلة", "عين ليبيا"}
    for art in detail["articles"]:
        text = client.get(f"/api/articles/{art['id']}").json()["article"]["text"]
        assert art["evidence"] and art["evidence"] in text
        passage = art["passage"]
        assert passage["match"] == art["evidence"]
        assert passage["before"] + passage["match"] + passage["after"] in text
        assert "بلينكن" in art["evidence"]
    assert detail["quotes"] and detail["quotes"][0]["speaker"] in {"per:fuad-hussein", "per:antony-blinken"}
    assert detail["quotes"][0]["speaker_name"] in {"Fuad Hussein", "Antony Blinken"}
    assert client.get("/api/events/e0000000000000000").status_code == 404


def test_entity_names_terms_roles_and_events(client: TestClient, call: dict[str, Any]) -> None:
    detail = client.get("/api/entities/per:fuad-hussein").json()
    assert detail["entity"]["name"] == "Fuad Hussein" and detail["entity"]["name_ar"] == "فؤاد حسين"
    assert "فؤاد حسين" in detail["entity"]["aliases"]
    assert {"role": "foreign minister", "country": "IRQ"}.items() <= detail["terms"][0].items()
    assert detail["roles"]["source"] >= 1 and detail["roles"]["target"] >= 1
    # The month's count is the number of its events dated that month (the call, and what else is coded).
    february = client.get(
        "/api/events", params={"entity": "per:fuad-hussein", "date_from": "2024-02", "date_to": "2024-02"}
    ).json()["total"]
    assert february >= 1 and {"period": "2024-02", "events": february} in detail["timeline"]
    assert call["id"] in {e["id"] for e in detail["events"]["items"]}
    assert detail["articles"]["total"] >= 2
    assert not [k for k in detail if k.startswith("_")]
    assert client.get("/api/entities/per:nobody").status_code == 404


def test_article_has_its_events_filled(client: TestClient, call: dict[str, Any]) -> None:
    detail = client.get(f"/api/articles/{call['articles'][0]}").json()
    art = detail["article"]
    assert call["id"] in art["events"]
    assert call["id"] in {e["id"] for e in detail["events"]}
    assert any(m["entity"] == "per:antony-blinken" for m in art["entities"])


def test_an_article_lists_the_other_reports_of_its_story(client: TestClient, call: dict[str, Any]) -> None:
    first, second = call["articles"][:2]
    detail = client.get(f"/api/articles/{first}").json()
    assert detail["article"]["story"] is not None
    assert [a["id"] for a in detail["story"]] == [second]
    assert detail["story"][0]["outlet"]
    html = client.get(f"/articles/{first}").text
    assert 'id="same-story"' in html and f'href="/articles/{second}"' in html


@pytest.fixture(scope="module")
def call_story(client: TestClient, call: dict[str, Any]) -> str:
    """The id of the story the call's reports make."""
    stories = client.get(f"/api/events/{call['id']}").json()["stories"]
    assert len(stories) == 1, stories
    return str(stories[0])


def test_the_call_story_lists_both_reports_and_the_call_first(
    client: TestClient, call: dict[str, Any], call_story: str
) -> None:
    story = client.get(f"/api/stories/{call_story}").json()
    assert {a["id"] for a in story["articles"]} == set(call["articles"])
    assert set(story["story"]["outlets"]) == {"المسلة", "عين ليبيا"}
    assert [e["id"] for e in story["events"]] == [call["id"]]
    # The strikes the reports recall as background are listed apart.
    assert story["mentioned"] and all(not e["main"] for e in story["mentioned"])
    assert "ASSAULT" in {e["plover"] for e in story["mentioned"]}
    for article in call["articles"]:
        assert client.get(f"/api/articles/{article}").json()["article"]["story"] == call_story
    html = client.get(f"/stories/{call_story}").text
    assert html.count('<tr class="story-article">') == 2 and "فؤاد حسين" in html
    assert f'href="/stories/{call_story}"' in client.get(f"/events/{call['id']}").text
    assert client.get("/api/stories/nope").status_code == 404
    assert client.get("/stories/nope").status_code == 404


# Search ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "kind", "expected"),
    [
        ("فواد حسين", "entity", "per:fuad-hussein"),  # ؤ written و
        ("فؤاد حسين", "entity", "per:fuad-hussein"),
        ("Blinken", "entity", "per:antony-blinken"),  # English names match too
        ("sudani", "entity", "per:mohammed-shia-alsudani"),
        ("وزاره الخارجيه العراقيه", "entity", "org:iq-mfa"),  # ة written ه
        ("انتوني بلينكن", "entity", "per:antony-blinken"),  # أ written ا
    ],
)
def test_search_folds_spelling_variants(client: TestClient, query: str, kind: str, expected: str) -> None:
    body = client.get("/api/search", params={"q": query}).json()
    assert (kind, expected) in {(i["kind"], i["id"]) for i in body["items"]}, body


def test_search_finds_words_with_proclitics(client: TestClient) -> None:
    # "العراق" also finds "والعراق" and "بالعراق"; every hit holds the word in some form.
    plain = client.get("/api/search", params={"q": "العراق", "limit": 200}).json()
    assert plain["total"] >= 5
    snippet = plain["items"][0]["snippet"]
    assert "عراق" in snippet["match"]


def test_search_by_kind(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "بلينكن", "kind": "event"}).json()
    assert body["total"] >= 2 and {i["kind"] for i in body["items"]} == {"event"}
    assert client.get("/api/search", params={"q": "بلينكن", "kind": "rejected"}).status_code == 422


def test_search_ignores_query_syntax(client: TestClient) -> None:
    for q in ['"', "NEAR(a b)", "*", "a OR", "body:x", ")(", "؟!"]:
        r = client.get("/api/search", params={"q": q})
        assert r.status_code == 200, (q, r.text)
    assert client.get("/api/search", params={"q": "x" * 201}).status_code == 422
    assert client.get("/api/search").status_code == 422


# Export ----------------------------------------------------------------------------------------------
def test_export_everything_and_what_is_on_screen(client: TestClient, db: Path, call: dict[str, Any]) -> None:
    with Store(db) as store:
        counts = store.counts()
    lines = [json.loads(x) for x in client.get("/api/export", params={"format": "jsonl"}).text.splitlines()]
    assert len(lines) == sum(counts.values())
    r = client.get("/api/export", params={"format": "csv", "pair": "IRQ-USA"})
    assert r.headers["content-type"].startswith("text/csv")
    assert 'filename="hadath-export.csv"' in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    listed = client.get("/api/events", params={"pair": "IRQ-USA"}).json()
    assert len(rows) == listed["total"] and {row["type"] for row in rows} == {"event"}
    one = [json.loads(x) for x in client.get("/api/export", params={"id": call["id"]}).text.splitlines()]
    assert [(x["type"], x["id"]) for x in one] == [("event", call["id"])]
    found = client.get("/api/export", params={"format": "jsonl", "search": "بلينكن"}).text.splitlines()
    assert len(found) == client.get("/api/search", params={"q": "بلينكن"}).json()["total"]
    assert client.get("/api/export", params={"format": "xml"}).status_code == 422
    assert client.get("/api/export", params=[("id", "x")] * 201).status_code == 422


# Read-only by default; ingestion with a token --------------------------------------------------------
def test_read_only_without_a_token(client: TestClient) -> None:
    assert (
        client.post("/api/ingest/file", params={"name": "a.txt"}, content=UPLOAD.encode()).status_code == 404
    )
    assert client.post("/api/ingest/urls", json={"urls": ["https://example.org/"]}).status_code == 404
    assert client.post("/api/events").status_code == 405
    assert "/api/ingest/file" not in client.get("/openapi.json").json()["paths"]


def test_ingest_requires_the_token(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    token = "s3cret-token-for-tests"
    with pytest.raises(ValueError, match="at least"):
        create_app(copy, token="short")
    client = TestClient(create_app(copy, token=token))
    spec = client.get("/openapi.json").json()
    assert spec["paths"]["/api/ingest/file"]["post"]["security"] == [{"HTTPBearer": []}]
    url = "/api/ingest/file"
    body = UPLOAD.encode()
    assert client.post(url, params={"name": "a.txt"}, content=body).status_code == 401
    wrong = {"Authorization": "Bearer not-the-token-at-all"}
    assert client.post(url, params={"name": "a.txt"}, content=body, headers=wrong).status_code == 401
    basic = {"Authorization": f"Basic {token}"}
    assert client.post(url, params={"name": "a.txt"}, content=body, headers=basic).status_code == 401
    auth = {"Authorization": f"Bearer {token}"}
    assert client.post(url, params={"name": "a.exe"}, content=body, headers=auth).status_code == 400
    before = client.get("/api/stats").json()["articles"]
    r = client.post(url, params={"name": "../../etc/visit.txt"}, content=body, headers=auth)
    assert r.status_code == 200, r.text
    assert (r.json()["inputs"], r.json()["new_articles"]) == (1, 1)
    assert client.get("/api/stats").json()["articles"] == before + 1
    # The new article is searchable at once: the index catches up with the database.
    hits = client.get("/api/search", params={"q": "طريق التنمية والتعاون في مجال المياه"}).json()["items"]
    article = next(h for h in hits if h["kind"] == "article")
    assert client.get(f"/api/articles/{article['id']}").json()["article"]["source"] == "upload:visit.txt"
    # URLs go through the fetcher, which refuses private addresses: no probing the local network.
    r = client.post("/api/ingest/urls", json={"urls": ["http://127.0.0.1:9/page"]}, headers=auth)
    assert r.status_code == 200 and r.json()["inputs"] == 1 and sum(r.json()["rejected"].values()) == 1
    assert client.post("/api/ingest/urls", json={"urls": []}, headers=auth).status_code == 422
    assert client.post("/api/ingest/urls", json={"urls": ["http://x/"] * 21}, headers=auth).status_code == 422


# Security --------------------------------------------------------------------------------------------
PAGES = [
    "/",
    "/timeline",
    "/timeline?pair=IRQ-USA",
    "/search?q=بلينكن",
    "/entities/per:fuad-hussein",
    "/docs",
]


def test_csp_and_headers_on_every_response(client: TestClient, call: dict[str, Any], call_story: str) -> None:
    urls = [
        *PAGES,
        f"/events/{call['id']}",
        f"/stories/{call_story}",
        f"/api/stories/{call_story}",
        "/static/style.css",
        "/openapi.json",
        "/api/events",
        "/api/export?format=csv",
        "/no/such/page",
        "/api/events/none",
        "/search?page=0",
        "/lang/en?next=/",
    ]
    fresh = TestClient(client.app)  # /lang sets a cookie: keep it out of the shared client
    for url in urls:
        r = fresh.get(url, follow_redirects=False)
        assert r.headers.get("content-security-policy") == CONTENT_SECURITY_POLICY, url
        assert r.headers.get("x-content-type-options") == "nosniff", url
        assert r.headers.get("x-frame-options") == "DENY", url
    r = client.post("/api/events", content=b"x" * 100_000)
    assert r.status_code == 413 and r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    policy = dict(p.strip().split(" ", 1) for p in CONTENT_SECURITY_POLICY.split(";"))
    assert policy["default-src"] == "'none'" and "script-src" not in policy  # no script at all
    assert "unsafe" not in CONTENT_SECURITY_POLICY


class Tags(HTMLParser):
    """Every tag with its attributes, and the text of <title> and <h1>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, str] = {}
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("title", "h1"):
            self._open = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.text[self._open] = self.text.get(self._open, "") + data


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def test_pages_load_nothing_from_outside_and_run_no_script(
    client: TestClient, call: dict[str, Any], call_story: str
) -> None:
    for url in [
        *PAGES,
        f"/events/{call['id']}",
        f"/articles/{call['articles'][0]}",
        f"/stories/{call_story}",
    ]:
        r = client.get(url)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), url
        tags = parse(r.text)
        assert not [t for t, _ in tags.tags if t in ("script", "iframe", "object", "embed", "base")], url
        for tag, attrs in tags.tags:
            assert not [k for k in attrs if k.startswith("on")], (url, tag, attrs)
            assert "style" not in attrs, (url, tag)  # the CSP forbids inline styles
            for key in ("src", "href", "action"):
                value = attrs.get(key) or ""
                if tag == "a" and key == "href" and "external" in (attrs.get("class") or ""):
                    assert value.startswith(("http://", "https://")), value  # a link out, never loaded
                    continue
                assert not value or value.startswith("/"), (url, tag, key, value)


def test_hostile_text_is_escaped_everywhere(client: TestClient, hostile_article: str) -> None:
    article = client.get(f"/api/articles/{hostile_article}").json()["article"]
    event = article["event"]
    assert event and article["story"]
    pages = [
        f"/articles/{hostile_article}",
        f"/events/{event}",
        f"/stories/{article['story']}",
        "/search?q=التهدئة",
        "/timeline?pair=EGY-SAU",
        "/",
    ]
    for url in pages:
        html = client.get(url).text
        assert "<script" not in html and "<img" not in html, url
        assert "javascript:" not in "".join(str(a.get("href")) for _, a in parse(html).tags), url
    html = client.get(f"/articles/{hostile_article}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert parse(html).text["h1"].strip() == HOSTILE_TITLE  # shown as text, literally
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in html
    event_html = client.get(f"/events/{event}").text
    assert "&lt;img src=x onerror=alert(5)&gt;" in event_html  # the quote
    # The API returns the text as it is, as JSON that a browser never renders as HTML.
    r = client.get(f"/api/articles/{hostile_article}")
    assert r.headers["content-type"] == "application/json" and r.json()["article"]["title"] == HOSTILE_TITLE


def test_request_size_limits(client: TestClient) -> None:
    assert client.get("/api/events", params={"q": "ب" * 1500}).status_code == 414
    assert client.post("/api/events", content=b"x" * (64 * 1024 + 1)).status_code == 413

    def chunks() -> Any:  # no Content-Length: the limit holds on the bytes that actually arrive
        for _ in range(100):
            yield b"x" * 1024

    assert client.post("/api/events", content=chunks()).status_code == 413
    bogus = client.post("/api/events", content=b"", headers={"Content-Length": "nope"})
    assert bogus.status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/static/..%2fpyproject.toml",
        "/static/..%2F..%2Fpyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/....//pyproject.toml",
        "/static/__init__.py",
        "/static/",
        "/static/%00style.css",
    ],
)
def test_no_path_traversal(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404, path
    assert "[project]" not in r.text and "import" not in r.text


def test_static_files(client: TestClient) -> None:
    r = client.get("/static/style.css")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/css")
    assert "@import" not in r.text and "url(" not in r.text  # no fonts or images fetched from anywhere
    assert client.get("/static/favicon.svg").headers["content-type"] == "image/svg+xml"


def test_api_docs_are_offline(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/stories/{story_id}",
        "/api/search",
        "/api/export",
    } <= set(spec["paths"])
    html = client.get("/docs").text
    assert "/api/entities/{entity_id}" in html and "/api/stories/{story_id}" in html
    assert "cdn" not in html.lower()
    assert client.get("/redoc").status_code == 404


# Pages -----------------------------------------------------------------------------------------------
def test_pages_are_arabic_first_with_an_english_switch(client: TestClient) -> None:
    client = TestClient(client.app)  # its own cookie jar
    assert '<html dir="rtl" lang="ar">' in client.get("/").text
    r = client.get("/lang/en", params={"next": "/timeline?pair=IRQ-USA"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/timeline?pair=IRQ-USA"
    assert "lang=en" in r.headers["set-cookie"] and "httponly" in r.headers["set-cookie"].lower()
    english = TestClient(client.app, cookies={"lang": "en"}).get("/timeline?pair=IRQ-USA").text
    assert '<html dir="ltr" lang="en">' in english and "Timeline" in english
    for evil in ("//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"):
        r = client.get("/lang/en", params={"next": evil}, follow_redirects=False)
        assert r.headers["location"] == "/", evil
    assert client.get("/lang/fr", follow_redirects=False).status_code == 404


def test_timeline_chart_links_each_mark_to_its_event(client: TestClient, call: dict[str, Any]) -> None:
    html = client.get("/timeline", params={"pair": "IRQ-USA"}).text
    assert "<svg" in html
    marks = re.findall(
        r'<a class="mark-link" href="(/events/[^"]+)" aria-label="([^"]+)">\s*<circle class="([^"]+)"', html
    )
    assert (f"/events/{call['id']}", "t-CONSULT") in {(href, css.split()[1]) for href, _, css in marks}
    assert any("2024-02-07" in label for _, label, _ in marks)
    assert client.get("/timeline", params={"pair": "IRQ"}).status_code == 400


def test_event_page_shows_sources_with_evidence(client: TestClient, call: dict[str, Any]) -> None:
    html = client.get(f"/events/{call['id']}").text
    assert html.count('<li class="source-article">') == 2
    assert html.count('<mark class="evidence">') == 2
    for text in (
        "المسلة",
        "عين ليبيا",
        "فؤاد حسين",
        "أنتوني بلينكن",
        "تشاور",
        "اتصال هاتفي",
        "Antony Blinken",
    ):
        assert text in html, text
    assert client.get("/events/none").status_code == 404


def test_article_page_marks_entities_and_dates(client: TestClient, call: dict[str, Any]) -> None:
    ids = call["articles"]
    html = "".join(client.get(f"/articles/{a}").text for a in ids)
    assert re.search(r'<mark class="ent ent-PER"><a href="/entities/per:fuad-hussein">[^<]+</a></mark>', html)
    assert re.search(r'<time class="date-mark" datetime="\d{4}(-\d\d){0,2}"', html)


def test_search_page(client: TestClient) -> None:
    html = client.get("/search", params={"q": "فواد"}).text
    assert 'href="/entities/per:fuad-hussein"' in html and "<mark>" in html
    assert "<mark>" not in client.get("/search", params={"q": "zzzzzz"}).text
