"""Records in the export contract's shape (docs/export-format.md). Field names never change."""

from __future__ import annotations

from typing import Any

from hadath.models import Actor, Analysis, Entity, Event, EventMention


def article_record(analysis: Analysis) -> dict[str, Any]:
    a = analysis.article
    return {
        "type": "article",
        "id": a.id,
        "source": a.source,
        "segment": a.segment,
        "title": a.title,
        "outlet": a.outlet,
        "published": a.published,
        "language": a.language,
        "text": a.text,
        "event": None,
        "events": [],
        "duplicate_of": None,
        "story": None,
        "dates": [{"text": d.text, "value": d.value, "precision": d.precision} for d in analysis.dates],
        "entities": [
            {"text": m.text, "type": m.type, "entity": m.entity, "start": m.start, "end": m.end}
            for m in analysis.mentions
        ],
        "quotes": [{"speaker": q.speaker, "text": q.text} for q in analysis.quotes],
    }


def entity_record(e: Entity) -> dict[str, Any]:
    return {
        "type": "entity",
        "id": e.id,
        "kind": e.kind,
        "name": e.name,
        "name_ar": e.name_ar,
        "aliases": sorted(set(e.aliases)),
        "country": e.country,
    }


def _actor(a: Actor) -> dict[str, Any]:
    return {
        "entity": a.entity,
        "name": a.name,
        "name_ar": a.name_ar,
        "country": a.country,
        "sector": a.sector,
        "role": a.role,
    }


def event_record(ev: Event, mention_articles: tuple[str, ...] = ()) -> dict[str, Any]:
    """The contract's event object; ``_mentions`` (underscore: internal, stripped on export) links back."""
    by_mention = dict(zip(ev.mentions, [a for a, _ in ev.evidence], strict=False))
    return {
        "type": "event",
        "id": ev.id,
        "plover": ev.plover,
        "mode": ev.mode,
        "cameo": ev.cameo,
        "date": ev.date,
        "date_precision": ev.date_precision,
        "place": ev.place,
        "actors": [_actor(a) for a in ev.actors],
        "source": ev.source,
        "target": ev.target,
        "articles": list(ev.articles),
        "evidence": [{"article": a, "text": t} for a, t in ev.evidence],
        "context": list(ev.context),
        "main": ev.main,
        "summary_en": ev.summary_en,
        "outlets": list(ev.outlets),
        "first_seen": ev.first_seen,
        "last_seen": ev.last_seen,
        "_mentions": list(ev.mentions),
        "_mention_articles": [by_mention[m] for m in ev.mentions],
        "_joined": list(ev.joined),
    }


def public(record: dict[str, Any]) -> dict[str, Any]:
    """A record without its internal fields, as exported."""
    return {k: v for k, v in record.items() if not k.startswith("_")}


def mention_from_json(d: dict[str, Any]) -> EventMention:
    d = dict(d)
    d["actors"] = tuple(Actor(**a) for a in d["actors"])
    d["context"] = tuple(d["context"])
    return EventMention(**d)
