"""Sparse average-link clustering and the blocking that feeds it candidate pairs."""

from __future__ import annotations

import pytest

from hadath.resolve import similarity
from hadath.resolve.similarity import Similarity
from hadath.resolve.stories import average_link

SHIP = "وصول سفينة مساعدات إغاثية إلى ميناء عدن محملة بالأدوية والمواد الغذائية للمتضررين من الحرب"
SHIP_AGAIN = "سفينة مساعدات إغاثية تصل ميناء عدن وعلى متنها أدوية ومواد غذائية للمتضررين"
FIRE = "الدفاع المدني يخمد حريقا في مستودع للأخشاب بالمنطقة الصناعية دون إصابات"


def test_average_link_merges_on_the_mean_not_the_best_pair() -> None:
    # 1 and 2 merge first (0.9); 0 then scores (0.8 + 0) / 2 = 0.4 against them, under 0.5.
    edges = {(0, 1): 0.8, (1, 2): 0.9}
    assert average_link([1, 1, 1], edges, 0.5, lambda a, b: True) == [0, 1, 1]
    assert average_link([1, 1, 1], edges, 0.4, lambda a, b: True) == [0, 0, 0]


def test_average_link_weighs_by_group_size_and_missing_pairs_count_as_zero() -> None:
    # Group 0 holds three items; 1 matches one of them at 0.9: the average is 0.3.
    assert average_link([3, 1], {(0, 1): 0.9}, 0.35, lambda a, b: True) == [0, 1]
    assert average_link([3, 1], {(0, 1): 0.9}, 0.3, lambda a, b: True) == [0, 0]


def test_average_link_never_crosses_a_cannot_link() -> None:
    edges = {(0, 1): 0.9, (1, 2): 0.9, (0, 2): 0.9}
    roots = average_link([1, 1, 1], edges, 0.5, lambda a, b: {a, b} != {0, 2} and {a, b} != {1, 2})
    assert roots == [0, 0, 2]


def test_neighbours_keep_the_same_news_cycle() -> None:
    sim = Similarity(["a", "b", "c", "d"], [SHIP, SHIP_AGAIN, SHIP_AGAIN, FIRE])
    pairs = sim.neighbours(
        {"a": "2015-07-26", "b": "2015-07-27", "c": "2015-07-30", "d": "2015-07-26"}, 1, 5, 0.1
    )
    assert ("a", "b") in pairs and pairs[("a", "b")] == pytest.approx(sim("a", "b"))
    assert ("a", "c") not in pairs and ("b", "c") not in pairs  # three and four days apart
    assert all("d" not in pair for pair in pairs)  # nothing in common above the floor


def test_undated_articles_pair_with_any_day() -> None:
    sim = Similarity(["a", "b"], [SHIP, SHIP_AGAIN])
    assert ("a", "b") in sim.neighbours({"a": None, "b": "2015-07-27"}, 1, 5, 0.1)


def test_oversized_blocks_are_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    sim = Similarity(["a", "b", "c"], [SHIP, SHIP, SHIP])
    day = dict.fromkeys("abc", "2015-07-26")
    assert len(sim.neighbours(day, 1, 5, 0.1)) == 3
    monkeypatch.setattr(similarity, "MAX_BLOCK", 2)  # every shared term now names too many articles
    assert sim.neighbours(day, 1, 5, 0.1) == {}


def test_each_article_keeps_its_k_best() -> None:
    texts = [SHIP, SHIP, SHIP_AGAIN, SHIP_AGAIN + " اليوم"]
    sim = Similarity(["a", "b", "c", "d"], texts)
    pairs = sim.neighbours(dict.fromkeys("abcd", "2015-07-26"), 1, 1, 0.0)
    # a and b are identical, c and d nearly so: each one's single best is its twin.
    assert set(pairs) == {("a", "b"), ("c", "d")}
