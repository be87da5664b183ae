"""Tests for the Arabic temporal-expression grammar (hadath.text.dates)."""

from __future__ import annotations

import csv
import io
import itertools
import time
from datetime import date, datetime
from importlib import resources

import pytest

from hadath.models import DateMention
from hadath.text.dates import find_dates, hijri_to_gregorian, parse_date
from hadath.text.normalize import normalize

WED = date(2024, 2, 7)  # a Wednesday
MON = date(2024, 7, 1)  # a Monday

Expected = list[tuple[str, str | None, str | None]]  # (mention text, value, precision)


def _check(text: str, got: list[DateMention], expected: Expected) -> None:
    assert [(m.text, m.value, m.precision) for m in got] == expected
    cursor = 0
    for mention, (surface, _, _) in zip(got, expected, strict=True):
        start = text.index(surface, cursor)
        assert (mention.start, mention.end) == (start, start + len(surface))
        assert text[mention.start : mention.end] == mention.text
        cursor = mention.end


CASES: list[tuple[str, date | None, Expected]] = [
    # The brief's examples.
    (
        "وشن الجيش الأمريكي غارات جوية يوم الجمعة في كل من العراق وسوريا",
        WED,
        [("يوم الجمعة", "2024-02-02", "day")],
    ),
    (
        "وبدأت المحادثات بين البلدين في يناير كانون الثاني، لكن",
        WED,
        [("يناير كانون الثاني", "2024-01", "month")],
    ),
    ("وفي يوليو تموز منعت واشنطن 14 بنكا", WED, [("يوليو تموز", "2023-07", "month")]),
    ("الذي سيطر في عام 2014 على أجزاء", WED, [("عام 2014", "2014", "year")]),
    ("وللولايات المتحدة 2500 جندي", WED, []),
    ("وسجل الفريق 85 هدفا", WED, []),
    ("مطلع 2020", WED, [("مطلع 2020", "2020", "year")]),
    ("مطلع عام 2020", WED, [("مطلع عام 2020", "2020", "year")]),
    ("نهاية عام 2011", WED, [("نهاية عام 2011", "2011", "year")]),
    ("في أوائل 2020", WED, [("أوائل 2020", "2020", "year")]),
    ("منتصف 2020", WED, [("منتصف 2020", "2020", "year")]),
    ("أواخر 2020", WED, [("أواخر 2020", "2020", "year")]),
    ("العام 2014", WED, [("العام 2014", "2014", "year")]),
    ("سنة 2011", WED, [("سنة 2011", "2011", "year")]),
    ("في 2020", WED, [("2020", "2020", "year")]),
    ("منذ 2014", WED, [("2014", "2014", "year")]),
    (
        "اليوم الإثنين الموافق 1 يوليو الجاري",
        MON,
        [("اليوم الإثنين الموافق 1 يوليو الجاري", "2024-07-01", "day")],
    ),
    ("اليوم الإثنين الموافق 1 يوليو الجاري", None, [("اليوم الإثنين الموافق 1 يوليو الجاري", None, None)]),
    ("العاشر من اكتوبر المقبل", WED, [("العاشر من اكتوبر المقبل", "2024-10-10", "day")]),
    ("سبتمبر الماضي", WED, [("سبتمبر الماضي", "2023-09", "month")]),
    ("أكتوبر المقبل", WED, [("أكتوبر المقبل", "2024-10", "month")]),
    ("أكتوبر القادم", date(2024, 10, 5), [("أكتوبر القادم", "2025-10", "month")]),
    ("يوليو الجاري", MON, [("يوليو الجاري", "2024-07", "month")]),
    ("يوليو الحالي", MON, [("يوليو الحالي", "2024-07", "month")]),
    ("منذ ثلاثة أيام", WED, [("منذ ثلاثة أيام", "2024-02-04", "day")]),
    ("أمس الثلاثاء", WED, [("أمس الثلاثاء", "2024-02-06", "day")]),
    ("الخميس", None, [("الخميس", None, None)]),
    ("في 15 آذار/مارس 2023", WED, [("15 آذار/مارس 2023", "2023-03-15", "day")]),
    ("12 جويلية 2023", WED, [("12 جويلية 2023", "2023-07-12", "day")]),
    ("قال الأب إن ابنه اعتقل", WED, []),
    ("هو أب لثلاثة أطفال", WED, []),
    # Month names of every system; double forms are one mention.
    ("كانون الثاني/يناير 2024", WED, [("كانون الثاني/يناير 2024", "2024-01", "month")]),
    ("تموز (يوليو)", WED, [("تموز (يوليو)", "2023-07", "month")]),
    ("في شباط/فبراير", WED, [("شباط/فبراير", "2024-02", "month")]),
    ("7 فبراير 2024", None, [("7 فبراير 2024", "2024-02-07", "day")]),
    ("7 فبراير، 2024", None, [("7 فبراير، 2024", "2024-02-07", "day")]),
    ("٧ فبراير ٢٠٢٤", None, [("٧ فبراير ٢٠٢٤", "2024-02-07", "day")]),
    ("1 يوليو الجاري", MON, [("1 يوليو الجاري", "2024-07-01", "day")]),
    ("3 أيار 2023", WED, [("3 أيار 2023", "2023-05-03", "day")]),
    ("20 حزيران 2023", WED, [("20 حزيران 2023", "2023-06-20", "day")]),
    ("9 أيلول 2023", WED, [("9 أيلول 2023", "2023-09-09", "day")]),
    ("2 تشرين الأول 2023", WED, [("2 تشرين الأول 2023", "2023-10-02", "day")]),
    ("5 تشرين الثاني 2023", WED, [("5 تشرين الثاني 2023", "2023-11-05", "day")]),
    ("25 كانون الأول 2023", WED, [("25 كانون الأول 2023", "2023-12-25", "day")]),
    ("1 نيسان 2023", WED, [("1 نيسان 2023", "2023-04-01", "day")]),
    ("4 إبريل 2023", WED, [("4 إبريل 2023", "2023-04-04", "day")]),
    ("10 يونيه 2023", WED, [("10 يونيه 2023", "2023-06-10", "day")]),
    ("11 يوليه 2023", WED, [("11 يوليه 2023", "2023-07-11", "day")]),
    ("30 اغسطس 2023", WED, [("30 اغسطس 2023", "2023-08-30", "day")]),
    ("15 جانفي 2024", WED, [("15 جانفي 2024", "2024-01-15", "day")]),
    ("3 فيفري 2024", WED, [("3 فيفري 2024", "2024-02-03", "day")]),
    ("8 أفريل 2023", WED, [("8 أفريل 2023", "2023-04-08", "day")]),
    ("1 ماي 2023", WED, [("1 ماي 2023", "2023-05-01", "day")]),
    ("5 جوان 2023", WED, [("5 جوان 2023", "2023-06-05", "day")]),
    ("20 أوت 2023", WED, [("20 أوت 2023", "2023-08-20", "day")]),
    # The short names "ماي" and "آب" only with context.
    ("شهر آب", WED, [("شهر آب", "2023-08", "month")]),
    ("آب الماضي", WED, [("آب الماضي", "2023-08", "month")]),
    ("15 آب", WED, [("15 آب", "2023-08-15", "day")]),
    ("آب/أغسطس 2023", WED, [("آب/أغسطس 2023", "2023-08", "month")]),
    ("ماي 2023", WED, [("ماي 2023", "2023-05", "month")]),
    ("قالت ماي إن", WED, []),
    # "مارس" is also a verb: a month only with context.
    ("وقد مارس الضغط على الحكومة", WED, []),
    ("في مارس", WED, [("مارس", "2024-03", "month")]),
    ("مارس 2011", WED, [("مارس 2011", "2011-03", "month")]),
    # Numeric dates, day first when the year is last.
    ("2024/02/07", None, [("2024/02/07", "2024-02-07", "day")]),
    ("07-02-2024", None, [("07-02-2024", "2024-02-07", "day")]),
    ("2024-02-07", None, [("2024-02-07", "2024-02-07", "day")]),
    ("07/02/2024", None, [("07/02/2024", "2024-02-07", "day")]),
    ("٠٧/٠٢/٢٠٢٤", None, [("٠٧/٠٢/٢٠٢٤", "2024-02-07", "day")]),
    ("1/2/3/2024", None, []),
    # Ordinal day words.
    ("العاشر من اكتوبر", WED, [("العاشر من اكتوبر", "2023-10-10", "day")]),
    ("الحادي عشر من سبتمبر", WED, [("الحادي عشر من سبتمبر", "2023-09-11", "day")]),
    ("الثالث والعشرين من يناير", WED, [("الثالث والعشرين من يناير", "2024-01-23", "day")]),
    ("الحادي والثلاثون من ديسمبر 2023", WED, [("الحادي والثلاثون من ديسمبر 2023", "2023-12-31", "day")]),
    ("في الأول من أغسطس", WED, [("الأول من أغسطس", "2023-08-01", "day")]),
    ("في الخامس من الشهر الجاري", WED, [("الخامس من الشهر الجاري", "2024-02-05", "day")]),
    ("في اليوم الأول من الحرب", WED, []),
    # Weekdays: most recent on or before publication; "المقبل" looks forward.
    ("يوم الجمعة", WED, [("يوم الجمعة", "2024-02-02", "day")]),
    ("الجمعة", WED, [("الجمعة", "2024-02-02", "day")]),
    ("الأربعاء", WED, [("الأربعاء", "2024-02-07", "day")]),
    ("يوم الثلاثاء", WED, [("يوم الثلاثاء", "2024-02-06", "day")]),
    ("السبت", WED, [("السبت", "2024-02-03", "day")]),
    ("الأحد", WED, [("الأحد", "2024-02-04", "day")]),
    ("الاثنين", WED, [("الاثنين", "2024-02-05", "day")]),
    ("الخميس", WED, [("الخميس", "2024-02-01", "day")]),
    ("الجمعة المقبل", WED, [("الجمعة المقبل", "2024-02-09", "day")]),
    ("الجمعة المقبلة", WED, [("الجمعة المقبلة", "2024-02-09", "day")]),
    ("الأربعاء القادم", WED, [("الأربعاء القادم", "2024-02-14", "day")]),
    ("الأربعاء الماضي", WED, [("الأربعاء الماضي", "2024-01-31", "day")]),
    ("ويوم الجمعة", WED, [("يوم الجمعة", "2024-02-02", "day")]),
    ("الإثنين الموافق 1 يوليو", MON, [("الإثنين الموافق 1 يوليو", "2024-07-01", "day")]),
    ("الأربعاء 7 شباط 2024", None, [("الأربعاء 7 شباط 2024", "2024-02-07", "day")]),
    ("مساء يوم الجمعة", WED, [("مساء يوم الجمعة", "2024-02-02", "day")]),
    ("قبل يوم الجمعة", WED, [("يوم الجمعة", "2024-02-02", "day")]),
    # Relative days.
    ("اليوم", WED, [("اليوم", "2024-02-07", "day")]),
    ("أمس", WED, [("أمس", "2024-02-06", "day")]),
    ("بالأمس", WED, [("الأمس", "2024-02-06", "day")]),
    ("البارحة", WED, [("البارحة", "2024-02-06", "day")]),
    ("أول أمس", WED, [("أول أمس", "2024-02-05", "day")]),
    ("أول من أمس", WED, [("أول من أمس", "2024-02-05", "day")]),
    ("غداً", WED, [("غداً", "2024-02-08", "day")]),
    ("غدا", WED, [("غدا", "2024-02-08", "day")]),
    ("بعد غد", WED, [("بعد غد", "2024-02-09", "day")]),
    ("أمس", None, [("أمس", None, None)]),
    ("في اليوم التالي", WED, []),
    ("في أمس الحاجة إلى المساعدة", WED, []),
    # Durations counted from publication.
    ("منذ 3 أيام", WED, [("منذ 3 أيام", "2024-02-04", "day")]),
    ("قبل يومين", WED, [("قبل يومين", "2024-02-05", "day")]),
    ("قبل أسبوع", WED, [("قبل أسبوع", "2024-01-31", "day")]),
    ("قبل أسبوعين", WED, [("قبل أسبوعين", "2024-01-24", "day")]),
    ("منذ شهرين", WED, [("منذ شهرين", "2023-12", "month")]),
    ("قبل ثلاثة أشهر", WED, [("قبل ثلاثة أشهر", "2023-11", "month")]),
    ("منذ عامين", WED, [("منذ عامين", "2022", "year")]),
    ("قبل سنتين", WED, [("قبل سنتين", "2022", "year")]),
    ("منذ 20 عاما", WED, [("منذ 20 عاما", "2004", "year")]),
    ("منذ ثلاثة أيام", None, [("منذ ثلاثة أيام", None, None)]),
    ("قبل ثلاثة أيام من الانتخابات", WED, [("قبل ثلاثة أيام", None, None)]),
    ("قبل عام 2014", WED, [("عام 2014", "2014", "year")]),
    # Nouns and names that look like a future verb ("ستاد", "سيئول") do not move a date ahead.
    ("أقيمت المباراة على ستاد القاهرة في 5 أكتوبر", WED, [("5 أكتوبر", "2023-10-05", "day")]),
    # A bare weekday in a clause about the future is the next one (WED is Wednesday 7 February 2024).
    ("سيتوجه الوزير إلى باريس السبت", WED, [("السبت", "2024-02-10", "day")]),
    ("ومن المقرر أن تستأنف المحادثات يوم الاثنين", WED, [("يوم الاثنين", "2024-02-12", "day")]),
    ("وكان الوزير قد زار باريس السبت", WED, [("السبت", "2024-02-03", "day")]),
    # Times too vague to place are kept, unresolved, so an event they date is not put on the news day.
    ("منذ أيام", WED, [("منذ أيام", None, None)]),
    ("وقع التفجير مؤخراً", WED, [("مؤخراً", None, None)]),
    ("وقال في وقت سابق إن", WED, [("في وقت سابق", None, None)]),
    ("سيزور الوزير بغداد قريبا", WED, [("قريبا", None, None)]),
    # Weeks, months and years relative to publication.
    ("الأسبوع الماضي", WED, [("الأسبوع الماضي", "2024-01-28", "week")]),
    ("الأسبوع المقبل", WED, [("الأسبوع المقبل", "2024-02-11", "week")]),
    ("الشهر الماضي", WED, [("الشهر الماضي", "2024-01", "month")]),
    ("الشهر المقبل", WED, [("الشهر المقبل", "2024-03", "month")]),
    ("الشهر الجاري", WED, [("الشهر الجاري", "2024-02", "month")]),
    ("هذا الشهر", WED, [("هذا الشهر", "2024-02", "month")]),
    ("الشهر الماضي", date(2024, 1, 15), [("الشهر الماضي", "2023-12", "month")]),
    ("العام الماضي", WED, [("العام الماضي", "2023", "year")]),
    ("السنة الماضية", WED, [("السنة الماضية", "2023", "year")]),
    ("العام المقبل", WED, [("العام المقبل", "2025", "year")]),
    ("العام القادم", WED, [("العام القادم", "2025", "year")]),
    ("هذا العام", WED, [("هذا العام", "2024", "year")]),
    ("العام الجاري", WED, [("العام الجاري", "2024", "year")]),
    ("العام الحالي", WED, [("العام الحالي", "2024", "year")]),
    ("الأمين العام الحالي للأمم المتحدة", WED, []),
    ("يناير من العام الماضي", WED, [("يناير من العام الماضي", "2023-01", "month")]),
    ("نهاية العام الجاري", WED, [("نهاية العام الجاري", "2024", "year")]),
    # Bare months: from 7 months before the publication month to 4 after it.
    ("في يناير", WED, [("يناير", "2024-01", "month")]),
    ("في يوليو تموز", WED, [("يوليو تموز", "2023-07", "month")]),
    ("في فبراير", WED, [("فبراير", "2024-02", "month")]),
    ("في يناير", None, [("يناير", None, None)]),
    ("1 أغسطس", WED, [("1 أغسطس", "2023-08-01", "day")]),
    ("1 يوليو", None, [("1 يوليو", None, None)]),
    ("منتصف يناير", WED, [("منتصف يناير", "2024-01", "month")]),
    # Years.
    ("بين عامي 2011 و2014", WED, [("عامي 2011", "2011", "year"), ("2014", "2014", "year")]),
    ("2500 جندي في 2020", WED, [("2020", "2020", "year")]),
    ("صيف 2014", WED, [("صيف 2014", "2014", "year")]),
    # Hijri dates (tabular calendar).
    # Umm al-Qura puts 26 Rajab 1445 on 7 February 2024; the tabular calendar is a day earlier.
    ("26 رجب 1445 هـ", None, [("26 رجب 1445 هـ", "2024-02-06", "day")]),
    ("1 رمضان 1445هـ", None, [("1 رمضان 1445هـ", "2024-03-11", "day")]),
    ("رمضان 1445 هجري", None, [("رمضان 1445 هجري", "2024-03", "month")]),
    ("10 ذي الحجة 1444 للهجرة", None, [("10 ذي الحجة 1444 للهجرة", "2023-06-29", "day")]),
    ("شهر رمضان", WED, [("شهر رمضان", None, None)]),
    ("في رمضان", WED, [("رمضان", None, None)]),
    ("رجب طيب أردوغان", WED, []),
    (
        "الأربعاء 26 رجب 1445 هـ الموافق 7 فبراير 2024 م",
        None,
        [("الأربعاء 26 رجب 1445 هـ الموافق 7 فبراير 2024 م", "2024-02-07", "day")],
    ),
    # English forms inside Arabic text.
    ("تاريخ النشر: 7th, February 2024 GMT", None, [("7th, February 2024", "2024-02-07", "day")]),
    ("February 7, 2024", None, [("February 7, 2024", "2024-02-07", "day")]),
    ("7 February 2024", None, [("7 February 2024", "2024-02-07", "day")]),
    ("Feb. 7, 2024", None, [("Feb. 7, 2024", "2024-02-07", "day")]),
    ("you may go", WED, []),
    # Impossible dates are not days.
    ("29 فبراير 2024", None, [("29 فبراير 2024", "2024-02-29", "day")]),
    ("31 فبراير 2024", None, [("فبراير 2024", "2024-02", "month")]),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_find_dates(text: str, published: date | None, expected: Expected) -> None:
    _check(text, find_dates(text, published), expected)


def test_offsets_survive_diacritics_and_tatweel() -> None:
    text = "وقع الهجوم يـوم الجُمعة الماضي."
    mentions = find_dates(text, WED)
    assert mentions == [DateMention(11, 30, "يـوم الجُمعة الماضي", "2024-02-02", "day")]


def test_trailing_tanween_is_part_of_the_mention() -> None:
    text = "ستعقد القمة غداً في الرياض"
    (mention,) = find_dates(text, WED)
    assert mention.text == "غداً" and mention.value == "2024-02-08"


def test_several_mentions_sorted_and_disjoint() -> None:
    text = (
        "قال مسؤول أمس إن القوات التي دخلت المدينة في عام 2014 ستنسحب قبل نهاية العام الجاري، "
        "بعد محادثات بدأت في يناير كانون الثاني وتستأنف يوم الأحد المقبل."
    )
    got = find_dates(text, WED)
    assert [(m.text, m.value) for m in got] == [
        ("أمس", "2024-02-06"),
        ("عام 2014", "2014"),
        ("نهاية العام الجاري", "2024"),
        ("يناير كانون الثاني", "2024-01"),
        ("يوم الأحد المقبل", "2024-02-11"),
    ]
    assert all(a.end <= b.start for a, b in itertools.pairwise(got))


def test_published_may_be_a_datetime() -> None:
    (mention,) = find_dates("يوم الجمعة", datetime(2024, 2, 7, 13, 30))
    assert mention.value == "2024-02-02"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تاريخ النشر: 7th, February 2024 GMT", date(2024, 2, 7)),
        ("7 فبراير، 2024", date(2024, 2, 7)),
        ("2024-02-07", date(2024, 2, 7)),
        ("2024-02-07T10:30:00+03:00", date(2024, 2, 7)),
        ("07/02/2024", date(2024, 2, 7)),
        ("الأربعاء 7 شباط 2024", date(2024, 2, 7)),
        ("February 7, 2024", date(2024, 2, 7)),
        ("7 February 2024", date(2024, 2, 7)),
        ("Wed, 07 Feb 2024 10:00:00 +0000", date(2024, 2, 7)),
        ("نشر في ٧ فبراير ٢٠٢٤", date(2024, 2, 7)),
        ("no date here", None),
        ("فبراير 2024", None),  # month precision is not a full date
        ("أمس", None),  # relative, and there is nothing to resolve it against
        ("", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("hijri", "gregorian"),
    [
        ((1, 1, 1), date(622, 7, 19)),  # 16 July 622 in the Julian calendar
        ((1445, 9, 1), date(2024, 3, 11)),
        ((1445, 7, 26), date(2024, 2, 6)),  # Umm al-Qura: 7 February (the documented ±1–2 days)
        ((1400, 1, 1), date(1979, 11, 21)),
    ],
)
def test_hijri_to_gregorian(hijri: tuple[int, int, int], gregorian: date) -> None:
    assert hijri_to_gregorian(*hijri) == gregorian


def test_hijri_to_gregorian_rejects_impossible_dates() -> None:
    with pytest.raises(ValueError):
        hijri_to_gregorian(1445, 13, 1)


def _lexicon_files() -> list[str]:
    folder = resources.files("hadath") / "data" / "lexicons"
    return sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".tsv"))


