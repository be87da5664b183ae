"""Source and target of attacks and protests: one hand-written sentence per actor rule."""

from __future__ import annotations

import csv
import io
from importlib import resources

import pytest

from hadath.pipeline import code_text
from hadath.text.normalize import normalize, tokenize

Role = tuple[str | None, str | None]  # (country, sector)


def roles(text: str, plover: str = "ASSAULT") -> dict[str, Role]:
    """``{"source": (country, sector), "target": …}`` of the first event of ``plover`` in ``text``."""
    events = [e for e in code_text(text).events if e.plover == plover]
    assert events, f"no {plover} event in {text!r}"
    found: dict[str, Role] = {"source": (None, None), "target": (None, None)}
    for actor in events[0].actors:
        found[actor.role] = (actor.country, actor.sector)
    return found


@pytest.mark.parametrize(
    ("sentence", "source", "target"),
    [
        # A common noun with a nisba adjective after it, across a descriptive adjective.
        ("اغتالت وحدة إسرائيلية خاصة أمس ناشطا في جنين.", ("ISR", "MIL"), (None, "CVL")),
        # The accusative nisba ("تركيا" after a noun is Turkish, not Turkey).
        ("أعلن الجيش مقتل 15 جنديا تركيا في هجوم.", (None, None), ("TUR", "MIL")),
        # An intransitive or passive verb: its subject is the victim.
        ("أصيب ثلاثة جنود أمريكيين بجروح في انفجار.", (None, None), ("USA", "MIL")),
        # A counted subject with no object was killed …
        ("قتل 20 شخصا في انفجار سيارة مفخخة.", (None, None), (None, "CVL")),
        # … but with an object it is the agent.
        ("وقالوا إن ثمانية جنود أميركيين اختطفوا مواطنا سوريا.", ("USA", "MIL"), ("SYR", "CVL")),
        # A plural verb carries its subject: the actor after it is the object.
        ("وفي بيشاور اختطفوا أمس مصورا فرنسيا.", (None, None), ("FRA", "MED")),
        # A singular verb whose only actor is a civilian: a passive ("خُطف").
        ("خطف موظف بريطاني في المياه النيجيرية.", (None, None), ("GBR", "CVL")),
        # The agent of a passive after "برصاص".
        ("قتل مصور عراقي برصاص القوات الأمريكية.", ("USA", "MIL"), ("IRQ", "MED")),
        # Whoever "تعرض" to an attack is its target.
        ("تعرضت القوات الأمريكية لهجوم بأسلحة خفيفة.", (None, None), ("USA", "MIL")),
        # The target after "على".
        ("مسلحون أطلقوا النار على الشرطة العراقية.", (None, "INS"), ("IRQ", "COP")),
        # A nisba right after an attack noun names the attacker.
        ("قتل شخصان في غارة جوية إسرائيلية على غزة.", ("ISR", "MIL"), (None, None)),
        # The subject of a launch verb before a weapon noun.
        ("أطلقت القوات الإسرائيلية صواريخ على البلدة.", ("ISR", "MIL"), (None, None)),
        # Two nouns of one kind are one actor ("مهاجم انتحاري"), and the counted object its victims.
        ("وقتل مهاجم انتحاري 47 شخصا في السوق.", (None, "INS"), (None, "CVL")),
        # A group in construct with an organisation belongs to its country.
        ("اقتحم مسلحو حماس منزلا في غزة.", ("PSE", "INS"), (None, None)),
        # A capital stands for its country; failing a marker, the next actor is the object.
        ("قصفت موسكو مواقع للمعارضة.", ("RUS", "GOV"), (None, "OPP")),
    ],
)
def test_assault_roles(sentence: str, source: Role, target: Role) -> None:
    got = roles(sentence)
    assert got["source"] == source
    assert got["target"] == target


@pytest.mark.parametrize(
    ("sentence", "source", "target"),
    [
        # The target after "احتجاجا على".
        ("تظاهر آلاف الطلاب احتجاجا على الحكومة المصرية.", (None, "EDU"), ("EGY", "GOV")),
        # The other side of a clash after "مع".
        ("واشتبك متظاهرون فلسطينيون مع الجيش الإسرائيلي.", ("PSE", "CVL"), ("ISR", "MIL")),
        # A government named alone takes the country of the sentence's places.
        ("تظاهر الآلاف ضد الحكومة في تايلاند.", (None, None), ("THA", "GOV")),
        # A people named by a plural nisba are civilians, not their government.
        ("وتظاهر الفلسطينيون أمام المقر.", ("PSE", "CVL"), (None, None)),
        # A coordinated verb takes no subject from a prepositional phrase before it.
        ("رفع المتظاهرون أعلاما لحركة حماس ورددوا هتافات.", (None, "CVL"), (None, None)),
    ],
)
def test_protest_roles(sentence: str, source: Role, target: Role) -> None:
    got = roles(sentence, "PROTEST")
    assert got["source"] == source
    assert got["target"] == target


@pytest.mark.parametrize(
    "sentence",
    [
        "قتل 20 شخصا بوسط بغداد.",  # "بوسط": a locative with a clitic
        "قتل 20 شخصا في انفجار ببغداد.",  # "ببغداد": in Baghdad
        "قتل 20 شخصا في انفجار في بيشاور (باكستان).",  # a country glossing a city
    ],
)
def test_places_are_not_targets(sentence: str) -> None:
    assert roles(sentence)["target"] == (None, "CVL")


def test_qualified_nouns_need_a_nisba() -> None:
    # "الوحدة" (unity) and "بالقوة" (by force) are no actors; "وحدة إسرائيلية" is.
    events = code_text("فرقت الشرطة الحشود بالقوة أمام مقر حكومة الوحدة الوطنية.").events
    assert all(a.name_ar not in ("الوحدة", "القوة", "بالقوة") for e in events for a in e.actors)


def test_actor_nouns_file_is_normalised_and_unique() -> None:
    text = resources.files("hadath").joinpath("data/events/actor_nouns.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    keys = [tuple(t.norm for t in tokenize(r["noun_ar"])) for r in rows]
    assert len(keys) == len(set(keys)), "two entries normalise to the same noun"
    sectors = {"MIL", "COP", "INS", "CVL", "MED", "EDU", "GOV", "PTY", "LAB", "REL", "REF", "CRM", "BUS"}
    for row, k in zip(rows, keys, strict=True):
        assert k and all(normalize(w) == w for w in k)
        assert row["sector"] in sectors, row
        assert row["qualified"] in ("", "yes"), row
