"""Dates placed from other dates of the text: the same year, the same day again, another event's day,
past clauses that keep a yearless date behind publication, and calendar words that are no date."""

from __future__ import annotations

import csv
import io
from datetime import date
from importlib import resources

import pytest

from hadath.models import DateMention
from hadath.text.dates import find_dates
from hadath.text.normalize import normalize

Expected = list[tuple[str, str | None, str | None]]  # (mention text, value, precision)

TUE = date(2019, 8, 13)  # a Tuesday
SUN = date(2019, 8, 11)  # a Sunday


def _check(text: str, got: list[DateMention], expected: Expected) -> None:
    assert [(m.text, m.value, m.precision) for m in got] == expected
    for mention in got:
        assert text[mention.start : mention.end] == mention.text


SAME_YEAR: list[tuple[str, date, Expected]] = [
    # "من نفس العام" and its variants take the year of the date written before, not of publication.
    (
        "دام الإضراب من 3 مايو 2016 حتى 20 أغسطس من نفس العام",
        TUE,
        [("3 مايو 2016", "2016-05-03", "day"), ("20 أغسطس من نفس العام", "2016-08-20", "day")],
    ),
    (
        "انتخب في 2 مارس 2012 واستقال في 9 أكتوبر من العام نفسه",
        TUE,
        [("2 مارس 2012", "2012-03-02", "day"), ("9 أكتوبر من العام نفسه", "2012-10-09", "day")],
    ),
    (
        "وقعت الهدنة عام 2017 ثم انهارت في نوفمبر من السنة ذاتها",
        TUE,
        [("عام 2017", "2017", "year"), ("نوفمبر من السنة ذاتها", "2017-11", "month")],
    ),
    (
        "افتتح المصنع في 5 يناير 2014، وفي العام ذاته أغلق",
        TUE,
        [("5 يناير 2014", "2014-01-05", "day"), ("العام ذاته", "2014", "year")],
    ),
    # A relative year counts as a year written before.
    (
        "بدأت المحاكمة العام الماضي وانتهت في 30 سبتمبر من ذات العام",
        TUE,
        [("العام الماضي", "2018", "year"), ("30 سبتمبر من ذات العام", "2018-09-30", "day")],
    ),
    # Only a date whose year is written (or a named year) anchors it: "أمس", a weekday or a day placed
    # by the window in between do not.
    (
        "في فبراير 2012 بدأ الاعتصام. وقال المتحدث أمس إن المطالب لم تتغير. وفي يونيو من نفس العام فض",
        TUE,
        [
            ("فبراير 2012", "2012-02", "month"),
            ("أمس", "2019-08-12", "day"),
            ("يونيو من نفس العام", "2012-06", "month"),
        ],
    ),
    (
        "أغلق المصنع عام 2010 وأكد مديره الأحد أن العمال سيعودون في 5 سبتمبر، وفي العام ذاته أفلس",
        TUE,
        [
            ("عام 2010", "2010", "year"),
            ("الأحد", "2019-08-11", "day"),
            ("5 سبتمبر", "2019-09-05", "day"),
            ("العام ذاته", "2010", "year"),
        ],
    ),
    # A year placed from "نفس العام" passes it on.
    (
        "انتخب في مارس 2009 وفي مايو من العام نفسه شكل حكومته. "
        "وقال اليوم إنه استقال في 3 أكتوبر من العام ذاته",
        TUE,
        [
            ("مارس 2009", "2009-03", "month"),
            ("مايو من العام نفسه", "2009-05", "month"),
            ("اليوم", "2019-08-13", "day"),
            ("3 أكتوبر من العام ذاته", "2009-10-03", "day"),
        ],
    ),
    # With no written year before it, the phrase alone cannot be placed; a month with it keeps the year of
    # the window around publication, not of "أمس".
    ("وفي العام نفسه أغلق المصنع", TUE, [("العام نفسه", None, None)]),
    (
        "وقال أمس إنه غادر في نوفمبر من العام نفسه",
        TUE,
        [("أمس", "2019-08-12", "day"), ("نوفمبر من العام نفسه", "2018-11", "month")],
    ),
    # "من العام الجاري" is the publication year, as before.
    ("يستمر المعرض حتى 20 أغسطس من العام الجاري", TUE, [("20 أغسطس من العام الجاري", "2019-08-20", "day")]),
    # "الأمين العام نفسه" is the secretary-general himself.
    ("وقال الأمين العام نفسه إن المنظمة", TUE, []),
]


