"""The event sentence classifier: features, scoring, saving and the thresholds as code_article applies
them. Sentences written for these tests."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from hadath.events import classifier, code_article, mention_id
from hadath.events.classifier import SentenceModel, features, probability, token_weights
from hadath.language import analyse
from hadath.models import EventMention
from hadath.pipeline import text_article

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
    article = text_article(text, "2024-05-02", source="t")
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
    weights = token_weights(model, "أمس قتل رجل")
    assert set(weights) == {1} and weights[1] > 0  # only "قتل" is known, and it counts for
    assert all(w < 0 for w in token_weights(model, "خطة جديدة").values())


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
    article = text_article(text, "2024-05-02", source="t")
    model = _toy()
    (event,) = [e for e in code_article(analyse(article), {"ASSAULT": model}) if e.plover == "ASSAULT"]
    assert event.confidence == round(probability(model, text), 2)


def _events(text: str, models: dict[str, SentenceModel]) -> list[EventMention]:
    article = text_article(text, "2024-05-02", source="t")
    return [
        e for e in code_article(analyse(article), classifiers=models) if e.plover in ("ASSAULT", "PROTEST")
    ]


SURE = {"ASSAULT": _toy(bias=8.0, add=0.9), "PROTEST": replace(_toy(bias=-8.0, add=0.9), kind="PROTEST")}


def test_added_mentions_are_coded_around_an_event_word() -> None:
    # Israeli forces raided a house in Jenin: no pattern, but "داهمت" is an event word.
    text = "داهمت القوات الإسرائيلية منزلا في جنين أمس"
    assert not _events(text, {})
    (event,) = _events(text, SURE)
    assert (event.mode, event.cameo) == (None, "190")  # the generic assault pattern's
    source = next(a for a in event.actors if a.role == "source")
    assert (source.country, source.sector) == ("ISR", "MIL")
    # "الانفجار" (definite) is no trigger, but the classifier's mention takes its pattern's mode.
    (blast,) = _events("وقع الانفجار قرب السوق في بغداد أمس", SURE)
    assert (blast.mode, blast.cameo) == ("explosives", "183")


def test_added_mentions_take_the_strongest_event_word() -> None:
    # Both "اعتدت" (assault) and "قتل" (assault-killed) are event words; the toy model knows "قتل".
    text = "اعتدت مجموعة على المارة وقتل رجل في بغداد أمس"
    (event,) = _events(text, SURE)
    assert event.id == mention_id(event.article, 0, "assault-killed", 4, event.source)
    against = {"ASSAULT": replace(SURE["ASSAULT"], weights=np.array([-4.0, 4.0, -3.0, 4.0]))}
    (event,) = _events(text, against)  # "قتل" now counts against: the first event word is taken
    assert event.id == mention_id(event.article, 0, "assault", 0, event.source)


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("لم تداهم الشرطة الحي في بغداد أمس", "negated"),  # the police did not raid
        ("سيتجمعون أمام البرلمان في بغداد غدا", "future"),  # they will gather
    ],
)
def test_added_mentions_carry_their_context(text: str, context: str) -> None:
    sure = {**SURE, "PROTEST": replace(SURE["ASSAULT"], kind="PROTEST")}
    events = _events(text, sure)
    assert events and all(context in e.context for e in events)


def test_nothing_is_added_without_an_event_word() -> None:
    # The classifier is sure, but the sentence names no attack: no trigger, no mention.
    assert not _events("وصل الوزير إلى بغداد أمس", SURE)


@pytest.mark.parametrize(
    "text",
    [
        # Two triggers of one type: "قتل" makes the people its target, "انفجرت" its source.
        "قتل 12 شخصا وأصيب 30 آخرون حين انفجرت قنبلة في سوق المدينة أمس.",
        "أصيب 40 شخصا بجروح عندما انفجرت عبوة في حافلة أمس.",
    ],
)
def test_merged_triggers_never_make_an_actor_its_own_target(text: str) -> None:
    (event,) = _events(text, {})
    assert event.target is not None and event.source != event.target
