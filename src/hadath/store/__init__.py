"""Store: the SQLite database. The only module that touches it.

Tables hold records as JSON in the export contract's shape plus the columns queries need. Ids are
content hashes, so inserting an article twice is a no-op (``INSERT OR IGNORE``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from hadath.models import SCHEMA_VERSION, Analysis, Entity, Event, EventMention, Rejected
from hadath.store.records import article_record, entity_record, event_record, mention_from_json

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
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
"""


class Store:
    """A hadath database file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.db = sqlite3.connect(self.path)
        self.db.executescript(_SCHEMA)
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
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
        for ev in events:
            self.db.execute(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?)",
                (ev.id, ev.date, ev.plover, int(ev.main), json.dumps(event_record(ev), ensure_ascii=False)),
            )

    def replace_duplicates(self, pairs: dict[str, str]) -> None:
        """Duplicate flags are re-derived from all articles on every run, like events."""
        self.db.execute("DELETE FROM duplicates")
        self.db.executemany("INSERT INTO duplicates VALUES (?, ?)", sorted(pairs.items()))

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
        for (record,) in self.db.execute("SELECT record FROM articles ORDER BY published, source, segment"):
            rec = json.loads(record)
            rec["duplicate_of"] = duplicates.get(rec["id"])
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
