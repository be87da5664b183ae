"""Entities resolved across spellings and titles, and quotes attributed to their speakers."""

from __future__ import annotations

import pytest

from hadath.language import ner
from hadath.language.entities import Found, _without_proclitic, find_entities
from hadath.language.knowledge import load
from hadath.pipeline import code_text
from hadath.text.normalize import normalize


@pytest.mark.parametrize(
    "spelling", ["أنتوني بلينكن", "انتوني بلينكن", "توني بلينكن", "بلينكن", "بلنكن", "وبلينكن"]
)
def test_blinken_spellings_are_one_person(spelling: str) -> None:
    found = find_entities(f"التقى الوزير {spelling} في بغداد.", load(), "2023-05-01")
    assert [m.entity for m in found.mentions if m.type == "PER"] == ["per:antony-blinken"]


@pytest.mark.parametrize(
    ("published", "person"), [("2021-06-01", "per:antony-blinken"), ("2025-06-01", "per:marco-rubio")]
)
def test_a_bare_title_resolves_by_term_of_office(published: str, person: str) -> None:
    found = find_entities("وقال وزير الخارجية الأمريكي إن المحادثات مستمرة.", load(), published)
    assert [t.entity for t in found.titles] == [person]


def test_title_name_counterpart_and_short_form() -> None:
    text = (
        "دعا وزير الخارجية العراقي فؤاد حسين نظيره الأميركي أنتوني بلينكن إلى الحوار. "
        "وأكد حسين أن العلاقات متينة."
    )
    found = find_entities(text, load(), None)
    people = [(m.text, m.entity) for m in found.mentions if m.type == "PER"]
    assert people == [
        ("فؤاد حسين", "per:fuad-hussein"),
        ("أنتوني بلينكن", "per:antony-blinken"),
        ("حسين", "per:fuad-hussein"),
    ]
    assert {t.text: t.entity for t in found.titles} == {
        "وزير الخارجية العراقي": "per:fuad-hussein",
        "نظيره الأميركي": "per:antony-blinken",
    }


def test_unknown_name_after_a_title_gets_a_transliterated_entity() -> None:
    found = find_entities("وصرح السفير أحمد المصري للصحفيين بأن الزيارة ناجحة.", load(), None)
    person = next(e for e in found.entities.values() if e.kind == "PER")
    assert person.name_ar == "أحمد المصري" and person.name.startswith("A")


def test_quote_speaker_is_the_subject_not_the_addressee() -> None:
    text = (
        'دعا وزير الخارجية العراقي فؤاد حسين نظيره الأميركي أنتوني بلينكن إلى "بناء شراكة طويلة الأمد". '
        'وأشار بلينكن إلى أن "الإدارة الجديدة مهتمة بالعلاقات الثنائية". '
        'وقال إن بلاده "تقف إلى جانب حكومة العراق".'
    )
    quotes = code_text(text).analysis.quotes
    assert [(q.speaker, q.text) for q in quotes] == [
        ("per:fuad-hussein", "بناء شراكة طويلة الأمد"),
        ("per:antony-blinken", "الإدارة الجديدة مهتمة بالعلاقات الثنائية"),
        ("per:antony-blinken", "تقف إلى جانب حكومة العراق"),
    ]


def test_a_name_after_a_preposition_is_not_the_speaker() -> None:
    text = (
        "وصل الموفد الأمريكي آموس هوكستين إلى بيروت، والتقى رئيس مجلس النواب نبيه بري. "
        'وقال بعد لقائه بري إنه عاد بسبب "فرصة حقيقية لإنهاء الصراع".'
    )
    quotes = code_text(text).analysis.quotes
    assert [q.text for q in quotes] == ["فرصة حقيقية لإنهاء الصراع"]
    assert quotes[0].speaker is not None and "hochstein" in quotes[0].speaker


def test_event_coding_of_a_call_received() -> None:
    coded = code_text(
        "تلقى وزير الخارجية المصري سامح شكري اليوم اتصالاً هاتفياً من نظيره السعودي فيصل بن فرحان.",
        published="2024-03-12",
    )
    main = next(e for e in coded.events if e.main)
    assert (main.plover, main.mode, main.source, main.target, main.date) == (
        "CONSULT",
        "phone",
        "per:faisal-bin-farhan",
        "per:sameh-shoukry",
        "2024-03-12",
    )


def test_family_name_that_is_also_a_country_is_a_person() -> None:
    found = find_entities("التقى الأمير مدير الإدارة الدكتور عبدالله بن محمد السويد في جدة.", load(), None)
    assert "loc:swe" not in {m.entity for m in found.mentions}
    person = next(m for m in found.mentions if m.type == "PER")
    assert person.text == "عبدالله بن محمد السويد"


