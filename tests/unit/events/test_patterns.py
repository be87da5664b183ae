"""The event pattern file: well-formed, normalised, and each trigger firing on a sentence of its own."""

from __future__ import annotations

import csv
import io
from importlib import resources

import pytest

from hadath.events.patterns import event_word_at, event_words, find_triggers, load_patterns
from hadath.resolve.summary import _VERBS
from hadath.serve.labels import MODES
from hadath.text.normalize import normalize, tokenize

PLOVER = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}


def test_patterns_are_well_formed() -> None:
    patterns, digest = load_patterns()
    assert len(digest) == 12
    ids = [p.id for p in patterns]
    assert len(ids) == len(set(ids))
    for p in patterns:
        assert p.plover in PLOVER, p.id
        assert p.verbs or p.nouns, p.id
        assert p.cameo is not None and p.cameo.isdigit(), p.id


@pytest.mark.parametrize(
    ("sentence", "pattern_id"),
    [
        ("تلقى الوزير اتصالاً هاتفياً من نظيره", "phone-received"),
        ("وأجرى الرئيس اتصالا هاتفيا مع ولي العهد", "phone-made"),
        ("أكد الوزير في اتصال هاتفي مع نظيره", "phone-noun"),
        ("واستقبل الرئيس رئيس الوزراء في القصر", "visit-host"),
        ("يزور الوزير العاصمة غدا", "visit"),
        ("وطالب الوزير رسميا وزارة الخزانة", "request-demand"),
        ("دعا الوزير الولايات المتحدة إلى العودة", "request-appeal"),
        ("وأدانت الحكومة الهجوم", "condemn"),
        ("رفضت الحكومة المقترح", "reject"),
        ("فرضت وزارة الخزانة عقوبات على مصارف", "sanction"),
        ("وشن الجيش غارات جوية على مواقع", "assault-airstrike"),
        ("هجوم بطائرة مسيرة استهدف القاعدة", "assault-drone"),
        ("تظاهر آلاف في العاصمة", "protest"),
        ("اعتقلت الشرطة ناشطين", "arrest"),
    ],
)
def test_trigger_fires(sentence: str, pattern_id: str) -> None:
    matches = find_triggers(tokenize(sentence))
    assert matches and matches[0].pattern.id == pattern_id


def test_needs_word_is_required() -> None:
    # "تلقى" without a call nearby is not a phone call ("تلقى دعوة" is an invitation).
    assert all(m.pattern.mode != "phone" for m in find_triggers(tokenize("تلقى الوزير دعوة لحضور القمة")))


@pytest.mark.parametrize(
    ("sentence", "pattern_id"),
    [
        ("ودانت الحكومة التفجير الذي استهدف المسجد", "condemn"),
        ("واتفقتا على تشكيل لجنة مشتركة", "agree"),
        ("وبحث الوزير مع نظيره الأوضاع في المنطقة", "discuss"),
        ("وطلب الوزير من الأمم المتحدة إرسال مراقبين", "request-demand"),
        ("وألقت الشرطة القبض على ثلاثة مشتبه بهم", "arrest-seize"),
        ("أفرجت السلطات عن الصحفي المعتقل", "release"),
        ("أطلقت الشرطة سراح المعتقلين", "release-set-free"),
        ("جمدت الحكومة أموال الرئيس السابق", "sanction-freeze"),
        ("قررت الحكومة الأمريكية تجميد أموال حزب الله", "sanction-freeze-noun"),
        ("ألقت قوات الأمن العراقية القبض على المتهم", "arrest-seize"),
        ("أفرجت السلطات الإيرانية اليوم عن الصحفي", "release"),
        ("وقعت المملكة مع ناميبيا على بروتوكول للتعاون", "agree-sign"),
        # Identity words alone do not cancel a request: only a source asking for anonymity does.
        ("طالبت حركة حماس بالكشف عن هويته ومحاسبة إسرائيل", "request-demand"),
        ("طالبت روسيا بعدم نشر الصواريخ قرب حدودها", "request-demand"),
        ("وصل الرئيس إلى القاهرة في زيارة رسمية", "visit-arrive"),
        ("وتبنت الحركة التفجير", "assault-claim"),
        ("أعلن التنظيم مسؤوليته عن الهجوم", "assault-claim"),
        ("سحبت الحكومة سفيرها من العاصمة", "recall-ambassador"),
        ("استدعت الوزارة السفير الإيراني", "summon-ambassador"),
        ("طردت الحكومة السفير", "expel-diplomats"),
        ("تعهدت الدول المانحة بتقديم مساعدات", "aid-pledge"),
        ("ودانت المحكمة ثلاثة صحفيين بنشر أخبار كاذبة", "legal-convict"),
    ],
)
def test_more_trigger_forms_fire(sentence: str, pattern_id: str) -> None:
    assert any(m.pattern.id == pattern_id for m in find_triggers(tokenize(sentence)))


