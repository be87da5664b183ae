"""Smoke run of the resolution benchmark on the first labelled SaudiNewsNet articles.

The floors pin today's B-cubed figures on this small slice with a margin (precision 1.0, recall 0.81, F1
0.90 when set; the resolver before stories scored F1 0.52 here); the full-set figures, both halves and the
baseline come from ``python benchmarks/bench_resolve.py``. The first 120 labels are the big multi-outlet
events, where the text-only baseline is at its best (F1 0.92 here, 0.88 on the whole set).
"""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import SHARED, need_shared

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import bench_resolve


def test_resolution_quality_on_a_slice() -> None:
    need_shared(SHARED / "data" / "saudinewsnet")
    result = bench_resolve.main(["--shared", str(SHARED), "--limit", "120"])["quality"]
    assert result["articles"] >= 110
    ours, base = result["hadath"], result["tfidf_agglomerative"]
    assert ours["precision"] >= 0.95
    assert ours["recall"] >= 0.75
    assert ours["f1"] >= 0.85
    assert 0.0 < base["f1"] <= 1.0
    halves = result["tune"]["articles"] + result["held_out"]["articles"]
    assert halves == result["articles"] and result["held_out"]["hadath"]["f1"] > 0.0