def test_the_tagger_finds_names_the_knowledge_files_do_not_know() -> None:
    text = (
        "وقالت الناشطة سلمى الخطيب إن قوات حركة الشباب انسحبت من بلدة بلدوين. "
        "وأضافت الخطيب أن السكان عادوا، بحسب ما نقلته وكالة رويترز."
    )
    without = find_entities(text, load(), None)
    found = find_entities(text, load(), None, ner.load())
    named = {(m.text, m.type) for m in found.mentions}
    assert ("سلمى الخطيب", "PER") in named and ("بلدوين", "LOC") in named
    assert len(found.mentions) > len(without.mentions)
    # The family name alone is the same person, not a new one.
    people = [m.entity for m in found.mentions if m.type == "PER"]
    assert people.count(people[0]) == 2
    person = found.entities[people[0]]
    assert person.name_ar == "سلمى الخطيب" and person.name.isascii()


def test_tagged_names_keep_knowledge_entities_and_link_spelling_variants() -> None:
    text = "التقى وزير الخارجية الأمريكي أنتوني بلينكن في واشنطن نظيره. وقال بلنكن إن اللقاء مثمر."
    found = find_entities(text, load(), "2023-05-01", ner.load())
    by_text = {m.text: m.entity for m in found.mentions}
    assert by_text["أنتوني بلينكن"] == by_text["بلنكن"] == "per:antony-blinken"
    assert by_text["واشنطن"].startswith("loc:")
    assert all(not e.startswith(("per:", "loc:", "org:")) or e in found.entities for e in by_text.values())


@pytest.mark.parametrize(
    ("word", "seen", "kept"),
    [
        ("وبلدوين", {"بلدوين"}, "بلدوين"),  # the article also writes it bare
        ("بالعراق", set(), "العراق"),  # a preposition before the article
        ("وليد", set(), "وليد"),  # a name that begins with the letter
        ("بغداد", set(), "بغداد"),
        ("\u200fوبلدوين", {"بلدوين"}, "بلدوين"),  # a bidi mark before the letter goes with it
        ("وَبلدوين", {"بلدوين"}, "بلدوين"),  # so does a vowel mark after it
    ],
)
def test_an_attached_proclitic_is_not_part_of_a_tagged_name(word: str, seen: set[str], kept: str) -> None:
    assert word[_without_proclitic(word, 0, len(word), seen) :] == kept


@pytest.mark.parametrize(
    ("word", "kept"), [("ومحمد", "محمد"), ("وسام", "وسام"), ("وليد", "وليد"), ("وجدي", "وجدي")]
)
def test_a_person_loses_waw_only_before_a_known_given_name(word: str, kept: str) -> None:
    assert word[_without_proclitic(word, 0, len(word), set(), "PER") :] == kept


def test_a_common_word_is_not_taken_for_a_family_name_without_its_vowels() -> None:
    text = "التقى وزير الخارجية العراقي فؤاد حسين السفير التركي. وقال إن النية حسنة وكل شيء حسن."
    found = find_entities(text, load(), None, ner.load())
    assert [m.text for m in found.mentions if m.entity == "per:fuad-hussein"] == ["فؤاد حسين"]


def test_a_family_name_with_al_is_part_of_the_name() -> None:
    found = find_entities("استقبل الشيخ صالح بن عبدالعزيز آل الشيخ الوفد.", load(), None, ner.load())
    assert [m.text for m in found.mentions if m.type == "PER"] == ["صالح بن عبدالعزيز آل الشيخ"]


def test_a_name_of_one_word_found_by_the_tagger_is_not_an_entity() -> None:
    found = find_entities("وقال محمد إن الأسعار ارتفعت في السوق.", load(), None, ner.load())
    assert not [m for m in found.mentions if m.type == "PER"]


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        ("وصل الوفد إلى ومقديشو أمس.", "مقديشو", "loc:som-capital"),
        ("اجتمع الوزراء بالعراق أمس.", "العراق", "loc:irq"),
        ("وصل الوفد إلى وَبغداد أمس.", "بغداد", "loc:irq-capital"),
        ("وصل الوفد إلى بيروت أمس.", "بيروت", "loc:lbn-capital"),
    ],
)
def test_a_known_name_mention_leaves_a_glued_conjunction_or_preposition_out(
    text: str, surface: str, entity: str
) -> None:
    found = find_entities(text, load(), "2024-02-07")
    mention = next(m for m in found.mentions if m.entity == entity)
    assert mention.text == surface == text[mention.start : mention.end]
    assert surface in found.entities[entity].aliases


