"""A story's page and API (``/stories/{id}``, ``/api/stories/{id}``) on a small database built by the real
pipeline from records written for this test: four reports of one visit (one a verbatim copy, one without
a URL, one that also mentions a drone strike days before), an unrelated sanctions report, and the hostile
record of conftest."""

from __future__ import annotations

import json
import sqlite3
import warnings
from pathlib import Path
from typing import Any

import pytest

from conftest import HOSTILE, HOSTILE_TITLE
from hadath import pipeline
from hadath.serve.api import create_app
from hadath.store import Store

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

VISIT = (
    "استقبل وزير الخارجية المصري سامح شكري في القاهرة اليوم الثلاثاء نظيره العراقي فؤاد حسين، "
    "وبحث الوزيران العلاقات الثنائية بين البلدين وملف المياه وأمن الحدود والأوضاع في المنطقة.\n\n"
    "وقال شكري إن البلدين يعملان على تعزيز التعاون الاقتصادي وتوسيع التبادل التجاري."
)
RECORDS: list[dict[str, str]] = [
    {
        "id": "nile",
        "url": "https://nile.example/news/1",
        "title": "شكري يستقبل فؤاد حسين في القاهرة",
        "outlet": "صحيفة النيل",
        "published": "2024-05-14",
        "text": VISIT,
    },
    {
        "id": "rafidain",
        "url": "https://rafidain.example/a/2",
        "title": "فؤاد حسين وشكري يبحثان ملف المياه",
        "outlet": "الرافدين اليوم",
        "published": "2024-05-14",
        "text": (
            "بحث وزير الخارجية العراقي فؤاد حسين مع نظيره المصري سامح شكري في القاهرة اليوم الثلاثاء "
            "العلاقات الثنائية وملف المياه وأمن الحدود، خلال زيارة يجريها إلى مصر.\n\n"
            "وأكد حسين أن العراق حريص على تعزيز التعاون الاقتصادي مع مصر وتوسيع التبادل التجاري."
        ),
    },
    {
        "id": "marsad",  # no URL: its source is this id, never a link
        "title": "زيارة وزير الخارجية العراقي إلى القاهرة",
        "outlet": "المرصد",
        "published": "2024-05-15",
        "text": (
            "أجرى وزير الخارجية العراقي فؤاد حسين أمس الثلاثاء زيارة إلى القاهرة التقى خلالها نظيره "
            "المصري سامح شكري، وبحث الجانبان ملف المياه وأمن الحدود والعلاقات الثنائية والتعاون "
            "الاقتصادي.\n\nوتأتي الزيارة بعد أن استهدفت طائرة مسيرة قاعدة عسكرية في أربيل يوم السبت الماضي."
        ),
    },
    {
        "id": "copy",
        "url": "https://copy.example/4",
        "title": "شكري يستقبل فؤاد حسين في القاهرة",
        "outlet": "ناقل الأخبار",
        "published": "2024-05-15",
        "text": VISIT,
    },
    {
        "id": "sanctions",
        "url": "https://gulf.example/5",
        "title": "عقوبات أمريكية على شبكة نفط",
        "outlet": "نبض",
        "published": "2024-05-14",
        "text": (
            "أعلنت وزارة الخزانة الأمريكية اليوم فرض عقوبات جديدة على شبكة لتهريب النفط الإيراني، "
            "وقالت إن الشبكة تمول أنشطة الحرس الثوري الإيراني في المنطقة."
        ),
    },
]
VISIT_IDS = ("nile", "rafidain", "marsad", "copy")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stories")
    records = folder / "records.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in [*RECORDS, HOSTILE]]
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = folder / "stories.db"
    with Store(path) as store:
        pipeline.run([str(records)], store)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


@pytest.fixture(scope="module")
def ids(db: Path) -> dict[str, str]:
    """Record id (``nile``, ``copy``…) → article id."""
    with Store(db) as store:
        by_source = {rec["source"]: rec["id"] for rec in store.articles()}
    return {r["id"]: by_source[r.get("url", r["id"])] for r in RECORDS}


@pytest.fixture(scope="module")
def story(client: TestClient, ids: dict[str, str]) -> dict[str, Any]:
    sid = client.get(f"/api/articles/{ids['nile']}").json()["article"]["story"]
    assert sid
    r = client.get(f"/api/stories/{sid}")
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_the_story_lists_every_report_newest_first(story: dict[str, Any], ids: dict[str, str]) -> None:
    listed = story["articles"]
    assert {a["id"] for a in listed} == {ids[k] for k in VISIT_IDS}  # not the sanctions report
    assert [a["published"] for a in listed] == ["2024-05-15", "2024-05-15", "2024-05-14", "2024-05-14"]
    by_id = {a["id"]: a for a in listed}
    assert by_id[ids["rafidain"]]["outlet"] == "الرافدين اليوم"
    assert by_id[ids["rafidain"]]["url"] == "https://rafidain.example/a/2"
    assert by_id[ids["marsad"]]["url"] is None and by_id[ids["marsad"]]["source"] == "marsad"
    assert by_id[ids["copy"]]["duplicate_of"] == ids["nile"]
    assert story["counts"] == {"articles": 4, "outlets": 4, "events": 1, "mentioned": 1}


