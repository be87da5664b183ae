"""Event resolution on hand-built mentions: same event across outlets, different days apart."""

from __future__ import annotations

from hadath.models import Actor, EventMention
from hadath.resolve import ArticleText, resolve, resolve_stories

CALL = (
    "اتصال هاتفي بين وزير الخارجية العراقي ونظيره الأمريكي لبحث مستقبل التحالف الدولي والعقوبات على المصارف"
)
OTHER = "زيارة رئيس الوزراء إلى أنقرة لبحث مشروع طريق التنمية والمياه والطاقة مع الرئيس التركي"


def mention(
    mid: str,
    article: str,
    date: str | None,
    source: str = "per:a",
    target: str = "per:b",
    plover: str = "CONSULT",
    mode: str | None = "phone",
    main: bool = True,
) -> EventMention:
    actors = (
        Actor(source, "A", "أ", "IRQ", "GOV", "source"),
        Actor(target, "B", "ب", "USA", "GOV", "target"),
    )
    return EventMention(
        id=mid,
        article=article,
        plover=plover,
        mode=mode,
        cameo="041",
        date=date,
        date_precision="day" if date else None,
        place=None,
        actors=actors,
        source=source,
        target=target,
        evidence="…",
        context=(),
        main=main,
        confidence=0.9,
    )


def test_two_outlets_one_call_and_direction_does_not_matter() -> None:
    ms = [
        mention("m1", "a1", "2024-02-07"),
        mention("m2", "a2", "2024-02-08", source="per:b", target="per:a"),
    ]
    events = resolve(ms, [ArticleText("a1", CALL), ArticleText("a2", CALL)])
    assert len(events) == 1
    assert set(events[0].articles) == {"a1", "a2"}
    assert events[0].date == "2024-02-07"


def test_same_people_different_days_are_different_events() -> None:
    ms = [mention("m1", "a1", "2021-01-28"), mention("m2", "a2", "2021-07-23")]
    assert len(resolve(ms, [ArticleText("a1", CALL), ArticleText("a2", CALL)])) == 2


def test_undated_article_joins_by_content_and_takes_the_date() -> None:
    ms = [mention("m1", "a1", "2024-02-07"), mention("m2", "a2", None), mention("m3", "a3", None)]
    arts = [ArticleText("a1", CALL), ArticleText("a2", CALL + " اليوم"), ArticleText("a3", OTHER)]
    events = resolve(ms, arts)
    joined = next(e for e in events if "a1" in e.articles)
    assert set(joined.articles) == {"a1", "a2"} and joined.date == "2024-02-07"
    assert any(e.articles == ("a3",) and e.date is None for e in events)


def test_type_and_mode_must_agree() -> None:
    ms = [
        mention("m1", "a1", "2024-02-07"),
        mention("m2", "a2", "2024-02-07", mode="visit"),
        mention("m3", "a3", "2024-02-07", plover="REQUEST", mode=None),
    ]
    arts = [ArticleText(a, CALL) for a in ("a1", "a2", "a3")]
    assert len(resolve(ms, arts)) == 3


def test_order_does_not_change_the_result() -> None:
    ms = [mention("m1", "a1", "2024-02-07"), mention("m2", "a2", None), mention("m3", "a3", "2024-02-08")]
    arts = [ArticleText("a1", CALL), ArticleText("a2", CALL), ArticleText("a3", CALL)]
    assert resolve(ms, arts) == resolve(list(reversed(ms)), list(reversed(arts)))


SHIP = "وصول سفينة مساعدات إغاثية إلى ميناء عدن محملة بالأدوية والمواد الغذائية للمتضررين من الحرب"
SHIP_AGAIN = "سفينة مساعدات إغاثية تصل ميناء عدن وعلى متنها أدوية ومواد غذائية للمتضررين"
FIRE = "الدفاع المدني يخمد حريقا في مستودع للأخشاب بالمنطقة الصناعية دون إصابات"


def test_articles_without_events_group_by_story() -> None:
    arts = [
        ArticleText("a1", SHIP, "2015-07-26"),
        ArticleText("a2", SHIP_AGAIN, "2015-07-27"),
        ArticleText("a3", FIRE, "2015-07-26"),
        ArticleText("a4", CALL, "2015-07-26"),
    ]
    story = resolve_stories([], arts).story_of
    assert story["a1"] == story["a2"]
    assert len({story["a1"], story["a3"], story["a4"]}) == 3


def test_story_needs_the_same_news_cycle() -> None:
    arts = [ArticleText("a1", SHIP, "2015-07-20"), ArticleText("a2", SHIP_AGAIN, "2015-07-27")]
    story = resolve_stories([], arts).story_of
    assert story["a1"] != story["a2"]


def test_coded_event_absorbs_uncoded_report_of_its_story() -> None:
    ms = [mention("m1", "a1", "2024-02-07"), mention("m2", "a2", "2024-02-07")]
    arts = [
        ArticleText("a1", CALL, "2024-02-07"),
        ArticleText("a2", CALL + " اليوم", "2024-02-07"),
        ArticleText("a3", CALL + " وأكد الوزيران", "2024-02-08"),
        ArticleText("a4", OTHER, "2024-02-07"),
    ]
    result = resolve_stories(ms, arts)
    (event,) = result.events
    assert event.joined == ("a3",) and set(event.articles) == {"a1", "a2", "a3"}
    assert result.story_of["a3"] == result.story_of["a1"] != result.story_of["a4"]


def test_same_actors_different_days_stay_apart_even_as_stories() -> None:
    ms = [
        mention("m1", "a1", "2021-01-28"),
        mention("m2", "a2", "2021-01-28"),
        mention("m3", "a3", "2021-02-20"),
    ]
    arts = [
        ArticleText(a, CALL, p) for a, p in (("a1", "2021-01-28"), ("a2", "2021-01-28"), ("a3", "2021-01-29"))
    ]
    result = resolve_stories(ms, arts)
    assert len(result.events) == 2
    assert result.story_of["a1"] == result.story_of["a2"] != result.story_of["a3"]


def test_attacks_without_actors_need_the_same_story_not_just_the_day() -> None:
    attack = dict(source="", target="", plover="ASSAULT", mode=None)
    ms = [
        mention("m1", "a1", "2015-07-26", **attack),
        mention("m2", "a2", "2015-07-26", **attack),
        mention("m3", "a3", "2015-07-26", **attack),
    ]
    raid = "غارة جوية على مخزن أسلحة في صعدة ودمار كبير في المخزن"
    arts = [
        ArticleText("a1", raid, "2015-07-26"),
        ArticleText("a2", raid + " اليوم", "2015-07-26"),
        ArticleText("a3", FIRE, "2015-07-26"),
    ]
    events = resolve(ms, arts)
    assert sorted(len(e.articles) for e in events) == [1, 2]


def test_different_types_in_one_story_stay_separate_events() -> None:
    ms = [mention("m1", "a1", "2024-02-07"), mention("m2", "a2", "2024-02-07", plover="REQUEST", mode=None)]
    arts = [ArticleText("a1", CALL, "2024-02-07"), ArticleText("a2", CALL, "2024-02-07")]
    result = resolve_stories(ms, arts)
    assert sorted(e.plover for e in result.events) == ["CONSULT", "REQUEST"]
    assert result.story_of["a1"] == result.story_of["a2"]
