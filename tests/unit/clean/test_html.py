"""HTML extraction on pages written for the tests: second opinion, dates, outlet and title, no network."""

from __future__ import annotations

import socket
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from hadath.clean import clean_document, html
from hadath.clean.html import extract_html, valid_date
from hadath.models import Article, Document, Rejected

PARAGRAPHS = [
    "قال وزير الخارجية الأردني في مؤتمر صحفي عقده اليوم في عمان إن بلاده لن تقبل بأي حل لا يضمن حقوق "
    "الشعب الفلسطيني، وإن الأردن سيواصل العمل مع الدول العربية والصديقة من أجل وقف الحرب في أقرب وقت ممكن."
    " وحماية المدنيين من آثارها.",
    "وأضاف الوزير أن الاتصالات التي أجراها خلال الأيام الماضية مع نظرائه في مصر وقطر والسعودية كانت تهدف "
    "إلى التوصل إلى موقف عربي موحد، وأن هذا الموقف سيعرض على مجلس الأمن الدولي في الجلسة التي ستعقد"
    " الأسبوع المقبل في نيويورك.",
    "وأشار إلى أن المساعدات الإنسانية التي ترسلها المملكة عبر الجسر الجوي لم تعد كافية، وأن على المجتمع "
    "الدولي أن يتحمل مسؤولياته في فتح المعابر أمام قوافل الإغاثة التي تنتظر منذ أسابيع طويلة على"
    " الحدود دون أن يسمح لها بالدخول.",
]
# justext calls a paragraph good only above 200 characters, as most news paragraphs are.
BODY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
LEAD = "<p>" + "هذا نص تمهيدي قصير عن الموضوع يتكرر هنا. " * 3 + "</p>"


