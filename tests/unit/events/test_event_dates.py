"""An article's lead interaction: its date, the date of what one side says in it, later sentences
that only restate it; and where an event happens."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from hadath import language
from hadath.events import code_article
from hadath.events.context import CONTEXT_WORDS_FILE, context_words, parse_context_words
from hadath.models import EventMention
from hadath.pipeline import code_text, text_article
from hadath.resolve.summary import summarise

CALL = (
    "تلقى وزير الخارجية العراقي فؤاد حسين اتصالا هاتفيا من وزير الخارجية الأمريكي أنتوني بلينكن. "
    "وطالب حسين وزارة الخزانة الأمريكية بإعادة النظر في العقوبات المفروضة على المصارف العراقية. "
)


def _by_type(text: str, published: str) -> dict[str, EventMention]:
    return {e.plover: e for e in code_text(text, published).events}


def test_a_request_made_in_the_lead_call_takes_the_call_date() -> None:
    found = _by_type(CALL, "2024-02-07")
    assert found["CONSULT"].date == "2024-02-07" and found["CONSULT"].main
    request = found["REQUEST"]
    assert request.source == "per:fuad-hussein"
    assert (request.date, request.date_precision) == ("2024-02-07", "day")


def test_a_request_by_someone_outside_the_call_stays_undated() -> None:
    text = CALL.replace("وطالب حسين", "وطالب رئيس الوزراء التركي")
    request = _by_type(text, "2024-02-07").get("REQUEST")
    assert request is not None and request.source != "per:fuad-hussein"
    assert request.date is None


def test_a_recalled_request_keeps_its_own_date() -> None:
    text = CALL.replace("وطالب حسين", "وفي يوليو 2023 طالب حسين")
    request = _by_type(text, "2024-02-07")["REQUEST"]
    assert request.date == "2023-07" and "historical" in request.context


def test_an_article_without_a_publication_date_dates_nothing_by_guess() -> None:
    found = _by_type(CALL, "")
    assert found["CONSULT"].date is None and found["REQUEST"].date is None


def test_a_sentence_pointing_back_to_the_call_is_no_second_meeting() -> None:
    text = CALL + "وجرى خلال الاتصال بحث تطورات الأوضاع في المنطقة وجهود التحالف الدولي. "
    consults = [e for e in code_text(text, "2024-02-07").events if e.plover == "CONSULT"]
    assert [(e.source, e.target) for e in consults] == [("per:antony-blinken", "per:fuad-hussein")]


def test_another_meeting_in_the_same_article_stays_its_own_event() -> None:
    text = CALL + "وفي سياق آخر، بحث رئيس الوزراء العراقي مع السفيرة الأمريكية العلاقات الثنائية. "
    consults = [e for e in code_text(text, "2024-02-07").events if e.plover == "CONSULT"]
    assert len(consults) == 2 and consults[1].source != "per:antony-blinken"


def test_the_place_is_where_the_event_happens_not_a_city_that_names_a_meeting() -> None:
    text = (
        "استقبل الرئيس المصري عبد الفتاح السيسي في القاهرة أمس وزير الخارجية الأمريكي جون كيري "
        "القادم من أنقرة لبحث نتائج مؤتمر جنيف."
    )
    visit = _by_type(text, "2015-08-10")["CONSULT"]
    assert (visit.source, visit.target, visit.place) == ("per:john-kerry", "per:abdel-fattah-elsisi", "Cairo")
    recall = "وأكد الوزير التزام بلاده بمخرجات مؤتمر الرياض ودعا المعارضة إلى الحوار."
    assert all(e.place is None for e in code_text(recall, "2015-08-10").events)


def test_an_arrest_of_a_counted_group_makes_it_the_target() -> None:
    arrest = _by_type("اعتقل أكثر من 200 مدرس إيراني خلال احتجاجات في طهران.", "2015-08-10")["COERCE"]
    assert arrest.source is None and arrest.target is not None and arrest.target.startswith("agt:edu:")


@pytest.mark.parametrize(
    ("text", "plover", "context"),
    [
        (
            "وأعلنت الخارجية تأجيل زيارة وزير الخارجية الإيراني إلى الكويت، "
            "وكان من المفترض أن يلتقي نظيره الكويتي.",
            "CONSULT",
            "negated",
        ),
        (
            "وحذر الوزير من أن أي محاولة لإعادة فرض العقوبات على إيران ستعد انتهاكا للاتفاق.",
            "SANCTION",
            "hypothetical",
        ),
    ],
)
def test_postponed_and_hypothetical_events_are_not_facts(text: str, plover: str, context: str) -> None:
    assert context in _by_type(text, "2015-08-10")[plover].context


def test_an_unmanned_aircraft_is_no_negation() -> None:
    strike = _by_type("وقصفت طائرة بدون طيار سيارة تقل مسلحين من القاعدة في مأرب.", "2015-08-10")["ASSAULT"]
    assert strike.context == () and strike.mode == "drone"


def test_a_second_attack_in_its_own_clause_is_its_own_event() -> None:
    text = (
        "قصفت الطائرات التركية مواقع حزب العمال الكردستاني، "
        "فيما قتل جنديان تركيان في هجوم شنه مسلحون في ديار بكر."
    )
    analysis = language.analyse(text_article(text, "2015-08-10"))
    attacks = [e for e in code_article(analysis, classifiers={}) if e.plover == "ASSAULT"]
    assert [(e.source, e.target, e.place) for e in attacks] == [
        ("agt:mil:tur:aircraft", "org:pkk", None),
        ("agt:ins:unk:gunmen", "agt:mil:tur:soldiers", "Diyarbakır"),
    ]


def test_an_object_after_a_comma_and_kama_belongs_to_its_own_clause() -> None:
    text = "أدانت السعودية الهجوم على المسجد، كما أدانت الكويت التفجير."
    condemnations = [e for e in code_text(text, "2015-08-10").events if e.plover == "ACCUSE"]
    assert [(e.source, e.target) for e in condemnations] == [("loc:sau", None), ("loc:kwt", None)]


def test_in_reported_speech_the_date_of_the_saying_is_not_the_events() -> None:
    text = "أعلن الجيش العراقي اليوم أنه قصف مواقع لتنظيم داعش يوم الجمعة في الموصل."
    strike = _by_type(text, "2015-08-08")["ASSAULT"]  # a Saturday: Friday is the 7th
    assert strike.date == "2015-08-07"


def test_an_event_of_last_week_is_dated_by_its_week_and_summarised_so() -> None:
    text = "وكان وزير الخارجية الأمريكي قد زار بغداد الأسبوع الماضي والتقى نظيره العراقي فؤاد حسين."
    visit = _by_type(text, "2024-02-07")["CONSULT"]  # a Wednesday: last week began on Sunday 28 January
    assert (visit.date, visit.date_precision) == ("2024-01-28", "week")
    assert "in the week of 2024-01-28" in summarise(visit, visit.date, visit.date_precision)


def test_a_recent_event_is_not_put_on_the_news_day() -> None:
    events = code_text("هاجم مسلحون مؤخراً مسجدا في مدينة أبها.", "2015-08-10").events
    assert events and all(e.date is None for e in events)


def test_another_meeting_during_the_same_visit_is_its_own_event() -> None:
    text = (
        "التقى الرئيس المصري عبد الفتاح السيسي في القاهرة الملك عبدالله الثاني. "
        "وشارك في اللقاء وزير الخارجية سامح شكري الذي التقى في الزيارة نفسها نظيره الأردني ناصر جودة. "
    )
    pairs = {(e.source, e.target) for e in code_text(text, "2015-08-10").events if e.plover == "CONSULT"}
    assert ("per:sameh-shoukry", "per:nasser-judeh") in pairs and len(pairs) == 2


@pytest.mark.parametrize(
    ("text", "plover", "date"),
    [
        # A date in a relative clause about something else is not the event's.
        (
            "وأدان الوزير اليوم الهجوم على الشرطي الذي تعرض للطعن في مارس، وطالب بمحاسبة المسؤولين.",
            "ACCUSE",
            "2015-08-10",
        ),
        # "منذ" before a point in time starts a period: the event is not dated by it.
        (
            "هاجمت وحدات حماية الشعب الكردية مواقع تنظيم داعش منذ العام 2013 في شمال سوريا.",
            "ASSAULT",
            "2015-08-10",
        ),
        # … a clause about the attack itself dates it …
        ("قتل خمسة جنود عراقيين في الهجوم الذي وقع أمس في الأنبار.", "ASSAULT", "2015-08-09"),
        # … and "منذ" before a day, or with a count, is a point in time.
        ("اعتقلت الشرطة منذ الأحد الماضي عشرة أشخاص.", "COERCE", "2015-08-09"),
        ("وصل الوفد منذ ثلاثة أيام إلى بغداد والتقى رئيس الوزراء العراقي.", "CONSULT", "2015-08-07"),
    ],
)
def test_dates_of_other_clauses_and_periods_do_not_date_the_event(text: str, plover: str, date: str) -> None:
    assert _by_type(text, "2015-08-10")[plover].date == date


def test_the_two_presidents_are_the_sides_of_the_call_not_of_the_strike_before_it() -> None:
    text = (
        "شنت الطائرات التركية غارات على مواقع تنظيم داعش في سوريا. "
        "وجرى اتصال هاتفي بين الرئيس التركي رجب طيب أردوغان والرئيس الأمريكي باراك أوباما. "
        "واتفق الرئيسان على تعزيز التعاون."
    )
    found = _by_type(text, "2015-08-10")
    pair = ("per:recep-tayyip-erdogan", "per:barack-obama")
    assert (found["CONSULT"].source, found["CONSULT"].target) == pair
    assert (found["AGREE"].source, found["AGREE"].target) == pair


def test_a_headline_event_takes_the_date_and_place_its_lead_gives() -> None:
    text = (
        "أردوغان يستقبل السوداني\n"
        "استقبل الرئيس التركي رجب طيب أردوغان أمس في أنقرة رئيس الوزراء العراقي محمد شياع السوداني."
    )
    (visit,) = [e for e in code_text(text, "2024-03-15").events if e.plover == "CONSULT"]
    assert (visit.date, visit.place) == ("2024-03-14", "Ankara")


def test_context_words_file_loads_normalised_and_is_checked() -> None:
    words = context_words()
    assert "لم" in words.negation and "المقرر" in words.future and "اذا" in words.condition
    text = resources.files("hadath").joinpath(CONTEXT_WORDS_FILE).read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    assert parse_context_words(yaml.safe_dump(raw, allow_unicode=True), "copy.yaml") == words
    with pytest.raises(ValueError, match="missing or unknown"):
        parse_context_words(yaml.safe_dump({**raw, "negations": ["لم"]}, allow_unicode=True), "bad.yaml")
    with pytest.raises(ValueError, match="holds a phrase"):
        parse_context_words(yaml.safe_dump({**raw, "future": ["من المقرر"]}, allow_unicode=True), "bad.yaml")
    sources = resources.files("hadath").joinpath("data/events/SOURCES.md").read_text(encoding="utf-8")
    assert "`context_words.yaml`" in sources
