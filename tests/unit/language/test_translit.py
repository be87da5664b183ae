"""English spellings of Arabic names the knowledge files do not know."""

from __future__ import annotations

import pytest

from hadath.language.translit import transliterate


@pytest.mark.parametrize(
    ("arabic", "english"),
    [
        ("عبد الرحمن عمر عثمان", "Abd al-Rahman Omar Othman"),  # usual spellings of common name parts
        ("عبد الله بن زايد آل نهيان", "Abdullah bin Zayed Al Nahyan"),  # a two-word name read as one
        ("سلمى الخطيب", "Salma al-Khatib"),  # the article kept, the rest spelled letter by letter
        ("عبدالرحمن الحسين", "Abd al-Rahman al-Hussein"),  # "عبد" glued to the next word
        ("يوسف العتيبة", "Youssef al-Atiba"),  # initial ayn dropped, ta marbuta as -a
    ],
)
def test_common_names_get_their_news_spelling(arabic: str, english: str) -> None:
    assert transliterate(arabic) == english


def test_unknown_words_are_spelled_consistently_in_ascii() -> None:
    name = transliterate("ميتسوبيشي بلدوين")
    assert name.isascii() and name[0].isupper() and len(name.split()) == 2
    assert transliterate("ميتسوبيشي بلدوين") == name


def test_a_word_that_starts_with_ayn_before_a_long_vowel() -> None:
    assert transliterate("عوني") == "Uni"  # the dropped ayn leaves nothing before the waw


def test_marks_and_bidi_controls_are_not_spelled() -> None:
    assert transliterate("\u200fسلمى الخطيب") == "Salma al-Khatib"
