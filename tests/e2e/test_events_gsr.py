"""Event detection on the Arabic GSR development half: a smoke run of the benchmark with pinned floors.

The classifier was trained on the development half, so the combination's and the classifier's figures
here are in-sample: the floors guard against regressions (a broken model file, a lost feature, a
threshold applied the wrong way round), they do not measure quality — the cross-validated figures of
``scripts/train_events.py`` and the test half of the benchmark do. The patterns' floors are honest
development figures. All were measured with the shipped models, minus a small margin; lower them only on
purpose. The test half is reported by the benchmark command, never here.
"""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import SHARED, need_shared

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import events_gsr

# Development half, first 400 sentences of each file (measured 2026-11-25 with the models that add
# mentions: ASSAULT 0.342 / 0.738 / 0.627, PROTEST 0.400 / 0.963 / 0.700; before adding the combination
# scored 0.562 and 0.471 here).
FLOORS = {
    "ASSAULT": {"patterns": 0.32, "classifier": 0.70, "combination": 0.60},
    "PROTEST": {"patterns": 0.38, "classifier": 0.85, "combination": 0.66},
}
LIMIT = 400


def test_detection_floors() -> None:
    need_shared(SHARED / "data" / "arabic_event_gsr")
    for kind, floors in FLOORS.items():
        scored = events_gsr.score_all(SHARED, kind, "dev", LIMIT)
        for system, floor in floors.items():
            score, _ = scored[system]
            assert score.tp > 0
            assert score.f1 >= floor, f"{kind} {system} F1 {score.f1:.3f} fell below the floor {floor}"
        combination, patterns = scored["combination"][0], scored["patterns"][0]
        assert combination.f1 > patterns.f1
        assert combination.precision > patterns.precision