@pytest.mark.parametrize(
    ("sentence", "pattern_id"),
    [
        # A source asking for anonymity makes no request.
        ("وقال المصدر الذي طلب عدم ذكر اسمه إن الوفد وصل", "request-demand"),
        ("قال مسؤول طلب عدم الكشف عن هويته إن المحادثات توقفت", "request-demand"),
        ("قال مسؤول أمريكي طلب عدم كشف هويته إن المحادثات توقفت", "request-demand"),
        ("قال مصدر طلب ألا يذكر اسمه إن الوفد وصل", "request-demand"),
        # "ألقى" gives a speech or the blame unless القبض follows; "وقع" also means "happened".
        ("وألقى الوزير كلمة أمام الطلاب", "arrest-seize"),
        ("ألقى الوزير باللوم على الحكومة", "arrest-seize"),
        ("وقع الانفجار على الطريق العام", "agree-sign"),
        # "بحث" with nobody to talk to is to consider or look for.
        ("فيما تبحث الحكومة تنفيذ إجراءات جديدة على الحدود", "discuss"),
        # Arriving is a visit only when the sentence says so; a claim needs the attack it claims.
        ("وصل عدد القتلى إلى عشرين", "visit-arrive"),
        ("أعلنت الحكومة تحمل المسؤولية عن الأزمة", "assault-claim"),
        # The country's own envoy is recalled, another's summoned.
        ("استدعت الوزارة سفيرها للتشاور", "summon-ambassador"),
    ],
)
def test_trigger_cancelled_by_its_context(sentence: str, pattern_id: str) -> None:
    assert all(m.pattern.id != pattern_id for m in find_triggers(tokenize(sentence)))


def test_future_prefix_is_flagged() -> None:
    matches = find_triggers(tokenize("سيزور الوزير بغداد الأسبوع المقبل"))
    assert matches[0].pattern.id == "visit" and matches[0].future


