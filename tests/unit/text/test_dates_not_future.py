"""The nouns and names shaped like a سـ future verb (``data/lexicons/not_future_verbs.tsv``): the file
loads, every entry does its job, and a date after them is not pushed into the future as after a verb."""

from __future__ import annotations

import csv
import io
from datetime import date
from importlib import resources

import pytest

from hadath.text import dates
from hadath.text.dates import find_dates
from hadath.text.normalize import normalize

FILE = "data/lexicons/not_future_verbs.tsv"
SAT = date(2024, 2, 10)
# "20 ديسمبر" published on 10 February 2024: the past December by default, the next one after a future
# verb ("سيزور", "ستعقد"), which moves the window ahead.
PAST, NEXT = "2023-12-20", "2024-12-20"


def _entries() -> list[str]:
    raw = resources.files("hadath").joinpath(FILE).read_text(encoding="utf-8")
    return [row["word"] for row in csv.DictReader(io.StringIO(raw), delimiter="\t", quoting=csv.QUOTE_NONE)]


def test_the_file_ships_and_loads_normalised() -> None:
    assert resources.files("hadath").joinpath(FILE).is_file()
    loaded = dates._lexicon().not_future
    assert set(loaded) == {normalize(w) for w in _entries()}
    assert {"سيار", "سياس", "سيطر", "ستين"} <= set(loaded)
    assert normalize("سيئول") in loaded  # the hamza folded, as in the text it is matched against


@pytest.mark.parametrize("stem", _entries())
def test_every_entry_blocks_a_word_that_would_read_as_a_future_verb(stem: str) -> None:
    word = normalize(stem) + "ات"  # any word it begins, long enough for the verb test
    assert dates._is_future_verb(word, ())  # shaped like سـ + verb: otherwise the entry is dead weight
    assert not dates._is_future_verb(word, dates._lexicon().not_future)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Real future verbs: the date is ahead.
        ("سيزور الوزير باريس في 20 ديسمبر", NEXT),
        ("ستعقد القمة في 20 ديسمبر", NEXT),
        ("وسيلتقي الرئيسان في 20 ديسمبر", NEXT),
        # Nouns and names from the file: no future, the default window puts the date behind.
        ("انفجرت سيارة مفخخة في 20 ديسمبر", PAST),
        ("وناقش البرلمان سياسة الحكومة في 20 ديسمبر", PAST),
        ("أعلن الجيش سيطرته على المدينة في 20 ديسمبر", PAST),
        ("قتل ستون شخصا في 20 ديسمبر", PAST),
        ("وصل الوفد إلى سيئول في 20 ديسمبر", PAST),
        ("احتفل مانشستر سيتي بالفوز في 20 ديسمبر", PAST),
    ],
)
def test_a_noun_shaped_like_a_future_verb_does_not_move_the_date_ahead(text: str, value: str) -> None:
    assert [(m.text, m.value) for m in find_dates(text, SAT)] == [("20 ديسمبر", value)]
