"""Exact and near-duplicate articles are flagged, pointing at the earliest copy."""

from __future__ import annotations

from hadath.resolve.duplicates import find_duplicates

TEXT = (
    "قال وزير الخارجية العراقي إن بلاده تلقت دعوة رسمية لحضور القمة العربية المقبلة في الرياض وإن الوفد "
    "سيضم عددا من الوزراء والمسؤولين لبحث الملفات الإقليمية والاقتصادية المطروحة على جدول الأعمال "
    "وفي مقدمتها الأوضاع في غزة والسودان واليمن وسبل دعم الاستقرار في المنطقة"
)
OTHER = (
    "أعلنت وزارة الصحة في الأردن تسجيل انخفاض في عدد الإصابات الموسمية خلال الأسبوع الماضي مقارنة بالفترة "
    "نفسها من العام الماضي داعية المواطنين إلى الالتزام بإرشادات الوقاية"
)


def test_exact_copy_with_different_spacing_and_hamza() -> None:
    copy = TEXT.replace("إن", "ان").replace(" ", "  ")
    dup = find_duplicates([("b", copy, "2024-01-02"), ("a", TEXT, "2024-01-01")])
    assert dup == {"b": "a"}


def test_syndicated_copy_with_a_different_ending() -> None:
    syndicated = TEXT + " المصدر وكالة الأنباء"
    dup = find_duplicates([("x", TEXT, "2024-01-01"), ("y", syndicated, "2024-01-01"), ("z", OTHER, None)])
    assert dup == {"y": "x"}


def test_unrelated_articles_are_not_duplicates() -> None:
    assert find_duplicates([("x", TEXT, None), ("z", OTHER, None)]) == {}
