"""Arabic (and English) temporal expressions: find them in running text and resolve them to dates.

The grammar runs over tokens of the *normalised* text (see :mod:`hadath.text.normalize`), so spelling
variants, diacritics, tatweel and Arabic-Indic digits need no special cases; offsets are mapped back to
the original text at the end. Vocabulary (month, weekday, ordinal, relative words …) lives in TSV files
under ``hadath/data/lexicons``; the small set of grammar words (prepositions, "عام", "الموافق" …) lives
here because changing them changes the grammar, not the vocabulary.

Relative expressions are resolved against the publication date. A bare weekday means the most recent
one on or before publication (news reports what happened); a day and month without a year, or a month
alone, go to the year that puts them in a window around publication calibrated on news copy (see
``_AHEAD_DAYS``), shifted forward when the clause before them announces the future ("سيزور", "من المقرر")
and back after "منذ" or "كان". Weeks ("الأسبوع الماضي") have precision ``week`` and the value of their
first day, a Sunday.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Generic, TypeVar

from hadath.models import DateMention
from hadath.text.normalize import normalize, normalize_with_offsets

__all__ = ["find_dates", "hijri_to_gregorian", "parse_date"]

_V = TypeVar("_V")

_DAY, _WEEK, _MONTH, _YEAR = "day", "week", "month", "year"  # DateMention precisions

# The first day of a week: Sunday, the first working day in most Arab countries, so the Friday–Saturday
# weekend closes the week ("هذا الأسبوع" written on a Saturday is the week just worked, not the next one).
# A "week" value is that Sunday's date.
_WEEK_START = 7  # ISO weekday

# Where a date without a year goes. Calibrated on SaudiNewsNet (Jul–Aug 2015, read in place): of the
# day-month dates written with "المقبل", 96% fall within 150 days after publication; of those written with
# "الماضي", 97% within 215 days before it. A date with neither is put in that window (150 + 215 = 365).
_AHEAD_DAYS = 150
# A month alone: 4 months ahead holds 77% of the months written with "المقبل", 8 behind 91% of those with
# "الماضي", and the past ones are 3.5 times as frequent; this split has the fewest errors on both.
_AHEAD_MONTHS = 4
# When the clause before the date announces the future ("ستجرى الانتخابات في 20 ديسمبر"), anything but
# the last month is ahead; after "منذ" ("منذ 5 أكتوبر") anything but tomorrow is behind.
_FUTURE_AHEAD_DAYS, _PAST_AHEAD_DAYS = 334, 1
_FUTURE_AHEAD_MONTHS, _PAST_AHEAD_MONTHS = 10, 0
# Days a recorded publication date may lag the writing: crawlers date pages when they fetch them. In
# SaudiNewsNet "اليوم <weekday>" disagrees with the recorded date in 35% of cases, almost always with the
# weekday earlier, by up to six days; "20 يوليو المقبل" recorded on 21 July is still this year's.
_LATE_DAYS = 7
# How many tokens before a date its clause is searched for a word saying future or past.
_CUE_SCOPE = 6

# Years outside this window are almost always counts ("2500 جندي"), never dates, in news copy.
_MIN_YEAR, _MAX_YEAR = 1900, 2100
# A bare number after a Hijri month is read as a Hijri year only in this window (1300 AH ≈ 1883 CE).
_MIN_HIJRI_YEAR, _MAX_HIJRI_YEAR = 1300, 1600
_MAX_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# Tokens of the normalised text: Arabic words, Latin words, digit runs, and any other single character.
_TOKEN_RE = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+|[a-z]+|[0-9]+|\S")


def _words(spaced: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in spaced.split())


_DAY_NOUN = normalize("يوم")
_MONTH_NOUN = normalize("شهر")
_THE_MONTH = normalize("الشهر")
_THE_WEEK = normalize("الأسبوع")
_THE_YEAR_ADJ = normalize("العام")  # also the adjective "general" ("الأمين العام"), see _year_relative
_FROM = normalize("من")
_LI = normalize("ل")
_THIS = _words("هذا هذه")
_THE_YEAR = _words("العام السنة")
_YEAR_NOUNS = _words("عام العام سنة السنة عامي")
_CORRESPONDING = _words("الموافق الموافقة موافق")
_PERIODS = _words("مطلع بداية أوائل منتصف أواسط أواخر نهاية صيف شتاء ربيع خريف")
# Words after which a bare four-digit number is a year ("في 2020", "منذ 2014", "مطلع 2020").
_YEAR_CONTEXT = _words("في منذ حتى خلال بحلول بين") | _PERIODS
# Words after which an ambiguous month name ("مارس" is also a verb, "نيسان" a car make) is a month.
_MONTH_CONTEXT = _words("في منذ حتى خلال بحلول قبل بعد إلى") | _PERIODS
_RANGE_LINKS = _words("و - إلى حتى")
# What stands between the two dates of a range ("من 5 إلى 9 يونيو", "بين 1 يناير و30 يونيو").
_RANGE_GAPS = _words("و - – إلى حتى وحتى وإلى")
_TIME_OF_DAY = _words("صباح مساء ظهيرة فجر عصر ليلة")
_AGO = {normalize("منذ"): -1, normalize("قبل"): -1, normalize("بعد"): 1}
_SINCE = normalize("منذ")
_AFTER = normalize("بعد")
_APPROX = _words("نحو حوالي قرابة زهاء")
# "قبل ثلاثة أيام من الانتخابات" counts from another event, not from publication.
_FROM_EVENT = _words("من على")
_ERA_GREGORIAN = _words("م ميلادي ميلادية للميلاد")
_ERA_HIJRI = _words("هـ هجري هجرية للهجرة الهجري الهجرية")
# "اليوم" followed by these is "the day" ("في اليوم التالي"), not today; ordinals are checked too.
_NOT_TODAY = _words("التالي السابق نفسه ذاته الذي الأخير الموعود العالمي الوطني")
_TODAY = normalize("اليوم")
_NOT_YESTERDAY = _words("الحاجة")  # "في أمس الحاجة" = "in dire need"
_EN_ORDINAL_SUFFIX = frozenset({"st", "nd", "rd", "th"})
_EN_OF = "of"
_NUMERIC_SEPARATORS = frozenset({"/", "-", "."})
_DOUBLE_SEPARATORS = frozenset({"/", "\\", "-", "–", "—", "("})
_DIRECTIONS = {"past": -1, "current": 0, "next": 1}
_BEFORE = normalize("قبل")  # "الأسبوع قبل الماضي": the week before last
# "من نفس العام", "في العام ذاته": the year of the date written before, not of publication.
_SAME_BEFORE = _words("نفس ذات")
_SAME_AFTER = _words("نفسه نفسها ذاته ذاتها")
# "عشية الانتخابات" (on the eve of), "غداة الهجوم" (the day after): a day next to another event's.
# "بين عشية وضحاها" is "overnight", no date at all.
_EVE = {normalize("عشية"): -1, normalize("غداة"): 1}
_OVERNIGHT = _words("ضحاها")
# How many words of an event's name may stand between "من"/"عشية" and the date of that event
# ("بعد يوم من هجوم الجمعة", "عشية الانتخابات البرلمانية المقررة الأحد").
_ANCHOR_SCOPE = 4
# "عطلة نهاية الأسبوع" is a kind of leave ("العائدون من عطلة نهاية الأسبوع"), not a date.
_LEAVE = _words("عطلة عطل عطلات إجازة إجازات")
_DEFINITE = normalize("ال")  # "يوم الـ17": the article written apart from the number
_SAME_LINKS = _words("من في")
_SAME = 2  # a direction beyond past/current/next: the year of the previous date in the text

# Words before a date that say it is ahead: future particles and modals ("سوف", "لن", "من المقرر أن",
# "الزيارة مقررة في"). Verbs with the future prefix سـ are recognised by shape, see _is_future_verb.
# Not "المتوقع": "على غير المتوقع", "أقل من المتوقع" report the past.
_FUTURE_CUES = _words(
    "سوف لن المقرر مقرر مقررة المنتظر المزمع مزمع مزمعة المرتقب المرتقبة مرتقب مرتقبة يرتقب يعتزم تعتزم "
    "نعتزم يعتزمون ينوي تنوي ننوي"
)
# Words before a date that say it is behind: "منذ", and the past auxiliary ("وكان قاوم في أكتوبر").
# The perfect verbs of events in ``past_verbs.tsv`` say it too, but not across "أن"/"إن": what a
# reporting verb introduces has its own tense ("أعلن أن المؤتمر يعقد في 20 ديسمبر").
_PAST_CUES = _words("منذ كان كانت كانوا")
_COMPLEMENTIZERS = _words("أن إن")
# Words that open another clause: a cue before them belongs to that clause, not to the date
# ("سيزور باريس بعد القمة التي عقدت في 5 يوليو"). "بعد"/"قبل" right before the date are the date's own.
_CLAUSE_OPENERS = _words(
    "الذي التي الذين اللذين اللتين اللذان اللتان اللواتي اللاتي عندما حين حينما بينما فيما حيث كما لدى"
)
_EVENT_LINKS = _words("بعد قبل اثر عقب")
_SENTENCE_ENDS = frozenset({".", "!", "?", ";"})

# Month names that are also common words need context. Level 2: "ماي", "آب" (= "أب", father) and all
# Latin names ("may", "march") only next to a day, a year, another month name, "شهر" or a qualifier.
# Level 1: also after a preposition ("في مارس"), since "مارس" is a verb and "نيسان"/"تموز" are names.
_STRICT_MONTHS = _words("ماي آب")
_GUARDED_MONTHS = _words("مارس نيسان تموز جوان أوت غشت")
# Hijri month names that are also common words or personal names ("رجب طيب أردوغان", "صفر" = zero).
_WEAK_HIJRI = _words("محرم صفر رجب شعبان")


@dataclass(frozen=True, slots=True)
class _Phrases(Generic[_V]):
    """Multi-word lexicon entries keyed by their token tuple, matched longest first."""

    table: Mapping[tuple[str, ...], _V]
    lengths: Mapping[str, tuple[int, ...]]  # first token -> entry lengths, longest first

    @classmethod
    def build(cls, entries: Iterable[tuple[str, _V]]) -> _Phrases[_V]:
        table: dict[tuple[str, ...], _V] = {}
        lengths: dict[str, set[int]] = {}
        for text, value in entries:
            key = tuple(_TOKEN_RE.findall(normalize(text)))
            if key:
                table[key] = value
                lengths.setdefault(key[0], set()).add(len(key))
        return cls(table, {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()})

    def match(self, tok: Callable[[int], str], j: int) -> tuple[int, _V] | None:
        """Longest entry starting at token ``j``: ``(end, value)``."""
        sizes = self.lengths.get(tok(j))
        if sizes is None:
            return None
        for size in sizes:
            key = tuple(tok(k) for k in range(j, j + size))
            if key in self.table:
                return j + size, self.table[key]
        return None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    months: _Phrases[tuple[int, int]]  # (month, context level)
    hijri: _Phrases[tuple[int, bool]]  # (month, weak)
    weekdays: _Phrases[int]  # ISO weekday
    ordinals: _Phrases[int]
    relative: _Phrases[int]  # offset in days
    qualifiers: _Phrases[int]  # -1 past, 0 current, +1 next
    numbers: _Phrases[int]
    units: _Phrases[tuple[str, int | None]]  # (unit, implied count)
    vague: _Phrases[int]  # -1 past, +1 next: times that cannot be placed ("مؤخراً", "قريباً")
    not_future: tuple[str, ...]  # beginnings of nouns and names shaped like a سـ verb ("سيار", "ستين")
    past: frozenset[str]  # perfect verbs of events ("وقعت", "اندلعت"): the clause is about the past
    present: frozenset[str]  # imperfect verbs with تـ ("تبدأ", "تسري"): the date is their clause's
    not_present: frozenset[str]  # nouns and names shaped like a يـ verb ("يوم", "يوليو", "يوسف")
    rules: Mapping[str, frozenset[str]]  # token -> names of the rules that may start with it


def _rows(name: str) -> list[dict[str, str]]:
    raw = (resources.files("hadath") / "data" / "lexicons" / name).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(raw), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [
        {k: (v or "").strip() for k, v in row.items()}
        for row in reader
        if any((v or "").strip() for v in row.values())
    ]


def _month_level(name: str) -> int:
    norm = normalize(name)
    if norm in _STRICT_MONTHS or norm.isascii():
        return 2
    return 1 if norm in _GUARDED_MONTHS else 0


@functools.cache
def _lexicon() -> _Lexicon:
    months = _Phrases.build(
        (r["name"], (int(r["month"]), _month_level(r["name"]))) for r in _rows("months.tsv")
    )
    hijri = _Phrases.build(
        (r["name"], (int(r["month"]), normalize(r["name"]) in _WEAK_HIJRI)) for r in _rows("hijri_months.tsv")
    )
    weekdays = _Phrases.build((r["name"], int(r["weekday"])) for r in _rows("weekdays.tsv"))
    ordinals = _Phrases.build((r["word"], int(r["value"])) for r in _rows("ordinals.tsv"))
    relative = _Phrases.build((r["word"], int(r["days"])) for r in _rows("relative.tsv"))
    qualifiers = _Phrases.build((r["word"], _DIRECTIONS[r["direction"]]) for r in _rows("qualifiers.tsv"))
    numbers = _Phrases.build((r["word"], int(r["value"])) for r in _rows("numbers.tsv"))
    units = _Phrases.build(
        (r["word"], (r["unit"], int(r["count"]) if r["count"] else None)) for r in _rows("units.tsv")
    )
    vague = _Phrases.build((r["word"], _DIRECTIONS[r["direction"]]) for r in _rows("vague.tsv"))
    not_future = tuple(sorted({normalize(r["word"]) for r in _rows("not_future_verbs.tsv")}))
    past = frozenset(normalize(r["word"]) for r in _rows("past_verbs.tsv"))
    present_rows = _rows("present_verbs.tsv")
    present = frozenset(normalize(r["word"]) for r in present_rows if r["kind"] == "verb")
    not_present = frozenset(normalize(r["word"]) for r in present_rows if r["kind"] == "noun")
    # Which rules can start at which word, so that each position only tries the rules that can match.
    starters: dict[str, Iterable[str]] = {
        "chain": {*weekdays.lengths, *relative.lengths, *_TIME_OF_DAY, _DAY_NOUN},
        "dates": {*months.lengths, *ordinals.lengths},
        "month": {*months.lengths, *hijri.lengths, _MONTH_NOUN, _THE_MONTH, *_THIS},
        "year": {*_YEAR_NOUNS, *_THIS, *_SAME_BEFORE},
        "period": _PERIODS,
        "ago": _AGO,
        "week": {_THE_WEEK, *_THIS},
        "vague": set(vague.lengths),
        "eve": _EVE,
    }
    rules: dict[str, set[str]] = {}
    for rule, words in starters.items():
        for word in words:
            rules.setdefault(word, set()).add(rule)
    frozen = {word: frozenset(names) for word, names in rules.items()}
    return _Lexicon(
        months,
        hijri,
        weekdays,
        ordinals,
        relative,
        qualifiers,
        numbers,
        units,
        vague,
        not_future,
        past,
        present,
        not_present,
        frozen,
    )


# --- calendar arithmetic -------------------------------------------------------------------------------

_HIJRI_EPOCH_JDN = 1948440  # Julian day number of 1 Muharram 1 AH (16 July 622 Julian, civil epoch)
_JDN_OF_ORDINAL_ZERO = 1721425  # date.fromordinal(1) (1 January 1 CE) is JDN 1721426


def hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """Gregorian date of a Hijri date by the tabular (arithmetical) Islamic calendar.

    The tabular calendar alternates 30- and 29-day months and adds a leap day in 11 years of every
    30-year cycle. Actual month starts follow moon sighting or the Umm al-Qura tables, so the result
    can differ from the date printed in a given country by one or two days.
    """
    if year < 1 or not 1 <= month <= 12 or not 1 <= day <= 30:
        raise ValueError(f"not a Hijri date: {year}-{month}-{day}")
    months_before = (59 * (month - 1) + 1) // 2  # ceil(29.5 * (month - 1)) days
    jdn = day + months_before + (year - 1) * 354 + (3 + 11 * year) // 30 + _HIJRI_EPOCH_JDN - 1
    return date.fromordinal(jdn - _JDN_OF_ORDINAL_ZERO)


def _hijri_in_gregorian_year(month: int, day: int, year: int) -> date | None:
    """The Hijri ``day``/``month`` that falls in Gregorian ``year`` ("رمضان 2024")."""
    approx = (year - 622) * 33 // 32
    for hijri_year in range(approx - 1, approx + 3):
        try:
            found = hijri_to_gregorian(hijri_year, month, day)
        except ValueError:
            continue
        if found.year == year:
            return found
    return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    y, m = divmod(year * 12 + month - 1 + delta, 12)
    return y, m + 1


def _month_year(
    month: int,
    day: int | None,
    year: int | None,
    year_delta: int | None,
    direction: int | None,
    lean: Callable[[], int],
    published: date | None,
) -> int | None:
    """The year of a month (and day): explicit, relative year, qualifier, or the window around publication.

    ``lean()`` (asked only when needed) is +1 when the clause says future, -1 when it says past, else 0.
    """
    if year is not None:
        return year
    if published is None:
        return None
    if year_delta is not None:
        return published.year + year_delta
    if direction == 0:  # "يوليو الجاري"
        return published.year
    if day is None:
        if direction == -1:  # "سبتمبر الماضي": strictly before the publication month
            lowest = -12
        elif direction == 1:  # "أكتوبر المقبل": strictly after
            lowest = 1
        else:
            ahead = {1: _FUTURE_AHEAD_MONTHS, -1: _PAST_AHEAD_MONTHS}.get(lean(), _AHEAD_MONTHS)
            lowest = ahead - 11
        # The first year whose month is at least ``lowest`` months from the publication month.
        return published.year - (month - published.month - lowest) // 12
    if direction == -1:  # "5 أغسطس الماضي": on or before publication, this month included
        after = published - timedelta(days=365)
    elif direction == 1:  # "20 يوليو المقبل": after publication, allowing for a late recorded date
        after = published - timedelta(days=_LATE_DAYS + 1)
    else:
        ahead = {1: _FUTURE_AHEAD_DAYS, -1: _PAST_AHEAD_DAYS}.get(lean(), _AHEAD_DAYS)
        after = published + timedelta(days=ahead - 365)
    for candidate in range(published.year - 1, published.year + 2):
        try:
            if date(candidate, month, day) > after:
                return candidate
        except ValueError:  # 29 February of a common year
            continue
    return published.year


def _day_value(d: date | None) -> tuple[str | None, str | None]:
    return (d.isoformat(), _DAY) if d is not None else (None, None)


def _ymd(year: int | None, month: int, day: int) -> tuple[str | None, str | None]:
    if year is None:
        return None, None
    try:
        return _day_value(date(year, month, day))
    except ValueError:  # 29 February of a common year
        return None, None


def _ym(year: int | None, month: int) -> tuple[str | None, str | None]:
    if year is None or not 1 <= year <= 9999:
        return None, None
    return f"{year:04d}-{month:02d}", _MONTH


def _y(year: int | None) -> tuple[str | None, str | None]:
    if year is None or not 1 <= year <= 9999:
        return None, None
    return f"{year:04d}", _YEAR


def _week_of(published: date | None, weeks: int) -> tuple[str | None, str | None]:
    """The week ``weeks`` after the one of ``published``, as its first day."""
    if published is None:
        return None, None
    start = published - timedelta(days=(published.isoweekday() - _WEEK_START) % 7)
    try:
        return (start + timedelta(weeks=weeks)).isoformat(), _WEEK
    except OverflowError:
        return None, None


def _plus_days(published: date | None, days: int) -> tuple[str | None, str | None]:
    if published is None:
        return None, None
    try:
        return _day_value(published + timedelta(days=days))
    except OverflowError:
        return None, None


# --- the grammar -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Hit:
    """A parsed expression: the token index just past it and its resolved value."""

    end: int
    value: str | None
    precision: str | None
    gregorian: bool = True  # written in the Gregorian calendar (preferred in "هجري الموافق ميلادي")
    # Set when the year is not written; find_dates may still place it from the dates around it:
    # "من نفس العام" (``same``) takes the year of the date before; a day and month the window placed
    # (``free``) take the year of the same day written out earlier ("21 يونيو 2013 … يوم 21 يونيو").
    # (month, day); 0 stands for a part not given: (0, 0) is "العام نفسه" alone, (8, 0) a month.
    same: tuple[int, int] | None = None
    free: tuple[int, int] | None = None
    # The year is written or named ("مارس 2011", "عام 2011", "العام الماضي"), not inferred from publication
    # ("أمس", "20 مايو"): only such dates give their year to a later "من نفس العام".
    year_written: bool = False


@dataclass(frozen=True, slots=True)
class _MonthName:
    end: int
    month: int
    level: int  # 0 plain, 1 needs a preposition or stronger context, 2 needs strong context


_PROCLITIC_LETTERS = frozenset("وفبلك")
_DIGIT_RULES = frozenset({"dates", "year"})  # digits start numeric and written dates and bare years


def _is_num(t: str) -> bool:
    return t.isascii() and t.isdigit()


def _is_future_verb(form: str, not_future: tuple[str, ...]) -> bool:
    """A verb with the future prefix سـ, by shape: "سيزور", "ستعقد" — unless ``form`` begins like one of
    the nouns and names of ``not_future_verbs.tsv`` ("سيارة", "سيطرت", "ستين")."""
    return len(form) >= 4 and form[0] == "س" and form[1] in "يت" and not form.startswith(not_future)


def _is_present_verb(tok: str, lex: _Lexicon) -> bool:
    """An imperfect verb, the head of its own clause: a listed تـ verb ("تبدأ", "وتنطلق") or, by shape,
    a word beginning with يـ ("يسري", "ويبدأ", "يتم") that ``present_verbs.tsv`` does not list as a noun.

    Only the conjunction و is stripped: after ب/ل/ك a يـ is part of a name ("بيروت", "ليبيا"), and after
    ف mostly of "في" ("فيها").
    """
    forms = [tok, tok[1:]] if tok[:1] == "و" and len(tok) >= 4 else [tok]
    return any(
        f in lex.present or (len(f) >= 3 and f[0] == "ي" and not _listed_noun(f, lex.not_present))
        for f in forms
    )


def _listed_noun(form: str, nouns: frozenset[str]) -> bool:
    """A listed noun, also with a plural, feminine or possessive ending ("يمنيون", "يمنية", "يديه")."""
    return form in nouns or any(
        form.endswith(end) and form[: -len(end)] in nouns for end in ("ون", "ين", "ات", "ه", "يه", "ها")
    )


def _variants(tok: str) -> list[tuple[str, int]]:
    """The token and its forms without proclitics, each with the number of characters removed."""
    out = [(tok, 0)]
    if tok[:1] not in _PROCLITIC_LETTERS:  # the common case, kept cheap
        return out
    rest, skip = tok, 0
    if len(rest) >= 3 and rest[0] in "وف":
        rest, skip = rest[1:], 1
        out.append((rest, skip))
    if len(rest) >= 3 and rest[0] in "بلك":
        if rest.startswith("لل"):  # li- + al- contracts: "للعام" = ل + العام; the mention keeps the ل
            out.append(("ا" + rest[1:], skip))
        else:
            out.append((rest[1:], skip + 1))
    return out


class _Parser:
    """Recursive-descent rules over the tokens of one text; each rule returns a :class:`_Hit` or None."""

    __slots__ = ("_at", "_form", "breaks", "ends", "lex", "n", "published", "starts", "toks")

    def __init__(
        self,
        toks: list[str],
        starts: list[int],
        ends: list[int],
        published: date | None,
        breaks: frozenset[int] = frozenset(),
    ) -> None:
        self.toks, self.starts, self.ends = toks, starts, ends
        self.breaks = breaks  # tokens that start a line
        self.n = len(toks)
        self.published = published
        self.lex = _lexicon()
        self._at = -1
        self._form = ""

    def tok(self, j: int) -> str:
        """Token ``j``; the token where parsing started may be replaced by a clitic-stripped form."""
        if j == self._at:
            return self._form
        return self.toks[j] if 0 <= j < self.n else ""

    def adjacent(self, j: int) -> bool:
        """No space between tokens ``j`` and ``j + 1``."""
        return j >= 0 and j + 1 < self.n and self.ends[j] == self.starts[j + 1]

    def prev_forms(self, j: int) -> list[str]:
        return [form for form, _ in _variants(self.toks[j - 1])] if j > 0 else []

    # -- entry point --------------------------------------------------------------------------------

    def parse_at(self, i: int, form: str) -> _Hit | None:
        """The longest expression starting at token ``i`` read as ``form``."""
        self._at, self._form = i, form
        best: _Hit | None = None
        names = self.lex.rules.get(form, _DIGIT_RULES)
        for name, rule in _RULES:
            if name not in names:
                continue
            hit = rule(self, i)
            if hit is not None and (best is None or hit.end > best.end):
                best = hit
        self._at = -1
        return best

    # -- small pieces -------------------------------------------------------------------------------

    def _qualifier(self, j: int) -> int | None:
        found = self.lex.qualifiers.match(self.tok, j)
        return found[1] if found is not None and found[0] == j + 1 else None

    def _step(self, j: int) -> tuple[int, int] | None:
        """A qualifier after "الأسبوع"/"الشهر"/"العام", or "قبل الماضي": ``(end, steps from now)``."""
        direction = self._qualifier(j)
        if direction is not None:
            return j + 1, direction
        if self.tok(j) == _BEFORE and self._qualifier(j + 1) == -1:
            return j + 2, -2
        return None

    def _lean(self, j: int) -> int:
        """+1 when the clause before token ``j`` says future ("سيزور الوزير باريس في"), -1 after
        "منذ"/"كان" or a past verb of an event ("وقعت"), else 0; the nearest such word within ``_CUE_SCOPE``
        tokens of the same clause decides.

        A date belongs to the nearest verb before it: a past verb of an event reaches it only when no
        imperfect verb ("أجرت الحكومة تعديلا يسري في الأول من مايو") and no "أن"/"إن" ("أعلن أن المؤتمر
        يعقد في") stands between, since these open a clause with its own tense. "كان" still reaches over
        an imperfect verb: "كان الوزير يزور باريس في 5 مايو" is the past.
        """
        governed = False  # a verb or "أن" lies between: a past verb of an event before it is another clause's
        for k in range(j - 1, max(-1, j - 1 - _CUE_SCOPE), -1):
            t = self.toks[k]
            if t in _SENTENCE_ENDS or k + 1 in self.breaks:
                return 0
            for form, _ in _variants(t):
                if form in _PAST_CUES or (form in self.lex.past and not governed):
                    return -1
                if form in _FUTURE_CUES or _is_future_verb(form, self.lex.not_future):
                    return 1
                if form in _CLAUSE_OPENERS or (form in _EVENT_LINKS and k < j - 1):
                    return 0
            governed = (
                governed
                or any(f in _COMPLEMENTIZERS for f, _ in _variants(t))
                or _is_present_verb(t, self.lex)
            )
        return 0

    def _year_number(self, j: int) -> tuple[int, int] | None:
        """A Gregorian year ``1900..2100`` with an optional era word: ``(end, year)``."""
        t = self.tok(j)
        if len(t) != 4 or not _is_num(t) or not _MIN_YEAR <= int(t) <= _MAX_YEAR:
            return None
        end = j + 1
        if self.tok(end) in _ERA_GREGORIAN:
            end += 1
        return end, int(t)

    def _year_relative(self, j: int) -> tuple[int, int] | None:
        """A relative year ("العام الماضي", "هذا العام"): ``(end, years from publication)``."""
        t = self.tok(j)
        if t in _THIS and self.tok(j + 1) in _THE_YEAR:
            return j + 2, 0
        if t in _THE_YEAR:
            step = self._step(j + 1)
            if step is None:
                return None
            # "الأمين العام الحالي": after a definite noun "العام" is the adjective "general".
            if t == _THE_YEAR_ADJ and self._general(j):
                return None
            return step
        return None

    def _year_part(self, k: int) -> tuple[int, int | None, int | None] | None:
        """A year after a month: ", 2024", "عام 2011", "من العام الماضي": ``(end, year, delta)``."""
        j = k + 1 if self.tok(k) == "," else k
        found = self._year_number(j)
        if found is not None:
            return found[0], found[1], None
        j = k + 1 if self.tok(k) == _FROM else k
        if j > k:  # "أكتوبر من 2014"
            found = self._year_number(j)
            if found is not None:
                return found[0], found[1], None
        if self.tok(j) in _YEAR_NOUNS:
            found = self._year_number(j + 1)
            if found is not None:
                return found[0], found[1], None
        rel = self._year_relative(j)
        if rel is not None:
            return rel[0], None, rel[1]
        return None

    def _month_name(self, j: int) -> _MonthName | None:
        found = self.lex.months.match(self.tok, j)
        if found is None:
            return None
        end, (month, level) = found
        # "Feb. 7": an abbreviation's full stop belongs to it.
        if level == 2 and self.tok(j).isascii() and len(self.tok(j)) <= 4 and self.tok(end) == ".":
            end += 1
        return _MonthName(end, month, level)

    def _month_group(self, j: int) -> tuple[_MonthName, bool] | None:
        """A month name with an optional second name for the same month: ``(name, double)``.

        "كانون الثاني/يناير", "يناير كانون الثاني", "تموز (يوليو)": papers print the Levantine and
        the Egyptian name together, and the pair is one mention.
        """
        first = self._month_name(j)
        if first is None:
            return None
        k = first.end
        sep = self.tok(k)
        if sep in _DOUBLE_SEPARATORS:
            k += 1
        second = self._month_name(k)
        if second is None or second.month != first.month:
            return first, False
        end = second.end
        if sep == "(" and self.tok(end) == ")":
            end += 1
        return _MonthName(end, first.month, 0), True

    def _hijri_year(self, k: int) -> tuple[int, int, bool] | None:
        """A year after a Hijri month: ``(end, year, is_gregorian)``."""
        j = k + 1 if self.tok(k) == "," else k
        if self.tok(j) in _YEAR_NOUNS:
            j += 1
        t = self.tok(j)
        if not _is_num(t) or len(t) > 4:
            return None
        year, end = int(t), j + 1
        if self.tok(end) in _ERA_HIJRI and year >= 1:
            return end + 1, year, False
        if _MIN_YEAR <= year <= _MAX_YEAR:  # "رمضان 2024"; 1900 AH is centuries away
            return (end + 1 if self.tok(end) in _ERA_GREGORIAN else end), year, True
        if _MIN_HIJRI_YEAR <= year <= _MAX_HIJRI_YEAR:
            return end, year, False
        return None

    def _hijri_date(self, month: int, day: int | None, k: int) -> _Hit | None:
        """Resolve a Hijri month (and day) whose year part starts at ``k``."""
        found = self._hijri_year(k)
        if found is None:
            return None
        end, year, is_gregorian = found
        probe = day if day is not None else 15  # month precision: the Gregorian month of its middle
        g = (
            _hijri_in_gregorian_year(month, probe, year)
            if is_gregorian
            else hijri_to_gregorian(year, month, probe)
        )
        if g is None:
            return _Hit(end, None, None, False)
        value, precision = _day_value(g) if day is not None else _ym(g.year, g.month)
        return _Hit(end, value, precision, False, year_written=True)

    def _relative_month(self, j: int) -> tuple[int, int] | None:
        """A relative month ("الشهر الماضي", "هذا الشهر"): ``(end, months from publication)``."""
        if self.tok(j) in _THIS and self.tok(j + 1) == _THE_MONTH:
            return j + 2, 0
        if self.tok(j) == _THE_MONTH:
            return self._step(j + 1)
        return None

    def _day(self, j: int) -> tuple[int, int, bool] | None:
        """A day of the month: digits ("7", "7th,") or an ordinal word: ``(end, day, is_word)``."""
        t = self.tok(j)
        if _is_num(t):
            if len(t) > 2 or not 1 <= int(t) <= 31:
                return None
            end = j + 1
            if self.tok(end) in _EN_ORDINAL_SUFFIX and self.adjacent(j):
                end += 1
                if self.tok(end) == ",":
                    end += 1
            if self.tok(end) == _EN_OF:
                end += 1
            return end, int(t), False
        found = self.lex.ordinals.match(self.tok, j)
        if found is None:
            return None
        return found[0], found[1], True

    def _relative_day(self, j: int) -> tuple[int, int] | None:
        found = self.lex.relative.match(self.tok, j)
        if found is None:
            return None
        end = found[0]
        nxt = self.tok(end)
        if nxt in _NOT_YESTERDAY:
            return None
        if self.tok(j) == _TODAY and end == j + 1 and (nxt in _NOT_TODAY or nxt in self.lex.ordinals.lengths):
            return None
        return found

    def _weekday(self, j: int) -> tuple[int, int, int | None] | None:
        """A weekday with an optional "المقبل"/"الماضية": ``(end, iso weekday, direction)``."""
        found = self.lex.weekdays.match(self.tok, j)
        if found is None:
            return None
        end, iso = found
        direction = self._qualifier(end)
        if direction in (-1, 1):
            return end + 1, iso, direction
        return end, iso, None

    # -- rules --------------------------------------------------------------------------------------

    def _numeric_part(self, j: int) -> bool:
        return self.tok(j) in _NUMERIC_SEPARATORS or _is_num(self.tok(j))

    def _numeric(self, j: int) -> _Hit | None:
        """Numeric dates: "2024-02-07", "2024/02/07", "07/02/2024" (day first), "7.2.2024"."""
        sep = self.tok(j + 1)
        if sep not in _NUMERIC_SEPARATORS or not _is_num(self.tok(j)):
            return None
        parts = [self.tok(j), self.tok(j + 2), self.tok(j + 4)]
        if (
            self.tok(j + 3) != sep
            or not all(_is_num(p) for p in parts)
            or not all(self.adjacent(k) for k in range(j, j + 4))
        ):
            return None
        # Part of a longer run ("1/2/3/2024", "10.2.2024.5") is not a date.
        if (self.adjacent(j + 4) and self._numeric_part(j + 5)) or (
            self.adjacent(j - 1) and self._numeric_part(j - 1)
        ):
            return None
        a, b, c = parts
        if len(a) == 4 and len(b) <= 2 and len(c) <= 2:
            candidates = [(int(a), int(b), int(c))]
        elif len(c) == 4 and len(a) <= 2 and len(b) <= 2:
            # Arab and European papers write the day first; fall back to month first only when the
            # day-first reading is impossible ("02/13/2024").
            candidates = [(int(c), int(b), int(a)), (int(c), int(a), int(b))]
        else:
            return None
        for year, month, day in candidates:
            if not _MIN_YEAR <= year <= _MAX_YEAR:
                return None
            try:
                return _Hit(j + 5, *_day_value(date(year, month, day)), year_written=True)
            except ValueError:
                continue
        return None

    def _day_first(self, j: int) -> _Hit | None:
        """Day first: "7 فبراير 2024", "العاشر من اكتوبر المقبل", "15 آذار/مارس", "26 رجب 1445 هـ"."""
        found = self._day(j)
        if found is None:
            return None
        k, day, is_word = found
        if self.tok(k) == _FROM:
            k += 1
        elif is_word:  # "الأول" alone is just "the first"
            return None
        if self.tok(k) == _MONTH_NOUN:
            k += 1
        group = self._month_group(k)
        if group is not None:
            name = group[0]
            if day > _MAX_DAYS[name.month]:
                return None
            end, year, delta, direction = self._year_or_qualifier(name.end)
            same = direction == _SAME
            resolved = _month_year(
                name.month,
                day,
                year,
                delta,
                None if same else direction,
                lambda: self._lean(j),
                self.published,
            )
            placed = (name.month, day)
            free = year is None and delta is None and direction is None
            return _Hit(
                end,
                *_ymd(resolved, name.month, day),
                same=placed if same else None,
                free=placed if free else None,
                year_written=year is not None or delta is not None,
            )
        hijri = self.lex.hijri.match(self.tok, k)
        if hijri is not None:
            end, (month, _weak) = hijri
            if day > 30:
                return None
            return self._hijri_date(month, day, end) or _Hit(end, None, None, False)
        rel = self._relative_month(k)
        if rel is not None:
            end, delta = rel
            if self.published is None:
                return _Hit(end, None, None)
            y, m = _shift_month(self.published.year, self.published.month, delta)
            return _Hit(end, *_ymd(y, m, day))
        return None

    def _month_first(self, j: int) -> _Hit | None:
        """Month first: "February 7, 2024", "فبراير 7، 2024"; the year is required in this order."""
        group = self._month_group(j)
        if group is None:
            return None
        k = group[0].end
        t = self.tok(k)
        if not _is_num(t) or len(t) > 2 or not 1 <= int(t) <= _MAX_DAYS[group[0].month]:
            return None
        k += 1
        if self.tok(k) in _EN_ORDINAL_SUFFIX and self.adjacent(k - 1):
            k += 1
        if self.tok(k) == ",":
            k += 1
        year = self._year_number(k)
        if year is None:
            return None
        return _Hit(year[0], *_ymd(year[1], group[0].month, int(t)), year_written=True)

    def _explicit(self, j: int) -> _Hit | None:
        """A day-precision date written out (numeric, day first, or month first)."""
        best: _Hit | None = None
        for rule in (self._numeric, self._day_first, self._month_first):
            hit = rule(j)
            if hit is not None and (best is None or hit.end > best.end):
                best = hit
        return best

    def _following_date(self, j: int, direct: bool) -> _Hit | None:
        """A date after "الموافق" (or, when ``direct``, right after a weekday)."""
        k = j + 1 if self.tok(j) == "," else j
        if self.tok(k) in _CORRESPONDING:
            k += 1
            if self.tok(k) == _LI:
                k += 1
        elif not direct:
            return None
        # After a weekday the date may itself be a pair: "الأربعاء 26 رجب 1445 هـ الموافق 7 فبراير 2024".
        return self._dates_linked(k) if direct else self._explicit(k)

    def _dates_linked(self, i: int) -> _Hit | None:
        """An explicit date, possibly followed by "الموافق" and its other-calendar equivalent."""
        first = self._explicit(i)
        if first is None:
            return None
        second = self._following_date(first.end, direct=False)
        if second is None:
            return first
        if second.value is not None and (second.gregorian or first.value is None):
            return _Hit(second.end, second.value, second.precision, year_written=second.year_written)
        return _Hit(second.end, first.value, first.precision, year_written=first.year_written)

    def _chain(self, i: int) -> _Hit | None:
        """[وقت] [يوم] [اليوم/أمس…] [weekday [المقبل]] [، الموافق date]: "اليوم الإثنين الموافق 1 يوليو".

        An explicit date wins over a weekday, which wins over a relative word: where "أمس الثلاثاء"
        disagrees with the publication date, the recorded date is the one that is wrong.
        """
        j = i
        if self.tok(j) in _TIME_OF_DAY:
            j += 1
        named_day = self.tok(j) == _DAY_NOUN
        if named_day:
            j += 1
        rel = self._relative_day(j)
        if rel is not None:
            j = rel[0]
        weekday = self._weekday(j)
        if weekday is None and rel is not None and self.tok(j) == "(":  # "اليوم (الثلاثاء)"
            inner = self._weekday(j + 1)
            if inner is not None and self.tok(inner[0]) == ")":
                weekday = (inner[0] + 1, inner[1], None)
        if weekday is not None:
            j = weekday[0]
        if rel is None and weekday is None and not named_day:
            return None
        if named_day and rel is None and weekday is None and self.tok(j) == _DEFINITE and self.adjacent(j):
            j += 1  # "يوم الـ17 من يوليو"
        linked = self._following_date(j, direct=True)
        if linked is not None:
            return replace(linked, gregorian=True)
        p = self.published
        if rel is not None:
            if weekday is None or p is None:
                return _Hit(j, *_plus_days(p, rel[1]))
            # The weekday named, on or before the day after the one the relative word gives: a recorded
            # date is more often late (SaudiNewsNet's crawl dates) than early, but a page stamped in UTC
            # may be a day behind its writer's "اليوم الثلاثاء", which must not jump back six days.
            try:
                bound = p + timedelta(days=rel[1] + 1)
            except OverflowError:
                return _Hit(j, None, None)
            return _Hit(j, *_plus_days(bound, -((bound.isoweekday() - weekday[1]) % 7)))
        if weekday is None or p is None:
            return None if weekday is None else _Hit(j, None, None)
        _, iso, direction = weekday
        if direction == 1:  # "الجمعة المقبلة": strictly after publication
            return _Hit(j, *_plus_days(p, (iso - p.isoweekday()) % 7 or 7))
        if direction is None and self._lean(i) == 1:
            # "سيتوجه الوزير إلى باريس السبت": a weekday in a clause about the future is the next one.
            return _Hit(j, *_plus_days(p, (iso - p.isoweekday()) % 7))
        back = (p.isoweekday() - iso) % 7
        if direction == -1:  # "الجمعة الماضية": strictly before
            back = back or 7
        return _Hit(j, *_plus_days(p, -back))

    def _general(self, j: int) -> bool:
        """ "العام" at ``j`` is the adjective "general" after a definite masculine noun ("الأمين العام");
        a feminine one would take "العامة", so after "المحاكمة" it is the year."""
        prev = self.tok(j - 1) if j > 0 else ""
        return prev.startswith("ال") and len(prev) > 3 and not prev.endswith(normalize("ة"))

    def _same_year(self, j: int) -> int | None:
        """ "نفس العام", "العام نفسه", "ذات السنة", "السنة ذاتها": the end of the phrase."""
        if self.tok(j) in _SAME_BEFORE and self.tok(j + 1) in _THE_YEAR:
            return j + 2
        if self.tok(j) in _THE_YEAR and self.tok(j + 1) in _SAME_AFTER:
            if self.tok(j) == _THE_YEAR_ADJ and self._general(j):  # "الأمين العام نفسه": himself
                return None
            return j + 2
        return None

    def _year_or_qualifier(self, k: int) -> tuple[int, int | None, int | None, int | None]:
        """What may follow a month: ``(end, year, year delta, direction)``; a direction of
        ``_SAME`` means "من نفس العام", the year of the date before."""
        same = self._same_year(k + 1 if self.tok(k) in _SAME_LINKS else k)
        if same is not None:
            return same, None, None, _SAME
        part = self._year_part(k)
        if part is not None:
            return part[0], part[1], part[2], None
        direction = self._qualifier(k)
        if direction is not None:
            return k + 1, None, None, direction
        return k, None, None, None

    def _month_top(self, i: int) -> _Hit | None:
        context = any(f in _MONTH_CONTEXT for f in self.prev_forms(i))
        return self._month(i, context)

    def _month(self, j: int, context: bool) -> _Hit | None:
        """Month precision: "يناير كانون الثاني", "سبتمبر الماضي", "شهر رمضان 1445 هـ", "الشهر الجاري"."""
        k = j
        named = self.tok(k) == _MONTH_NOUN
        if named:
            k += 1
        best: _Hit | None = None
        group = self._month_group(k)
        if group is not None:
            name, double = group
            end, year, delta, direction = self._year_or_qualifier(name.end)
            strong = named or double or end > name.end
            if name.level == 0 or strong or (name.level == 1 and context):
                same = direction == _SAME
                resolved = _month_year(
                    name.month,
                    None,
                    year,
                    delta,
                    None if same else direction,
                    lambda: self._lean(j),
                    self.published,
                )
                best = _Hit(
                    end,
                    *_ym(resolved, name.month),
                    same=(name.month, 0) if same else None,
                    year_written=year is not None or delta is not None,
                )
        hijri = self.lex.hijri.match(self.tok, k)
        if hijri is not None:
            end, (month, weak) = hijri
            hit = self._hijri_date(month, None, end)
            if hit is None:
                # "شهر رمضان", "في رمضان", "رمضان المقبل": a Hijri month without a year cannot be placed
                # (the Hijri year drifts through the Gregorian one), but it is still a mention.
                qualified = self._qualifier(end) is not None
                if named or qualified or (context and not weak):
                    hit = _Hit(end + 1 if qualified else end, None, None, False)
            if hit is not None and (best is None or hit.end > best.end):
                best = hit
        if not named:
            rel = self._relative_month(j)
            if rel is not None:
                end, delta = rel
                p = self.published
                hit = _Hit(end, *(_ym(*_shift_month(p.year, p.month, delta)) if p else (None, None)))
                if best is None or hit.end > best.end:
                    best = hit
        return best

    def _year(self, i: int) -> _Hit | None:
        """Years: "عام 2014", "العام الماضي", "هذا العام", and a bare year after "في"/"منذ"/"مطلع"…"""
        t = self.tok(i)
        if t in _YEAR_NOUNS:
            found = self._year_number(i + 1)
            if found is not None:
                return _Hit(found[0], *_y(found[1]), year_written=True)
        same = self._same_year(i)
        if same is not None:  # "وفي العام نفسه": placed by find_dates, or unresolved
            return _Hit(same, None, None, same=(0, 0))
        rel = self._year_relative(i)
        if rel is not None:
            return _Hit(
                rel[0], *_y(self.published.year + rel[1] if self.published else None), year_written=True
            )
        found = self._year_number(i)
        if found is None:
            return None
        prev = self.prev_forms(i)
        in_context = any(f in _YEAR_CONTEXT or f in _YEAR_NOUNS for f in prev)
        # The second year of a range whose first year is one: "بين 2011 و2014", "عامي 2011 و2014".
        if not in_context and i >= 2 and self.tok(i - 1) in _RANGE_LINKS:
            in_context = self._year(i - 2) is not None
        return _Hit(found[0], *_y(found[1]), year_written=True) if in_context else None

    def _period(self, i: int) -> _Hit | None:
        """Part of a period ("مطلع 2020", "منتصف يناير", "أواخر الشهر الماضي"): the period's value."""
        if self.tok(i) not in _PERIODS:
            return None
        k = i + 2 if self.tok(i + 1) == _FROM else i + 1
        best: _Hit | None = None
        for hit in (self._month(k, True), self._year(k), self._week(k)):
            if hit is not None and (best is None or hit.end > best.end):
                best = hit
        if best is not None:
            return best
        # "منذ بداية العام", "منتصف الشهر", "مطلع الأسبوع": with no qualifier, the current one.
        t, p = self.tok(k), self.published
        if t in _THE_YEAR:
            return _Hit(k + 1, *_y(p.year if p else None), year_written=True)
        if t == _THE_MONTH:
            return _Hit(k + 1, *(_ym(p.year, p.month) if p else (None, None)))
        if t == _THE_WEEK:
            if any(f in _LEAVE for f in self.prev_forms(i)):  # "عطلة نهاية الأسبوع": a leave, not a date
                return None
            return _Hit(k + 1, *_week_of(p, 0))
        return None

    def _ago(self, i: int) -> _Hit | None:
        """Durations from publication: "منذ ثلاثة أيام", "قبل يومين", "منذ 20 عاما", "بعد شهرين"."""
        word = self.tok(i)
        sign = _AGO.get(word)
        if sign is None:
            return None
        k = i + 1
        if self.tok(k) in _APPROX:
            k += 1
        count: int | None = None
        if _is_num(self.tok(k)) and len(self.tok(k)) <= 3:
            count, k = int(self.tok(k)), k + 1
        else:
            number = self.lex.numbers.match(self.tok, k)
            if number is not None:
                k, count = number
        found = self.lex.units.match(self.tok, k)
        if found is None:
            return None
        end, (unit, implied) = found
        if count is None:
            if implied is None:  # "منذ أيام": a time too vague to place, kept unresolved
                return _Hit(end, None, None)
            count = implied
            # "قبل عام 2014", "قبل يوم الجمعة", "قبل شهر رمضان": the noun belongs to what follows.
            nxt = self.tok(end)
            lex = self.lex
            names = (lex.weekdays, lex.months, lex.hijri, lex.relative)
            if implied == 1 and (_is_num(nxt) or any(nxt in p.lengths for p in names)):
                return None
        elif implied == 2:  # a number before a dual is not Arabic
            return None
        if word != _SINCE and self.tok(end) in _FROM_EVENT:
            # "بعد يوم من مقتل ستة أشخاص" counts from another event, whose day is unknown here; "بعد يوم
            # من هجوم الجمعة" names it.
            anchor = self._anchor(end + 1) if unit in ("day", "week") else None
            if anchor is None:
                return _Hit(end, None, None)
            days = sign * count * (7 if unit == "week" else 1)
            return _Hit(end, *_plus_days(anchor, days))
        # "وصلت العدوى الخرطوم بعد سبع سنوات": after "بعد", months and years are mostly a duration
        # counted from another event ("after seven years [of war]"); they count from publication only
        # when the clause is about the future ("ستجرى الانتخابات بعد عامين").
        if word == _AFTER and unit in ("month", "year") and self._lean(i) != 1:
            return _Hit(end, None, None)
        p = self.published
        if p is None:
            return _Hit(end, None, None)
        if unit == "day":
            return _Hit(end, *_plus_days(p, sign * count))
        if unit == "week":
            return _Hit(end, *_plus_days(p, sign * 7 * count))
        if unit == "month":
            return _Hit(end, *_ym(*_shift_month(p.year, p.month, sign * count)))
        return _Hit(end, *_y(p.year + sign * count), year_written=True)

    def _anchor(self, k: int) -> date | None:
        """The day of the event named from token ``k``: a date within ``_ANCHOR_SCOPE`` words of it, in
        the same clause ("هجوم الجمعة", "الانتخابات التي جرت الأحد" is another clause: None)."""
        for j in range(k, k + _ANCHOR_SCOPE):
            t = self.tok(j)
            if not t or t in _SENTENCE_ENDS or j in self.breaks or t in _CLAUSE_OPENERS:
                return None
            hit = self._chain(j) or self._dates_linked(j)
            if hit is not None:
                if hit.precision != _DAY or hit.value is None:
                    return None
                return date.fromisoformat(hit.value)
            if not t.isalpha():  # a comma or a bracket ends the event's name
                return None
        return None

    def _eve(self, i: int) -> _Hit | None:
        """ "عشية الانتخابات" (the eve of), "غداة الهجوم" (the day after): a day next to another event's,
        unresolved unless that event's date is given ("غداة هجوم الجمعة" is Saturday)."""
        shift = _EVE.get(self.tok(i))
        if shift is None or self.tok(i + 1) in _OVERNIGHT or self.tok(i - 1) == normalize("بين"):
            return None
        direct = self._chain(i + 1) or self._dates_linked(i + 1)
        if direct is not None:  # "عشية الجمعة": one mention
            if direct.precision != _DAY or direct.value is None:
                return _Hit(direct.end, None, None)
            return _Hit(direct.end, *_plus_days(date.fromisoformat(direct.value), shift))
        anchor = self._anchor(i + 1)
        return _Hit(i + 1, *(_plus_days(anchor, shift) if anchor is not None else (None, None)))

    def _vague(self, i: int) -> _Hit | None:
        """Times that say when only roughly ("مؤخراً", "في وقت سابق", "قريباً"): kept, never resolved,
        so that an event they date is not put on the publication day."""
        found = self.lex.vague.match(self.tok, i)
        return None if found is None else _Hit(found[0], None, None)

    def _week(self, i: int) -> _Hit | None:
        """Weeks ("الأسبوع الماضي", "هذا الأسبوع", "الأسبوع قبل الماضي"): precision ``week``."""
        if self.tok(i) in _THIS and self.tok(i + 1) == _THE_WEEK:
            return _Hit(i + 2, *_week_of(self.published, 0))
        if self.tok(i) == _THE_WEEK:
            step = self._step(i + 1)
            if step is not None:
                return _Hit(step[0], *_week_of(self.published, step[1]))
        return None


# Every rule, by the name the lexicon's start table uses; ties go to the earlier rule.
_RULES: tuple[tuple[str, Callable[[_Parser, int], _Hit | None]], ...] = (
    ("chain", _Parser._chain),
    ("dates", _Parser._dates_linked),
    ("month", _Parser._month_top),
    ("year", _Parser._year),
    ("period", _Parser._period),
    ("ago", _Parser._ago),
    ("week", _Parser._week),
    ("vague", _Parser._vague),
    ("eve", _Parser._eve),
)


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every temporal expression in ``text``, sorted and non-overlapping (longest match wins).

    Relative expressions ("أمس", "يوم الجمعة", "سبتمبر الماضي") are resolved against ``published``;
    without it they are still returned, with ``value`` and ``precision`` None.
    """
    if isinstance(published, datetime):
        published = published.date()
    norm, offsets = normalize_with_offsets(text)
    toks: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _TOKEN_RE.finditer(norm):
        toks.append(m.group())
        starts.append(m.start())
        ends.append(m.end())
    # A line break ends a sentence even without a full stop (headlines, list items).
    breaks = frozenset(k for k in range(1, len(toks)) if "\n" in norm[ends[k - 1] : starts[k]])
    parser = _Parser(toks, starts, ends, published, breaks)
    rules = parser.lex.rules

    candidates: list[tuple[int, int, _Hit]] = []  # (start char, start token, hit)
    for i, t in enumerate(toks):
        best: tuple[int, _Hit] | None = None
        for form, skip in _variants(t):
            if form in rules or _is_num(form):
                hit = parser.parse_at(i, form)
                if hit is not None and (best is None or hit.end > best[1].end):
                    best = (skip, hit)
        if best is not None:
            candidates.append((starts[i] + best[0], i, best[1]))

    # Longest first; a candidate survives only if it overlaps none already kept.
    candidates.sort(key=lambda c: (-(ends[c[2].end - 1] - c[0]), c[0]))
    taken = bytearray(len(toks))  # 1 where a token already belongs to a kept mention
    kept: list[tuple[int, int, _Hit]] = []
    for start, first, hit in candidates:
        if not any(taken[first : hit.end]):
            taken[first : hit.end] = b"\x01" * (hit.end - first)
            kept.append((start, ends[hit.end - 1], hit))
    kept.sort(key=lambda c: c[0])

    out: list[DateMention] = []
    for start, end, hit in _place_years(norm, kept):
        o_start = offsets[start]
        # Extend over diacritics and tatweel after the last letter ("غداً"), which normalisation dropped.
        o_end = offsets[end] if end < len(offsets) else len(text)
        out.append(DateMention(o_start, o_end, text[o_start:o_end], hit.value, hit.precision))
    return out


def _place_years(norm: str, kept: list[tuple[int, int, _Hit]]) -> list[tuple[int, int, _Hit]]:
    """``kept`` with the years no single expression can give.

    "14 أغسطس من نفس العام" takes the year of the date before it; a day and month the window placed
    take the year of the same day written out earlier ("استمر من 21 يونيو 2013 … وفض يوم 21 يونيو" is
    2013, not the coming June), and never fall after the end of their range ("بين 1 يناير و30 يونيو"
    written in July is this January, not the next one).
    """
    last_year: int | None = None
    written: dict[tuple[int, int], int] = {}  # (month, day) -> year, for days whose year is known
    out: list[tuple[int, int, _Hit]] = []
    for start, end, hit in kept:
        if hit.same is not None and last_year is not None:
            month, day = hit.same
            if not month:
                value = _y(last_year)
            elif not day:
                value = _ym(last_year, month)
            else:
                value = _ymd(last_year, month, day)
            hit = replace(hit, value=value[0], precision=value[1])
        elif hit.free is not None and hit.free in written:
            value = _ymd(written[hit.free], *hit.free)
            hit = replace(hit, value=value[0], precision=value[1])
        if hit.value is not None and (hit.year_written or hit.same is not None):
            last_year = int(hit.value[:4])
        if hit.value is not None and hit.precision == _DAY and hit.free is None:
            year, month, day = (int(part) for part in hit.value.split("-"))
            written[(month, day)] = year
        out.append((start, end, hit))
    for k in range(len(out) - 1, 0, -1):  # from the end, so that a chain of ranges follows its last date
        (a_start, a_end, first), (b_start, _, last) = out[k - 1], out[k]
        if first.free is None or first.value is None or last.precision != _DAY or last.value is None:
            continue
        if norm[a_end:b_start].strip() not in _RANGE_GAPS or first.value <= last.value:
            continue
        year = int(last.value[:4])
        value = _ymd(year, *first.free)
        if value[0] is not None and value[0] > last.value:
            value = _ymd(year - 1, *first.free)
        out[k - 1] = (a_start, a_end, replace(first, value=value[0], precision=value[1]))
    return out


def parse_date(text: str) -> date | None:
    """The first full date in a standalone string ("تاريخ النشر: 7th, February 2024 GMT"), or None."""
    for mention in find_dates(text, None):
        if mention.precision == _DAY and mention.value is not None:
            return date.fromisoformat(mention.value)
    return None
