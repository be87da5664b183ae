"""Actor accuracy on the UniversalPetrarch Arabic validation sentences: a smoke run with pinned floors."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import SHARED, need_shared

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import events_actors


def test_actor_accuracy_floors() -> None:
    need_shared(SHARED / "data" / "cameo" / "arabic_validation")
    result = events_actors.score(SHARED, limit=300)
    assert result["sentences"] == 300
    assert result["detected"] >= 0.4
    assert result["source_accuracy"] >= 0.10