def test_event_words_file_is_normalised_unique_and_documented() -> None:
    text = resources.files("hadath").joinpath("data/events/event_words.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    keys = [(normalize(r["word"]), r["plover"]) for r in rows]
    assert len(keys) == len(set(keys)), "two entries normalise to the same word"
    assert set(event_words()) == set(keys)  # every row loads (a bad pattern id would raise)
    patterns, _ = load_patterns()
    own = {(w, p.plover) for p in patterns for w in (*p.verbs, *(n[0] for n in p.nouns if len(n) == 1))}
    assert not set(keys) & own, "a word the patterns already hold"
    assert all(
        len(w.split()) == 1 and r["pos"] in ("verb", "noun") for (w, _), r in zip(keys, rows, strict=True)
    )
    sources = resources.files("hadath").joinpath("data/events/SOURCES.md").read_text(encoding="utf-8")
    assert "`event_words.tsv`" in sources


@pytest.mark.parametrize(
    ("sentence", "at", "pattern", "future"),
    [
        # A definite noun the strict patterns leave out ("the explosion" already reported) …
        ("وقع الانفجار قرب السوق", 1, "assault-explosives", False),
        # … a pattern verb whose "needs" are absent …
        ("قتل رجل في المدينة", 0, "assault-killed", False),
        # … a word only the event-word file holds, with its pattern's mode, and the future سـ.
        ("داهمت الشرطة المنزل", 0, "assault", False),
        ("سيتجمعون أمام البرلمان", 0, "protest", True),
    ],
)
def test_event_words_are_looser_than_triggers(sentence: str, at: int, pattern: str, future: bool) -> None:
    toks = tokenize(sentence)
    plover = pattern.split("-")[0].upper()
    assert not [m for m in find_triggers(toks) if m.pattern.plover == plover and m.start == at]
    found = event_word_at(toks, at, plover)
    assert found is not None and found.pattern.id == pattern and found.future is future
    assert event_word_at(toks, at, "CONSULT") is None


def test_event_words_keep_the_patterns_exceptions() -> None:
    toks = tokenize("أعلن وقف إطلاق النار")  # a ceasefire is no shooting
    assert all(event_word_at(toks, i, "ASSAULT") is None for i in range(len(toks)))


@pytest.mark.parametrize(
    ("sentence", "pattern_id", "trigger"),
    [
        # The indefinite accusative of a listed noun, derived on load ("اعتصام" → "اعتصاماً").
        ("بدأ مئات العمال اعتصاماً أمام مقر الشركة", "protest", "اعتصاماً"),
        ("نصب المسلحون كميناً لدورية الجيش", "assault", "كميناً"),
        # Up to two dates or adverbs between a talks noun and مع.
        ("أجرى الوزير مباحثات اليوم مع نظيره الفرنسي", "meet-noun", "مباحثات اليوم مع"),
        ("عقد الرئيس لقاء مساء أمس مع السفير", "meet-noun", "لقاء مساء أمس مع"),
        ("وأجرى اتصالا هاتفيا الليلة مع ولي العهد", "phone-noun", "اتصالا هاتفيا الليلة مع"),
        # A visit with its destination after لـ (left out of the match: it holds the object), an
        # adjective before إلى, a past length, or a past "قام بـ".
        ("قام الوزير بزيارة سريعة لمدينة الموصل", "visit-noun", "بزيارة سريعة"),
        ("وأكد خلال زيارته للعاصمة أن العلاقات متينة", "visit-noun", "زيارته"),
        ("في أول زيارة له إلى القاهرة", "visit-noun", "زيارة له إلى"),
        ("غادر الرئيس المدينة بعد زيارة استمرت ساعات", "visit-noun", "زيارة استمرت"),
        ("وقام ولي العهد بزيارة مستشفى المدينة", "visit-made", "وقام"),
        # Arrests told with the verbal noun in a reporting frame.
        ("وذكر البيان أنه تم اعتقال القائد العسكري أمس", "arrest-noun", "اعتقال"),
        ("أعلنت وزارة الداخلية توقيف ثلاثة مشتبه بهم", "arrest-noun", "توقيف"),
        ("وتمكنت الدورية من القبض على المهربين", "arrest-noun", "القبض على"),
        ("وتم إلقاء القبض على الجاني", "arrest-noun", "إلقاء القبض على"),
        # Legal acts: a referral to court, a charge, a sentence.
        ("أحالت النيابة العامة عشرة متهمين إلى محكمة الجنايات", "legal-refer", "أحالت"),
        ("قررت النيابة إحالة المسؤولين السابقين إلى القضاء", "legal-refer", "إحالة"),
        ("ووجهت السلطات اتهامات بالفساد لثلاثة مسؤولين", "legal-charge", "ووجهت"),
        ("أصدرت محكمة عسكرية حكما غيابيا بإعدام القائد السابق", "legal-sentence", "أصدرت"),
        ("وقضت المحكمة بسجن الوزير السابق خمس سنوات", "legal-sentence", "وقضت"),
        # A denial of an accusation, and the accusing participle after the main verb.
        ("ونفت الحكومة بشدة الاتهامات الموجهة إليها", "reject-deny", "ونفت"),
        ("انتقد الوزير التقرير، متهما المنظمة بتزييف الحقائق", "accuse-participle", "متهما"),
        ("وهاجم الرئيس المعارضة متهماً إياها بإثارة الفوضى", "accuse-participle", "متهماً"),
        # Territory taken.
        ("وسيطر المسلحون على مدينة ساحلية بعد معارك", "seize-territory", "وسيطر"),
        ("وتمكنت القوات من السيطرة على قاعدة جوية", "seize-territory-noun", "السيطرة على"),
        # A weapon among the words that make a killing an attack; an unmanned craft is a drone.
        ("قتل الجندي بمقذوف أطلق من الجانب الآخر", "assault-killed", "قتل"),
        ("أطلقت طائرة استطلاع بدون طيار صاروخا على السيارة", "assault-drone", "بدون طيار"),
    ],
)
def test_gap_filling_triggers_fire(sentence: str, pattern_id: str, trigger: str) -> None:
    toks = tokenize(sentence)
    found = [
        " ".join(t.text for t in toks[m.start : m.end])
        for m in find_triggers(toks)
        if m.pattern.id == pattern_id
    ]
    assert trigger in found


@pytest.mark.parametrize(
    ("sentence", "pattern_id"),
    [
        # A word between a talks noun and مع that is no date, adverb or adjective of talks.
        ("عقد الوزير لقاء الطلاب مع أوليائهم", "meet-noun"),
        # A visit noun with no destination, a function word after لـ, or a wish to visit.
        ("وتناول الحديث خلال الزيارة ملفات عدة", "visit-noun"),
        ("وكانت زيارة لم يعلن عنها مسبقا", "visit-noun"),
        ("وأعرب عن أمله في أن يقوم بزيارة البلاد قريبا", "visit-made"),
        ("قام الوزير بجولة في المعرض", "visit-made"),
        # An arrest noun with no reporting frame, or looking back at one, or naming a place of detention.
        ("وهو مضرب عن الطعام منذ اعتقاله قبل عامين", "arrest-noun"),
        ("احتجاجا على اعتقاله الإداري أعلن الإضراب", "arrest-noun"),
        ("وأعلنت الوزارة نقلهم إلى مراكز احتجاز خاصة", "arrest-noun"),
        ("أكد المحامي أن الاعتقال الإداري مخالف للقانون", "arrest-noun"),
        # A referral without a court; a ruling that is no sentence; a denial of a report.
        ("أحال الوزير الموظف إلى التقاعد", "legal-refer"),
        ("أصدر المجلس قرارا بتعديل النظام", "legal-sentence"),
        ("صدر مؤخرا حكم بالعفو عن المحكومين بالإعدام", "legal-sentence"),
        ("نفت الوزارة صحة الأنباء عن تغيير موعد الامتحانات", "reject-deny"),
        # Defendants counted or described, and the accused: no accuser.
        ("وتضم القضية أكثر من 20 متهما من قيادات الجماعة", "accuse-participle"),
        ("حكومة متهمة بالطائفية", "accuse-participle"),
        ("وتم ضبط المتهمة في منزلها", "accuse-participle"),
        ("كان متهما في قضية فساد", "accuse-participle"),
        # Control that is no taking: a match, a fire, a standing hold, an aim, a relative clause.
        ("سيطر الفريق على مجريات المباراة", "seize-territory"),
        ("تمكنت فرق الدفاع المدني من السيطرة على الحريق", "seize-territory-noun"),
        ("تحاول القوات السيطرة على قاعدة جوية", "seize-territory-noun"),
        ("لمحاربة المتشددين الذين سيطروا على مساحات كبيرة من الأراضي", "seize-territory"),
    ],
)
def test_gap_filling_triggers_keep_their_limits(sentence: str, pattern_id: str) -> None:
    assert all(m.pattern.id != pattern_id for m in find_triggers(tokenize(sentence)))


def test_accusative_forms_are_derived_not_listed() -> None:
    patterns = {p.id: p for p in load_patterns()[0]}
    protest = patterns["protest"].nouns
    assert (normalize("اعتصام"),) in protest and (normalize("اعتصاما"),) in protest
    # Words that take no alif: the definite, ta marbuta, hamza, the feminine and sound plurals.
    assert (normalize("مظاهرتا"),) not in protest and (normalize("محتجونا"),) not in protest
    assert (normalize("الاعتصاما"),) not in {n for p in patterns.values() for n in p.nouns}
    # The needs words too ("قتل … بمقذوف" and "مقذوفاً").
    assert {normalize("مقذوف"), normalize("مقذوفا")} <= patterns["assault-killed"].needs


def test_every_mode_the_patterns_code_has_words_for_readers() -> None:
    # A mode without a label shows its code in the UI, and one without a verb reads "(sanction)".
    for p in load_patterns()[0]:
        if p.mode is not None:
            assert p.mode in MODES, p.id
            assert (p.plover, p.mode) in _VERBS or (p.plover, None) in _VERBS, p.id
