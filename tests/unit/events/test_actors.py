"""Source and target of attacks and protests: one hand-written sentence per actor rule."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import fields
from importlib import resources

import pytest
import yaml

from hadath import language
from hadath.events import code_article
from hadath.events.actors import ACTOR_WORDS_FILE, ActorWords, actor_words, parse_actor_words
from hadath.models import EventMention
from hadath.pipeline import code_text, text_article
from hadath.text.normalize import normalize, tokenize


def _patterns_only(text: str, plover: str, published: str = "2015-08-10") -> list[EventMention]:
    """The mentions of ``plover`` the patterns code, without the sentence classifier's veto (measured by
    the GSR benchmark)."""
    analysis = language.analyse(text_article(text, published))
    return [e for e in code_article(analysis, classifiers={}) if e.plover == plover]


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
    sectors = {
        "MIL",
        "COP",
        "INS",
        "CVL",
        "MED",
        "EDU",
        "GOV",
        "PTY",
        "LAB",
        "REL",
        "REF",
        "CRM",
        "BUS",
        "JUD",
    }
    for row, k in zip(rows, keys, strict=True):
        assert k and all(normalize(w) == w for w in k)
        assert row["sector"] in sectors, row
        assert row["qualified"] in ("", "yes"), row


def _raw_actor_words() -> dict[str, object]:
    text = resources.files("hadath").joinpath(ACTOR_WORDS_FILE).read_text(encoding="utf-8")
    raw: dict[str, object] = yaml.safe_load(text)
    return raw


def test_actor_words_load_normalised_and_non_empty() -> None:
    words = actor_words()
    for field in fields(ActorWords):
        value = getattr(words, field.name)
        assert value, f"{field.name} is empty"
        phrases = field.name in ("locative_phrases", "clause_openers")
        entries = [w for phrase in value for w in phrase] if phrases else value
        if isinstance(value, Mapping):
            entries = [*value, *value.values()]
        for word in entries:
            assert word == normalize(word) and word.split() == [word], (field.name, word)
    # Spellings in the file are folded on load: "أمس" is matched as "امس", "على" as "علي".
    assert "امس" in words.adverbs and "أمس" not in words.adverbs
    assert words.agent_marker_prepositions["يد"] == "علي"
    assert ("في", "كل", "من") in words.locative_phrases


def test_actor_words_file_has_unique_entries_that_reach_the_rules() -> None:
    words = actor_words()
    raw = _raw_actor_words()
    for key, value in raw.items():
        entries = list(value) if isinstance(value, dict | list) else []
        norms = [normalize(e) for e in entries]
        assert len(norms) == len(set(norms)), f"{key}: two entries normalise to the same word"
        loaded = getattr(words, key)
        for norm in norms:
            phrases = key in ("locative_phrases", "clause_openers")
            assert (tuple(norm.split()) if phrases else norm) in loaded, (key, norm)
    # A marker that needs a preposition before it must be a marker, or the condition never applies.
    assert set(words.agent_marker_prepositions) <= words.agent_markers


def test_actor_words_file_is_documented() -> None:
    sources = resources.files("hadath").joinpath("data/events/SOURCES.md").read_text(encoding="utf-8")
    assert "`actor_words.yaml`" in sources


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda raw: {**raw, "adverbz": ["اليوم"]}, "unknown key 'adverbz'"),
        (lambda raw: {k: v for k, v in raw.items() if k != "fillers"}, "missing key 'fillers'"),
        (lambda raw: {**raw, "descriptors": []}, "'descriptors' must be a non-empty list"),
        (lambda raw: {**raw, "kill_verbs": ["قتل", "قتل نفسه"]}, "'kill_verbs' holds 'قتل نفسه'"),
        (lambda raw: {**raw, "partitive": [7]}, "'partitive' holds 7"),
        (lambda raw: {**raw, "agent_marker_prepositions": ["يد"]}, "'agent_marker_prepositions' must be"),
    ],
    ids=["unknown-key", "missing-key", "empty-list", "phrase-for-word", "number", "list-for-mapping"],
)
def test_actor_words_file_is_checked(
    change: Callable[[dict[str, object]], dict[str, object]], message: str
) -> None:
    text = yaml.safe_dump(change(_raw_actor_words()), allow_unicode=True)
    with pytest.raises(ValueError, match=f"^broken.yaml: {message}"):
        parse_actor_words(text, "broken.yaml")


def test_actor_words_file_parses_as_written() -> None:
    text = yaml.safe_dump(_raw_actor_words(), allow_unicode=True)
    assert parse_actor_words(text, "copy.yaml") == actor_words()


def test_an_actor_inside_quoted_speech_is_not_the_reporters_target() -> None:
    text = (
        "وقال بيان الخارجية إن الوزير شدد على رفض الحكومة العراقية لمثل هذه الهجمات "
        "وأبلغه أن “العراق لن يكون ساحة لتصفية الحسابات بين الدول المتخاصمة”."
    )
    rejections = [e for e in code_text(text, "2024-02-07").events if e.plover == "REJECT"]
    assert rejections and all(e.target != "loc:irq" for e in rejections)
    assert rejections[0].source is not None


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # Honorifics before a title or name do not keep the subject from its verb.
        (
            "تلقى صاحب السمو الملكي الأمير محمد بن سلمان اتصالا هاتفيا من فخامة الرئيس عبدربه منصور هادي.",
            "per:abdrabbuh-mansur-hadi",
            "per:mohammed-bin-salman",
        ),
        # … nor a title from the name after it.
        (
            "استقبل معالي وزير الخارجية الأستاذ عادل الجبير في الرياض اليوم "
            "وزير الخارجية الروسي سيرغي لافروف.",
            "per:sergey-lavrov",
            "per:adel-aljubeir",
        ),
        (
            "التقى صاحب السمو الملكي الأمير محمد بن سلمان ولي ولي العهد وزير الدفاع في جدة أمس "
            "فخامة الرئيس رمضان قاديروف رئيس جمهورية الشيشان.",
            "per:mohammed-bin-salman",
            "per:ramzan-kadyrov",
        ),
        (
            "تلقى خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود اتصالا هاتفيا من الرئيس الفرنسي "
            "فرانسوا هولاند.",
            "per:francois-hollande",
            "per:salman-bin-abdulaziz",
        ),
        # A title in apposition describes the person before it; it is not a second participant.
        (
            "التقى الأمير محمد بن سلمان، وزير الدفاع، أمس الرئيس الفرنسي فرانسوا هولاند.",
            "per:mohammed-bin-salman",
            "per:francois-hollande",
        ),
    ],
)
def test_honorifics_and_apposition_around_the_subject(text: str, source: str, target: str) -> None:
    consults = [e for e in code_text(text, "2015-08-10").events if e.plover == "CONSULT"]
    assert consults and (consults[0].source, consults[0].target) == (source, target)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        (
            "اندلعت اشتباكات عنيفة بين قوات الأمن العراقية ومقاتلي تنظيم داعش في ريف الموصل أمس.",
            "agt:cop:irq:security-forces",
            "org:isis",
        ),
        ("وقعت اشتباكات بين الجيش السوري وتنظيم داعش قرب حلب.", "org:sy-army", "org:isis"),
    ],
)
def test_a_clash_between_two_sides_gives_both(text: str, source: str, target: str) -> None:
    # Patterns alone: the sentence classifier's veto is measured elsewhere.
    clashes = _patterns_only(text, "ASSAULT")
    assert clashes and (clashes[0].source, clashes[0].target) == (source, target)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        (
            "واتهمت وحدات حماية الشعب الكردية، التي تقاتل تنظيم داعش في سوريا، تركيا بقصف مواقعها.",
            "org:ypg",
            "loc:tur",
        ),
        (
            "اتهمت الحكومة السورية، التي تحارب تنظيم داعش منذ سنوات، الولايات المتحدة بدعم الإرهاب.",
            "agt:gov:syr:government",
            "loc:usa",
        ),
    ],
)
def test_an_actor_in_a_relative_clause_between_commas_is_not_the_object(
    text: str, source: str, target: str
) -> None:
    accusations = [e for e in code_text(text, "2015-08-10").events if e.plover == "ACCUSE"]
    assert accusations and (accusations[0].source, accusations[0].target) == (source, target)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # The victim of the condemned killing is not the accused.
        (
            "أدان وزير الخارجية الأمريكي جون كيري اغتيال النائب العام المصري هشام بركات.",
            "per:john-kerry",
            None,
        ),
        # The doer named right after the deed is.
        (
            "أدانت الحكومة الأردنية هجوم الجيش الإسرائيلي على قرية فلسطينية.",
            "agt:gov:jor:government",
            "org:idf",
        ),
        ("أدانت الحكومة الأردنية إسرائيل بسبب اقتحام المسجد الأقصى.", "agt:gov:jor:government", "loc:isr"),
        # A group named by a noun and its nisba: "الرئاسة الفلسطينية".
        ("أدانت الرئاسة الفلسطينية الهجوم على المسجد.", "agt:gov:pse:presidency", None),
        ("دان مجلس الوزراء الكويتي الهجوم على المسجد.", "agt:gov:kwt:cabinet", None),
    ],
)
def test_who_a_condemnation_accuses(text: str, source: str, target: str | None) -> None:
    condemnations = [e for e in code_text(text, "2015-08-10").events if e.plover == "ACCUSE"]
    assert condemnations and (condemnations[0].source, condemnations[0].target) == (source, target)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("هاجم مسلحون من تنظيم داعش نقطة للجيش المصري في سيناء.", "org:isis", "org:eg-army"),
        ("قتل الجيش العراقي 11 مسلحا من تنظيم داعش في الأنبار.", "org:iq-army", "org:isis"),
        ("شنت قوات التحالف العربي غارات على صنعاء.", "org:saudi-led-coalition", "loc:yem"),
        # A plural in -ون is no construct: the organisation after it is the object.
        ("هاجم مسلحون الجيش اليمني في تعز أمس.", "agt:ins:unk:gunmen", "org:ye-army"),
    ],
)
def test_a_group_noun_of_a_named_organisation_is_the_organisation(
    text: str, source: str, target: str
) -> None:
    attacks = [e for e in code_text(text, "2015-08-10").events if e.plover == "ASSAULT"]
    assert attacks and (attacks[0].source, attacks[0].target) == (source, target)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # "قام/ردّ … بقصف": the subject of the verb before the attack noun is the attacker, and the owner
        # of what is hit ("مواقع X") the target.
        ("قام الجيش السوري بقصف مواقع المعارضة في حلب.", "org:sy-army", "agt:opp:unk:opposition"),
        ("وردت القوات التركية بقصف مواقع تنظيم داعش.", "org:tr-army", "org:isis"),
        ("شنت الطائرات الإسرائيلية غارات على مواقع لحركة حماس في غزة.", "agt:mil:isr:aircraft", "org:hamas"),
        # "كثّف/صعّد … قصفه/هجماته": an attack noun with its possessor's pronoun.
        ("صعد الجيش التركي هجماته على مواقع حزب العمال الكردستاني.", "org:tr-army", "org:pkk"),
    ],
)
def test_an_attack_noun_after_a_carrying_out_verb(text: str, source: str, target: str) -> None:
    attacks = _patterns_only(text, "ASSAULT")
    assert attacks and (attacks[0].source, attacks[0].target) == (source, target)


def test_a_country_across_the_border_is_a_place_not_a_participant() -> None:
    attacks = [e for e in code_text("هاجم مسلحون نقطة للجيش السوري قرب الحدود مع الأردن.").events]
    assert attacks and "loc:jor" not in {attacks[0].source, attacks[0].target}


def test_a_royal_style_alone_names_the_king_and_is_not_passed_over() -> None:
    visits = [
        e for e in code_text("استقبل خادم الحرمين الشريفين الرئيس الأمريكي باراك أوباما في الرياض.").events
    ]
    assert visits and visits[0].source == "per:barack-obama" and visits[0].target != "per:barack-obama"


@pytest.mark.parametrize(
    ("text", "plover", "source", "target"),
    [
        # A noun with the article and a nisba is no construct's first term: the council is the object.
        (
            "طالبت الحكومة اليمنية مجلس الأمن بالتدخل لوقف اعتداءات الحوثيين.",
            "REQUEST",
            "agt:gov:yem:government",
            "org:unsc",
        ),
        # A known organisation after a title is its object, not the office holder's name.
        ("طالب الرئيس اليمني مجلس الأمن بالتدخل.", "REQUEST", "per:abdrabbuh-mansur-hadi", "org:unsc"),
        # Companies take their nisba's country.
        (
            "فرضت الولايات المتحدة عقوبات جديدة على شركات إيرانية.",
            "SANCTION",
            "loc:usa",
            "agt:bus:irn:companies",
        ),
    ],
)
def test_the_object_after_a_definite_subject(text: str, plover: str, source: str, target: str) -> None:
    events = [e for e in code_text(text, "2015-08-10").events if e.plover == plover]
    assert events and (events[0].source, events[0].target) == (source, target)


@pytest.mark.parametrize(
    ("text", "plover", "source", "target"),
    [
        # A dual group noun after "قتل" is counted: they were killed, not killers.
        (
            "قتل جنديان تركيان في هجوم شنه مسلحون من حزب العمال الكردستاني.",
            "ASSAULT",
            "org:pkk",
            "agt:mil:tur:soldiers",
        ),
        (
            "وصل رئيس الوزراء العراقي حيدر العبادي إلى طهران في زيارة رسمية.",
            "CONSULT",
            "per:haider-alabadi",
            "loc:irn",
        ),
        ("سحبت البحرين سفيرها من طهران احتجاجا على التدخل.", "SANCTION", "loc:bhr", "loc:irn"),
        # An ambassador is an actor of his country, never a known office holder of it.
        ("استدعت وزارة الخارجية المصرية السفير التركي.", "ACCUSE", "org:eg-mfa", "role:ambassador:tur"),
        (
            "طردت الحكومة الإكوادورية السفير الأمريكي.",
            "SANCTION",
            "agt:gov:ecu:government",
            "role:ambassador:usa",
        ),
    ],
)
def test_diplomatic_and_claimed_acts(text: str, plover: str, source: str, target: str) -> None:
    events = _patterns_only(text, plover, "2015-07-22")
    assert events and (events[0].source, events[0].target) == (source, target)


def test_who_claims_an_attack_is_its_source() -> None:
    attacks = _patterns_only(
        "أعلنت حركة طالبان مسؤوليتها عن الهجوم على قاعدة في كابل.", "ASSAULT", "2015-07-22"
    )
    assert attacks and attacks[0].source == "org:taliban"


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # The owner of what was fired is the attacker: "قتل رصاص الجيش" (the army's bullets killed).
        ("قتل رصاص الجيش الإسرائيلي شابا في مخيم جنين.", "org:idf", None),
        # A group named by a noun and an adjective ("مجموعة إرهابية") is an actor.
        ("اغتالت مجموعة إرهابية ثلاثة من أفراد الدرك في تيزي وزو.", "agt:ins:unk:terrorist-group", None),
        # An attack attributed to someone: the attributed group is the source, the killed the target.
        ("قتل ثلاثة من أفراد الشرطة في هجوم نسب إلى المتمردين.", "agt:reb:unk:rebels", "agt:cop:unk:police"),
    ],
)
def test_attackers_named_by_what_they_fired_or_by_attribution(
    text: str, source: str, target: str | None
) -> None:
    attacks = _patterns_only(text, "ASSAULT")
    assert attacks and attacks[0].source == source
    if target is not None:
        assert attacks[0].target == target


@pytest.mark.parametrize(
    ("text", "plover", "expected"),
    [
        # Two subjects joined by "و" each did it: two events with one target.
        (
            "أدانت السعودية والإمارات هجمات تنظيم داعش في الكويت.",
            "ACCUSE",
            [("loc:sau", "org:isis"), ("loc:are", "org:isis")],
        ),
        (
            "فرضت الولايات المتحدة والاتحاد الأوروبي عقوبات على روسيا.",
            "SANCTION",
            [("loc:usa", "loc:rus"), ("org:eu", "loc:rus")],
        ),
        # Talks have two sides, not two subjects.
        (
            "التقى الرئيس المصري والملك الأردني في القاهرة.",
            "CONSULT",
            [("per:abdel-fattah-elsisi", "per:abdullah-ii")],
        ),
    ],
)
def test_subjects_joined_by_wa(text: str, plover: str, expected: list[tuple[str, str | None]]) -> None:
    events = [e for e in code_text(text, "2015-08-10").events if e.plover == plover]
    assert [(e.source, e.target) for e in events] == expected
    assert {e.date for e in events} == {"2015-08-10"}


def test_a_participle_accuses_with_the_sentences_subject_and_courts_are_actors() -> None:
    denial = "نفى الرئيس التركي رجب طيب أردوغان الاتهامات، متهما المعارضة بنشر دعاية كاذبة."
    events = {e.plover: e for e in code_text(denial, "2015-08-10").events}
    assert events["REJECT"].source == events["ACCUSE"].source == "per:recep-tayyip-erdogan"
    assert events["REJECT"].target is None
    sentence = code_text("أصدرت محكمة ليبية حكما غيابيا بإعدام متهمين.", "2015-08-10").events
    assert sentence and sentence[0].source == "agt:jud:lby:court"


@pytest.mark.parametrize(
    ("text", "plover", "source", "target"),
    [
        # The subject between "أطلق" and "النار".
        (
            "وأطلق مسلحون النار على متظاهرين في درعا.",
            "ASSAULT",
            "agt:ins:unk:gunmen",
            "agt:cvl:unk:protesters",
        ),
        # A relative named in an aside between dashes is not the one arrested.
        (
            "اعتقلت الشرطة السورية سليمان هلال الأسد -نجل ابن عم بشار الأسد- في اللاذقية.",
            "COERCE",
            "agt:cop:syr:police",
            None,
        ),
        # A dateline names where the report was filed, not an attacker.
        ("بغداد - قتل خمسة أشخاص في انفجار سيارة مفخخة.", "ASSAULT", None, "agt:cvl:unk:people"),
    ],
)
def test_asides_datelines_and_split_fire_verbs(
    text: str, plover: str, source: str | None, target: str | None
) -> None:
    events = _patterns_only(text, plover)
    assert events and events[0].source == source
    if target is not None:
        assert events[0].target == target
    assert all(e.target != "per:bashar-alassad" for e in events)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # "زيارة لـ" + a person: the person visits; the place after إلى hosts.
        ("وكانت هذه أول زيارة لمسؤول أميركي إلى بغداد منذ أشهر.", "agt:gov:usa:officials", "loc:irq"),
        # "زيارة لـ" + a place: the place hosts.
        ("أكد الرئيس الروسي أن زيارته لطهران كانت ناجحة.", None, "loc:irn"),
    ],
)
def test_who_makes_a_visit_named_with_la(text: str, source: str | None, target: str) -> None:
    visits = [e for e in code_text(text, "2015-08-10").events if e.mode == "visit"]
    assert visits and visits[0].target == target
    if source is not None:
        assert visits[0].source == source


def test_the_first_visit_in_months_is_dated_by_its_report() -> None:
    text = "وصل وزير الدفاع الأمريكي آشتون كارتر إلى بغداد في أول زيارة لمسؤول أميركي منذ أشهر."
    visit = next(e for e in code_text(text, "2015-08-10").events if e.mode == "visit")
    assert (visit.source, visit.date) == ("per:ash-carter", "2015-08-10")


@pytest.mark.parametrize(
    "text",
    [
        # A charge told in a relative clause, a defendant, a retirement, a lawyer on an arrest.
        "نفى وزير الخارجية السعودي الاتهامات التي وجهت إليه.",
        "اعتقلت الشرطة المصرية رجلا متهما في قضية قتل.",
        "أحال الرئيس المصري القيادات العسكرية إلى التقاعد.",
    ],
)
def test_words_that_look_like_charges_but_are_not(text: str) -> None:
    assert all(e.plover != "ACCUSE" for e in code_text(text, "2015-08-10").events)


def test_the_subject_of_a_report_on_an_arrest_did_not_arrest() -> None:
    events = code_text("أكد محامي الناشط المصري أن اعتقال موكله تم دون سند قانوني.", "2015-08-10").events
    assert all(e.source is None for e in events if e.plover == "COERCE")


def test_a_second_attacker_joined_by_wa_is_no_target() -> None:
    attacks = _patterns_only("هاجمت القوات السورية وحزب الله بلدة الزبداني.", "ASSAULT")
    assert attacks and attacks[0].source == "agt:mil:syr:forces" and attacks[0].target != "org:hezbollah"


def test_later_is_no_clause() -> None:
    events = code_text("واتهم وزير الخارجية السعودي فيما بعد إيران بدعم الإرهاب.", "2015-08-10").events
    assert [(e.plover, e.target) for e in events] == [("ACCUSE", "loc:irn")]


def test_a_resumptive_pronoun_carries_the_subject_on() -> None:
    text = (
        "أشادت الولايات المتحدة بالإفراج عن الناشط السوري مازن درويش، ولكنها طالبت بوضع حد لملاحقة الناشطين."
    )
    requests = [e for e in code_text(text, "2015-08-10").events if e.plover == "REQUEST"]
    assert requests and requests[0].source == "loc:usa"


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # A speaker's act quoted word for word right after it is its act, with the object in the quote.
        (
            'وقال البيت الأبيض إن الولايات المتحدة "تدين بشدة الهجمات التي شنتها جماعة بوكو حرام" '
            "في الكاميرون.",
            "loc:usa",
            "org:boko-haram",
        ),
        # The doer named in a relative clause on the condemned deed is accused.
        ("أدانت مصر الهجوم الإرهابي الذي نفذه تنظيم داعش على مسجد في الكويت.", "loc:egy", "org:isis"),
    ],
)
def test_condemned_doers_and_quoted_condemnations(text: str, source: str, target: str) -> None:
    condemnations = [e for e in code_text(text, "2015-08-10").events if e.plover == "ACCUSE"]
    assert condemnations and (condemnations[0].source, condemnations[0].target) == (source, target)


def test_a_quoted_claim_is_still_not_the_reporters_event() -> None:
    text = 'وقال الوزير: "ندين الهجوم على المسجد ونطالب بمحاسبة المسؤولين".'
    assert not code_text(text, "2015-08-10").events


def test_a_minister_received_by_the_king_is_a_guest_not_the_king() -> None:
    visits = [e for e in code_text("استقبل الملك سلمان وزير الصحة في قصر السلام.", "2015-07-22").events]
    assert visits and visits[0].target == "per:salman-bin-abdulaziz"
    assert visits[0].source is not None and visits[0].source != "per:salman-bin-abdulaziz"


def test_a_court_placed_in_a_country_is_that_countrys() -> None:
    sentences = code_text("قضت محكمة في النمسا بسجن شاب بتهمة الانتماء لتنظيم داعش.", "2015-08-10").events
    assert sentences and sentences[0].source == "agt:jud:aut:court"


def test_a_quote_after_a_verb_of_saying_is_what_was_said() -> None:
    text = (
        "أجرى وزير الخارجية العراقي فؤاد حسين اتصالا هاتفيا مع نظيره الأمريكي أنتوني بلينكن. "
        "وأكد حسين “رفض حكومة العراق لمثل هذه الهجمات وضرورة إيقافها وأن لا يكون العراق ساحة "
        "لتصفية الحسابات بين الدول”."
    )
    events = code_text(text, "2024-02-07").events
    assert [(e.plover, e.source, e.target) for e in events] == [
        ("CONSULT", "per:fuad-hussein", "per:antony-blinken")
    ]


def test_a_court_condemning_is_a_conviction_and_a_condemned_ruling_is_not() -> None:
    convictions = code_text("ودانت المحكمة المصرية صحفيي الجزيرة بنشر معلومات كاذبة.", "2015-08-10").events
    assert [(e.plover, e.mode, e.source) for e in convictions] == [
        ("SANCTION", "convict", "agt:jud:egy:court")
    ]
    protests = code_text("أدانت السعودية حكم المحكمة بحق الناشطين.", "2015-08-10").events
    assert [e.plover for e in protests] == ["ACCUSE"]
