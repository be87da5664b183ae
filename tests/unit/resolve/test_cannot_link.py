"""Cannot-links on participants: two reports that name different people in one role are two events.

Hand-built mentions of visits to one host, worded alike as a host's news agency words every visit: the
text alone would make one story of them.
"""

from __future__ import annotations

import pytest

from hadath.models import Actor, EventMention, content_id
from hadath.resolve import ArticleText, _names_may_match, resolve, resolve_stories

VISIT = (
    "استقبل الملك سلمان في قصره بالعاصمة اليوم {} والوفد المرافق له، وجرى خلال الاستقبال استعراض "
    "العلاقات الثنائية بين البلدين الشقيقين وسبل تعزيزها، وبحث تطورات الأوضاع في المنطقة"
)


Side = tuple[str, str, str | None]  # entity id, Arabic name, country
KING: Side = ("per:host-king", "الملك سلمان", "SAU")


def visit(
    mid: str,
    article: str,
    day: str,
    visitor: Side | None,
    written: str | None = None,
    host: Side | None = KING,
    plover: str = "CONSULT",
) -> EventMention:
    """``visitor`` visits ``host`` (the source and target); ``written`` is how the sentence names them."""
    sides = [(s, role) for s, role in ((visitor, "source"), (host, "target")) if s is not None]
    name = written if written is not None else (visitor[1] if visitor else "وفدا")
    return EventMention(
        id=mid,
        article=article,
        plover=plover,
        mode="visit",
        cameo="042",
        date=day,
        date_precision="day",
        place=None,
        actors=tuple(Actor(s[0], s[1], s[1], s[2], "GOV", role) for s, role in sides),
        source=visitor[0] if visitor else None,
        target=host[0] if host else None,
        evidence=VISIT.format(name),
        context=(),
        main=True,
        confidence=0.9,
    )


def articles(*ms: EventMention) -> list[ArticleText]:
    return [ArticleText(m.article, m.evidence, m.date) for m in ms]


def hashed(name_ar: str) -> str:
    """The id the entity stage gives a name it cannot resolve."""
    return content_id("per:", name_ar)


def test_same_host_two_known_visitors_are_two_events_even_without_a_country() -> None:
    # The second visitor's country is unknown, so the country cannot-link has nothing to compare.
    a = visit("m1", "a1", "2015-07-22", ("per:visiting-defence-minister", "جيمس كارفر", "USA"))
    b = visit("m2", "a2", "2015-07-23", ("per:visiting-president", "فرانسوا لوران", None))
    result = resolve_stories([a, b], articles(a, b))
    assert sorted(e.articles for e in result.events) == [("a1",), ("a2",)]
    assert result.story_of["a1"] != result.story_of["a2"]
    assert {e.date for e in result.events} == {"2015-07-22", "2015-07-23"}  # each keeps its own day


def test_two_unresolved_names_that_share_nothing_are_two_events() -> None:
    a = visit("m1", "a1", "2015-07-23", (hashed("ريتا مورساني"), "ريتا مورساني", "IDN"))
    b = visit("m2", "a2", "2015-07-24", (hashed("كريم الحداد"), "كريم الحداد", None))
    assert len(resolve([a, b], articles(a, b))) == 2


def test_a_title_and_the_named_holder_are_one_event() -> None:
    a = visit("m1", "a1", "2015-07-23", ("role:foreign-minister:idn", "وزيرة الخارجية", "IDN"))
    b = visit("m2", "a2", "2015-07-23", ("per:idn-foreign-minister", "ريتا مورساني", None))
    (event,) = resolve([a, b], articles(a, b))
    assert set(event.articles) == {"a1", "a2"}


def test_one_unresolved_name_spelled_two_ways_is_one_event() -> None:
    a = visit("m1", "a1", "2015-07-23", (hashed("بيتر هولمان"), "بيتر هولمان", None))
    b = visit("m2", "a2", "2015-07-23", (hashed("بيتر هولمن"), "بيتر هولمن", "NLD"))
    c = visit("m3", "a3", "2015-07-23", (hashed("هولمان"), "هولمان", None))
    (event,) = resolve([a, b, c], articles(a, b, c))
    assert set(event.articles) == {"a1", "a2", "a3"}


def test_a_known_person_and_an_unlisted_spelling_of_them_are_one_event() -> None:
    a = visit("m1", "a1", "2015-07-23", ("per:known-envoy", "أنتوني بلينكن", "USA"))
    b = visit("m2", "a2", "2015-07-23", (hashed("انتوني بلنكن"), "انتوني بلنكن", None))
    assert len(resolve([a, b], articles(a, b))) == 1


def test_a_known_person_reached_through_a_title_does_not_block() -> None:
    # "the minister" resolved to a listed holder: the name is not in the sentence, and may be wrong.
    a = visit("m1", "a1", "2015-07-23", ("per:known-envoy", "أنتوني بلينكن", "USA"), written="الوزير")
    b = visit("m2", "a2", "2015-07-23", ("per:other-envoy", "جون كيري", "USA"))
    assert len(resolve([a, b], articles(a, b))) == 1


def test_a_person_and_an_organisation_do_not_block() -> None:
    # One outlet names the minister, another the ministry: the same side of one visit.
    a = visit("m1", "a1", "2015-07-23", ("per:known-envoy", "أنتوني بلينكن", "USA"))
    b = visit("m2", "a2", "2015-07-23", ("org:us-state-department", "الخارجية الأمريكية", "USA"))
    assert len(resolve([a, b], articles(a, b))) == 1


def test_sides_swapped_are_one_event() -> None:
    # One outlet codes the visitor as the source, another (a role inverted) as the target with no
    # source: read the other way round the two line up, so the different first sides do not block.
    visitor: Side = ("per:visiting-president", "فرانسوا لوران", "FRA")
    a = visit("m1", "a1", "2015-07-23", visitor, plover="ACCUSE")
    b = visit("m2", "a2", "2015-07-23", None, written=visitor[1], host=visitor, plover="ACCUSE")
    (event,) = resolve([a, b], articles(a, b))
    assert set(event.articles) == {"a1", "a2"}


@pytest.mark.parametrize(
    ("a", "b", "may"),
    [
        ("سليمان الأسد", "سليمان هلال الأسد", True),  # a longer form of one name
        ("فرانسوا أولاند", "هولاند", True),  # two spellings of one surname
        ("عبد الله", "عبد الرحمن بن علي", False),  # only a particle in common
        ("ريتا مورساني", "كريم الحداد", False),
        ("أبو", "كريم الحداد", True),  # nothing left but a particle: may be anyone
    ],
)
def test_names_may_match(a: str, b: str, may: bool) -> None:
    assert _names_may_match(a, b) is may
