"""Event detection on the Arabic GSR development half: a smoke run of the benchmark with pinned floors.

The floors are the development-half figures measured when the patterns last changed, minus a small
margin; lower them only on purpose. The test half is reported by the benchmark command, never here.
"""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import SHARED, need_shared

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import events_gsr

# Development half, first 400 sentences of each file (measured 2026-11-25).
FLOORS = {"ASSAULT": 0.32, "PROTEST": 0.38}
LIMIT = 400


def test_detection_floors() -> None:
    need_shared(SHARED / "data" / "arabic_event_gsr")
    for kind, floor in FLOORS.items():
        score, _ = events_gsr.score(SHARED, kind, "dev", LIMIT)
        assert score.tp > 0
        assert score.f1 >= floor, f"{kind} F1 {score.f1:.3f} fell below the floor {floor}"
