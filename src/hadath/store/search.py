"""Full-text search: an SQLite FTS5 index over normalised Arabic and English names.

The index lives in the database beside the records (tables ``search_docs`` and ``search_fts``) and is
brought up to date lazily, before a search, by comparing a checksum of every record with the one it was
indexed under. Articles are never rewritten, but events are re-derived on every run and entities gain
spellings, so both are re-indexed when they change.

Text is indexed in the form :func:`hadath.text.normalize.normalize` gives it, and so is the query, so
spelling variants meet: ``"فؤاد"`` finds ``"فواد"``, ``"الخارجية"`` finds ``"الخارجيه"``. A second column
holds each word without its proclitics (``"والعراق"`` → ``"عراق"``), so a query for ``"العراق"`` also
finds ``"بالعراق"`` and ``"للعراق"``; matches in the text itself rank higher.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from hadath.text.normalize import normalize, strip_clitics, tokenize

_SCHEMA = """
CREATE TABLE IF NOT EXISTS search_docs (
    rowid INTEGER PRIMARY KEY, kind TEXT NOT NULL, id TEXT NOT NULL, stamp INTEGER NOT NULL,
    UNIQUE (kind, id)
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(body, stems, tokenize = 'unicode61');
"""

# Every record with the checksum its indexed form is kept under; articles are never rewritten (their
# ids hash their text), so they need no checksum.
_CURRENT = """
SELECT 'article', id, 0 FROM articles
UNION ALL SELECT 'event', id, hadath_crc(record) FROM events
UNION ALL SELECT 'entity', id, hadath_crc(record) FROM entities
"""

# A query longer than this many words is cut: FTS5 cost grows with the terms, and no one types more.
MAX_QUERY_TERMS = 16


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: which record, and its BM25 rank (lower is better)."""

    kind: str  # article | event | entity
    id: str
    rank: float


def _crc(value: object) -> int:
    return zlib.crc32(str(value).encode("utf-8"))


def sync(db: sqlite3.Connection) -> int:
    """Bring the index up to date with the records; returns how many documents were (re)indexed."""
    db.create_function("hadath_crc", 1, _crc, deterministic=True)
    db.executescript(_SCHEMA)
    # Compared and written under one write lock, so two connections syncing at once never both insert.
    db.execute("BEGIN IMMEDIATE")
    with db:
        current = {(k, i): s for k, i, s in db.execute(_CURRENT)}
        indexed = {
            (k, i): (r, s) for r, k, i, s in db.execute("SELECT rowid, kind, id, stamp FROM search_docs")
        }
        stale = [r for key, (r, s) in indexed.items() if current.get(key) != s]
        fresh = [key for key, s in current.items() if indexed.get(key, (0, None))[1] != s]
        db.executemany("DELETE FROM search_fts WHERE rowid = ?", [(r,) for r in stale])
        db.executemany("DELETE FROM search_docs WHERE rowid = ?", [(r,) for r in stale])
        names = _entity_names(db) if any(k == "article" for k, _ in fresh) else {}
        for kind, ident in fresh:
            record = _record(db, kind, ident)
            if record is None:
                continue
            body = _document(kind, record, names)
            cur = db.execute(
                "INSERT INTO search_docs (kind, id, stamp) VALUES (?, ?, ?)",
                (kind, ident, current[kind, ident]),
            )
            norm = normalize(body)
            db.execute(
                "INSERT INTO search_fts (rowid, body, stems) VALUES (?, ?, ?)",
                (cur.lastrowid, norm, " ".join(_stems(norm))),
            )
    return len(fresh)


def _record(db: sqlite3.Connection, kind: str, ident: str) -> dict[str, Any] | None:
    table = {"article": "articles", "event": "events", "entity": "entities"}[kind]
    row = db.execute(f"SELECT record FROM {table} WHERE id = ?", (ident,)).fetchone()
    return None if row is None else dict(json.loads(row[0]))


def _entity_names(db: sqlite3.Connection) -> dict[str, str]:
    """Entity id → English name, so an article is found by the English names of who it mentions."""
    out: dict[str, str] = {}
    for (record,) in db.execute("SELECT record FROM entities"):
        rec = json.loads(record)
        if rec.get("name"):
            out[rec["id"]] = str(rec["name"])
    return out


def _document(kind: str, rec: dict[str, Any], names: dict[str, str]) -> str:
    """The text a record is found by."""
    parts: list[Any]
    if kind == "article":
        mentioned = dict.fromkeys(names.get(m.get("entity") or "", "") for m in rec.get("entities", []))
        parts = [rec.get("title"), rec.get("outlet"), rec.get("text"), *mentioned]
    elif kind == "event":
        parts = [rec.get("plover"), rec.get("mode"), rec.get("place"), rec.get("summary_en")]
        for actor in rec.get("actors", []):
            parts += [actor.get("name"), actor.get("name_ar"), actor.get("country")]
        parts += [e.get("text") for e in rec.get("evidence", [])]
    else:
        parts = [rec.get("name"), rec.get("name_ar"), rec.get("country"), *rec.get("aliases", [])]
    return "\n".join(str(p) for p in parts if p)


def _stems(norm: str) -> list[str]:
    """Each word without proclitics: the last, shortest candidate of :func:`strip_clitics`."""
    return [strip_clitics(t.norm)[-1] for t in tokenize(norm)]


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for a user's query, or None when it holds no word.

    Every word must match, as itself or through its stem; words are quoted, so nothing the user types is
    read as FTS5 syntax (``NEAR``, ``*``, column filters).
    """
    terms: list[str] = []
    for token in tokenize(query)[:MAX_QUERY_TERMS]:
        word = token.norm
        stem = strip_clitics(word)[-1]
        if stem == word:
            terms.append(f'"{word}"')
        else:
            terms.append(f'("{word}" OR stems : "{stem}")')
    return " AND ".join(terms) or None


def search(
    db: sqlite3.Connection, query: str, kinds: Iterable[str] | None, limit: int, offset: int
) -> tuple[list[Hit], int]:
    """Records matching every word of ``query``, best first; also the total number of matches."""
    expression = match_expression(query)
    if expression is None:
        return [], 0
    where = "search_fts MATCH ?"
    params: list[Any] = [expression]
    if kinds is not None:
        wanted = sorted(set(kinds))
        where += f" AND d.kind IN ({', '.join('?' * len(wanted))})"
        params += wanted
    base = f"FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid WHERE {where}"
    total = int(db.execute(f"SELECT COUNT(*) {base}", params).fetchone()[0])
    rows = db.execute(
        # Column weights: a word as written outranks a match through its stem alone.
        f"SELECT d.kind, d.id, bm25(search_fts, 2.0, 1.0) AS score {base}"
        " ORDER BY score, d.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [Hit(k, i, float(r)) for k, i, r in rows], total
