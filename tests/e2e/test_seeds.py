"""End to end on the three real seed pages: clean text, split segments, two main events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hadath import pipeline
from hadath.serve import records
from hadath.store import Store


@pytest.fixture(scope="module")
def exported(seeds: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Store(db) as store:
        summary = pipeline.run([str(p) for p in seeds], store)
        recs = list(records(store))
    arts = [r for r in recs if r["type"] == "article"]
    return {
        "summary": summary,
        "articles": {(Path(r["source"]).name[:3], r["segment"]): r for r in arts},
        "events": {r["id"]: r for r in recs if r["type"] == "event"},
        "entities": {r["id"]: r for r in recs if r["type"] == "entity"},
    }


def test_every_page_is_read(exported: dict[str, Any]) -> None:
    assert exported["summary"].inputs == 3
    assert not exported["summary"].rejected


@pytest.mark.parametrize(
    ("page", "keep", "drop"),
    [
        (
            "000",
            [
                "دعا وزير الخارجية العراقي فؤاد حسين",
                "حرصه على استمرار العمل المشترك",
                "وقال بيان الخارجية العراقية إن حسين شدد",
            ],
            [
                "المصدر:",
                "كلمات دلالية",
                "إقرأ أيضاً",
                "مقالات مشابهة",
                "عبدالله بن زايد",
                "كومفورت إيرو",
                "البنك الدولي",
            ],
        ),
        (
            "001",
            ["بغداد/المسلة الحدث", "وفي يوليو تموز منعت واشنطن 14 بنكا عراقيا"],
            ["تاريخ النشر", "المسلة – متابعة", "لايعبّر بالضرورة", "المصدر: المسلة", "هوكستين"],
        ),
        (
            "002",
            ["تحاول حكومة مصطفى الكاظمي", "وسيكون العراق اكبر خاسر", "دعا وزير الخارجية العراقي فؤاد حسين"],
            [
                "زيارة 606",
                "الأعضاء و 1 ضيف",
                "غير متصل",
                "Janan Kawaja",
                "مشاركة: 31632",
                "مشاهدة الملف الشخصي",
                "MEO",
            ],
        ),
    ],
)
def test_main_article_is_clean(exported: dict[str, Any], page: str, keep: list[str], drop: list[str]) -> None:
    text = exported["articles"][(page, 0)]["text"]
    for phrase in keep:
        assert phrase in text
    for phrase in drop:
        assert phrase not in text


def test_metadata_from_text(exported: dict[str, Any]) -> None:
    arts = exported["articles"]
    assert arts[("000", 0)]["outlet"] == "عين ليبيا"
    assert arts[("000", 0)]["published"] is None  # the page carries no date: say so, do not guess
    assert arts[("001", 0)]["outlet"] == "المسلة"
    assert arts[("001", 0)]["published"] == "2024-02-07"
    assert arts[("001", 0)]["title"].startswith("هل تعود المفاوضات لإخراج القوات")
    assert arts[("002", 0)]["title"] == "العراق يحث أميركا على خفض التوتر في المنطقة"
    assert all(a["language"] == "ar" for a in arts.values())


def test_appended_articles_are_split(exported: dict[str, Any]) -> None:
    arts = exported["articles"]
    eg = arts[("000", 1)]
    assert eg["title"] == "وزير الخارجية يستقبل رئيسة مجموعة الأزمات الدولية"
    assert eg["text"].startswith("استقبل سامح شكري وزير الخارجية")
    assert "وفى نهاية اللقاء، أعرب الجانبان" in eg["text"]
    assert "وزير الخارجية يستقبل رئيسة" not in eg["text"]  # the repeated caption lines
    assert "يعرب عن تقديره لدعم البنك الدولي" not in eg["text"]  # the headline list after it
    lb = arts[("001", 1)]
    assert lb["title"].startswith("المبعوث الأمريكي آموس هوكستين")
    assert "عين التينة" in lb["text"]
    assert ("000", 2) not in arts and ("001", 2) not in arts and ("002", 1) not in arts


def _actors(event: dict[str, Any]) -> set[str]:
    return {a["entity"] for a in event["actors"]}


def test_february_2024_call_is_one_event_with_two_outlets(exported: dict[str, Any]) -> None:
    arts = exported["articles"]
    ev_id = arts[("000", 0)]["event"]
    assert ev_id is not None and ev_id == arts[("001", 0)]["event"]
    ev = exported["events"][ev_id]
    assert (ev["plover"], ev["mode"]) == ("CONSULT", "phone")
    assert _actors(ev) == {"per:fuad-hussein", "per:antony-blinken"}
    assert {a["country"] for a in ev["actors"]} == {"IRQ", "USA"}
    assert ev["date"] == "2024-02-07"
    assert sorted(ev["articles"]) == sorted([arts[("000", 0)]["id"], arts[("001", 0)]["id"]])
    assert ev["main"] is True
    assert "phone call" in ev["summary_en"]


def test_january_2021_call_is_another_event(exported: dict[str, Any]) -> None:
    arts = exported["articles"]
    ev_id = arts[("002", 0)]["event"]
    assert ev_id is not None and ev_id != arts[("001", 0)]["event"]
    ev = exported["events"][ev_id]
    assert (ev["plover"], ev["mode"]) == ("CONSULT", "phone")
    assert _actors(ev) == {"per:fuad-hussein", "per:antony-blinken"}
    assert ev["articles"] == [arts[("002", 0)]["id"]]


def test_airstrikes_dated_by_weekday(exported: dict[str, Any]) -> None:
    art = exported["articles"][("001", 0)]
    strikes = [
        e
        for e in exported["events"].values()
        if e["plover"] == "ASSAULT" and art["id"] in e["articles"] and e["mode"] == "aerial"
    ]
    assert len(strikes) == 1
    assert strikes[0]["date"] == "2024-02-02"
    assert next(a for a in strikes[0]["actors"] if a["role"] == "source")["country"] == "USA"


def test_bank_sanctions_request(exported: dict[str, Any]) -> None:
    art = exported["articles"][("001", 0)]
    requests = [
        e for e in exported["events"].values() if e["plover"] == "REQUEST" and art["id"] in e["articles"]
    ]
    treasury = [e for e in requests if e["target"] == "org:us-treasury"]
    assert treasury, [e["summary_en"] for e in requests]
    assert treasury[0]["source"] == "per:fuad-hussein"


def test_blinken_spellings_are_one_entity(exported: dict[str, Any]) -> None:
    blinken = exported["entities"]["per:antony-blinken"]
    assert blinken["name"] == "Antony Blinken"
    texts = {
        m["text"]
        for a in exported["articles"].values()
        for m in a["entities"]
        if m["entity"] == blinken["id"]
    }
    assert {"أنتوني بلينكن", "بلينكن"} <= texts


def test_quotes_have_speakers(exported: dict[str, Any]) -> None:
    quotes = exported["articles"][("000", 0)]["quotes"]
    assert any(
        q["speaker"] == "per:fuad-hussein" and q["text"].startswith("رفض حكومة العراق") for q in quotes
    )
