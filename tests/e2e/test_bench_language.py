"""Smoke run of the language-stage speed benchmark (no timing assertions: speed is a ratio to read)."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import SHARED, need_shared

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import bench_language


def test_benchmark_reports_both_rates() -> None:
    need_shared(SHARED / "data" / "saudinewsnet")
    result = bench_language.main(["--shared", str(SHARED), "--n", "20"])
    assert result["documents"] == 20 and result["tokens"] > 1000
    assert result["hadath_tokens_per_s"] > 0 and result["regex_tokens_per_s"] > 0
    assert result["entity_mentions"] > 20
