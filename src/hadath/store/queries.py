"""Event filters as SQL over the stored records (actors, countries, type, mode, dates, text)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hadath.store.search import match_expression


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which events to list; every field set narrows the result.

    ``pair`` is two ISO-3166 alpha-3 codes, unordered: an event matches when one actor is from each
    (two different actors from the same country for ``("IRQ", "IRQ")``). Dates are ISO prefixes
    (``2024``, ``2024-02``, ``2024-02-07``) compared on the event's own date, so an event dated only
    ``2024-02`` is inside ``date_to="2024-02-15"`` but not after ``date_from="2024-02-10"``. ``text``
    matches through the full-text index, so it must be synced first.
    """

    entity: str | None = None
    pair: tuple[str, str] | None = None
    plover: str | None = None
    mode: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    text: str | None = None
    main_only: bool = False

    def is_empty(self) -> bool:
        return self == EventQuery()


def where(query: EventQuery) -> tuple[str, list[Any]]:
    """The WHERE clause (``"1"`` when nothing is filtered) and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if query.entity:
        clauses.append(
            "EXISTS (SELECT 1 FROM json_each(events.record, '$.actors') a"
            " WHERE json_extract(a.value, '$.entity') = ?)"
        )
        params.append(query.entity)
    if query.pair:
        clauses.append(
            "EXISTS (SELECT 1 FROM json_each(events.record, '$.actors') a,"
            " json_each(events.record, '$.actors') b"
            " WHERE a.key != b.key AND json_extract(a.value, '$.country') = ?"
            " AND json_extract(b.value, '$.country') = ?)"
        )
        params += list(query.pair)
    if query.plover:
        clauses.append("plover = ?")
        params.append(query.plover)
    if query.mode:
        clauses.append("json_extract(record, '$.mode') = ?")
        params.append(query.mode)
    if query.date_from:
        clauses.append("date >= ?")
        params.append(query.date_from)
    if query.date_to:
        clauses.append("date IS NOT NULL AND substr(date, 1, length(?)) <= ?")
        params += [query.date_to, query.date_to]
    if query.main_only:
        clauses.append("main = 1")
    if query.text is not None:
        expression = match_expression(query.text)
        if expression is None:
            clauses.append("0")
        else:
            clauses.append(
                "id IN (SELECT d.id FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid"
                " WHERE search_fts MATCH ? AND d.kind = 'event')"
            )
            params.append(expression)
    return " AND ".join(clauses) or "1", params