def _places(text: str, tagger: bool = False) -> list[tuple[str, str]]:
    found = find_entities(text, load(), "2024-05-01", ner.load() if tagger else None)
    return [(m.text, m.entity) for m in found.mentions if m.type == "LOC"]


@pytest.mark.parametrize(
    "text",
    [
        "وتحدث الوزير عن الاتفاق وما نتج عنه من تفاهمات جديدة.",  # عنه: "about it", not Anah
        "استدعت الخارجية القائم بأعمال السفارة للاحتجاج.",  # القائم بأعمال: the chargé d'affaires
        "وقدمت الجمعية كفالة مالية للإفراج عنه.",  # مالية: financial, not Malé
        "ونشرت صحيفة الديلي ميل صورا من الموقع.",  # a newspaper, not Dili
        "وأكد أن البلاد كانت دوما موحدة.",  # دوما: always
        "وحاول المهاجمون النيل من أمن البلاد.",  # النيل من: to harm
        "وقدم البنك دعما ماليا عبر بنوك محلية.",  # بنوك is banks, not ب + Nuuk
        "وهي المعارضة المعترف بها تركياً ودولياً.",  # an adverb with tanween
    ],
)
def test_a_common_word_is_not_a_place(text: str) -> None:
    assert _places(text, tagger=True) == []


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("وسقطت قذائف على مدينة القائم قرب الحدود.", "loc:al-qaim"),
        ("ووصلت التعزيزات إلى دوما صباحا.", "loc:douma"),
        ("وسيطر المسلحون على قضاء عنه غرب الأنبار.", "loc:anah"),
        ("واندلعت اشتباكات في محافظة إب وسط البلاد.", "loc:ibb"),
    ],
)
def test_an_ambiguous_place_after_a_locative_cue_is_a_place(text: str, entity: str) -> None:
    assert entity in [e for _, e in _places(text)]


@pytest.mark.parametrize("text", ["وقعت الحادثة في 13 آب الماضي.", "زار الوفد الموقع منذ أغسطس/آب."])
def test_a_month_beside_a_date_is_not_a_place(text: str) -> None:
    assert "loc:ibb" not in [e for _, e in _places(text)]


def test_amman_or_oman_is_decided_by_the_rest_of_the_article() -> None:
    jordan = "استقبل وزير الخارجية الأردني في عمان أمس وفدا أوروبيا، وأكد دعم الأردن للحوار."
    oman = "وصل الوزير إلى سلطنة عمان أمس. وقال إن عمان تؤدي دور الوسيط، والتقى في مسقط نظيره العماني."
    assert ("عمان", "loc:jor-capital") in _places(jordan)
    assert ("عمان", "loc:omn") in _places(oman)


@pytest.mark.parametrize(
    "text",
    [
        "تلقى الوزير اتصالاً هاتفيًا من نظيره أمس.",
        "قال مصدران أمنيان أمريكيان إن الهجوم وقع ليلا.",
        "وشكر الحضور القيادة حفظهم الله على الدعم.",
        "وأعلنت الوزارة تسجيل إصابات جديدة بفيروس كورونا في العاصمة.",
    ],
)
def test_tagged_vocabulary_is_not_a_person(text: str) -> None:
    found = find_entities(text, load(), None, ner.load())
    assert [m.text for m in found.mentions if m.type == "PER"] == []


def test_the_preposition_ala_is_not_the_short_form_of_a_person_named_ali() -> None:
    text = "وصرح المحامي خالد علي بأن القضية معقدة. وأكد على أن الحكم سيصدر قريبا."
    found = find_entities(text, load(), None, ner.load())
    assert [m.text for m in found.mentions if m.type == "PER"] == ["خالد علي"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("واستقبل الأمير أمس الرئيس منصور أحمد كريموف رئيس جمهورية الجبل.", "منصور أحمد كريموف"),
        ("وانتقد العميد سعيد رضا بهرامي بشدة التصريحات الأخيرة.", "سعيد رضا بهرامي"),
        ("والتقى وزير الخارجية الإيراني أمس نظيره التركي كمال بيرم أوغلو.", "كمال بيرم أوغلو"),
        ("وصرح السفير أحمد المصري للصحفيين بأن الزيارة ناجحة.", "أحمد المصري"),
    ],
)
def test_a_name_after_a_title_runs_over_three_or_four_words(text: str, name: str) -> None:
    found = find_entities(text, load(), None)
    assert name in [m.text for m in found.mentions if m.type == "PER"]