@pytest.mark.parametrize(("text", "published", "expected"), SAME_YEAR)
def test_the_same_year_is_the_year_of_the_date_before(text: str, published: date, expected: Expected) -> None:
    _check(text, find_dates(text, published), expected)


def test_a_day_written_again_without_its_year_keeps_it() -> None:
    text = (
        "استمر الحصار من 2 يونيو 2016 حتى 16 أغسطس من العام نفسه. "
        "ودخلت القوات البلدة الصغيرة الواقعة في شمال الإقليم يوم 16 أغسطس بعد قصف عنيف."
    )
    got = find_dates(text, TUE)
    assert [(m.text, m.value) for m in got] == [
        ("2 يونيو 2016", "2016-06-02"),
        ("16 أغسطس من العام نفسه", "2016-08-16"),
        ("يوم 16 أغسطس", "2016-08-16"),
    ]


RANGES: list[tuple[str, date, Expected]] = [
    # The window alone would put 1 January 141 days ahead, after the end of its own range.
    (
        "وبين الأول من يناير و30 يونيو قتل 900 مدني",
        TUE,
        [("الأول من يناير", "2019-01-01", "day"), ("30 يونيو", "2019-06-30", "day")],
    ),
    (
        "أغلق المعبر من 10 ديسمبر حتى 5 فبراير",
        TUE,
        [("10 ديسمبر", "2018-12-10", "day"), ("5 فبراير", "2019-02-05", "day")],
    ),
    # A range already in order is left alone.
    (
        "يفتح التسجيل من 20 أغسطس إلى 3 سبتمبر",
        TUE,
        [("20 أغسطس", "2019-08-20", "day"), ("3 سبتمبر", "2019-09-03", "day")],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), RANGES)
def test_a_range_starts_before_it_ends(text: str, published: date, expected: Expected) -> None:
    _check(text, find_dates(text, published), expected)


def test_a_day_not_written_before_still_goes_in_the_window() -> None:
    (mention,) = find_dates("ستجرى القرعة يوم 16 أغسطس", TUE)
    assert mention.value == "2019-08-16"


PAST_CLAUSES: list[tuple[str, date, Expected]] = [
    # A past verb of an event before a yearless day and month keeps it on or before publication …
    ("وفضت الشرطة الاعتصام يوم 20 أغسطس", TUE, [("يوم 20 أغسطس", "2018-08-20", "day")]),
    ("اندلعت المواجهات في 2 سبتمبر", TUE, [("2 سبتمبر", "2018-09-02", "day")]),
    ("وصلت البعثة إلى المدينة في 30 أغسطس", TUE, [("30 أغسطس", "2018-08-30", "day")]),
    ("سيطرت القوات على المطار في أكتوبر", TUE, [("أكتوبر", "2018-10", "month")]),
    # … which a day before it already was.
    ("اندلعت المواجهات في 2 أغسطس", TUE, [("2 أغسطس", "2019-08-02", "day")]),
    # Without such a verb the window still reaches ahead.
    ("المواجهات في 2 سبتمبر", TUE, [("2 سبتمبر", "2019-09-02", "day")]),
    # A nearer future word wins, and a reporting clause before "أن" does not make its content past.
    ("وقعت الحكومة اتفاقا ستنفذه في 2 سبتمبر", TUE, [("2 سبتمبر", "2019-09-02", "day")]),
    ("أعلنت الوزارة أن القرعة تجرى في 2 سبتمبر", TUE, [("2 سبتمبر", "2019-09-02", "day")]),
    # Nouns shaped like a past verb are left out of the list ("صوت" is also "voice").
    ("صوت البرلمان في 2 سبتمبر على الميزانية", TUE, [("2 سبتمبر", "2019-09-02", "day")]),
]


