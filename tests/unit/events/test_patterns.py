"""The event pattern file: well-formed, normalised, and each trigger firing on a sentence of its own."""

from __future__ import annotations

import pytest

from hadath.events.patterns import find_triggers, load_patterns
from hadath.text.normalize import tokenize

PLOVER = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}


def test_patterns_are_well_formed() -> None:
    patterns, digest = load_patterns()
    assert len(digest) == 12
    ids = [p.id for p in patterns]
    assert len(ids) == len(set(ids))
    for p in patterns:
        assert p.plover in PLOVER, p.id
        assert p.verbs or p.nouns, p.id
        assert p.cameo is not None and p.cameo.isdigit(), p.id


@pytest.mark.parametrize(
    ("sentence", "pattern_id"),
    [
        ("تلقى الوزير اتصالاً هاتفياً من نظيره", "phone-received"),
        ("وأجرى الرئيس اتصالا هاتفيا مع ولي العهد", "phone-made"),
        ("أكد الوزير في اتصال هاتفي مع نظيره", "phone-noun"),
        ("واستقبل الرئيس رئيس الوزراء في القصر", "visit-host"),
        ("يزور الوزير العاصمة غدا", "visit"),
        ("وطالب الوزير رسميا وزارة الخزانة", "request-demand"),
        ("دعا الوزير الولايات المتحدة إلى العودة", "request-appeal"),
        ("وأدانت الحكومة الهجوم", "condemn"),
        ("رفضت الحكومة المقترح", "reject"),
        ("فرضت وزارة الخزانة عقوبات على مصارف", "sanction"),
        ("وشن الجيش غارات جوية على مواقع", "assault-airstrike"),
        ("هجوم بطائرة مسيرة استهدف القاعدة", "assault-drone"),
        ("تظاهر آلاف في العاصمة", "protest"),
        ("اعتقلت الشرطة ناشطين", "arrest"),
    ],
)
def test_trigger_fires(sentence: str, pattern_id: str) -> None:
    matches = find_triggers(tokenize(sentence))
    assert matches and matches[0].pattern.id == pattern_id


def test_needs_word_is_required() -> None:
    # "تلقى" without a call nearby is not a phone call ("تلقى دعوة" is an invitation).
    assert all(m.pattern.mode != "phone" for m in find_triggers(tokenize("تلقى الوزير دعوة لحضور القمة")))


def test_future_prefix_is_flagged() -> None:
    matches = find_triggers(tokenize("سيزور الوزير بغداد الأسبوع المقبل"))
    assert matches[0].pattern.id == "visit" and matches[0].future
