"""The hand-labelled SaudiNewsNet event set: well formed, labels only, and every URL in the dataset."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, need_shared
from hadath.resolve.evaluate import GOLD_COLUMNS, read_gold

LABELS = ROOT / "tests" / "data" / "saudinewsnet_events.tsv"
DATASET = SHARED / "data" / "saudinewsnet" / "dataset"
# The three extraction days the set was drawn from (tests/data/README.md).
DAYS = {"2015-07-25", "2015-07-26", "2015-07-27"}
LABEL = re.compile(r"e\d{3}-[a-z0-9]+(?:-[a-z0-9]+)*")
ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


@cache
def rows() -> list[dict[str, str]]:
    with LABELS.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@cache
def extraction_days(dataset: Path) -> dict[str, set[str]]:
    """URL -> the days it was extracted on, over every daily zip."""
    days: dict[str, set[str]] = {}
    for path in sorted(dataset.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                for article in json.loads(archive.read(name)):
                    days.setdefault(article["url"], set()).add(article["date_extracted"][:10])
    return days


def test_parses_with_three_filled_columns() -> None:
    gold = read_gold(LABELS)
    assert len(gold) == len(rows())
    for row in rows():
        assert tuple(row) == GOLD_COLUMNS
        assert all(row[column] for column in GOLD_COLUMNS), row


def test_urls_are_unique() -> None:
    urls = Counter(row["url"] for row in rows())
    assert [url for url, n in urls.items() if n > 1] == []


def test_size_and_shape() -> None:
    sizes = Counter(Counter(row["event"] for row in rows()).values())
    events = sum(sizes.values())
    assert len(rows()) >= 300
    assert events >= 60
    assert sum(n for size, n in sizes.items() if size >= 2) >= 40  # many multi-outlet events
    singletons = sizes[1] / len(rows())
    assert 0.2 <= singletons <= 0.45, (
        f"singletons are {singletons:.0%} of the articles, about a third expected"
    )


def test_labels_and_notes_are_our_own() -> None:
    notes: dict[str, str] = {}
    for row in rows():
        assert LABEL.fullmatch(row["event"]), row["event"]
        assert ARABIC.search(row["note"]) is None, "notes are our own English, no article wording"
        assert len(row["note"].split()) <= 12, row["note"]
        # One event, one description: a second note for a label means two events were merged by mistake.
        assert notes.setdefault(row["event"], row["note"]) == row["note"], row["event"]


def test_every_url_is_in_saudinewsnet() -> None:
    days = extraction_days(need_shared(DATASET))
    missing = [row["url"] for row in rows() if row["url"] not in days]
    assert missing == []
    outside = [row["url"] for row in rows() if not days[row["url"]] & DAYS]
    assert outside == [], "every labelled article comes from the three documented days"


OKAZ_JORDAN_CALL = "http://www.okaz.com.sa/new/Issues/20150726/Con20150726785759.htm"
AAWSAT_JORDAN_CALL = "http://aawsat.com/home/article/415746/"
OKAZ_HADI_CALL = "http://www.okaz.com.sa/new/Issues/20150727/Con20150727785952.htm"
RIYADH_TRUCE = "http://www.alriyadh.com/1067899"
RIYADH_HADI_ON_TRUCE = "http://www.alriyadh.com/1068018"
RIYADH_NAJRAN_GIRL = "http://www.alriyadh.com/1068039"
AAWSAT_NAJRAN_GIRL = "http://aawsat.com/home/article/416126/"
RIYADH_JAZAN_WORKER = "http://www.alriyadh.com/1067765"


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        # One call, reported the next day by one outlet and two days later by another.
        (OKAZ_JORDAN_CALL, AAWSAT_JORDAN_CALL, True),
        # The deputy crown prince's calls with King Abdullah and with Hadi: same weekend, two events.
        (OKAZ_JORDAN_CALL, OKAZ_HADI_CALL, False),
        # The truce and Hadi's call to respect it: a reaction is a new event.
        (RIYADH_TRUCE, RIYADH_HADI_ON_TRUCE, False),
        # One projectile strike across outlets and days; another strike elsewhere is another event.
        (RIYADH_NAJRAN_GIRL, AAWSAT_NAJRAN_GIRL, True),
        (RIYADH_NAJRAN_GIRL, RIYADH_JAZAN_WORKER, False),
    ],
)
def test_known_pairs(first: str, second: str, same: bool) -> None:
    # A URL is given whole, or by a prefix ending in "/" where the rest is an Arabic slug.
    def event(url: str) -> str:
        found = [
            row["event"]
            for row in rows()
            if row["url"] == url or (url.endswith("/") and row["url"].startswith(url))
        ]
        assert len(found) == 1, url
        return found[0]

    assert (event(first) == event(second)) is same