# A date belongs to the nearest verb before it. A past verb of an event reaches it only when no imperfect
# verb, future word, "أن" or relative pronoun stands between: these open the date's own clause.
APRIL = date(2015, 4, 10)
GOVERNING_VERB: list[tuple[str, str]] = [
    # The date is when something takes effect or begins: the window keeps it ahead.
    ("أجرت الحكومة تعديلا وزاريا يسري في الأول من مايو", "2015-05-01"),
    ("وقعت الشركتان عقدا يبدأ تنفيذه في 20 مايو", "2015-05-20"),
    ("افتتح الوزير معرضا تنطلق فعالياته في 15 مايو", "2015-05-15"),
    ("أصدرت المحكمة حكمها ويبدأ العمل به في 3 يونيو", "2015-06-03"),
    ("أصدرت الوزارة تعميما سيتم تطبيقه في 3 يونيو", "2015-06-03"),
    ("اجتمع الوزراء وقرروا أن تجرى القرعة في 15 مايو", "2015-05-15"),
    ("اعتقلت الشرطة المشتبه به الذي يمثل أمام القاضي في 20 مايو", "2015-05-20"),
    ("أقر البرلمان قانونا يدخل حيز التنفيذ في 1 يوليو", "2015-07-01"),
    # The date is the past event's own: it stays on or before publication.
    ("اندلعت الاشتباكات في 20 مايو", "2014-05-20"),
    ("اقتحمت القوات البلدة فجر 2 مايو", "2014-05-02"),
    ("قتل ثلاثة جنود في كمين يوم 30 أبريل", "2014-04-30"),
    # Nouns and names shaped like a يـ verb are not verbs ("يوسف", "يوم"), nor is "بيروت".
    ("اعتقلت الشرطة يوسف في 2 مايو", "2014-05-02"),
    ("وصلت البعثة إلى بيروت في 2 مايو", "2014-05-02"),
    # "كان" before an imperfect verb is the past progressive.
    ("كان الوفد يزور المدينة في 2 مايو", "2014-05-02"),
    # The relative clause has its own past verb, nearer than the imperfect one.
    ("يحاكم المتهم بالهجوم الذي وقع في 2 مايو", "2014-05-02"),
]


@pytest.mark.parametrize(("text", "expected"), GOVERNING_VERB)
def test_the_nearest_verb_governs_a_yearless_date(text: str, expected: str) -> None:
    (mention,) = find_dates(text, APRIL)
    assert mention.value == expected


@pytest.mark.parametrize(("text", "published", "expected"), PAST_CLAUSES)
def test_a_past_clause_keeps_a_yearless_date_behind_publication(
    text: str, published: date, expected: Expected
) -> None:
    _check(text, find_dates(text, published), expected)


ANCHORS: list[tuple[str, date, Expected]] = [
    # "بعد يوم من" + an event counts from that event: unknown here, so no value …
    ("وقال الوزير بعد يومين من سقوط الطائرة إن", TUE, [("بعد يومين", None, None)]),
    ("قبل يوم من افتتاح المؤتمر", TUE, [("قبل يوم", None, None)]),
    # … unless the event's own date is in the phrase; that date stays a mention of its own.
    (
        "وقال الوزير بعد يوم من هجوم الأحد إن",
        TUE,
        [("بعد يوم", "2019-08-12", "day"), ("الأحد", "2019-08-11", "day")],
    ),
    (
        "وصل الوفد قبل يومين من قمة 20 أغسطس",
        TUE,
        [("قبل يومين", "2019-08-18", "day"), ("20 أغسطس", "2019-08-20", "day")],
    ),
    (
        "بعد أسبوع من انفجار 2 أغسطس",
        TUE,
        [("بعد أسبوع", "2019-08-09", "day"), ("2 أغسطس", "2019-08-02", "day")],
    ),
    # A date in another clause is not the event's.
    (
        "بعد يومين من الهجوم الذي وقع الأحد",
        TUE,
        [("بعد يومين", None, None), ("الأحد", "2019-08-11", "day")],
    ),
    # "عشية" (the eve of) and "غداة" (the day after) an event.
    ("وقال عشية الانتخابات إن", TUE, [("عشية", None, None)]),
    ("وتظاهر الآلاف غداة الهجوم", TUE, [("غداة", None, None)]),
    ("وتظاهر الآلاف غداة هجوم الأحد", TUE, [("غداة", "2019-08-12", "day"), ("الأحد", "2019-08-11", "day")]),
    ("وصل الوزير عشية الأحد", TUE, [("عشية الأحد", "2019-08-10", "day")]),
    # "بين عشية وضحاها" is "overnight".
    ("لا يتغير الوضع بين عشية وضحاها", TUE, []),
    ("لا يتغير الوضع بين عشية أو ضحاها", TUE, []),
]


@pytest.mark.parametrize(("text", "published", "expected"), ANCHORS)
def test_a_day_counted_from_another_event(text: str, published: date, expected: Expected) -> None:
    _check(text, find_dates(text, published), expected)


