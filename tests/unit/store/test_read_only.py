"""Opening a database that cannot be written, or that is older than the current schema, for reading.

The database is built through the store's own API from records written for these tests: a visit
reported by two articles (one of which also reports a strike in passing) and a third article with no
event. Tests run as root in some containers, where file modes do not stop writes; there the read-only
path is taken through ``readonly=True`` (SQLite's ``mode=ro``) or a connection SQLite opened read-only,
and every test checks that a write really fails.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hadath.models import Actor, Analysis, Article, Entity, Event, EventMention, Rejected, content_id
from hadath.store import EventQuery, Store, StoreError

VISIT = "استقبل وزير الخارجية المصري في القاهرة اليوم نظيره العراقي وبحث الجانبان ملف المياه."
VISIT_AGAIN = (
    "بحث وزير الخارجية العراقي في القاهرة مع نظيره المصري ملف المياه، بعد أيام من غارة بطائرة مسيرة "
    "على قاعدة في أربيل."
)
OTHER = "ارتفعت أسعار الذهب في الأسواق المحلية خلال تعاملات اليوم."
IRAQ = Entity("loc:iraq", "LOC", "Iraq", "العراق", ("العراق",), "IRQ")
EGYPT = Entity("loc:egypt", "LOC", "Egypt", "مصر", ("مصر",), "EGY")


def _analysis(source: str, text: str, published: str, entities: tuple[Entity, ...] = ()) -> Analysis:
    article = Article(
        id=content_id("a", source, text),
        document=content_id("d", source),
        source=source,
        segment=0,
        title=text[:20],
        outlet=source.split("/")[2],
        published=published,
        language="ar",
        text=text,
    )
    return Analysis(article, (), (), (), entities, ())


A = _analysis("https://a.example/1", VISIT, "2024-05-14", (EGYPT, IRAQ))
B = _analysis("https://b.example/2", VISIT_AGAIN, "2024-05-15", (IRAQ,))
C = _analysis("https://c.example/3", OTHER, "2024-05-15")
AID, BID, CID = A.article.id, B.article.id, C.article.id
ACTORS = (
    Actor("loc:egypt", "Egypt", "مصر", "EGY", "GOV", "source"),
    Actor("loc:iraq", "Iraq", "العراق", "IRQ", "GOV", "target"),
)


def _mention(mid: str, article: str, plover: str, date: str, evidence: str, main: bool) -> EventMention:
    return EventMention(
        mid,
        article,
        plover,
        None,
        None,
        date,
        "day",
        None,
        ACTORS,
        "loc:egypt",
        "loc:iraq",
        evidence,
        (),
        main,
        0.9,
    )


MENTIONS = {
    AID: (_mention("m-a", AID, "CONSULT", "2024-05-14", VISIT, True),),
    BID: (
        _mention("m-b", BID, "CONSULT", "2024-05-14", VISIT_AGAIN, True),
        _mention("m-b2", BID, "ASSAULT", "2024-05-11", VISIT_AGAIN, False),
    ),
}


def _event(eid: str, plover: str, date: str, mentions: tuple[EventMention, ...]) -> Event:
    return Event(
        id=eid,
        plover=plover,
        mode=None,
        cameo=None,
        date=date,
        date_precision="day",
        place=None,
        actors=ACTORS,
        source="loc:egypt",
        target="loc:iraq",
        articles=tuple(dict.fromkeys(m.article for m in mentions)),
        evidence=tuple((m.article, m.evidence) for m in mentions),
        context=(),
        main=any(m.main for m in mentions),
        summary_en=f"{plover} between Egypt and Iraq",
        mentions=tuple(m.id for m in mentions),
    )


VISIT_EVENT = _event("e-visit", "CONSULT", "2024-05-14", (MENTIONS[AID][0], MENTIONS[BID][0]))
STRIKE_EVENT = _event("e-strike", "ASSAULT", "2024-05-11", (MENTIONS[BID][1],))
STORY = "s-visit"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "data" / "hadath.db"
    path.parent.mkdir()
    with Store(path) as store:
        for analysis in (A, B, C):
            assert store.add_article(analysis, MENTIONS.get(analysis.article.id, ()))
        store.add_rejected(Rejected("https://d.example/4", "too short"))
        store.replace_events([VISIT_EVENT, STRIKE_EVENT])
        store.replace_stories({AID: STORY, BID: STORY, CID: "s-gold"})
        store.commit()
        assert store.sync_search() == 7  # 3 articles, 2 events, 2 entities
    yield path
    for p in (path, path.parent):  # let pytest clean up
        p.chmod(p.stat().st_mode | stat.S_IWUSR)


def _old(path: Path) -> Path:
    """``path`` as a database written before ``event_articles`` existed."""
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE event_articles")
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _assert_reads(store: Store) -> None:
    """Everything the CLI's export, the API and the web pages read, with the right content."""
    assert store.counts() == {"articles": 3, "events": 2, "entities": 2, "rejected": 1}
    assert [e["id"] for e in store.events()] == ["e-strike", "e-visit"]
    assert [e["id"] for e in store.entities()] == ["loc:egypt", "loc:iraq"]
    articles = {a["id"]: a for a in store.articles()}
    assert articles[AID]["text"] == VISIT and articles[BID]["events"] == ["e-strike", "e-visit"]
    # Events by article: the lookup event_articles indexes.
    a, b, c = (store.article(i) for i in (AID, BID, CID))
    assert a is not None and b is not None and c is not None
    assert (a["events"], a["event"], a["story"]) == (["e-visit"], "e-visit", STORY)
    assert (b["events"], b["event"]) == (["e-strike", "e-visit"], "e-visit")
    assert (c["events"], c["event"], c["story"]) == ([], None, "s-gold")
    own, others = store.story_events(STORY)
    assert [e["id"] for e in own] == ["e-visit"] and [e["id"] for e in others] == ["e-strike"]
    assert store.story_events("s-gold") == ([], [])
    # The search index built while the file was writable still answers.
    hits, total = store.search("المياه")
    assert total >= 2 and {AID, BID} <= {h.id for h in hits}