def test_spellings_of_one_person_are_merged() -> None:
    text = (
        "التقى وزير الخارجية عادل بن أحمد الجبير في الرياض أمس الرئيس عبدالفتاح السيسي. "
        "وقال العالم محسن فخري زادة إن البرنامج سلمي، وأضاف فخري زادة أن الزيارة مفيدة."
    )
    found = find_entities(text, load(), "2016-03-01", ner.load())
    by_text = {m.text: m.entity for m in found.mentions if m.type == "PER"}
    assert by_text["عادل بن أحمد الجبير"] == "per:adel-aljubeir"
    assert by_text["عبدالفتاح السيسي"] == "per:abdel-fattah-elsisi"
    assert by_text["فخري زادة"] == by_text["محسن فخري زادة"]


def test_a_family_name_alone_follows_the_given_name_the_article_uses() -> None:
    text = "وقال وزير الري الدكتور محمد عبد العاطي إن المشروع اكتمل. وأضاف عبد العاطي أن المياه كافية."
    found = find_entities(text, load(), "2020-08-24", ner.load())
    people = {m.entity for m in found.mentions if m.type == "PER"}
    assert "per:badr-abdelatty" not in people and len(people) == 1
    assert {t.entity for t in found.titles} <= people  # "الدكتور" is the same person


def test_an_organisation_named_with_another_country_is_not_the_default_one() -> None:
    found = find_entities("وصوت مجلس الشيوخ الفرنسي على القانون.", load(), None)
    org = next(m for m in found.mentions if m.type == "ORG")
    assert org.entity != "org:us-senate" and found.entities[org.entity].country == "FRA"
    assert org.text == "مجلس الشيوخ الفرنسي"


def test_a_known_place_found_by_the_tagger_keeps_its_knowledge_id() -> None:
    found = find_entities("ورأى الكاتب أن الانقسام آل إليه السودان بعد الحرب.", load(), None, ner.load())
    assert "loc:sdn" in {m.entity for m in found.mentions}


def test_a_short_name_in_quotation_marks_is_no_quote_and_feminine_verbs_introduce_one() -> None:
    text = (
        "وتقاتل «وحدات حماية الشعب الكردية» تنظيم داعش منذ عامين. "
        "وقالت المتحدثة باسم الخارجية الأمريكية: «سنواصل دعم الحكومة»."
    )
    quotes = code_text(text, "2024-02-07").analysis.quotes
    assert [q.text for q in quotes] == ["سنواصل دعم الحكومة"]


class _TagsMarksAndName:
    """A stand-in tagger: a token of marks alone is a person, and so is "سامر الخطيب"."""

    def tag_document(self, sentences: list[list[str]]) -> list[list[str]]:
        out = []
        for sent in sentences:
            tags = ["B-PERS" if not normalize(t) else "O" for t in sent]
            for i, t in enumerate(sent[:-1]):
                if t == "سامر" and sent[i + 1] == "الخطيب":
                    tags[i : i + 2] = ["B-PERS", "I-PERS"]
            out.append(tags)
        return out


def test_a_tagged_span_of_marks_alone_is_skipped_and_the_names_after_it_found() -> None:
    text = "قال ـــ إن الوفد التقى سامر الخطيب."
    found = find_entities(text, load(), "2024-02-07", tagger=_TagsMarksAndName())  # type: ignore[arg-type]
    assert [m.text for m in found.mentions] == ["سامر الخطيب"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # The object right after the subject's name is not part of it.
        ("أدان وزير الخارجية أحمد السالم الهجوم على السفارة.", "أحمد السالم"),
        ("دعا وزير الخارجية أحمد السالم مجلس الأمن إلى التحرك.", "أحمد السالم"),
        ("أكد وزير المالية كمال الشامي صباح اليوم أن الميزانية جاهزة.", "كمال الشامي"),
        # A family name in a nisba, and the given name علي, still are.
        ("التقى السفير محمد علي الهاشمي الوفد.", "محمد علي الهاشمي"),
        # An unknown name keeps its first letter even when it looks like a clitic.
        ("التقى الرئيس فراس الخطيب السفير.", "فراس الخطيب"),
        ("أكدت الدكتورة لبنى القاسم أن الوضع خطير.", "لبنى القاسم"),
    ],
)
def test_an_unknown_name_after_a_title_ends_where_the_name_ends(text: str, name: str) -> None:
    people = [m.text for m in code_text(text, "2024-02-07").analysis.mentions if m.type == "PER"]
    assert people == [name]