def test_expected_lexicons_exist() -> None:
    expected = {"months.tsv", "hijri_months.tsv", "weekdays.tsv", "ordinals.tsv", "relative.tsv"}
    assert expected <= set(_lexicon_files())


@pytest.mark.parametrize("name", _lexicon_files())
def test_lexicon_file(name: str) -> None:
    folder = resources.files("hadath") / "data" / "lexicons"
    raw = (folder / name).read_text(encoding="utf-8")
    lines = raw.splitlines()
    header = lines[0].split("\t")
    assert len(header) >= 2 and all(h.isidentifier() for h in header), "needs a header row"
    entry_column = "name" if "name" in header else "word"
    assert entry_column in header
    rows = list(csv.DictReader(io.StringIO(raw), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows
    seen: dict[str, str] = {}
    for row in rows:
        assert None not in row and all(v is not None for v in row.values()), f"ragged row {row}"
        entry = row[entry_column].strip()
        assert entry, f"empty entry in {name}"
        key = normalize(entry)
        assert key not in seen, f"{entry!r} duplicates {seen[key]!r} after normalisation"
        seen[key] = entry
    sources = (folder / "SOURCES.md").read_text(encoding="utf-8")
    assert f"`{name}`" in sources


def test_five_thousand_characters_are_fast() -> None:
    paragraph = (
        "وشن الجيش الأمريكي غارات جوية يوم الجمعة في كل من العراق وسوريا، وقال المتحدث أمس الثلاثاء إن "
        "القوات البالغ عددها 2500 جندي ستبقى حتى نهاية عام 2024. وفي يوليو تموز منعت واشنطن 14 بنكا. "
    )
    text = (paragraph * 40)[:5000]
    find_dates(text, WED)  # load the lexicons
    runs = 10
    start = time.perf_counter()
    for _ in range(runs):
        find_dates(text, WED)
    # The target is well under 10 ms; the bound is loose so a busy test machine does not fail it.
    assert (time.perf_counter() - start) / runs < 0.1


# --- the fixes of the review on unseen articles ----------------------------------------------------------

FRI = date(2024, 7, 5)  # a Friday
SAT = date(2024, 2, 10)  # a Saturday
SUN = date(2024, 2, 11)  # a Sunday
JUNE = date(2024, 6, 5)
AUG = date(2024, 8, 1)

YEARLESS: list[tuple[str, date, Expected]] = [
    # A day and month without a year: 215 days before publication to 150 after, both ways.
    ("أرجأت المحكمة النظر في القضية حتى 20 أكتوبر", date(2024, 8, 3), [("20 أكتوبر", "2024-10-20", "day")]),
    ("يلتقي الوزيران في 15 سبتمبر", date(2024, 7, 25), [("15 سبتمبر", "2024-09-15", "day")]),
    ("وقع الانفجار في 3 يناير", date(2024, 7, 10), [("3 يناير", "2024-01-03", "day")]),
    ("بدأت الاحتجاجات في 28 ديسمبر", WED, [("28 ديسمبر", "2023-12-28", "day")]),
    ("تبدأ العطلة في 4 يناير", date(2024, 12, 20), [("4 يناير", "2025-01-04", "day")]),
    ("جرت الانتخابات البلدية في 12 ديسمبر", JUNE, [("12 ديسمبر", "2023-12-12", "day")]),
    # The clause announces the future: a future verb (سـ), "سوف", "من المقرر", "مقررة".
    ("ستجرى الانتخابات البلدية في 12 ديسمبر", JUNE, [("12 ديسمبر", "2024-12-12", "day")]),
    ("وسوف تنطلق الدورة في 12 ديسمبر", JUNE, [("12 ديسمبر", "2024-12-12", "day")]),
    ("من المقرر أن يعقد المؤتمر في 9 مارس", JUNE, [("9 مارس", "2025-03-09", "day")]),
    ("والجولة الثانية مقررة في 9 مارس", JUNE, [("9 مارس", "2025-03-09", "day")]),
    ("قال إنه سيزور العاصمة قبل 20 ديسمبر", JUNE, [("20 ديسمبر", "2024-12-20", "day")]),
    # … unless the future word belongs to another clause or sentence.
    ("سيزور الوزير المدينة التي ضربها الزلزال في 20 ديسمبر", JUNE, [("20 ديسمبر", "2023-12-20", "day")]),
    ("سيزور الوزير المدينة بعد الزلزال في 20 ديسمبر", JUNE, [("20 ديسمبر", "2023-12-20", "day")]),
    ("سيعود الوفد. ووقع الاتفاق في 20 ديسمبر", JUNE, [("20 ديسمبر", "2023-12-20", "day")]),
    ("سيعود الوفد\nووقع الاتفاق في 20 ديسمبر", JUNE, [("20 ديسمبر", "2023-12-20", "day")]),
    # Nouns and past verbs that begin like a future verb are not one.
    ("سيارة مفخخة انفجرت في 20 ديسمبر", JUNE, [("20 ديسمبر", "2023-12-20", "day")]),
    ("سيطرت القوات على البلدة في 20 ديسمبر", JUNE, [("20 ديسمبر", "2023-12-20", "day")]),
    # "منذ" and the past auxiliary "كان" say past.
    ("يعتصم العمال منذ 10 نوفمبر", AUG, [("10 نوفمبر", "2023-11-10", "day")]),
    ("وكان البرلمان صوت في 20 نوفمبر على الميزانية", AUG, [("20 نوفمبر", "2023-11-20", "day")]),
    ("صوت البرلمان في 20 نوفمبر على الميزانية", AUG, [("20 نوفمبر", "2024-11-20", "day")]),
    # A day with "المقبل"/"الماضي" is compared with the publication day, not its month; "المقبل" allows
    # for a recorded date up to a week late.
    ("يبدأ التسجيل في 18 مارس المقبل", date(2024, 3, 20), [("18 مارس المقبل", "2024-03-18", "day")]),
    ("يبدأ التسجيل في 10 مارس المقبل", date(2024, 3, 20), [("10 مارس المقبل", "2025-03-10", "day")]),
    ("في 5 أغسطس الماضي", date(2024, 8, 9), [("5 أغسطس الماضي", "2024-08-05", "day")]),
    ("في 12 أغسطس الماضي", date(2024, 8, 9), [("12 أغسطس الماضي", "2023-08-12", "day")]),
    # A month alone: 7 months before to 4 after, moved the same way by the clause.
    ("في سبتمبر", date(2024, 7, 10), [("سبتمبر", "2024-09", "month")]),
    ("في ديسمبر", date(2024, 7, 10), [("ديسمبر", "2023-12", "month")]),
    ("ستفتتح المحطة في ديسمبر", date(2024, 7, 10), [("ديسمبر", "2024-12", "month")]),
    ("منذ سبتمبر", date(2024, 7, 10), [("سبتمبر", "2023-09", "month")]),
    ("في أكتوبر من 2014", WED, [("أكتوبر من 2014", "2014-10", "month")]),
]


@pytest.mark.parametrize(("text", "published", "expected"), YEARLESS)
def test_a_date_without_a_year_is_placed_around_publication(
    text: str, published: date, expected: Expected
) -> None:
    _check(text, find_dates(text, published), expected)


WEEKS: list[tuple[str, date | None, Expected]] = [
    # A week is the date of its Sunday; WED is Wednesday 7 February 2024, in the week of Sunday 4.
    ("قال مسؤول الأسبوع الماضي", WED, [("الأسبوع الماضي", "2024-01-28", "week")]),
    ("يزور الوفد القاهرة الأسبوع القادم", WED, [("الأسبوع القادم", "2024-02-11", "week")]),
    ("وفي هذا الأسبوع", WED, [("هذا الأسبوع", "2024-02-04", "week")]),
    ("الأسبوع الجاري", WED, [("الأسبوع الجاري", "2024-02-04", "week")]),
    ("الأسبوع الحالي", WED, [("الأسبوع الحالي", "2024-02-04", "week")]),
    ("مطلع الأسبوع", WED, [("مطلع الأسبوع", "2024-02-04", "week")]),
    ("مطلع الأسبوع المقبل", WED, [("مطلع الأسبوع المقبل", "2024-02-11", "week")]),
    ("نهاية الأسبوع الماضي", WED, [("نهاية الأسبوع الماضي", "2024-01-28", "week")]),
    ("الأسبوع قبل الماضي", WED, [("الأسبوع قبل الماضي", "2024-01-21", "week")]),
    # The weekend closes the week: on Saturday "this week" is the one just worked, on Sunday a new one.
    ("هذا الأسبوع", SAT, [("هذا الأسبوع", "2024-02-04", "week")]),
    ("هذا الأسبوع", SUN, [("هذا الأسبوع", "2024-02-11", "week")]),
    ("الأسبوع الماضي", None, [("الأسبوع الماضي", None, None)]),
    # "قبل الماضي" for months and years too.
    ("الشهر قبل الماضي", WED, [("الشهر قبل الماضي", "2023-12", "month")]),
    ("العام قبل الماضي", WED, [("العام قبل الماضي", "2022", "year")]),
    ("منتصف الشهر المقبل", WED, [("منتصف الشهر المقبل", "2024-03", "month")]),
]


@pytest.mark.parametrize(("text", "published", "expected"), WEEKS)
def test_weeks(text: str, published: date | None, expected: Expected) -> None:
    _check(text, find_dates(text, published), expected)


def test_week_values_start_on_sunday() -> None:
    for offset in range(7):
        published = date(2024, 2, 4 + offset)
        (mention,) = find_dates("هذا الأسبوع", published)
        assert mention.value is not None
        assert date.fromisoformat(mention.value).isoweekday() == 7
        assert 0 <= (published - date.fromisoformat(mention.value)).days < 7


WEEKDAY_WINS: list[tuple[str, date, Expected]] = [
    # The weekday is believed over a recorded date that lags the writing by days.
    ("قتل ثلاثة جنود اليوم الاثنين", FRI, [("اليوم الاثنين", "2024-07-01", "day")]),
    ("وصل الوفد أمس الثلاثاء", FRI, [("أمس الثلاثاء", "2024-07-02", "day")]),
    ("تنطلق المحادثات غدا الثلاثاء", FRI, [("غدا الثلاثاء", "2024-07-02", "day")]),
    # "أمس"/"غداً" may also name the day after the one they give (a recorded date a day early).
    ("وصل الوفد أمس الجمعة", FRI, [("أمس الجمعة", "2024-07-05", "day")]),
    ("تنطلق المحادثات غدا الأحد", FRI, [("غدا الأحد", "2024-07-07", "day")]),
    # "اليوم" too: a page stamped a day behind its writer (UTC) must not jump back six days.
    ("التقى الرئيس الملك اليوم السبت", FRI, [("اليوم السبت", "2024-07-06", "day")]),
    # When they agree nothing changes.
    ("وصل الوفد أمس الخميس", FRI, [("أمس الخميس", "2024-07-04", "day")]),
    ("تنطلق المحادثات غدا السبت", FRI, [("غدا السبت", "2024-07-06", "day")]),
    ("قتل ثلاثة جنود اليوم الجمعة", FRI, [("اليوم الجمعة", "2024-07-05", "day")]),
    ("مساء أول من أمس الأربعاء", FRI, [("مساء أول من أمس الأربعاء", "2024-07-03", "day")]),
    # A weekday in brackets belongs to the relative word.
    ("أعلن الجيش اليوم (الاثنين) أن", FRI, [("اليوم (الاثنين)", "2024-07-01", "day")]),
    ("أعلن الجيش اليوم (الجمعة) أن", FRI, [("اليوم (الجمعة)", "2024-07-05", "day")]),
]


@pytest.mark.parametrize(("text", "published", "expected"), WEEKDAY_WINS)
def test_a_weekday_wins_over_a_relative_day(text: str, published: date, expected: Expected) -> None:
    _check(text, find_dates(text, published), expected)


DURATIONS: list[tuple[str, date, Expected]] = [
    # After "بعد", months and years are a duration from another event, not a date …
    ("عادت الحياة إلى المدينة بعد خمس سنوات", WED, [("بعد خمس سنوات", None, None)]),
    ("انتهت المفاوضات بعد ثلاثة أشهر", WED, [("بعد ثلاثة أشهر", None, None)]),
    ("عاد اللاعب إلى ناديه بعد عشر سنوات في الخارج", WED, [("بعد عشر سنوات", None, None)]),
    # … unless the clause is about the future.
    ("ستجرى الانتخابات بعد عامين", WED, [("بعد عامين", "2026", "year")]),
    ("سوف تفتتح المحطة بعد ثلاثة أشهر", WED, [("بعد ثلاثة أشهر", "2024-05", "month")]),
    # Days still count from publication, and "منذ"/"قبل" are anchored at it.
    ("يصل الوفد بعد يومين", WED, [("بعد يومين", "2024-02-09", "day")]),
    ("يحكم البلاد منذ 20 عاما", WED, [("منذ 20 عاما", "2004", "year")]),
    ("وقع الزلزال قبل سبع سنوات", WED, [("قبل سبع سنوات", "2017", "year")]),
]


@pytest.mark.parametrize(("text", "published", "expected"), DURATIONS)
def test_durations_after_baad(text: str, published: date, expected: Expected) -> None:
    _check(text, find_dates(text, published), expected)
