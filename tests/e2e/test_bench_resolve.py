"""Smoke run of the resolution benchmark on the first labelled SaudiNewsNet articles.

The floors pin today's B-cubed figures on this small slice with a margin; the full-set figures come from
``python benchmarks/bench_resolve.py``.
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
    assert ours["precision"] >= 0.85
    assert ours["f1"] >= 0.5
    assert 0.0 < base["f1"] <= 1.0