def test_the_object_after_an_unknown_subject_stays_the_target() -> None:
    request = [e for e in code_text("دعا وزير الخارجية أحمد السالم مجلس الأمن إلى التحرك.").events]
    assert request and request[0].target == "org:unsc"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("استعاد الجيش السوري السيطرة على مدينة تدمر أمس.", "loc:palmyra"),
        ("قصفت الطائرات الروسية مواقع التنظيم بتدمر أمس.", "loc:palmyra"),
        ("التقى رئيس مالي وزير الخارجية الفرنسي.", "loc:mli"),
        ("هاجم مسلحون فندقا في باماكو عاصمة مالي.", "loc:mli"),
    ],
)
def test_a_word_like_place_after_a_glued_bi_on_or_a_noun_of_statehood_is_a_place(
    text: str, place: str
) -> None:
    assert place in {m.entity for m in find_entities(text, load(), "2015-11-20").mentions}


@pytest.mark.parametrize(
    "text",
    [
        "قدمت الحكومة الدعم المالي للمزارعين والجيش يدمر مواقع.",
        "أثرت الضرائب على الطبقة الوسطى.",
        "الضرر بالطبقة الوسطى كبير.",
        "اشتريته بمالي الخاص.",
    ],
)
def test_the_same_words_as_vocabulary_are_no_place(text: str) -> None:
    found = find_entities(text, load(), "2015-11-20")
    assert not [m for m in found.mentions if m.type == "LOC"]


def test_a_person_whose_name_is_also_a_place_word_is_kept() -> None:
    found = find_entities("قال عمران خان إن باكستان تدعم الحوار.", load(), "2020-01-01", ner.load())
    assert "عمران خان" in [m.text for m in found.mentions if m.type == "PER"]


def test_a_former_office_is_not_resolved_to_its_holder_on_the_day() -> None:
    coded = code_text("جمدت تركيا أموال الرئيس اليمني السابق علي عبدالله صالح.", "2015-08-10")
    people = {e.id: e.role for e in coded.analysis.entities if e.kind == "PER"}
    assert people == {"per:ali-abdullah-saleh": "former head of state"}
    bare = code_text("انتقد الرئيس اليمني السابق الحكومة.", "2015-08-10").analysis.entities
    assert "per:abdrabbuh-mansur-hadi" not in {e.id for e in bare}


def test_the_air_base_is_not_al_qaeda() -> None:
    base = find_entities(
        "سقطت صواريخ على القاعدة الجوية الأمريكية في عين الأسد.", load(), "2020-01-08", ner.load()
    )
    assert "org:al-qaeda" not in {m.entity for m in base.mentions}
    assert not [m for m in base.mentions if m.text.startswith("القاعدة")]
    group = find_entities("هاجمت القاعدة قاعدة عسكرية في اليمن.", load(), "2015-08-10", ner.load())
    assert "org:al-qaeda" in {m.entity for m in group.mentions}


def test_a_verb_is_no_one_word_organisation() -> None:
    found = find_entities("وقع انفجار في سوق شعبي أودى بحياة خمسة أشخاص.", load(), "2015-08-10", ner.load())
    assert not [m for m in found.mentions if m.type == "ORG"]


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("زار الوزير السعودي عمّان. وأكدت المملكة دعمها للأردن والأردنيين والحكومة الأردنية.", "loc:jor"),
        ("وقعت السعودية اتفاقية مع ناميبيا. ووقعت المملكة مع ناميبيا على بروتوكول للتعاون.", "loc:sau"),
        ("أدانت المملكة الهجوم الإرهابي.", None),  # no kingdom named: nobody to guess
        # A list of countries, or the United Kingdom named in the article: no guess either.
        ("دول الخليج، وهي: المملكة، الإمارات، الكويت، البحرين. وزار الوزير البحرين.", None),
        ("وصل رئيس الوزراء البريطاني إلى المملكة المتحدة. وأكدت المملكة دعمها للأردن.", None),
    ],
)
def test_the_kingdom_is_the_kingdom_the_article_names_most(text: str, meant: str | None) -> None:
    found = find_entities(text, load(), "2015-08-10")
    kingdom = next((m.entity for m in found.mentions if m.text == "المملكة"), None)
    assert kingdom == meant


def test_a_person_named_with_a_title_in_the_knowledge_files_is_that_person() -> None:
    coded = code_text(
        "تلقى الملك سلمان اتصالا هاتفيا من الرئيس الفرنسي فرانسوا هولاند جدد خلاله التعازي.", "2015-08-10"
    )
    assert [(m.text, m.entity) for m in coded.analysis.mentions if m.type == "PER"] == [
        ("الملك سلمان", "per:salman-bin-abdulaziz"),
        ("فرانسوا هولاند", "per:francois-hollande"),
    ]
    (call,) = [e for e in coded.events if e.plover == "CONSULT"]
    assert (call.source, call.target) == ("per:francois-hollande", "per:salman-bin-abdulaziz")


