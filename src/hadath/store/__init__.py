"""Store: the SQLite database. The only module that touches it.

Tables hold records as JSON in the export contract's shape plus the columns queries need. Ids are
content hashes, so inserting an article twice is a no-op (``INSERT OR IGNORE``).
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from hadath.models import SCHEMA_VERSION, Analysis, Entity, Event, EventMention, Rejected
from hadath.store import search
from hadath.store.queries import EventQuery, where
from hadath.store.records import article_record, entity_record, event_record, mention_from_json

__all__ = ["EventQuery", "Store", "StoreError"]

log = logging.getLogger(__name__)

# Tables a record kind lives in, for lookups by id.
_TABLES = {"article": "articles", "event": "events", "entity": "entities"}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS inputs (document TEXT PRIMARY KEY, source TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, document TEXT NOT NULL, source TEXT NOT NULL, segment INTEGER NOT NULL,
    published TEXT, outlet TEXT, title TEXT, record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (id TEXT PRIMARY KEY, article TEXT NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities (id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, date TEXT, plover TEXT NOT NULL, main INTEGER NOT NULL, record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rejected (source TEXT PRIMARY KEY, reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS duplicates (article TEXT PRIMARY KEY, original TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stories (article TEXT PRIMARY KEY, story TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS stories_by_story ON stories (story);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
-- Which articles report each event: the article and story pages look events up by article.
CREATE TABLE IF NOT EXISTS event_articles (event TEXT NOT NULL, article TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS event_articles_article ON event_articles(article);
"""

# Each table and index of the schema, by name, with the statement that creates it.
_OBJECTS = {
    m.group(2): m.group(0) for m in re.finditer(r"CREATE (TABLE|INDEX) IF NOT EXISTS (\w+)[^;]*", _SCHEMA)
}
# Tables every hadath database has had; a file without them is not one.
_CORE = ("articles", "mentions", "entities", "events")

# Which articles report each event, read from the event records: what ``event_articles`` holds, for a
# database written before that table existed and opened where it cannot be added.
_EVENT_ARTICLES_VIEW = (
    "CREATE TEMP VIEW event_articles AS SELECT events.id AS event, j.value AS article"
    " FROM events, json_each(events.record, '$.articles') j"
)

# Errors that mean the file (or its folder, where SQLite writes its journal) cannot be written.
_READ_ONLY_CODES = frozenset({sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM})


class StoreError(Exception):
    """A database that cannot be opened: missing, not a hadath database, locked, or unreadable."""


