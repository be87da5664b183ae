"""Scoring event resolution against hand labels: B-cubed precision, recall and F1.

B-cubed (Bagga & Baldwin 1998) scores every item, not every cluster: an item's precision is the share of
its predicted cluster that truly shares its event, its recall the share of its true event that the
prediction put with it. Averaging over items weights big events by their size, which is what a reader of
the resolved dataset sees, and it needs no matching between predicted and gold clusters.

The gold labels for SaudiNewsNet live in ``tests/data/saudinewsnet_events.tsv`` (url, event, note); see
``tests/data/README.md`` for how they were built.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

__all__ = ["bcubed", "read_gold"]

GOLD_COLUMNS = ("url", "event", "note")
_HEADER = "\t".join(GOLD_COLUMNS)


def bcubed(gold: Mapping[str, str], pred: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``pred`` over the items of ``gold``.

    Both map an item id (for SaudiNewsNet, the article URL) to a cluster label; labels are compared only
    for equality, so the two sides need not share a vocabulary. Items of ``pred`` absent from ``gold``
    are ignored; an item of ``gold`` absent from ``pred`` counts as a predicted cluster of its own.

    Raises:
        ValueError: ``gold`` is empty, so there is nothing to average over.
    """
    if not gold:
        raise ValueError("gold is empty: B-cubed averages over the gold items, so give at least one")
    # A missing item must not fall into the same predicted cluster as another missing item, so each gets
    # a key no real label can equal (a tuple, while real labels are strings).
    pred_key: dict[str, object] = {item: pred.get(item, ("missing", item)) for item in gold}
    pair: Counter[tuple[str, object]] = Counter((gold[item], pred_key[item]) for item in gold)
    gold_size: Counter[str] = Counter(gold.values())
    pred_size: Counter[object] = Counter(pred_key.values())
    # Every item in the cell (g, p) has the same overlap n = |G ∩ P|, so a cell contributes n * n / |P|
    # to the precision sum and n * n / |G| to the recall sum: one pass over cells, not over item pairs.
    precision_sum = sum(n * n / pred_size[p] for (_, p), n in pair.items())
    recall_sum = sum(n * n / gold_size[g] for (g, _), n in pair.items())
    precision = precision_sum / len(gold)
    recall = recall_sum / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def read_gold(path: Path) -> dict[str, str]:
    """Read a gold TSV with the header ``url, event, note`` into ``{url: event}``.

    Raises:
        ValueError: the header is wrong, a row has the wrong number of fields or an empty url or event,
            or a url appears twice; the message names the line.
    """
    gold: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows, None)
        if header is None or tuple(header) != GOLD_COLUMNS:
            raise ValueError(f"{path}: the header must be {_HEADER!r}, found {header!r}")
        for line, row in enumerate(rows, start=2):
            if len(row) != len(GOLD_COLUMNS) or not row[0] or not row[1]:
                raise ValueError(f"{path}:{line}: expected a url, an event and a note separated by tabs")
            url, event = row[0], row[1]
            if url in gold:
                raise ValueError(f"{path}:{line}: {url} is labelled twice; an article reports one event")
            gold[url] = event
    return gold
