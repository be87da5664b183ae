"""B-cubed on hand-made clusterings whose scores were worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from hadath.resolve.evaluate import bcubed, read_gold

# Two events of three and two articles, and a singleton.
GOLD = {"a": "g1", "b": "g1", "c": "g1", "d": "g2", "e": "g2", "f": "g3"}


def test_identical_clustering_scores_one() -> None:
    assert bcubed(GOLD, GOLD) == pytest.approx((1.0, 1.0, 1.0))


def test_labels_are_compared_only_for_equality() -> None:
    renamed = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "z"}
    assert bcubed(GOLD, renamed) == pytest.approx((1.0, 1.0, 1.0))


def test_all_singletons() -> None:
    # Precision is perfect; each item recalls 1/|its event|: (3 * 1/3 + 2 * 1/2 + 1) / 6 = 3/6.
    singletons = {item: item for item in GOLD}
    precision, recall, f1 = bcubed(GOLD, singletons)
    assert (precision, recall) == pytest.approx((1.0, 0.5))
    assert f1 == pytest.approx(2 / 3)


def test_missing_prediction_counts_as_singleton() -> None:
    # An empty prediction must score as all singletons, not as one cluster of the missing items.
    assert bcubed(GOLD, {}) == pytest.approx(bcubed(GOLD, {item: item for item in GOLD}))
    # Leaving out "c" alone: a and b still share their cluster; c recalls only itself.
    precision, recall, _ = bcubed(GOLD, {k: v for k, v in GOLD.items() if k != "c"})
    assert precision == pytest.approx(1.0)
    assert recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1 + 1) / 6)


def test_all_merged() -> None:
    # Recall is perfect; each item's precision is |its event| / 6: (3 * 3 + 2 * 2 + 1 * 1) / 36 = 14/36.
    merged = dict.fromkeys(GOLD, "one")
    precision, recall, f1 = bcubed(GOLD, merged)
    assert (precision, recall) == pytest.approx((14 / 36, 1.0))
    assert f1 == pytest.approx(2 * (14 / 36) / (14 / 36 + 1))


def test_bagga_baldwin_example() -> None:
    # The example of Bagga & Baldwin (1998): events {1..5}, {6, 7}, {8..12}; the system joins the
    # last two. Items 1-5 have precision 1, items 6-7 have 2/7, items 8-12 have 5/7, so
    # P = (5 + 2 * 2/7 + 5 * 5/7) / 12 = 16/21, R = 1, F1 = 32/37.
    gold = {str(i): "A" if i <= 5 else "B" if i <= 7 else "C" for i in range(1, 13)}
    pred = {str(i): "X" if i <= 5 else "Y" for i in range(1, 13)}
    assert bcubed(gold, pred) == pytest.approx((16 / 21, 1.0, 32 / 37))


def test_split_and_merge_at_once() -> None:
    # Gold {a, b, c} {d, e}; predicted {a, b} {c, d, e}.
    # Precision: a 1, b 1, c 1/3, d 2/3, e 2/3 -> 11/15. Recall: a 2/3, b 2/3, c 1/3, d 1, e 1 -> 11/15.
    gold = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
    pred = {"a": "p", "b": "p", "c": "q", "d": "q", "e": "q"}
    assert bcubed(gold, pred) == pytest.approx((11 / 15, 11 / 15, 11 / 15))


def test_predicted_items_outside_gold_are_ignored() -> None:
    # Extra articles the resolver clustered with gold items do not dilute precision.
    pred = dict(GOLD) | {"zz1": "g1", "zz2": "g2"}
    assert bcubed(GOLD, pred) == pytest.approx((1.0, 1.0, 1.0))


def test_empty_gold_is_an_error() -> None:
    with pytest.raises(ValueError, match="gold is empty"):
        bcubed({}, {"a": "x"})


def test_read_gold(tmp_path: Path) -> None:
    path = tmp_path / "gold.tsv"
    path.write_text("url\tevent\tnote\nhttp://x/1\te1\tA call\nhttp://x/2\te1\tA call\n", encoding="utf-8")
    assert read_gold(path) == {"http://x/1": "e1", "http://x/2": "e1"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("url\tevent\nhttp://x/1\te1\n", "header"),
        ("url\tevent\tnote\nhttp://x/1\te1\n", ":2:"),
        ("url\tevent\tnote\nhttp://x/1\te1\ta\nhttp://x/1\te2\tb\n", "labelled twice"),
    ],
)
def test_read_gold_rejects_bad_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "gold.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_gold(path)