def _whose(found: Found, surface: str) -> str:
    """The entity of the title or mention whose text is ``surface``."""
    refs = [*found.titles, *found.mentions]
    return next(m.entity for m in refs if m.text == surface)


def test_a_chain_of_titles_after_a_name_is_that_person() -> None:
    text = (
        "استقبل الأمير محمد بن سلمان بن عبدالعزيز ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء "
        "وزير الدفاع، في جدة أمس، وزير الدولة لشؤون الدفاع بدولة قطر اللواء ركن سالم بن علي الهاجري."
    )
    found = find_entities(text, load(), "2015-08-10")
    mbs = "per:mohammed-bin-salman"
    assert [t.text for t in found.titles if t.entity == mbs] == [
        "ولي ولي العهد",
        "النائب الثاني لرئيس مجلس الوزراء",
        "وزير الدفاع",
    ]
    assert not [t for t in found.titles if t.entity.startswith("role:")]  # no head of government
    visitor = _whose(found, "سالم بن علي الهاجري")
    assert _whose(found, "وزير الدولة لشؤون الدفاع بدولة قطر") == _whose(found, "اللواء ركن") == visitor
    assert found.entities[visitor].country == "QAT"


def test_titles_before_a_name_are_that_person_and_lend_it_their_country() -> None:
    text = (
        "واجتمع وزير الخارجية سامح شكري، بنائب رئيس الوزراء ووزير خارجية دولة الكويت، الشيخ ناصر فهد المطيري."
    )
    found = find_entities(text, load(), "2015-07-24")
    kuwaiti = _whose(found, "ناصر فهد المطيري")
    assert _whose(found, "بنائب رئيس الوزراء") == kuwaiti  # not Shoukry's, not the prime minister
    assert _whose(found, "ووزير خارجية دولة الكويت") == kuwaiti
    assert found.entities[kuwaiti].country == "KWT"
    assert _whose(found, "سامح شكري") == "per:sameh-shoukry"


@pytest.mark.parametrize(
    ("text", "surface", "role"),
    [
        ("وصل نائب رئيس الوزراء العراقي إلى عمان.", "نائب رئيس الوزراء العراقي", "deputy head of government"),
        (
            "وأكد مساعد وزير الخارجية الأمريكي أن الحوار مستمر.",
            "مساعد وزير الخارجية الأمريكي",
            "assistant foreign minister",
        ),
        ("وقال المتحدث باسم الرئيس المصري إن اللقاء مثمر.", "المتحدث باسم الرئيس المصري", "spokesperson"),
        ("وانتقد مستشار الرئيس الإيراني التصريحات.", "مستشار الرئيس الإيراني", "adviser"),
    ],
)
def test_a_deputy_or_envoy_of_an_office_is_not_its_holder(text: str, surface: str, role: str) -> None:
    found = find_entities(text, load(), "2015-08-10")
    (title,) = [t for t in found.titles if t.type == "PER"]
    assert title.text == surface
    assert found.entities[title.entity].role == role  # unnamed: "role:…", never the holder of the office
    assert title.entity.startswith("role:")


def test_an_envoy_sent_to_a_country_is_the_name_after_the_destination() -> None:
    text = "ودعا الرئيس اليمني مبعوث الأمين العام للأمم المتحدة إلى اليمن جمال علي بنعمر إلى زيارة عدن."
    found = find_entities(text, load(), "2015-08-10")
    envoy = _whose(found, "جمال علي بنعمر")
    assert _whose(found, "مبعوث الأمين العام للأمم المتحدة إلى اليمن") == envoy
    assert found.entities[envoy].role == "envoy"
    assert "role:secretary-general:unk" not in {t.entity for t in found.titles}
    assert [p.text for p in found.mentions if p.type == "PER"] == ["جمال علي بنعمر"]  # not "… مبعوث"


def test_a_title_after_a_name_with_a_preposition_or_another_country_is_someone_else() -> None:
    found = find_entities("وقال الملك سلمان لرئيس الوزراء إن الزيارة مهمة.", load(), "2015-08-10")
    assert _whose(found, "لرئيس الوزراء") != "per:salman-bin-abdulaziz"
    found = find_entities("والتقى الأمير محمد بن سلمان، وزير الدفاع الأمريكي.", load(), "2015-08-10")
    assert _whose(found, "وزير الدفاع الأمريكي") != "per:mohammed-bin-salman"
    found = find_entities("استقبل الملك سلمان وولي العهد الوفد.", load(), "2015-08-10")
    assert _whose(found, "وولي العهد") != "per:salman-bin-abdulaziz"  # "و": a second person