def _assert_write_fails(store: Store) -> None:
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.add_rejected(Rejected("https://e.example/5", "empty"))
        store.commit()


def test_the_database_reads_the_same_when_writable(db: Path) -> None:
    with Store(db) as store:
        assert not store.readonly
        _assert_reads(store)


def test_opening_an_up_to_date_database_neither_writes_nor_waits_for_a_writer(db: Path) -> None:
    before = (_digest(db), db.stat().st_mtime_ns)
    writer = sqlite3.connect(db, timeout=0)
    writer.execute("BEGIN IMMEDIATE")  # a running import holds the write lock
    writer.execute("INSERT INTO rejected VALUES ('https://e.example/5', 'empty')")
    try:
        with Store(db) as store:  # would wait for the lock, then fail, if opening wrote
            b = store.article(BID)
            assert b is not None and b["events"] == ["e-strike", "e-visit"]
            assert store.counts()["rejected"] == 1  # the import's uncommitted row is not seen
    finally:
        writer.rollback()
        writer.close()
    assert (_digest(db), db.stat().st_mtime_ns) == before


@pytest.mark.parametrize("old", [False, True], ids=["current", "old"])
def test_readonly_reads_everything_and_writes_nothing(db: Path, old: bool) -> None:
    if old:
        _old(db)
    before = _digest(db)
    with Store(db, readonly=True) as store:
        assert store.readonly
        _assert_reads(store)
        _assert_write_fails(store)
    assert _digest(db) == before
    if old:  # the fallback stood in for this connection only: the file still lacks the table
        with sqlite3.connect(db) as conn:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "event_articles" not in names


def test_an_old_database_without_newer_tables_is_read_with_them_empty(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.executescript("DROP TABLE event_articles; DROP TABLE stories; DROP TABLE duplicates;")
    with Store(db, readonly=True) as store:
        b = store.article(BID)
        assert b is not None and (b["events"], b["story"], b["duplicate_of"]) == (
            ["e-strike", "e-visit"],
            None,
            None,
        )
        assert store.story_events(STORY) == ([], [])


_CONNECT: Callable[..., sqlite3.Connection] = sqlite3.connect


def _connect_read_only(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
    """Open read-only, as SQLite opens a file its process may not write (mode 0444 when not root): what
    a plain ``Store(path)`` meets there, reproduced where the tests run as root."""
    if kwargs.get("uri"):
        return _CONNECT(database, *args, **kwargs)
    return _CONNECT(f"{Path(database).resolve().as_uri()}?mode=ro", *args, uri=True, **kwargs)


@pytest.mark.parametrize("old", [False, True], ids=["current", "old"])
def test_a_database_sqlite_opens_read_only_is_read(
    db: Path, old: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if old:
        _old(db)
    before = _digest(db)
    monkeypatch.setattr(sqlite3, "connect", _connect_read_only)
    with Store(db) as store:
        # An old file needs the table and cannot get it: the store says it is reading only.
        assert store.readonly == old
        _assert_reads(store)
        _assert_write_fails(store)
    monkeypatch.undo()
    assert _digest(db) == before


@pytest.mark.parametrize("old", [False, True], ids=["current", "old"])
@pytest.mark.parametrize("folder", [False, True], ids=["file", "folder"])
def test_a_file_with_mode_0444_is_read(db: Path, old: bool, folder: bool) -> None:
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("file modes do not stop root writing")
    if old:
        _old(db)
    db.chmod(0o444)
    if folder:  # SQLite cannot write its journal beside the file either
        db.parent.chmod(0o555)
    with Store(db) as store:
        _assert_reads(store)
        _assert_write_fails(store)


def test_search_without_an_index_that_cannot_be_built_says_why(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.executescript("DROP TABLE search_fts; DROP TABLE search_docs;")
    with Store(db, readonly=True) as store:
        assert store.sync_search() == 0
        with pytest.raises(sqlite3.OperationalError, match=r"has no search index.*cannot be built now"):
            store.search("المياه")
        with pytest.raises(sqlite3.OperationalError, match="has no search index"):
            store.find_events(EventQuery(text="المياه"), limit=10)
        events, total = store.find_events(EventQuery(plover="CONSULT"), limit=10)
        assert [e["id"] for e in events] == ["e-visit"] and total == 1


def test_opening_read_only_a_file_that_is_missing_or_not_a_database_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="not found"):
        Store(missing, readonly=True)
    assert not missing.exists()  # never created
    text = tmp_path / "notes.db"
    text.write_text("not a database, just text that is long enough to fill a page header" * 20)
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store(text, readonly=True)
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store(text)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE things (id TEXT)")
    with pytest.raises(StoreError, match=r"not a hadath database \(no articles, mentions, entities, events"):
        Store(other, readonly=True)
