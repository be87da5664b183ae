"""Serve: exports (JSONL, CSV), the text views the CLI prints, and (``hadath.serve.api``) the REST API and
web UI that ``hadath serve`` runs."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from hadath.store import Store
from hadath.store.records import public


def records(store: Store) -> Iterator[dict[str, Any]]:
    """Every record in contract order: articles, events, entities, rejected inputs."""
    for rec in store.articles():
        yield public(rec)
    for ev in store.events():
        yield public(ev)
    yield from store.entities()
    yield from store.rejected()


def write_jsonl(store: Store, out: TextIO) -> int:
    return write_records_jsonl(records(store), out)


def write_records_jsonl(recs: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Records one JSON object a line; returns how many."""
    n = 0
    for rec in recs:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


CSV_COLUMNS = (
    "type",
    "id",
    "date",
    "plover",
    "mode",
    "cameo",
    "source",
    "target",
    "place",
    "title",
    "outlet",
    "published",
    "articles",
    "summary_en",
    "name",
    "name_ar",
    "country",
    "reason",
)


def write_csv(store: Store, out: TextIO) -> int:
    """One row a record; lists are joined with ``|`` and nested objects written as JSON."""
    return write_records_csv(records(store), out)


def write_records_csv(recs: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Records one a row in :data:`CSV_COLUMNS`; returns how many."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for rec in recs:
        row = {k: _cell(rec.get(k)) for k in CSV_COLUMNS}
        writer.writerow(row)
        n += 1
    return n


# A cell a spreadsheet would run as a formula ("=HYPERLINK(…)" in a scraped title) gets a leading
# apostrophe, which spreadsheets show as text and hide (OWASP's advice for CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        text = "|".join(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    if text.startswith(_FORMULA_START) and not isinstance(value, int | float):
        return "'" + text
    return text


def _actor_label(ev: dict[str, Any], role: str) -> str:
    a = next((x for x in ev["actors"] if x["role"] == role), None)
    if a is None:
        return "?"
    return f"{a['name']} ({a['country']})" if a.get("country") else str(a["name"])


def timeline(store: Store, main_only: bool = True) -> str:
    """Date, type/mode, actors, number of sources and title, one event a line."""
    titles = store.titles()
    buf = io.StringIO()
    for ev in store.events(main_only=main_only):
        kind = ev["plover"] + (f"/{ev['mode']}" if ev["mode"] else "")
        outlets = {o for a in ev["articles"] if (o := titles.get(a, (None, None))[1])}
        title = next((t for a in ev["articles"] if (t := titles.get(a, (None, None))[0])), "")
        n = len(ev["articles"])
        buf.write(
            f"{ev['date'] or '????-??-??':<10}  {kind:<16}  {_actor_label(ev, 'source')} → "
            f"{_actor_label(ev, 'target')}  [{n} source{'s' if n != 1 else ''}, "
            f"{len(outlets)} outlet{'s' if len(outlets) != 1 else ''}]  {title[:70]}  {ev['id']}\n"
        )
    return buf.getvalue()


def show(store: Store, record_id: str) -> str | None:
    rec = store.get(record_id)
    if rec is None:
        return None
    return json.dumps(public(rec), ensure_ascii=False, indent=2)