def test_a_relative_named_in_a_kinship_aside_is_not_the_person_described() -> None:
    text = "وأطلق سامر نبيل الأسد -نجل ابن عم بشار الأسد- النار على ضابط في اللاذقية."
    found = find_entities(text, load(), "2015-08-10", ner.load())
    aside = next(t for t in found.titles if t.text == "نجل ابن عم بشار الأسد")
    assert aside.entity == _whose(found, "سامر نبيل الأسد") != "per:bashar-alassad"
    coded = code_text(text, "2015-08-10")
    assert all("per:bashar-alassad" not in (e.source, e.target) for e in coded.events)


def test_a_kinship_phrase_alone_is_a_person_of_its_own() -> None:
    found = find_entities("واعتقلت الشرطة شقيق الرئيس السوري أمس.", load(), "2015-08-10")
    kin = next(t for t in found.titles if t.text == "شقيق الرئيس السوري")
    person = found.entities[kin.entity]
    assert person.name == "brother of Bashar al-Assad" and person.country == "SYR"
    # "ابن" before a bare name is a patronymic, and "شقيقه" (his brother) has its possessor already.
    for text, word in (("وقال محمد ابن سلمان إن الوفد وصل.", "ابن"), ("واستقبل شقيقه الرئيس أمس.", "شقيقه")):
        assert not [t for t in find_entities(text, load(), "2015-08-10").titles if t.text.startswith(word)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("دعا صلاح الدين دمرداش حزب العمال الكردستاني إلى وقف الهجمات.", "صلاح الدين دمرداش"),
        ("وقال صلاح الدين قرطاي إن الحزب يرفض العنف.", "صلاح الدين قرطاي"),
    ],
)
def test_a_place_name_that_begins_a_speakers_name_is_no_place(text: str, name: str) -> None:
    found = find_entities(text, load(), "2015-08-09", ner.load())
    assert name in [m.text for m in found.mentions if m.type == "PER"]
    assert "loc:salah-al-din-governorate" not in {m.entity for m in found.mentions}


@pytest.mark.parametrize(
    "text",
    [
        "وقال صلاح الدين إن الوضع هادئ.",  # the province alone
        "وأكد ديالى رسميا أن الطرق مفتوحة.",  # an adverb after it
        "وأكدت ديالى دعمها للحكومة.",  # a pronoun suffix after it
        "سيطر الجيش على صلاح الدين دمرداش.",  # no reporting verb before it
    ],
)
def test_a_place_without_a_name_after_a_reporting_verb_stays_a_place(text: str) -> None:
    found = find_entities(text, load(), "2015-08-09")
    assert [m for m in found.mentions if m.type == "LOC"]


def test_a_known_person_written_with_a_middle_name_after_a_title_is_that_person() -> None:
    text = "التقى رئيس مجلس الوزراء اليمني خالد محفوظ بحاح وفدا إماراتيا."
    found = find_entities(text, load(), "2015-07-25")
    assert [(m.text, m.entity) for m in found.mentions if m.type == "PER"] == [
        ("خالد محفوظ بحاح", "per:khaled-bahah")
    ]


def test_a_rank_and_a_patronymic_with_ali_stay_with_the_officer() -> None:
    found = find_entities("ووصل العميد ركن فهد بن علي القحطاني إلى الموقع.", load(), None)
    officer = _whose(found, "فهد بن علي القحطاني")
    assert _whose(found, "العميد ركن") == officer and officer.startswith("per:")


@pytest.mark.parametrize(
    ("text", "title", "guest"),
    [
        # The king holds no foreign ministry: the minister is his guest, the Saudi one on that day.
        (
            "استقبل الملك سلمان بن عبدالعزيز وزير الخارجية في الرياض أمس.",
            "وزير الخارجية",
            "per:adel-aljubeir",
        ),
        # The crown prince of the day was not defence minister: another prince was.
        (
            "واستقبل ولي العهد الأمير محمد بن نايف وزير الدفاع في مكتبه بجدة.",
            "وزير الدفاع",
            "per:mohammed-bin-salman",
        ),
        (
            "لدى استقبال الملك سلمان بن عبدالعزيز ولي العهد في قصر السلام.",
            "ولي العهد",
            "per:mohammed-bin-nayef",
        ),
    ],
)
def test_a_title_after_the_subject_of_a_reception_is_the_guest(text: str, title: str, guest: str) -> None:
    found = find_entities(text, load(), "2015-07-22")
    assert _whose(found, title) == guest


def test_the_guest_is_the_source_of_the_reception() -> None:
    coded = code_text("استقبل الملك سلمان بن عبدالعزيز وزير الخارجية في جدة.", "2015-07-22")
    (visit,) = [e for e in coded.events if e.plover == "CONSULT"]
    assert (visit.source, visit.target) == ("per:adel-aljubeir", "per:salman-bin-abdulaziz")


