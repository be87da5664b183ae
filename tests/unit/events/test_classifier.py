"""The event sentence classifier: features, scoring, saving and the thresholds as code_article applies
them. Sentences written for these tests."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from hadath.events import classifier, code_article
from hadath.events.classifier import SentenceModel, features, probability, strongest_token
from hadath.language import analyse
from hadath.models import Article, content_id

ATTACK = "قتل خمسة أشخاص في انفجار سيارة مفخخة في السوق أمس"  # five killed by a car bomb in the market
COMMENT = "وقال الوزير إن الحكومة تدرس خطة لتحسين الخدمات"  # the minister said the government studies a plan


def _toy(bias: float = -1.0, keep: float = 0.5, keep_full: float = 0.0, add: float = 0.8) -> SentenceModel:
    """A hand-built ASSAULT model that knows four stems: three for, one against."""
    names = ["s:قتل", "s:انفجار", "s:خطه", "s:دوي"]
    return SentenceModel(
        kind="ASSAULT",
        index={n: i for i, n in enumerate(names)},
        idf=np.ones(len(names)),
        weights=np.array([4.0, 4.0, -3.0, 4.0]),
        bias=bias,
        threshold=0.5,
        keep=keep,
        keep_full=keep_full,
        add=add,
        about={},
    )


def _code(text: str, models: dict[str, SentenceModel]) -> list[str]:
    article = Article(
        id=content_id("a", "t", "0", text),
        document=content_id("d", "t", text),
        source="t",
        segment=0,
        title=None,
        outlet=None,
        published="2024-05-02",
        language="ar",
        text=text,
    )
    return [e.plover for e in code_article(analyse(article), classifiers=models)]


def test_features_are_normalised_with_stems_numbers_and_char_ngrams() -> None:
    feats = features("وقتل 3 أشخاص")
    assert "w:وقتل" in feats and "s:قتل" in feats
    assert "w:#num" in feats and "b:قتل_#num" in feats
    assert "w:اشخاص" in feats  # hamza folded as in article text
    assert "p0:قتل" in feats
    assert "c:<ق" in feats and "c:تل>" in feats


def test_toy_model_scores_by_its_weights() -> None:
    model = _toy()
    # Two positive features of equal TF-IDF, L2-normalised: z = 2 * 4 / sqrt(2) - 1.
    assert probability(model, "قتل في انفجار") == pytest.approx(1 / (1 + math.exp(-(8 / math.sqrt(2) - 1))))
    assert probability(model, "كلمات لا يعرفها النموذج") == pytest.approx(1 / (1 + math.exp(1)))
    assert probability(model, "خطة جديدة") < 0.1
    assert strongest_token(model, "أمس قتل رجل") == 1
    assert strongest_token(model, "خطة جديدة") is None


def test_save_and_read_round_trip(tmp_path: Path) -> None:
    model = _toy()
    path = tmp_path / "m.json.gz"
    classifier.save(model, path)
    first = path.read_bytes()
    classifier.save(model, path)
    assert path.read_bytes() == first  # reproducible bytes
    again = classifier.read(path)
    assert again.index == model.index and again.keep == model.keep and again.keep_full == 0.0
    assert probability(again, ATTACK) == pytest.approx(probability(model, ATTACK), abs=1e-4)


def test_shipped_models_load_once_and_separate_report_from_comment() -> None:
    models = classifier.load_models()
    assert set(models) == {"ASSAULT", "PROTEST"}
    assert classifier.load_model("ASSAULT") is models["ASSAULT"]
    for m in models.values():
        assert len(m.index) == len(m.idf) == len(m.weights) > 1000
        assert 0.0 <= m.keep_full <= m.keep <= m.add <= 1.0
    assault = models["ASSAULT"]
    assert probability(assault, ATTACK) >= assault.threshold
    assert probability(assault, COMMENT) < assault.threshold
    protest = models["PROTEST"]
    rally = (
        "تظاهر آلاف الطلاب أمس أمام مبنى البرلمان احتجاجا على رفع الأسعار"  # thousands of students rallied
    )
    assert probability(protest, rally) > probability(protest, COMMENT)
    with pytest.raises(ValueError, match="no sentence model"):
        classifier.load_model("CONSULT")


def test_from_json_refuses_other_formats() -> None:
    data = classifier.to_json(_toy())
    with pytest.raises(ValueError, match="format"):
        classifier.from_json({**data, "format": 99})
    with pytest.raises(ValueError, match="length"):
        classifier.from_json({**data, "idf": [1.0]})


def test_thresholds_veto_keep_and_add() -> None:
    text = "قتل خمسة أشخاص في هجوم على السوق في بغداد أمس"  # five killed in an attack on a Baghdad market
    assert "ASSAULT" in _code(text, {})  # the patterns alone code it
    assert "ASSAULT" in _code(text, {"ASSAULT": _toy()})  # the classifier agrees
    assert "ASSAULT" not in _code(text, {"ASSAULT": _toy(bias=-20.0)})  # the classifier vetoes it
    # No pattern: a sure classifier adds a mention, with a trigger from its strongest word.
    added = "وسمع دوي قرب السوق أمس"  # a blast was heard near the market
    assert "ASSAULT" not in _code(added, {})
    assert "ASSAULT" in _code(added, {"ASSAULT": _toy(add=0.6)})
    assert "ASSAULT" not in _code(added, {"ASSAULT": _toy(add=0.99)})


def test_classifier_leaves_diplomacy_alone() -> None:
    call = "أجرى وزير الخارجية اتصالا هاتفيا مع نظيره الأردني"  # the minister made a phone call
    assert _code(call, {"ASSAULT": _toy(bias=-20.0)}) == _code(call, {})


def test_confidence_is_the_classifier_probability() -> None:
    text = "قتل خمسة أشخاص في هجوم على السوق في بغداد أمس"
    article = Article(
        id=content_id("a", "t", "0", text),
        document=content_id("d", "t", text),
        source="t",
        segment=0,
        title=None,
        outlet=None,
        published="2024-05-02",
        language="ar",
        text=text,
    )
    model = _toy()
    (event,) = [e for e in code_article(analyse(article), {"ASSAULT": model}) if e.plover == "ASSAULT"]
    assert event.confidence == round(probability(model, text), 2)
