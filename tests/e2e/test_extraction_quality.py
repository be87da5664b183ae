"""hadath's HTML cleaning keeps the quality floors pinned in benchmarks/baseline.json on the shared pages."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import ROOT, SHARED, need_shared

PAGES = SHARED / "data" / "web_extraction_arabic"


def _load_eval() -> ModuleType:
    path = ROOT / "scripts" / "eval_extraction.py"
    spec = importlib.util.spec_from_file_location("eval_extraction", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


evaluation = _load_eval()


@pytest.fixture(scope="module")
def pages() -> Path:
    return need_shared(PAGES)


@pytest.fixture(scope="module")
def scores(pages: Path) -> Any:
    return evaluation.evaluate(SHARED, evaluation.hadath_extract)


def test_hadath_keeps_its_floors(scores: Any) -> None:
    assert evaluation.below_floors(scores, evaluation.floors()) == []


def test_floors_are_pinned_for_every_measure() -> None:
    pinned = evaluation.floors()
    assert {"precision", "recall", "f1", "with_found", "without_absent", "dates_correct"} <= set(pinned)
    assert pinned["dates_wrong_max"] == 0


def test_a_lowered_score_is_caught(scores: Any) -> None:
    # The gate must be able to fail: a floor just above the measured F1 is reported.
    raised = dict(evaluation.floors(), f1=scores.f1 + 0.001)
    assert any(f.startswith("f1 ") for f in evaluation.below_floors(scores, raised))


def test_the_gold_body_is_kept_and_the_chrome_dropped(pages: Path) -> None:
    page = pages / "newspaper4k_cnn_arabic" / "arabic_article.html"
    text = evaluation.hadath_extract(page.read_text(encoding="utf-8"), page.name).text
    assert text.startswith("دمشق، سوريا (CNN)")
    assert "ترحب شبكة CNN بالنقاش" not in text  # the comment policy
    assert "الصفحة الرئيسية | فيديو" not in text  # the menu
