"""One event per real-world event inside an article: later sentences that restate an event are merged into
it, and lend it what it lacked; sentences that report another event of the same type are kept apart."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hadath import language
from hadath.events import code_article
from hadath.models import EventMention
from hadath.pipeline import code_text, text_article

LEAD = "قتل ثلاثة من رجال الشرطة التركية في هجوم في ديار بكر أمس."


def attacks(text: str) -> list[EventMention]:
    # Patterns alone: the sentence classifier's veto is measured by the GSR benchmark.
    analysis = language.analyse(text_article(text, "2015-08-10"))
    return [e for e in code_article(analysis, classifiers={}) if e.plover == "ASSAULT"]


def test_a_restatement_lends_the_event_its_named_attacker() -> None:
    found = attacks(LEAD + " وتبنى حزب العمال الكردستاني الهجوم على الشرطة التركية.")
    assert [(e.source, e.target, e.date, e.place) for e in found] == [
        ("org:pkk", "agt:cop:tur:police", "2015-08-09", "Diyarbakır")
    ]


@pytest.mark.parametrize(
    "second",
    [
        # Announced as another incident.
        "وفي حادث منفصل، قتل جندي في هجوم شنه مسلحون.",
        # Somewhere else.
        "وقتل جندي في هجوم شنه مسلحون في ماردين.",
        # Two new sides: another attack, not the first one's attacker and victim.
        "وهاجمت قوات البيشمركة مواقع تنظيم داعش قرب كركوك.",
    ],
)
def test_another_attack_in_the_same_article_stays_apart(second: str) -> None:
    found = attacks(LEAD + " " + second)
    assert len(found) == 2
    assert found[0].target == "agt:cop:tur:police" and found[0].date == "2015-08-09"


def test_a_victim_named_before_the_attack_that_killed_him() -> None:
    # "قتل جندي في هجوم شنه مسلحون": the soldier was killed; the gunmen carried the attack out.
    found = attacks("قتل جندي في هجوم شنه مسلحون في ماردين.")
    assert found and (found[0].source, found[0].target) == ("agt:ins:unk:gunmen", "agt:mil:unk:soldiers")


def test_the_main_event_takes_the_day_it_was_reported_before_the_news_day() -> None:
    # The page went out a day after the source spoke: "أمس" of the saying is nearer the event.
    found = attacks("قال مصدر أمني أمس إن مسلحين هاجموا نقطة للجيش في سيناء.")
    assert found and found[0].main and found[0].date == "2015-08-09"


def _main(title: str, text: str) -> EventMention:
    analysis = language.analyse(replace(text_article(text, "2015-08-10"), title=title))
    return next(e for e in code_article(analysis, classifiers={}) if e.main)


def test_the_headline_picks_the_main_event_unless_it_was_said_in_the_call() -> None:
    lead = (
        "وصل الرئيس التركي رجب طيب أردوغان إلى جاكرتا في زيارة رسمية. "
        "واتهم أردوغان المعارضة بنشر دعاية كاذبة عن بلاده."
    )
    assert _main("أردوغان يتهم المعارضة بنشر دعاية كاذبة", lead).plover == "ACCUSE"
    assert _main("أردوغان يصل إلى جاكرتا", lead).plover == "CONSULT"
    call = (
        "أجرى وزير الخارجية العراقي فؤاد حسين اتصالا هاتفيا مع وزير الخارجية الأمريكي أنتوني بلينكن. "
        "وطالب حسين الولايات المتحدة بخفض التوتر في المنطقة."
    )
    assert _main("العراق يطالب أمريكا بخفض التوتر", call).mode == "phone"


@pytest.mark.parametrize(
    ("text", "plover", "count"),
    [
        # A statement's object is no actor: two condemnations by one side are two.
        (
            "أدانت السعودية الهجوم على مسجد في الكويت. "
            "وأدانت السعودية أيضا الاعتداء على كنيسة في الإسكندرية.",
            "ACCUSE",
            2,
        ),
        # One side of the second meeting is no actor: it is no restatement of the first.
        (
            "التقى الرئيس المصري عبد الفتاح السيسي الملك عبد الله الثاني في القاهرة. "
            "والتقى السيسي مجموعة من المستثمرين.",
            "CONSULT",
            2,
        ),
    ],
)
def test_statements_and_meetings_of_one_side_are_not_merged(text: str, plover: str, count: int) -> None:
    analysis = language.analyse(text_article(text, "2015-08-10"))
    assert len([e for e in code_article(analysis, classifiers={}) if e.plover == plover]) == count


def test_a_headline_occasion_does_not_pick_the_main_event() -> None:
    text = (
        "وصل وزير الخارجية الإيراني محمد جواد ظريف إلى بغداد في زيارة رسمية. "
        "وكان انتحاري قد فجر نفسه في سوق ببغداد قبل يومين."
    )
    assert _main("ظريف في بغداد بعد يومين من تفجير انتحاري", text).plover == "CONSULT"


def test_the_reporting_day_is_the_day_a_verb_of_saying_carries() -> None:
    # "الجمعة" is the attack's, not the day the minister spoke: the arrest does not take it.
    text = "عقب أحداث الجمعة في الإسكندرية، قال وزير الداخلية المصري إن قوات الأمن اعتقلت خمسة مشتبه بهم."
    arrests = [
        e
        for e in code_article(language.analyse(text_article(text, "2015-08-10")), classifiers={})
        if e.plover == "COERCE"
    ]
    assert arrests and arrests[0].main and arrests[0].date == "2015-08-10"


def test_a_separate_incident_takes_the_news_day_and_a_pluperfect_is_background() -> None:
    lead = "قتل ثلاثة جنود أتراك في هجوم شنه مسلحون في ديار بكر ليلة الجمعة."
    found = attacks(lead + " وفي حادث منفصل، قتل شرطي في هجوم شنه مسلحون في هكاري.")
    assert [(e.target, e.date) for e in found] == [
        ("agt:mil:tur:soldiers", "2015-08-07"),
        ("agt:cop:tur:police", "2015-08-07"),
    ]
    found = attacks(lead + " وكانت الطائرات التركية قد قصفت مواقع حزب العمال الكردستاني في العراق.")
    assert found[1].context == ("historical",) and found[1].date is None and not found[1].main


def test_only_another_incident_takes_the_news_day() -> None:
    text = (
        "قتل عشرة أشخاص في هجوم شنته بوكو حرام على قرية في ولاية يوبي مساء الأربعاء. "
        "واختطفت بوكو حرام آلاف المدنيين."
    )
    found = attacks(text)
    assert [e.date for e in found] == ["2015-08-05", None]


def test_a_dated_pluperfect_is_as_old_as_its_date() -> None:
    text = "وكانت السلطات السورية قد أفرجت الاثنين عن الناشط مازن درويش."
    releases = [e for e in code_text(text, "2015-08-11").events if e.plover == "RETREAT"]
    assert releases and releases[0].context == () and releases[0].date == "2015-08-10"


def test_kama_carries_the_subject_on() -> None:
    text = "هددت الولايات المتحدة النظام السوري أمس الاثنين، كما فرضت عقوبات جديدة على الحكومة السورية."
    sanctions = [e for e in code_text(text, "2015-08-04").events if e.plover == "SANCTION"]
    assert sanctions and sanctions[0].source == "loc:usa"


@pytest.mark.parametrize(
    "text",
    [
        # "عبر" is "via"; a concern about someone else's support or rejection is no support or rejection.
        "وصلت المساعدات عبر الأراضي التركية لدعم اللاجئين.",
        "أعربت السعودية عن قلقها من دعم إيران للحوثيين.",
        # A quoted deed is a claim about it, not the reporter's event.
        'وقال الحوثيون "شنت طائرات التحالف غارات على صنعاء".',
    ],
)
def test_no_event_from_a_preposition_another_ones_act_or_a_quoted_deed(text: str) -> None:
    assert not [
        e for e in code_text(text, "2015-08-10").events if e.plover in ("SUPPORT", "REJECT", "ASSAULT")
    ]


def test_a_concern_about_a_rejection_is_the_rejecters() -> None:
    events = code_text("أعربت الأمم المتحدة عن قلقها من رفض إسرائيل للقرار.", "2015-08-10").events
    assert [(e.plover, e.source) for e in events if e.plover == "REJECT"] == [("REJECT", "loc:isr")]


def test_a_statement_repeated_by_its_author_is_one() -> None:
    text = (
        "أدانت الإمارات العربية المتحدة بشدة الهجوم الإرهابي على مسجد في الكويت. "
        "وقال وزير الدولة للشؤون الخارجية إن الإمارات تدين هذا العمل الجبان."
    )
    analysis = language.analyse(text_article(text, "2015-08-10"))
    assert len([e for e in code_article(analysis, classifiers={}) if e.plover == "ACCUSE"]) == 1


def test_the_deeds_own_date_is_not_the_statements() -> None:
    text = "أعلن الجيش مقتل تسعة جنود مساء الجمعة في هجوم شنه مسلحون، في بيان نشره الأحد."
    attacks_ = [e for e in code_text(text, "2015-07-20").events if e.plover == "ASSAULT"]
    assert attacks_ and attacks_[0].date == "2015-07-17"


def test_a_headline_occasion_ends_at_a_stop() -> None:
    text = "اعتقلت الشرطة الفرنسية خمسة أشخاص في باريس. وأدانت الحكومة الفرنسية الهجوم على السفارة."
    assert _main("بعد الهجوم على السفارة.. الشرطة الفرنسية تعتقل خمسة أشخاص", text).plover == "COERCE"