NOT_DATES: list[tuple[str, date, Expected]] = [
    # "عطلة نهاية الأسبوع" is a leave: returning from it dates nothing.
    ("كان الجنود عائدين من عطلة نهاية الأسبوع", TUE, []),
    ("ألغيت إجازات نهاية الأسبوع", TUE, []),
    # "نهاية الأسبوع" alone is still a week.
    ("يزور الوزير باريس نهاية الأسبوع", TUE, [("نهاية الأسبوع", "2019-08-11", "week")]),
    ("يزور الوزير باريس نهاية الأسبوع المقبل", TUE, [("نهاية الأسبوع المقبل", "2019-08-18", "week")]),
]


@pytest.mark.parametrize(("text", "published", "expected"), NOT_DATES)
def test_calendar_words_that_are_no_date(text: str, published: date, expected: Expected) -> None:
    _check(text, find_dates(text, published), expected)


def test_the_article_written_apart_from_a_day_number() -> None:
    text = "تعرضت دورية لإطلاق نار يوم الـ3 من أغسطس"
    (mention,) = find_dates(text, TUE)
    assert (mention.text, mention.value) == ("يوم الـ3 من أغسطس", "2019-08-03")


def test_evening_of_a_past_weekday() -> None:
    # Published on a Tuesday, "مساء الجمعة الماضي" is four days before.
    (mention,) = find_dates("أطلق مسلحون النار على دورية مساء الجمعة الماضي", TUE)
    assert (mention.text, mention.value) == ("مساء الجمعة الماضي", "2019-08-09")


def test_the_past_verbs_are_normalised_unique_and_not_future_shaped() -> None:
    raw = (resources.files("hadath") / "data" / "lexicons" / "past_verbs.tsv").read_text(encoding="utf-8")
    words = [row["word"] for row in csv.DictReader(io.StringIO(raw), delimiter="\t")]
    forms = [normalize(w) for w in words]
    assert len(forms) == len(set(forms)) >= 50
    # A form that is also a common noun would push the dates of noun phrases back.
    assert not {normalize(w) for w in ("صوت", "عقد", "حدث", "فجر", "وصل", "دخل")} & set(forms)


def test_the_present_verbs_lexicon_is_normalised_and_unique() -> None:
    raw = (resources.files("hadath") / "data" / "lexicons" / "present_verbs.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(raw), delimiter="\t"))
    forms = [normalize(row["word"]) for row in rows]
    assert len(forms) == len(set(forms))
    assert {row["kind"] for row in rows} == {"verb", "noun"}
    # Listed verbs are the تـ ones (يـ verbs are found by shape); listed nouns are the يـ-shaped ones.
    assert all(normalize(r["word"]).startswith("ت") for r in rows if r["kind"] == "verb")
    assert all(normalize(r["word"]).startswith("ي") for r in rows if r["kind"] == "noun")
    # Masdars shaped like a تـ verb would cut a past verb off its own date.
    assert not {normalize(w) for w in ("تاريخ", "تعديل", "تنفيذ", "تموز", "تشرين")} & set(forms)


REVIEWED: list[tuple[str, date, Expected]] = [
    # "في وقت لاحق" (later) is a time that cannot be placed: a mention with no value.
    ("وفي وقت لاحق، التقى الوزير نظيره", TUE, [("في وقت لاحق", None, None)]),
    # An evening of a past weekday, and a month phrase later on, are two mentions, each resolved.
    (
        "هاجم المسلحون القرية مساء الاربعاء الماضي. وشهدت المنطقة هجمات مماثلة الشهر الماضي",
        TUE,
        [("مساء الاربعاء الماضي", "2019-08-07", "day"), ("الشهر الماضي", "2019-07", "month")],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), REVIEWED)
def test_vague_times_and_neighbouring_weekday_and_month(
    text: str, published: date, expected: Expected
) -> None:
    _check(text, find_dates(text, published), expected)


def test_a_noun_shaped_like_a_ya_verb_with_an_ending_cuts_nothing() -> None:
    # "يدي" (hands) and "يمنيون" are nouns: the past verb before them still governs the date.
    found = find_dates("قتل الجندي على يدي مسلحين في 20 أبريل.", date(2015, 3, 10))
    assert [d.value for d in found] == ["2014-04-20"]
