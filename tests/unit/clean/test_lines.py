"""The line classifier and segmentation, on pages written for the tests."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml

from hadath.clean import clean_document
from hadath.clean.lines import (
    classify,
    cut_tail,
    segment_text,
    strip_byline,
    strip_category,
    strip_share,
    unglue,
)
from hadath.models import Article, Document, Rejected
from hadath.text.normalize import normalize

BODY = (
    "أعلنت وزارة الخارجية الأردنية أن الوزير أيمن الصفدي بحث مع نظيره المصري سامح شكري في اتصال هاتفي "
    "اليوم تطورات الأوضاع في المنطقة وسبل وقف التصعيد."
)
BODY2 = "وأكد الوزيران ضرورة تكثيف الجهود الدولية لإيصال المساعدات الإنسانية إلى المدنيين دون عوائق أو تأخير."
APPENDED = (
    "قال رئيس الوزراء اللبناني إن الحكومة ستعقد جلسة استثنائية الأسبوع المقبل لبحث خطة التعافي الاقتصادي "
    "التي أعدتها وزارة المالية بالتعاون مع البنك الدولي."
)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("المصدر: وكالة الأنباء الأردنية", "credit"),
        ("كلمات دلالية: الأردن مصر غزة", "tags"),
        ("شارك هذا الخبر: فيسبوك تويتر واتساب", "share"),
        ("يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك", "cookie"),
        ("We use cookies to improve your experience", "cookie"),
        ("غير متصل abu_ali", "forum"),
        ("  • مشاركة: 1520", "forum"),
        ("تنويه: المقال يعبر عن رأي كاتبه", "disclaimer"),
        ("تاريخ النشر: 12 مارس 2024", "metadata"),
        ("الرئيسية > أخبار > سياسة", "navigation"),
        ("الآراء الواردة أدناه لا تعبر عن رأي الموقع بل عن رأي كاتبها", "disclaimer"),
        ("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", "metadata"),
        ("حوار: آسيا العتروس", "credit"),
        ("لینک کوتاه: https://example.org/x", "persian_chrome"),
        ("رابط الخبر بصحيفة المثال: الأردن ومصر يبحثان التصعيد", "share"),
        ("الرابط المختصر: https://example.org/a/1", "share"),
        ("سمات: الأردن مصر التصعيد", "tags"),
        (BODY, None),
        ("الأردن ومصر يبحثان التصعيد في المنطقة", None),
    ],
)
def test_classify(line: str, kind: str | None) -> None:
    assert classify(line) == kind


def test_patterns_are_normalised_and_compile() -> None:
    raw = yaml.safe_load(resources.files("hadath").joinpath("data/clean/boilerplate.yaml").read_text("utf-8"))
    groups = (
        [p for ps in raw["drop"].values() for p in ps]
        + raw["sections"]
        + raw["outlet"]
        + raw["dateline"]
        + raw["tail"]
        + raw["byline"]
        + raw["category"]
        + [raw["share_prefix"]]
    )
    for pattern in groups:
        re.compile(pattern)
        letters = re.sub(r"\\.|\[[^\]]*\]|\(\?P<\w+>", "", pattern)
        assert normalize(letters) == letters.lower(), f"pattern not in normalised form: {pattern}"


def test_page_with_appended_article_and_headline_list() -> None:
    page = "\n".join(
        [
            "الأردن ومصر يبحثان التصعيد في المنطقة",
            "12 مارس 2024",
            BODY,
            BODY2,
            "المصدر: بترا",
            "كلمات دلالية: الأردن مصر",
            "اقرأ أيضاً:",
            "الحكومة اللبنانية تعقد جلسة استثنائية",
            APPENDED,
            "الحكومة اللبنانية تعقد جلسة استثنائية",
            "مقالات مشابهة",
            "  • عنوان خبر أول عن الاقتصاد",
            "  • عنوان خبر ثان عن الرياضة",
        ]
    )
    segs = segment_text(page)
    assert [s.title for s in segs] == [
        "الأردن ومصر يبحثان التصعيد في المنطقة",
        "الحكومة اللبنانية تعقد جلسة استثنائية",
    ]
    assert segs[0].lines == [BODY, BODY2]
    assert segs[0].outlet == "بترا"
    assert segs[0].published == "2024-03-12"
    assert segs[1].lines == [APPENDED]


def test_body_sentence_that_opens_like_a_marker_is_kept() -> None:
    lead = (
        "اخترنا لكم في هذا العدد مجموعة من التطبيقات المفيدة التي تساعد على تنظيم الوقت "
        "وإدارة المهام اليومية بسهولة."
    )
    segs = segment_text("\n".join([lead, BODY, BODY2]))
    assert segs[0].lines == [lead, BODY, BODY2]


def test_glued_marker_and_headline_list_only() -> None:
    page = "\n".join([BODY, BODY2, "اقرأ أيضاًالحكومة تعقد جلسة", "عنوان آخر في القائمة", "عنوان ثالث هنا"])
    segs = segment_text(page)
    assert len(segs) == 1 and segs[0].lines == [BODY, BODY2]


def test_clean_document_outputs_articles_and_rejects_chrome_only_pages() -> None:
    arts = clean_document(Document(source="p.txt", text="عنوان الخبر\n" + BODY + "\n" + BODY2))
    assert len(arts) == 1 and isinstance(arts[0], Article)
    assert arts[0].title == "عنوان الخبر" and arts[0].language == "ar" and arts[0].segment == 0
    only_chrome = clean_document(Document(source="q.txt", text="غير متصل someone\nكلمات دلالية: لا شيء"))
    assert isinstance(only_chrome[0], Rejected)
    assert "boilerplate" in only_chrome[0].reason


def test_html_page_with_metadata() -> None:
    html = (
        "<html lang='ar'><head><title>بحث التصعيد</title>"
        "<meta property='og:site_name' content='الغد'>"
        "<meta property='article:published_time' content='2024-03-12T10:00:00+03:00'></head>"
        f"<body><nav><a href='/'>الرئيسية</a></nav><article><h1>بحث التصعيد</h1><p>{BODY}</p><p>{BODY2}</p>"
        "</article><footer>جميع الحقوق محفوظة</footer></body></html>"
    )
    arts = clean_document(Document(source="p.html", html=html))
    art = arts[0]
    assert isinstance(art, Article)
    assert art.published == "2024-03-12" and art.outlet == "الغد"
    assert BODY in art.text and "جميع الحقوق" not in art.text


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("تقدم إضافيوقال المبعوث إن المحادثات مستمرة", ["تقدم إضافي", "وقال المبعوث إن المحادثات مستمرة"]),
        ("يرفض الإفصاحوأعرب الوزير عن قلقه", ["يرفض الإفصاح", "وأعرب الوزير عن قلقه"]),
        ("وتوفي الرجل في المستشفى", ["وتوفي الرجل في المستشفى"]),  # a word that begins with و
        ("الروكان لاعب", ["الروكان لاعب"]),  # too short a prefix to be a heading
        ("وقال الوزير", ["وقال الوزير"]),
    ],
)
def test_a_sub_heading_glued_to_the_next_sentence_is_split_off(line: str, parts: list[str]) -> None:
    assert unglue(line) == parts


# What closes an article: tag lists and links back to the story, glued to the last sentence or not ------


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (BODY + " سمات الأردن مصر أيمن الصفدي", BODY),
        (BODY + " رابط الخبر بصحيفة المثال: الأردن ومصر يبحثان التصعيد في المنطقة", BODY),
        ("رابط الخبر بصحيفة المثال: الأردن ومصر يبحثان التصعيد", ""),
        ("سمات الأردن مصر", ""),
        # "سمات" (features) opening a sentence is text: it runs on to a full stop.
        ("وقال الوزير إن المرحلة صعبة. سمات هذه المرحلة تتطلب تعاونا أوسع بين الدول العربية.", None),
        # … even with no full stop, when a relative or a preposition shows it is a sentence.
        ("والمعارك مستمرة. سمات القيادة التي يتحلى بها الرئيس كثيرة", None),
        # A tag list may hold the name علي (spelt like the preposition على once normalised).
        (BODY + " سمات اليمن علي عبدالله صالح الحوثيين", BODY),
        (BODY, None),
    ],
)
def test_closing_furniture_is_cut(line: str, kept: str | None) -> None:
    assert cut_tail(line) == (line if kept is None else kept)


def test_a_glued_tag_list_and_story_link_leave_the_article() -> None:
    text = "\n".join([BODY, BODY2 + " سمات الأردن مصر", "رابط الخبر بصحيفة المثال: الأردن ومصر يبحثان"])
    (main,) = segment_text(text)
    assert main.lines == [BODY, BODY2]


# A byline opening the lead ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "byline",
    [
        "سامر يوسف– المثال– عمّان: ",
        "سامر يوسف - المثال - عمّان: ",
        "سامر يوسف– المثال: ",
        "المثال- وكالات: ",
        "المثال- الرياض: ",  # an outlet and the city the report was filed from
        "الرياض - فاطمة محمد: ",
    ],
)
def test_a_byline_before_the_lead_is_removed(byline: str) -> None:
    assert strip_byline(byline + BODY) == BODY
    (main,) = segment_text("\n".join(["الأردن ومصر يبحثان التصعيد", byline + BODY, BODY2]))
    assert main.lines == [BODY, BODY2]  # the writer's name is no longer in the text


@pytest.mark.parametrize(
    "line",
    [
        BODY,
        "بغداد/المثال: " + BODY,  # a slash dateline: the place and the outlet are read, the text kept
        "قال الوزير - في تصريح صحفي أدلى به اليوم في عمان - إن بلاده لن تقبل بأي حل: " + BODY,
        # A speaker and an occasion, or the parties of a headline, are not a byline.
        "قال الوزير سامح شكري – في مؤتمر صحفي: إن مصر لن تقبل بأي حل",
        "الخارجية السعودية - في بيان: إيران تتحمل مسؤولية الاعتداء",
        "مصر - السودان - إثيوبيا: اتفاق على إنشاء لجنة فنية مشتركة",
    ],
)
def test_a_lead_without_a_byline_is_kept(line: str) -> None:
    assert strip_byline(line) is None


def test_a_byline_on_its_own_line_is_dropped() -> None:
    (main,) = segment_text("\n".join(["الأردن ومصر يبحثان التصعيد", "سامر يوسف- المثال- عمّان:", BODY]))
    assert main.lines == [BODY]


# Agency category labels -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("عام / وزير الخارجية يستقبل نظيره المصري", "وزير الخارجية يستقبل نظيره المصري"),
        ("سياسي/ وزير الخارجية يستقبل نظيره المصري", "وزير الخارجية يستقبل نظيره المصري"),
        ("إقتصادي / ارتفاع أسعار النفط", "ارتفاع أسعار النفط"),
        ("عام 2015 شهد تراجع أسعار النفط", "عام 2015 شهد تراجع أسعار النفط"),
        ("عام / 2015", "عام / 2015"),
        ("العام الدراسي يبدأ غدا", "العام الدراسي يبدأ غدا"),
    ],
)
def test_a_category_label_leaves_the_title(title: str, clean: str) -> None:
    assert strip_category(title) == clean


def test_clean_document_drops_the_category_from_record_title_and_lead() -> None:
    doc = Document(
        source="r.jsonl:1", title="سياسي / الأردن ومصر يبحثان التصعيد", text="عام / " + BODY + "\n" + BODY2
    )
    (article,) = clean_document(doc)
    assert isinstance(article, Article)
    assert article.title == "الأردن ومصر يبحثان التصعيد"
    assert article.text.split("\n\n") == [BODY, BODY2]


# Text that must survive cleaning: a lead without its full stop, a quoted disclaimer, a glued share bar ---

# A lead written for these tests, 19 words and no final full stop, as scrapes often leave it.
LEAD_NO_STOP = (
    "أعلن متحدث باسم الجيش في شمال البلاد أمس الأحد أن ثلاثة جنود قتلوا في هجوم شنه مسلحون على نقطة تفتيش"
)
RECORD_TITLE = "مقتل ثلاثة جنود في هجوم على نقطة تفتيش"


def test_a_lead_without_a_full_stop_stays_text_when_the_record_has_a_title() -> None:
    (main,) = segment_text("\n".join([LEAD_NO_STOP, BODY, BODY2]), title=RECORD_TITLE)
    assert main.lines == [LEAD_NO_STOP, BODY, BODY2]
    (article,) = clean_document(
        Document(source="r.jsonl:1", title=RECORD_TITLE, text=f"{LEAD_NO_STOP}\n{BODY}")
    )
    assert isinstance(article, Article)
    assert article.title == RECORD_TITLE and article.text.startswith(LEAD_NO_STOP)


@pytest.mark.parametrize(
    "head",
    [
        RECORD_TITLE,  # the record's headline repeated
        "عام / " + RECORD_TITLE + " صحيفة المثال",  # … with a category label and the outlet's name
        "الجنود الثلاثة في صورة أرشيفية",  # a photo caption: too short for a lead
        "عمّان 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م المثال",  # a dateline: long in tokens, not in words
    ],
)
def test_a_headline_caption_or_dateline_before_the_lead_still_goes(head: str) -> None:
    (main,) = segment_text("\n".join([head, LEAD_NO_STOP + ".", BODY]), title=RECORD_TITLE)
    assert main.lines == [LEAD_NO_STOP + ".", BODY]


def test_without_a_record_title_the_first_headline_like_line_is_the_title() -> None:
    (main,) = segment_text("\n".join([LEAD_NO_STOP, BODY, BODY2]))
    assert main.title == LEAD_NO_STOP and main.lines == [BODY, BODY2]


# A body paragraph that quotes the words of a disclaimer in the middle of a sentence.
QUOTED_DISCLAIMER = (
    "وقال رئيس الكتلة النيابية في اتصال هاتفي إن هذه التصريحات لا تعبر عن وجهة نظر الحكومة الرسمية "
    "وتتعارض مع سعيها إلى بناء علاقات متوازنة مع دول الجوار، داعيا إلى الحوار."
)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        (QUOTED_DISCLAIMER, None),
        ("هذه التصريحات لا تعبر عن وجهة نظر الحكومة", "disclaimer"),  # short: a notice standing alone
        # A notice that opens with what it is stays one, however long.
        (
            "المقالات المنشورة لا تعبر بالضرورة عن رأي الصحيفة وإنما عن آراء كتابها، "
            "ويتحمل كل كاتب وحده مسؤولية ما يرد في مقاله من معلومات وآراء",
            "disclaimer",
        ),
        # A long comment policy naming the privacy policy at its end is still chrome.
        (
            "نرحب بتعليقاتكم المفيدة ونطلب منكم الالتزام بآداب الحوار وعدم الإساءة إلى أي شخص، "
            "ونحتفظ بحق حذف أي تعليق مخالف، ويخضع استخدام بياناتكم إلى سياسة الخصوصية",
            "cookie",
        ),
        (
            "جميع الحقوق محفوظة لصحيفة المثال، ويمنع نسخ المواد أو إعادة نشرها دون إذن خطي مسبق من الإدارة",
            "copyright",
        ),
    ],
)
def test_a_disclaimer_is_a_notice_standing_alone(line: str, kind: str | None) -> None:
    assert classify(line) == kind


def test_a_paragraph_quoting_a_disclaimer_is_kept() -> None:
    (main,) = segment_text("\n".join([BODY, QUOTED_DISCLAIMER, BODY2]))
    assert main.lines == [BODY, QUOTED_DISCLAIMER, BODY2]


@pytest.mark.parametrize(
    "bar",
    [
        "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك ",
        "شارك عبر: فيسبوك | تويتر | واتساب ",
        "شارك هذا الخبر فيس بوك تويتر طباعة أرسل لصديق ",
    ],
)
def test_a_share_bar_glued_before_the_lead_is_cut_and_the_lead_kept(bar: str) -> None:
    assert classify(bar + BODY) == "share"
    assert strip_share(bar + BODY) == BODY
    (main,) = segment_text("\n".join([RECORD_TITLE, bar + BODY, BODY2]), title=RECORD_TITLE)
    assert main.lines == [BODY, BODY2]


@pytest.mark.parametrize(
    "line",
    [
        "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك",  # the bar alone
        "شارك هذا الخبر: فيسبوك تويتر واتساب",
        "شارك عبر تويتر في النقاش",  # a short remainder is not a paragraph
    ],
)
def test_a_share_bar_without_a_paragraph_after_it_still_goes(line: str) -> None:
    (main,) = segment_text("\n".join([BODY, line, BODY2]))
    assert main.lines == [BODY, BODY2]


def test_a_share_bar_keeps_the_words_that_start_the_text() -> None:
    # "في" opens the paragraph: only platform and button words belong to the bar.
    text = "في كل زيارة خارجية يحمل الوفد ملفات اقتصادية وسياسية كثيرة تتصدرها قضايا المنطقة وأمنها."
    assert strip_share("شارك من خلال تويتر فيسبوك اكتب رأيك " + text) == text


# A long notice that names itself only in its middle: chrome where notices stand, closing the article.
LONG_NOTICE = (
    "النص الذي يحمل اسم كاتبه أو الجهة التي أصدرته أو الوكالة التي نقلته لا يعبر بالضرورة عن رأي الموقع، "
    "وتقع مسؤولية المحتوى على مصدره، ونحن ننقل الأخبار بحياد."
)


def test_a_long_notice_closing_the_article_goes_but_not_in_the_middle() -> None:
    assert classify(LONG_NOTICE) is None  # not chrome wherever it stands …
    (main,) = segment_text("\n".join([BODY, BODY2, LONG_NOTICE, "المصدر: المثال"]))
    assert main.lines == [BODY, BODY2]  # … but where notices stand, after the text
    (main,) = segment_text("\n".join([BODY, QUOTED_DISCLAIMER]))
    assert main.lines == [BODY]  # the same holds for a quote that happens to close the article
    (main,) = segment_text(QUOTED_DISCLAIMER)
    assert main.lines == [QUOTED_DISCLAIMER]  # an article is never emptied by the rule
