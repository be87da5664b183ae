"""Normalisation, tokens with offsets, clitics and sentences."""

from __future__ import annotations

import pytest

from hadath.text.normalize import normalize, normalize_with_offsets, sentences, strip_clitics, tokenize


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("أإآا", "اااا"),
        ("مدرسة", "مدرسه"),
        ("مستشفى", "مستشفي"),
        ("العـــراق", "العراق"),
        ("مُحَمَّدٌ", "محمد"),
        ("٢٠٢٤ و۱۴", "2024 و14"),
        ("ﺍﻟﻌﺮﺍﻕ", "العراق"),  # presentation forms copied from PDFs
        ("؟،؛", "?,;"),
    ],
)
def test_normalize(raw: str, norm: str) -> None:
    assert normalize(raw) == norm


def test_offsets_point_into_the_original() -> None:
    raw = "الجُمعة الـمقبلة"
    norm, offsets = normalize_with_offsets(raw)
    assert norm == "الجمعه المقبله"
    start = norm.index("المقبله")
    assert raw[offsets[start] :].startswith("الـمقبلة")


def test_tokens_keep_offsets() -> None:
    text = "قال بلينكن، إنّ"
    toks = tokenize(text)
    assert [text[t.start : t.end] for t in toks] == ["قال", "بلينكن", "إنّ"]
    assert toks[2].norm == "ان"


@pytest.mark.parametrize(
    ("word", "stem"),
    [("وبالعراق", "العراق"), ("للعراق", "العراق"), ("فالحكومة", "الحكومه"), ("ولبنان", "لبنان")],
)
def test_clitics(word: str, stem: str) -> None:
    assert stem in strip_clitics(normalize(word))


def test_sentences_survive_quotes_and_abbreviations() -> None:
    text = "وأكد حسين “رفض الهجمات. وضرورة إيقافها”، مشدداً على الحوار. وقال د. أحمد إن الوضع صعب؟ نعم"
    spans = [text[s:e] for s, e in sentences(text)]
    assert spans == [
        "وأكد حسين “رفض الهجمات. وضرورة إيقافها”، مشدداً على الحوار.",
        "وقال د. أحمد إن الوضع صعب؟",
        "نعم",
    ]


def test_acronyms_and_web_names_are_not_split() -> None:
    for text in ["وقال الوزير لقناة بي.بي.سي إن الجيش قصف المواقع.", "وقال للجزيرة.نت إن الوضع صعب."]:
        assert len(sentences(text)) == 1


def test_a_full_stop_glued_to_the_next_word_still_ends_a_sentence() -> None:
    text = (
        "وقع الهجوم قرب الحدود مع الأردن.وفي الشهر الماضي شنت القوات هجوما. قال د.محمد إن النسبة 3.5 بالمئة."
    )
    assert [text[a:b].strip() for a, b in sentences(text)] == [
        "وقع الهجوم قرب الحدود مع الأردن.",
        "وفي الشهر الماضي شنت القوات هجوما.",
        "قال د.محمد إن النسبة 3.5 بالمئة.",
    ]