class Store:
    """A hadath database file."""

    # (PRAGMA data_version, total_changes) when the search index was last synced on this connection.
    _search_seen: tuple[int, int] | None = None

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        """Open (or, unless ``readonly``, create) the database at ``path``.

        Only a writable database is brought up to the current schema. One that cannot be written (a
        read-only file or folder) and needs it is read as it is, more slowly where it lacks an index, and
        ``readonly`` becomes true; writing to it fails with :class:`sqlite3.OperationalError`.
        ``readonly=True`` never writes, nor creates the file.

        Raises:
            StoreError: the file is missing (``readonly``), is not a hadath database, or is locked.
        """
        self.path = Path(path)
        self.readonly = readonly
        if readonly and not self.path.is_file():
            raise StoreError(f"database {self.path} not found")
        try:
            if readonly:
                # A URI, so SQLite neither creates the file nor writes; as_uri escapes "?" and "#".
                self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            else:
                self.db = sqlite3.connect(self.path)
        except sqlite3.Error as e:
            raise StoreError(_explain(self.path, e)) from e
        try:
            self._prepare()
        except sqlite3.Error as e:
            self.db.close()
            raise StoreError(_explain(self.path, e)) from e
        except StoreError:
            self.db.close()
            raise

    def _prepare(self) -> None:
        """Bring a writable database up to the current schema; let a read-only one be read as it is."""
        present = {
            r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')")
        }
        missing = [name for name in _OBJECTS if name not in present]
        stale = not missing and self._unindexed_events()
        versioned = (
            "meta" in present
            and self.db.execute("SELECT 1 FROM meta WHERE key = 'schema_version'").fetchone() is not None
        )
        if not self.readonly and (missing or stale or not versioned):
            try:
                self._migrate()
                return
            except sqlite3.OperationalError as e:
                self.db.rollback()
                if (e.sqlite_errorcode or 0) & 0xFF not in _READ_ONLY_CODES:
                    raise
                log.warning("%s cannot be written (%s): opened for reading only", self.path, e)
                self.readonly = True
        absent = [t for t in _CORE if t not in present]
        if absent:
            raise StoreError(
                f"{self.path} is not a hadath database (no {', '.join(absent)} table); "
                "create one with `hadath run INPUT... --db FILE`"
            )
        # Tables newer than this file are stood in for on this connection only (TEMP objects live outside
        # the file): empty, except event_articles, which is read from the event records.
        for name, statement in _OBJECTS.items():
            if statement.startswith("CREATE TABLE") and name not in present and name != "event_articles":
                self.db.execute(statement.replace("CREATE TABLE", "CREATE TEMP TABLE", 1))
        if "event_articles" not in present or self._unindexed_events():
            log.info("%s has no event index: events are found by article from their records", self.path)
            self.db.execute(_EVENT_ARTICLES_VIEW)

    def _unindexed_events(self) -> bool:
        """True when there are events but no ``event_articles`` rows: written before that table existed."""
        return bool(
            self.db.execute(
                "SELECT NOT EXISTS (SELECT 1 FROM main.event_articles) AND EXISTS (SELECT 1 FROM events)"
            ).fetchone()[0]
        )

    def _migrate(self) -> None:
        self.db.executescript(_SCHEMA)
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        if self._unindexed_events():
            # A database written before the table existed: filled once from the event records.
            self.db.execute(
                "INSERT INTO event_articles SELECT events.id, j.value"
                " FROM events, json_each(events.record, '$.articles') j"
            )
        self.db.commit()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Writing -----------------------------------------------------------------------------------
    def has_document(self, document: str) -> bool:
        return self.db.execute("SELECT 1 FROM inputs WHERE document = ?", (document,)).fetchone() is not None

    def add_document(self, document: str, source: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO inputs VALUES (?, ?)", (document, source))

    def add_article(self, analysis: Analysis, mentions: tuple[EventMention, ...]) -> bool:
        """Store an article with its mentions and entities; False when it was already there."""
        a = analysis.article
        record = article_record(analysis)
        cur = self.db.execute(
            "INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                a.id,
                a.document,
                a.source,
                a.segment,
                a.published,
                a.outlet,
                a.title,
                json.dumps(record, ensure_ascii=False),
            ),
        )
        if cur.rowcount == 0:
            return False
        for m in mentions:
            self.db.execute(
                "INSERT OR IGNORE INTO mentions VALUES (?, ?, ?)",
                (m.id, m.article, json.dumps(asdict(m), ensure_ascii=False)),
            )
        for e in analysis.entities:
            self._merge_entity(e)
        return True

    def _merge_entity(self, e: Entity) -> None:
        row = self.db.execute("SELECT record FROM entities WHERE id = ?", (e.id,)).fetchone()
        record = entity_record(e)
        if row is not None:
            old = json.loads(row[0])
            record["aliases"] = sorted(set(old["aliases"]) | set(record["aliases"]))
            for k in ("country", "name", "name_ar"):
                record[k] = old.get(k) or record[k]
        self.db.execute(
            "INSERT OR REPLACE INTO entities VALUES (?, ?)", (e.id, json.dumps(record, ensure_ascii=False))
        )

    def add_rejected(self, item: Rejected) -> None:
        self.db.execute("INSERT OR REPLACE INTO rejected VALUES (?, ?)", (item.source, item.reason))

    def replace_events(self, events: list[Event]) -> None:
        """Events are re-derived from all mentions on every run, so the result never depends on order."""
        self.db.execute("DELETE FROM events")
        self.db.execute("DELETE FROM event_articles")
        for ev in events:
            record = event_record(ev)
            self.db.execute(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?)",
                (ev.id, ev.date, ev.plover, int(ev.main), json.dumps(record, ensure_ascii=False)),
            )
            self.db.executemany(
                "INSERT INTO event_articles VALUES (?, ?)",
                [(ev.id, a) for a in dict.fromkeys(record["articles"])],
            )

    def replace_duplicates(self, pairs: dict[str, str]) -> None:
        """Duplicate flags are re-derived from all articles on every run, like events."""
        self.db.execute("DELETE FROM duplicates")
        self.db.executemany("INSERT INTO duplicates VALUES (?, ?)", sorted(pairs.items()))

    def replace_stories(self, story_of: Mapping[str, str]) -> None:
        """Each article's story (the reports of one happening, coded or not), re-derived every run."""
        self.db.execute("DELETE FROM stories")
        self.db.executemany("INSERT INTO stories VALUES (?, ?)", sorted(story_of.items()))

    def story_articles(self, story: str) -> list[str]:
        """Ids of the articles of one story, oldest first."""
        rows = self.db.execute(
            "SELECT s.article FROM stories s JOIN articles a ON a.id = s.article WHERE s.story = ?"
            " ORDER BY a.published IS NULL, a.published, a.id",
            (story,),
        )
        return [r[0] for r in rows]

    def commit(self) -> None:
        self.db.commit()

    # Reading -----------------------------------------------------------------------------------
    def mentions(self) -> list[EventMention]:
        return [mention_from_json(json.loads(r[0])) for r in self.db.execute("SELECT record FROM mentions")]

    def article_texts(self) -> list[tuple[str, str, str | None, str | None]]:
        """``(id, text, published, outlet)`` of every article."""
        return [
            (r[0], json.loads(r[1])["text"], r[2], r[3])
            for r in self.db.execute("SELECT id, record, published, outlet FROM articles")
        ]

    def articles(self) -> Iterator[dict[str, Any]]:
        """Article records with their ``event`` and ``events`` filled from the current events."""
        by_article: dict[str, list[tuple[str, bool]]] = {}
        main_mentions = {
            r[0] for r in self.db.execute("SELECT id FROM mentions WHERE json_extract(record, '$.main')")
        }
        for ev in self.events():
            for mid, aid in zip(ev["_mentions"], ev["_mention_articles"], strict=True):
                by_article.setdefault(aid, []).append((ev["id"], mid in main_mentions))
            for aid in ev.get("_joined", []):
                by_article.setdefault(aid, []).append((ev["id"], True))
        duplicates = dict(self.db.execute("SELECT article, original FROM duplicates").fetchall())
        stories = dict(self.db.execute("SELECT article, story FROM stories").fetchall())
        for (record,) in self.db.execute("SELECT record FROM articles ORDER BY published, source, segment"):
            rec = json.loads(record)
            rec["duplicate_of"] = duplicates.get(rec["id"])
            rec["story"] = stories.get(rec["id"])
            evs = by_article.get(rec["id"], [])
            rec["events"] = list(dict.fromkeys(e for e, _ in evs))
            rec["event"] = next((e for e, is_main in evs if is_main), None)
            yield rec

    def events(self, main_only: bool = False) -> list[dict[str, Any]]:
        sql = (
            "SELECT record FROM events"
            + (" WHERE main = 1" if main_only else "")
            + " ORDER BY date IS NULL, date, id"
        )
        return [json.loads(r[0]) for r in self.db.execute(sql)]

    def entities(self) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self.db.execute("SELECT record FROM entities ORDER BY id")]

    def rejected(self) -> list[dict[str, Any]]:
        return [
            {"type": "rejected", "source": s, "reason": r}
            for s, r in self.db.execute("SELECT source, reason FROM rejected ORDER BY source")
        ]

    def get(self, record_id: str) -> dict[str, Any] | None:
        """Any record by id: event, article or entity."""
        for table in ("events", "articles", "entities"):
            row = self.db.execute(f"SELECT record FROM {table} WHERE id = ?", (record_id,)).fetchone()
            if row is not None:
                rec: dict[str, Any] = json.loads(row[0])
                return rec
        return None

    def titles(self) -> dict[str, tuple[str | None, str | None]]:
        """Article id → (title, outlet), for listings."""
        return {r[0]: (r[1], r[2]) for r in self.db.execute("SELECT id, title, outlet FROM articles")}

    def counts(self) -> dict[str, int]:
        return {
            t: int(self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
            for t in ("articles", "events", "entities", "rejected")
        }

    # Reading for the API and web UI ------------------------------------------------------------
    def one(self, kind: str, record_id: str) -> dict[str, Any] | None:
        """The stored record of ``kind`` (article, event, entity) with this id, or None."""
        row = self.db.execute(f"SELECT record FROM {_TABLES[kind]} WHERE id = ?", (record_id,)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def many(self, kind: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Stored records of ``kind`` by id; ids not found are left out."""
        out: dict[str, dict[str, Any]] = {}
        unique = list(dict.fromkeys(ids))
        for i in range(0, len(unique), 500):  # under SQLite's bound-parameter limit
            chunk = unique[i : i + 500]
            sql = f"SELECT id, record FROM {_TABLES[kind]} WHERE id IN ({', '.join('?' * len(chunk))})"
            out.update((r[0], json.loads(r[1])) for r in self.db.execute(sql, chunk))
        return out

    def article_briefs(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Article id → ``{"id","title","outlet","published","source"}``, without the text, for listings."""
        out: dict[str, dict[str, Any]] = {}
        unique = list(dict.fromkeys(ids))
        for i in range(0, len(unique), 500):
            chunk = unique[i : i + 500]
            sql = (
                "SELECT id, title, outlet, published, source FROM articles"
                f" WHERE id IN ({', '.join('?' * len(chunk))})"
            )
            for r in self.db.execute(sql, chunk):
                out[r[0]] = {"id": r[0], "title": r[1], "outlet": r[2], "published": r[3], "source": r[4]}
        return out

    def article(self, record_id: str) -> dict[str, Any] | None:
        """One article record with ``event``, ``events``, ``duplicate_of`` and ``story`` filled."""
        rec = self.one("article", record_id)
        if rec is None:
            return None
        main_mentions = {
            r[0]
            for r in self.db.execute(
                "SELECT id FROM mentions WHERE article = ? AND json_extract(record, '$.main')", (record_id,)
            )
        }
        found: list[tuple[str, bool]] = []
        rows = self.db.execute(
            "SELECT record FROM events WHERE id IN (SELECT event FROM event_articles WHERE article = ?)"
            " ORDER BY date IS NULL, date, id",
            (record_id,),
        )
        for (record,) in rows:
            ev = json.loads(record)
            for mid, aid in zip(ev["_mentions"], ev["_mention_articles"], strict=True):
                if aid == record_id:
                    found.append((ev["id"], mid in main_mentions))
            if record_id in ev.get("_joined", []):
                found.append((ev["id"], True))
        row = self.db.execute("SELECT original FROM duplicates WHERE article = ?", (record_id,)).fetchone()
        rec["duplicate_of"] = None if row is None else row[0]
        row = self.db.execute("SELECT story FROM stories WHERE article = ?", (record_id,)).fetchone()
        rec["story"] = None if row is None else row[0]
        rec["events"] = list(dict.fromkeys(e for e, _ in found))
        rec["event"] = next((e for e, is_main in found if is_main), None)
        return rec

    def find_events(
        self, query: EventQuery, *, limit: int, offset: int = 0, newest_first: bool = False
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of the events ``query`` selects, by date (undated last), and how many there are."""
        if query.text is not None:
            self._require_search_index()
        clause, params = where(query)
        total = int(self.db.execute(f"SELECT COUNT(*) FROM events WHERE {clause}", params).fetchone()[0])
        order = "date IS NULL, date DESC, id" if newest_first else "date IS NULL, date, id"
        rows = self.db.execute(
            f"SELECT record FROM events WHERE {clause} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [json.loads(r[0]) for r in rows], total

    def event_pairs(self) -> list[tuple[str, str, int]]:
        """Country pairs ``(A, B, events)`` with A <= B, most events first: who deals with whom."""
        rows = self.db.execute(
            """
            SELECT lo, hi, COUNT(DISTINCT id) AS n FROM (
                SELECT events.id,
                       min(json_extract(a.value, '$.country'), json_extract(b.value, '$.country')) AS lo,
                       max(json_extract(a.value, '$.country'), json_extract(b.value, '$.country')) AS hi
                FROM events, json_each(events.record, '$.actors') a, json_each(events.record, '$.actors') b
                WHERE a.key < b.key
            ) WHERE lo IS NOT NULL AND hi IS NOT NULL GROUP BY lo, hi ORDER BY n DESC, lo, hi
            """
        )
        return [(str(lo), str(hi), int(n)) for lo, hi, n in rows]

    def event_types(self) -> list[tuple[str, int]]:
        """PLOVER types present, with their number of events, most frequent first."""
        rows = self.db.execute(
            "SELECT plover, COUNT(*) AS n FROM events GROUP BY plover ORDER BY n DESC, plover"
        )
        return [(str(p), int(n)) for p, n in rows]

    def entity_roles(self, entity: str) -> dict[str, int]:
        """How often an entity is each role (source, target) in events."""
        rows = self.db.execute(
            "SELECT json_extract(a.value, '$.role'), COUNT(*)"
            " FROM events, json_each(events.record, '$.actors') a"
            " WHERE json_extract(a.value, '$.entity') = ? GROUP BY 1 ORDER BY 1",
            (entity,),
        )
        return {str(role): int(n) for role, n in rows if role}

    def entity_articles(self, entity: str, limit: int) -> tuple[list[dict[str, Any]], int]:
        """Briefs of the articles that mention an entity (by publication date), and how many there are."""
        clause = (
            "EXISTS (SELECT 1 FROM json_each(articles.record, '$.entities') m"
            " WHERE json_extract(m.value, '$.entity') = ?)"
        )
        total = int(self.db.execute(f"SELECT COUNT(*) FROM articles WHERE {clause}", (entity,)).fetchone()[0])
        rows = self.db.execute(
            f"SELECT id, title, outlet, published, source FROM articles WHERE {clause}"
            " ORDER BY published IS NULL, published, source, segment LIMIT ?",
            (entity, limit),
        )
        keys = ("id", "title", "outlet", "published", "source")
        return [dict(zip(keys, r, strict=True)) for r in rows], total

    def stories_of(self, articles: list[str]) -> dict[str, str]:
        """Article id → the id of its story, for those of ``articles`` that have one."""
        out: dict[str, str] = {}
        unique = list(dict.fromkeys(articles))
        for i in range(0, len(unique), 500):  # under SQLite's bound-parameter limit
            chunk = unique[i : i + 500]
            sql = f"SELECT article, story FROM stories WHERE article IN ({', '.join('?' * len(chunk))})"
            out.update((r[0], r[1]) for r in self.db.execute(sql, chunk))
        return out

    def story_briefs(self, story: str) -> list[dict[str, Any]]:
        """Briefs of a story's articles (``id, title, outlet, published, source, duplicate_of``), newest
        first, undated last; empty for an unknown story."""
        rows = self.db.execute(
            "SELECT a.id, a.title, a.outlet, a.published, a.source, d.original FROM stories s"
            " JOIN articles a ON a.id = s.article LEFT JOIN duplicates d ON d.article = a.id"
            " WHERE s.story = ? ORDER BY a.published IS NULL, a.published DESC, a.source, a.segment",
            (story,),
        )
        keys = ("id", "title", "outlet", "published", "source", "duplicate_of")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def story_events(self, story: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Events a story's articles report: (its own, the others), each newest first, undated last.

        Its own events are the main event of one of its articles (what :meth:`article` calls ``event``);
        the others are events its articles mention in passing, often the main event of another story.
        """
        rows = self.db.execute(
            "SELECT record FROM events WHERE id IN (SELECT ea.event FROM event_articles ea"
            " JOIN stories s ON s.article = ea.article WHERE s.story = ?)"
            " ORDER BY date IS NULL, date DESC, id",
            (story,),
        )
        events = [json.loads(r[0]) for r in rows]
        articles = set(self.story_articles(story))
        main_mentions = {
            r[0]
            for r in self.db.execute(
                "SELECT m.id FROM mentions m JOIN stories s ON s.article = m.article"
                " WHERE s.story = ? AND json_extract(m.record, '$.main')",
                (story,),
            )
        }

        def own(ev: dict[str, Any]) -> bool:
            return bool(main_mentions & set(ev["_mentions"]) or articles & set(ev.get("_joined", [])))

        return [ev for ev in events if own(ev)], [ev for ev in events if not own(ev)]

    def sync_search(self) -> int:
        """Create or update the full-text index if the records changed; how many documents it indexed."""
        if self.readonly:
            return 0  # it cannot be written: search what is indexed, if anything
        seen = (int(self.db.execute("PRAGMA data_version").fetchone()[0]), self.db.total_changes)
        if seen == self._search_seen:
            return 0
        try:
            n = search.sync(self.db)
        except sqlite3.OperationalError as e:
            # Locked by a running import, or a read-only file: search what is indexed, if anything.
            log.warning("search index not updated: %s", e)
            return 0
        self._search_seen = (int(self.db.execute("PRAGMA data_version").fetchone()[0]), self.db.total_changes)
        return n

    def search(
        self, query: str, *, kinds: list[str] | None = None, limit: int = 50, offset: int = 0
    ) -> tuple[list[search.Hit], int]:
        """Articles, events and entities matching every word of ``query`` (see :mod:`hadath.store.search`)."""
        self._require_search_index()
        return search.search(self.db, query, kinds, limit, offset)

    def _require_search_index(self) -> None:
        """Sync the full-text index; raise :class:`sqlite3.OperationalError` saying why if there is none."""
        self.sync_search()
        if self._search_seen is None and not self._has_table("search_fts"):
            raise sqlite3.OperationalError(
                f"{self.path} has no search index and it cannot be built now (the file is read-only or"
                " locked): open it once where it can be written, e.g. with `hadath serve`"
            )

    def _has_table(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None


def _explain(path: Path, e: sqlite3.Error) -> str:
    """What went wrong opening ``path``, and what to try."""
    code = (e.sqlite_errorcode or 0) & 0xFF
    if code == sqlite3.SQLITE_BUSY:
        return f"database {path} is locked by another process (a running import?): try again when it ends"
    if code == sqlite3.SQLITE_NOTADB:
        return f"{path} is not an SQLite database ({e})"
    if code == sqlite3.SQLITE_CANTOPEN:
        return f"cannot open database {path} ({e}): check that its folder exists and that it is readable"
    return f"cannot open database {path}: {e}"
