"""Smoke run of the engine benchmark: the pool gives the serial run's records (speed is a ratio to read)."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import SHARED, need_shared

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import bench_engine


def test_benchmark_reports_both_rates_for_the_same_records() -> None:
    need_shared(SHARED / "data" / "saudinewsnet")
    result = bench_engine.main(["--shared", str(SHARED), "--n", "12", "--workers", "2"])
    assert result["documents"] == 12 and result["workers"] == 2
    assert result["serial_docs_per_s"] > 0 and result["pool_docs_per_s"] > 0