def page(body: str = BODY, head: str = "", title: str = "الأردن يرفض أي حل منقوص") -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body>"
        f'<div class="menu"><a href="/">الرئيسية</a> <a href="/p">سياسة</a></div>'
        f"<article><h1>{title}</h1>{body}</article></body></html>"
    )


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("extraction tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


# Text --------------------------------------------------------------------------------------------------


def test_trafilatura_keeps_an_ordinary_page_one_paragraph_a_line() -> None:
    got = extract_html(page())
    assert got is not None
    assert got.extractor == "trafilatura"
    # The headline comes first: the line classifier takes it as the title.
    assert got.text.splitlines() == ["الأردن يرفض أي حل منقوص", *PARAGRAPHS]


@pytest.mark.parametrize(
    "layout",
    [
        # Older Arabic news sites lay pages out with tables, which trafilatura skips without tables.
        "<table><tr><td>{}</td></tr></table>",
        # A CMS that wraps the body in an <aside>, which trafilatura takes for a sidebar.
        "<aside>{}</aside>",
    ],
)
def test_justext_second_opinion_when_trafilatura_keeps_little(layout: str) -> None:
    html_page = (
        "<html><head><title>خبر</title></head><body><article><h1>الأردن يرفض</h1>"
        f"{LEAD}</article>{layout.format(BODY)}</body></html>"
    )
    got = extract_html(html_page)
    assert got is not None
    assert got.extractor == "justext"
    lines = got.text.splitlines()
    assert all(p in lines for p in PARAGRAPHS)  # each paragraph whole, on its own line


def test_justext_is_not_kept_without_a_clear_gain(monkeypatch: pytest.MonkeyPatch) -> None:
    # A short page: justext is asked but finds the same text, so trafilatura's stays.
    asked: list[str] = []
    real = html._justext_paragraphs

    def spy(text: str) -> list[str]:
        asked.append(text)
        return real(text)

    monkeypatch.setattr(html, "_justext_paragraphs", spy)
    got = extract_html(page(body=f"<p>{PARAGRAPHS[0]}</p>"))
    assert asked
    assert got is not None and got.extractor == "trafilatura"
    assert got.text.splitlines()[-1] == PARAGRAPHS[0]


@pytest.mark.parametrize("markup", ["", "   ", "\x00\x01\x02", "<html><body></body></html>"])
def test_a_page_without_text_gives_none(markup: str) -> None:
    assert extract_html(markup) is None


def test_a_page_of_chrome_only_is_rejected_by_clean() -> None:
    out = clean_document(Document(source="menu.html", html="<html><body><nav>الرئيسية</nav></body></html>"))
    assert out == [Rejected("menu.html", "no article text left after removing boilerplate")]


def test_a_url_instead_of_html_is_never_fetched() -> None:
    # htmldate downloads a string that looks like a URL; hadath must not (the fixture fails on connect).
    assert extract_html("https://example.com/news/2021/03/04/story") is None


# Publication date -------------------------------------------------------------------------------------


@pytest.fixture
def date_searches(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The ``extensive_search`` flag of every htmldate call, in order."""
    calls: list[bool] = []
    real = html.htmldate.find_date

    def spy(tree: Any, **kwargs: Any) -> str | None:
        calls.append(kwargs["extensive_search"])
        assert kwargs["original_date"]  # the publication date, not the last update
        return real(tree, **kwargs)

    monkeypatch.setattr(html.htmldate, "find_date", spy)
    return calls


def test_date_from_the_page_metadata(date_searches: list[bool]) -> None:
    head = '<meta property="article:published_time" content="2021-03-04T10:00:00+03:00">'
    got = extract_html(page(head=head))
    assert got is not None and got.published == "2021-03-04"
    assert date_searches == [False]  # the markup answered; no text search


def test_date_from_htmldate_text_search(date_searches: list[bool]) -> None:
    got = extract_html(page(body='<div class="info">الخميس 4 مارس 2021</div>' + BODY))
    assert got is not None and got.published == "2021-03-04"
    assert date_searches == [False, True]  # nothing in the markup; found by the text search


def test_future_date_rejected() -> None:
    head = '<meta property="article:published_time" content="2099-05-01T10:00:00">'
    got = extract_html(page(head=head))
    assert got is not None and got.published is None


@pytest.mark.parametrize(
    ("day", "ok"),
    [
        (date(2024, 5, 1), True),
        (date(2024, 5, 2), True),  # a day ahead: a page dated "today" east of UTC
        (date(2024, 5, 3), False),
        (date(1995, 1, 1), True),
        (date(1994, 12, 31), False),
    ],
)
def test_valid_date(day: date, ok: bool) -> None:
    assert valid_date(day, today=date(2024, 5, 1)) is ok


def test_a_copyright_year_is_not_a_publication_day() -> None:
    got = extract_html(page(body=BODY + "<footer><p>© 2016 موقع الخبر</p></footer>"))
    assert got is not None and got.published is None


def test_a_year_htmldate_cannot_place_is_not_a_day() -> None:
    # "آذار" (March in the Levant) is not in htmldate's calendar: it finds 2021 alone → 2021-01-01. The
    # date closes the page, outside the byline area, so nothing else reads it either.
    got = extract_html(page(body=BODY + "<p>عمان، 4 آذار 2021</p>"))
    assert got is not None and got.published is None


def test_a_written_first_of_january_is_kept() -> None:
    head = '<meta property="article:published_time" content="2021-01-01T08:00:00">'
    got = extract_html(page(head=head, body=BODY + "<footer><p>© 2021 موقع الخبر</p></footer>"))
    assert got is not None and got.published == "2021-01-01"


# Outlet and title -------------------------------------------------------------------------------------


def test_outlet_from_og_site_name_and_title_without_it() -> None:
    head = '<meta property="og:site_name" content="صحيفة المثال">'
    got = extract_html(page(head=head, title="الأردن يرفض أي حل منقوص - صحيفة المثال"))
    assert got is not None
    assert got.outlet == "صحيفة المثال"
    assert got.title == "الأردن يرفض أي حل منقوص"


def test_outlet_falls_back_to_the_url_host() -> None:
    got = extract_html(page(), url="https://www.example-news.com/politics/123")
    assert got is not None and got.outlet == "example-news.com"


@pytest.mark.parametrize(
    ("site", "outlet"),
    [
        ("&amp;amp;copy; 2016 aryanews.com", "aryanews.com"),
        ("https://akhbar.example.com/", "akhbar.example.com"),
        ("صحيفة المثال | أخبار العالم لحظة بلحظة", "صحيفة المثال"),
    ],
)
def test_outlet_cleaned(site: str, outlet: str) -> None:
    got = extract_html(page(head=f'<meta property="og:site_name" content="{site}">'))
    assert got is not None and got.outlet == outlet


def test_clean_document_takes_the_page_metadata() -> None:
    head = (
        '<meta property="og:site_name" content="صحيفة المثال">'
        '<meta property="article:published_time" content="2021-03-04T10:00:00">'
    )
    out = clean_document(Document(source="page.html", html=page(head=head)))
    article = out[0]
    assert isinstance(article, Article)
    assert (article.published, article.outlet, article.language) == ("2021-03-04", "صحيفة المثال", "ar")
    assert article.text.split("\n\n") == PARAGRAPHS


def test_a_repeated_paragraph_is_kept_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # trafilatura's fallback can return a one-paragraph article twice; short lines may recur.
    doubled = SimpleNamespace(text="\n".join([PARAGRAPHS[0], "***", "***", PARAGRAPHS[0]]))
    monkeypatch.setattr(html.trafilatura, "bare_extraction", lambda *a, **k: doubled)
    got = extract_html(page(body=f"<p>{PARAGRAPHS[0]}</p>"))
    assert got is not None and got.text.splitlines() == [PARAGRAPHS[0], "***", "***"]


# The lead from the page's description -----------------------------------------------------------------

HEALTH_LEAD = (
    "أعلنت وزارة الصحة في المملكة، اليوم الأحد، تسجيل أربعين إصابة جديدة بالحمى في ثلاث محافظات جنوبية، "
    "ليرتفع عدد المصابين منذ مطلع الشهر إلى مئتين وعشر حالات."
)
HEALTH_BODY = [
    "وأوضح المتحدث باسم وزارة الصحة أن الحالات الجديدة سجلت في محافظات الجنوب الثلاث، وأن فرق الرصد "
    "الميداني تتابع المخالطين في القرى المجاورة منذ أسبوع.",
    "وأضاف المتحدث أن عدد المصابين الذين غادروا المستشفيات بلغ مئة وعشرين، وأن الوزارة أرسلت فرقا طبية "
    "إضافية إلى المحافظات الجنوبية لتعزيز الرعاية.",
    "ودعت وزارة الصحة المواطنين في المحافظات الجنوبية إلى الالتزام بإرشادات الوقاية وتجنب التجمعات حتى "
    "انحسار موجة الحمى خلال الأسابيع المقبلة.",
]
# Descriptions are often cut with an ellipsis in the middle of a clause.
CUT_LEAD = HEALTH_LEAD[:120] + "..."


def health_page(lead_html: str, description: str, tail: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in HEALTH_BODY)
    return (
        "<html><head><title>الصحة تسجل إصابات جديدة</title>"
        f'<meta property="og:description" content="{description}"></head><body>'
        '<div class="menu"><a href="/">الرئيسية</a></div><article><h1>الصحة تسجل إصابات جديدة</h1>'
        f'{lead_html}<div class="article-body">{body}</div>{tail}</article></body></html>'
    )


@pytest.mark.parametrize(
    "lead_html",
    [
        # A lead box the extractor skips as chrome.
        f'<div class="lead" itemprop="description"><p>{HEALTH_LEAD}</p></div>',
        f'<div class="summary"><strong>{HEALTH_LEAD}</strong></div>',
    ],
)
def test_a_dropped_lead_comes_back_whole_from_the_page(lead_html: str) -> None:
    got = extract_html(health_page(lead_html, CUT_LEAD))
    assert got is not None
    assert got.text.splitlines() == [HEALTH_LEAD, *HEALTH_BODY]


def test_a_lead_the_extractor_kept_is_not_doubled() -> None:
    page_html = (
        f'<html><head><title>t</title><meta name="description" content="{CUT_LEAD}"></head><body>'
        f"<h1>الصحة تسجل إصابات جديدة</h1><div>{HEALTH_LEAD}<br><br>{'<br><br>'.join(HEALTH_BODY)}</div>"
        "</body></html>"
    )
    got = extract_html(page_html)
    assert got is not None and got.text.splitlines() == ["الصحة تسجل إصابات جديدة", HEALTH_LEAD, *HEALTH_BODY]


def test_a_whole_description_the_page_does_not_show_becomes_the_lead() -> None:
    got = extract_html(health_page("", HEALTH_LEAD))
    assert got is not None and got.text.splitlines() == [HEALTH_LEAD, *HEALTH_BODY]


@pytest.mark.parametrize(
    "description",
    [
        CUT_LEAD,  # cut, and no full stop to cut it back to: not a sentence
        "موقع إخباري عربي مستقل يتناول شؤون السياسة والاقتصاد والثقافة والرياضة في العالم كله.",  # site blurb
        # A blurb that shares the article's country words, but none of its phrases.
        "صحيفة إلكترونية تهتم بأخبار المملكة والمحافظات الجنوبية وشؤون الصحة والمواطنين على مدار الساعة.",
        "الصحة تسجل إصابات جديدة بالحمى",  # a headline, not a lead
        # The text's own first paragraph, reworded a little: already there.
        "وأوضح المتحدث باسم وزارة الصحة أن الحالات الجديدة سجلت في محافظات الجنوب الثلاث وأن فرق الرصد "
        "الميداني تتابع المخالطين منذ أسبوع.",
    ],
)
def test_a_description_that_is_no_missing_lead_changes_nothing(description: str) -> None:
    got = extract_html(health_page("", description))
    assert got is not None and got.text.splitlines() == HEALTH_BODY


def test_a_description_repeated_below_the_text_is_not_moved_up() -> None:
    teaser = f'<aside class="related"><p>{HEALTH_LEAD}</p></aside>'
    got = extract_html(health_page("", HEALTH_LEAD, tail=teaser))
    assert got is not None and got.text.splitlines()[0] == HEALTH_BODY[0]


# The date in the byline area, and in a filed-by-section URL ---------------------------------------------


@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)", "2013-08-28"),  # Levantine / Egyptian
        ("الجمعة 14 جانفي 2011", "2011-01-14"),  # Maghrebi month name
        ("السبت 5 شباط/فبراير 2022 - 10:15", "2022-02-05"),
    ],
)
def test_a_date_written_under_the_headline_is_the_publication_date(stamp: str, day: str) -> None:
    got = extract_html(page(body=f'<div class="timestamp">{stamp}</div>{BODY}'))
    assert got is not None and got.published == day


@pytest.mark.parametrize(
    "stamp",
    [
        "الأربعاء 28 آب",  # no year: no full date, and never a guess
        "منذ ثلاث ساعات",
    ],
)
def test_no_full_date_under_the_headline_leaves_the_page_undated(stamp: str) -> None:
    got = extract_html(page(body=f'<div class="timestamp">{stamp}</div>{BODY}'))
    assert got is not None and got.published is None


def test_a_date_in_a_related_box_below_the_body_is_not_read() -> None:
    related = '<div class="related"><h3>اقرأ أيضا</h3><span>الأحد 3 آذار 2019</span></div>'
    got = extract_html(page(body=BODY + related))
    assert got is not None and got.published is None


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://news.example.com/2013/middle_east/8/3/syria.clashes/index.html", "2013-08-03"),
        ("https://news.example.com/2020/11/2338761/", None),  # an article number is no day
        ("https://news.example.com/2020/13/40/x", None),
    ],
)
def test_a_url_filed_by_year_section_month_day_dates_the_page(url: str, day: str | None) -> None:
    got = extract_html(page(), url=url)
    assert got is not None and got.published == day