@pytest.mark.parametrize(
    ("text", "title", "holder"),
    [
        # Offices the person holds that day, up to the last one, describe him (no guest named here).
        (
            "استقبل الأمير محمد بن سلمان ولي ولي العهد وزير الدفاع.",
            "ولي ولي العهد",
            "per:mohammed-bin-salman",
        ),
        (
            "استقبل الملك سلمان بن عبدالعزيز رئيس مجلس الوزراء الوفد.",
            "رئيس مجلس الوزراء",
            "per:salman-bin-abdulaziz",
        ),
        # Commas set the title off as an aside, whatever the files know of the office.
        (
            "استقبل الأمير محمد بن نايف، وزير الداخلية، في جدة وفدا.",
            "وزير الداخلية",
            "per:mohammed-bin-nayef",
        ),
        # No verb that takes a guest: a title after the name describes it.
        ("وقال الأمير محمد بن نايف وزير الدفاع إن الوضع مستقر.", "وزير الدفاع", "per:mohammed-bin-nayef"),
        # The verb's subject is another person: the name after it is the guest and keeps its titles.
        (
            "التقى الرئيس عبدالفتاح السيسي الأمير محمد بن سلمان ولي ولي العهد في القاهرة.",
            "ولي ولي العهد",
            "per:mohammed-bin-salman",
        ),
    ],
)
def test_a_title_the_subject_holds_or_set_off_by_commas_describes_him(
    text: str, title: str, holder: str
) -> None:
    assert _whose(find_entities(text, load(), "2015-07-22"), title) == holder


def test_an_unknown_office_after_a_subject_describes_him_when_the_guest_comes_later() -> None:
    text = "استقبل الأمير فهد بن سعد وزير الداخلية في مكتبه اليوم سفير اليابان."
    found = find_entities(text, load(), "2015-07-22")
    prince = _whose(found, "فهد بن سعد")
    assert _whose(found, "وزير الداخلية") == prince
    assert _whose(found, "سفير اليابان") != prince
    alone = find_entities("استقبل الأمير فهد بن سعد وزير الداخلية.", load(), "2015-07-22")
    assert _whose(alone, "وزير الداخلية") != _whose(alone, "فهد بن سعد")


def test_a_representative_of_a_company_leaves_the_company_a_name() -> None:
    found = find_entities("استقبل ممثل شركة أرامكو وفدا من الصين.", load(), "2015-07-22")
    assert ("شركة أرامكو", "org:aramco") in [(m.text, m.entity) for m in found.mentions]
    assert not [t for t in found.titles if t.text.startswith("ممثل")]
    # A state's or the UN's envoy is still an office of its own.
    found = find_entities("وصل مبعوث الأمم المتحدة إلى صنعاء.", load(), "2015-07-22")
    assert [found.entities[t.entity].role for t in found.titles] == ["envoy"]


def test_kinship_phrases_look_only_at_the_references_just_before_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each kinship phrase tests a bounded number of earlier references, however long the article."""
    from hadath.language import entities

    calls = 0
    gap = entities._ASIDE_GAP

    class Counting:
        def match(self, s: str) -> object:
            nonlocal calls
            calls += 1
            return gap.match(s)

    monkeypatch.setattr(entities, "_ASIDE_GAP", Counting())
    sentence = "وقال أحمد المصري إن الشرطة اعتقلت شقيق الرئيس السوري في دمشق. "
    found = find_entities(sentence * 200, load(), "2015-08-10")
    kin = [t for t in found.titles if t.text == "شقيق الرئيس السوري"]
    assert len(kin) == 200 and len({t.entity for t in kin}) == 1
    assert calls <= 5 * len(kin)


def test_a_title_set_off_by_a_comma_before_a_name_only_the_tagger_finds_is_that_person() -> None:
    text = "وقال مساعد وزير الخارجية المصري، حسام زكي، إن الاجتماع مثمر."
    found = find_entities(text, load(), "2015-07-22", ner.load())
    person = _whose(found, "حسام زكي")
    assert _whose(found, "مساعد وزير الخارجية المصري") == person
    assert found.entities[person].country == "EGY" and found.entities[person].role is None


def test_a_title_before_the_verbs_own_object_is_the_subjects() -> None:
    from hadath.pipeline import code_text

    text = "استقبل أحمد أبو الغيط الأمين العام لجامعة الدول العربية اليوم وفدا من البرلمان الأوروبي."
    visits = [e for e in code_text(text, "2015-07-22").events if e.plover == "CONSULT"]
    assert visits and visits[0].target == "per:ahmed-aboul-gheit"