def test_the_story_has_its_span_outlets_and_first_title(story: dict[str, Any]) -> None:
    head = story["story"]
    assert (head["first_seen"], head["last_seen"]) == ("2024-05-14", "2024-05-15")
    assert set(head["outlets"]) == {"صحيفة النيل", "الرافدين اليوم", "المرصد", "ناقل الأخبار"}
    # The title of a report of the first day, not of the day after.
    assert head["title"] in {"شكري يستقبل فؤاد حسين في القاهرة", "فؤاد حسين وشكري يبحثان ملف المياه"}


def test_the_story_lists_its_own_events_and_those_it_mentions(story: dict[str, Any]) -> None:
    (visit,) = story["events"]
    assert (visit["plover"], visit["date"], visit["articles"]) == ("CONSULT", "2024-05-14", 4)
    assert {visit["source"]["entity"], visit["target"]["entity"]} == {"per:fuad-hussein", "per:sameh-shoukry"}
    # The drone strike one report recalls is listed apart: it is not what the story is about.
    (strike,) = story["mentioned"]
    assert (strike["plover"], strike["mode"], strike["date"], strike["articles"]) == (
        "ASSAULT",
        "drone",
        "2024-05-11",
        1,
    )


def test_articles_and_events_name_their_story(
    client: TestClient, story: dict[str, Any], ids: dict[str, str]
) -> None:
    sid = story["story"]["id"]
    for key in VISIT_IDS:
        assert client.get(f"/api/articles/{ids[key]}").json()["article"]["story"] == sid, key
    other = client.get(f"/api/articles/{ids['sanctions']}").json()["article"]["story"]
    assert other and other != sid
    for ev in story["events"] + story["mentioned"]:
        assert client.get(f"/api/events/{ev['id']}").json()["stories"] == [sid]


def test_unknown_story_is_404(client: TestClient) -> None:
    r = client.get("/api/stories/s0000000000000000")
    assert r.status_code == 404 and r.json() == {"detail": "no story s0000000000000000"}
    page = client.get("/stories/s0000000000000000")
    assert page.status_code == 404 and 'dir="rtl"' in page.text


def test_story_page_renders_the_reports_and_events(
    client: TestClient, story: dict[str, Any], ids: dict[str, str]
) -> None:
    sid = story["story"]["id"]
    html = client.get(f"/stories/{sid}").text
    assert '<html dir="rtl" lang="ar">' in html
    rows = html.split('<tr class="story-article">')[1:]
    assert len(rows) == 4
    # Newest first: the two reports of 15 May, then those of 14 May.
    assert all("2024-05-15" in r for r in rows[:2]) and all("2024-05-14" in r for r in rows[2:])
    for key in VISIT_IDS:
        assert f'href="/articles/{ids[key]}"' in html, key
    assert 'href="https://nile.example/news/1"' in html and 'href="https://copy.example/4"' in html
    assert "عقوبات أمريكية على شبكة نفط" not in html
    own, mentioned = html.split('id="mentioned"')
    assert f'href="/events/{story["events"][0]["id"]}"' in own
    assert f'href="/events/{story["mentioned"][0]["id"]}"' in mentioned
    assert 'id="n-articles">4<' in html and 'id="n-events">1<' in html and 'id="n-mentioned">1<' in html


def test_article_and_event_pages_link_to_the_story(
    client: TestClient, story: dict[str, Any], ids: dict[str, str]
) -> None:
    link = f'href="/stories/{story["story"]["id"]}"'
    assert link in client.get(f"/articles/{ids['marsad']}").text
    assert link in client.get(f"/events/{story['events'][0]['id']}").text


def test_hostile_story_is_escaped(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "التهدئة ووقف إطلاق النار الوزيرين"}).json()["items"]
    article = next(h["id"] for h in hits if h["kind"] == "article" and h["label"] == HOSTILE_TITLE)
    sid = client.get(f"/api/articles/{article}").json()["article"]["story"]
    html = client.get(f"/stories/{sid}").text
    assert "<script" not in html and "<img" not in html and "javascript:" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html  # the outlet


def test_export_a_story(client: TestClient, story: dict[str, Any]) -> None:
    sid = story["story"]["id"]
    lines = client.get("/api/export", params={"story": sid}).text.splitlines()
    recs = [json.loads(x) for x in lines]
    assert [r["type"] for r in recs] == ["article"] * 4 + ["event"] * 2
    events = [e["id"] for e in story["events"] + story["mentioned"]]
    assert [r["id"] for r in recs][4:] == events  # its own events first
    assert {r["id"] for r in recs[:4]} == {a["id"] for a in story["articles"]}
    assert f"/api/export?format=csv&amp;story={sid}" in client.get(f"/stories/{sid}").text


def test_the_endpoint_is_documented(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "story" in spec["paths"]["/api/stories/{story_id}"]["get"]["description"]
    assert "story" in {p["name"] for p in spec["paths"]["/api/export"]["get"]["parameters"]}
    assert "/api/stories/{story_id}" in client.get("/docs").text


def test_a_database_from_before_the_event_index_is_filled_on_opening(db: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    old.write_bytes(db.read_bytes())
    with sqlite3.connect(old) as conn:
        sid = conn.execute("SELECT story FROM stories LIMIT 1").fetchone()[0]
        conn.execute("DROP TABLE event_articles")
    with Store(db) as store:
        expected = store.story_events(sid)
    with Store(old) as store:
        assert store.story_events(sid) == expected and (expected[0] or expected[1])
