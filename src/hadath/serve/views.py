"""What the API returns and the pages show, assembled from the store: one function per kind of page.

Everything here returns plain JSON-ready dicts in the export contract's field names, so the API can
return them as they are and the templates can render them; nothing here knows about HTTP.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from hadath.language.knowledge import load as load_knowledge
from hadath.store import EventQuery, Store
from hadath.store.records import public
from hadath.text.normalize import normalize_with_offsets, strip_clitics, tokenize

# Bounds on every query, so no request can ask the database for everything at once.
MAX_LIMIT = 200
MAX_OFFSET = 100_000
MAX_QUERY_CHARS = 200
CHART_EVENTS = 2000  # events drawn on one chart; the table below it pages through the rest
SNIPPET_CHARS = 90

PAIR_RE = re.compile(r"^([A-Za-z]{3})-([A-Za-z]{3})$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_pair(value: str) -> tuple[str, str] | None:
    """``"IRQ-USA"`` → ``("IRQ", "USA")`` (upper-cased, in the order given), or None."""
    m = PAIR_RE.match(value.strip())
    return (m.group(1).upper(), m.group(2).upper()) if m else None


@cache
def countries() -> dict[str, tuple[str, str]]:
    """ISO-3166 alpha-3 → (Arabic name, English name), from the knowledge files."""
    out: dict[str, tuple[str, str]] = {}
    for rec in load_knowledge().records.values():
        if rec.kind == "LOC" and rec.place_kind == "country" and rec.country:
            out[rec.country] = (rec.name_ar, rec.name)
    return out


def country_name(code: str | None, lang: str) -> str:
    if not code:
        return ""
    names = countries().get(code)
    if names is None:
        return code
    return names[0] if lang == "ar" else names[1]


def web_url(source: str | None) -> str | None:
    """The source as a link target only when it is an http(s) URL: never ``javascript:`` or ``data:``."""
    if source and re.match(r"^https?://[^\s\"'<>]+$", source, re.I):
        return source
    return None


def actor(ev: dict[str, Any], role: str) -> dict[str, Any] | None:
    return next((a for a in ev.get("actors", []) if a.get("role") == role), None)


def event_rows(store: Store, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Listing rows: the event's own fields plus a title from its first titled article."""
    briefs = store.article_briefs([a for ev in events for a in ev["articles"]])
    rows = []
    for ev in events:
        titles = [t for a in ev["articles"] if (t := briefs.get(a, {}).get("title"))]
        rows.append(
            {
                "id": ev["id"],
                "date": ev["date"],
                "date_precision": ev["date_precision"],
                "plover": ev["plover"],
                "mode": ev["mode"],
                "main": ev["main"],
                "context": ev["context"],
                "source": actor(ev, "source"),
                "target": actor(ev, "target"),
                "actors": ev["actors"],
                "articles": len(ev["articles"]),
                "outlets": len(ev.get("outlets", [])),
                "title": titles[0] if titles else None,
                "summary_en": ev["summary_en"],
            }
        )
    return rows


def page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def events_page(
    store: Store, query: EventQuery, limit: int, offset: int, newest_first: bool = False
) -> dict[str, Any]:
    """A page of full event records (the API's ``/api/events``)."""
    events, total = store.find_events(query, limit=limit, offset=offset, newest_first=newest_first)
    return page([public(ev) for ev in events], total, limit, offset)


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of text with one part to highlight: ``before``, ``match``, ``after``."""

    before: str
    match: str
    after: str

    def as_dict(self) -> dict[str, str]:
        return {"before": self.before, "match": self.match, "after": self.after}


def evidence_passage(text: str, evidence: str) -> Passage:
    """The paragraph of ``text`` that holds the evidence sentence, split around it."""
    at = text.find(evidence) if evidence else -1
    if at < 0:
        return Passage("", evidence, "")
    start = text.rfind("\n\n", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find("\n\n", at + len(evidence))
    end = len(text) if end < 0 else end
    return Passage(text[start:at], evidence, text[at + len(evidence) : end])


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """An event with every article that reports it, its evidence sentences, quotes and counts."""
    ev = store.one("event", event_id)
    if ev is None:
        return None
    articles = store.many("article", ev["articles"])
    evidence: dict[str, str] = {}
    for item in ev["evidence"]:
        evidence.setdefault(item["article"], item["text"])
    sources = []
    for aid in ev["articles"]:
        art = articles.get(aid)
        if art is None:
            continue
        said = evidence.get(aid)
        sources.append(
            {
                "id": aid,
                "title": art["title"],
                "outlet": art["outlet"],
                "published": art["published"],
                "source": art["source"],
                "url": web_url(art["source"]),
                "evidence": said,
                "passage": evidence_passage(art["text"], said).as_dict() if said else None,
            }
        )
    actors = {a["entity"] for a in ev["actors"] if a.get("entity")}
    quotes = [
        {"article": aid, "speaker": q["speaker"], "text": q["text"]}
        for aid in ev["articles"]
        if aid in articles
        for q in articles[aid].get("quotes", [])
    ]
    # The actors' own words first: they are what the event is about.
    quotes.sort(key=lambda q: q["speaker"] not in actors)
    speakers = store.many("entity", [q["speaker"] for q in quotes if q["speaker"]])
    for q in quotes:
        who = speakers.get(q["speaker"] or "")
        q["speaker_name"] = who["name"] if who else None
        q["speaker_name_ar"] = who["name_ar"] if who else None
    # An event coded from a story's reports has one story; a background event, mentioned in passing by
    # reports of different happenings, may have several: most of its articles first.
    story_of = store.stories_of(ev["articles"])
    per_story = Counter(story_of[a] for a in ev["articles"] if a in story_of)
    return {
        "event": public(ev),
        "stories": sorted(per_story, key=lambda s: (-per_story[s], s)),
        "articles": sources,
        "quotes": quotes,
        "counts": {
            "articles": len(ev["articles"]),
            "outlets": len(ev.get("outlets", [])),
            "evidence": len(ev["evidence"]),
            "quotes": len(quotes),
        },
    }


def entity_detail(store: Store, entity_id: str, limit: int, offset: int) -> dict[str, Any] | None:
    """An entity: names and spellings, terms of office, roles in events, its events over time."""
    ent = store.one("entity", entity_id)
    if ent is None:
        return None
    terms = [
        {
            "role": t.role,
            "country": t.country,
            "sector": t.sector,
            "start": t.start or None,
            "end": t.end or None,
        }
        for t in load_knowledge().roles_of(entity_id)
    ]
    query = EventQuery(entity=entity_id)
    events, total = store.find_events(query, limit=limit, offset=offset)
    dated, _ = store.find_events(query, limit=CHART_EVENTS)
    per_month: dict[str, int] = {}
    for ev in dated:
        if ev["date"]:
            per_month[ev["date"][:7]] = per_month.get(ev["date"][:7], 0) + 1
    mentioned, n_articles = store.entity_articles(entity_id, limit=50)
    return {
        "entity": ent,
        "terms": terms,
        "roles": store.entity_roles(entity_id),
        "timeline": [{"period": p, "events": n} for p, n in sorted(per_month.items())],
        "events": page(event_rows(store, events), total, limit, offset),
        "articles": page(mentioned, n_articles, 50, 0),
        "_chart_events": [public(ev) for ev in dated],
    }


# Other reports of an article's story listed with it; a story is a day's news, rarely more.
MAX_STORY_ARTICLES = 50


def article_detail(store: Store, article_id: str) -> dict[str, Any] | None:
    """An article with its events filled in, and listing rows for them."""
    rec = store.article(article_id)
    if rec is None:
        return None
    events = store.many("event", rec["events"])
    others = [a for a in store.story_articles(rec["story"]) if a != article_id] if rec.get("story") else []
    briefs = store.article_briefs(others[:MAX_STORY_ARTICLES])
    return {
        "article": public(rec),
        "events": event_rows(store, [events[e] for e in rec["events"] if e in events]),
        "story": [briefs[a] for a in others[:MAX_STORY_ARTICLES] if a in briefs],
    }


# Articles and events listed on a story's page; the counts always give the whole story.
MAX_STORY_LISTED = MAX_LIMIT


def story_detail(store: Store, story_id: str) -> dict[str, Any] | None:
    """A story: its span of publication dates and outlets, its articles newest first, and its events.

    ``events`` are the story's own (the main event of one of its articles); ``mentioned`` are the other
    events its articles report in passing, such as an earlier strike a report recalls.
    """
    briefs = store.story_briefs(story_id)
    if not briefs:
        return None
    own, mentioned = store.story_events(story_id)
    dates = sorted(b["published"] for b in briefs if b["published"])
    per_outlet = Counter(b["outlet"] for b in briefs if b["outlet"])
    # The earliest report's title heads the page: a story has no title of its own.
    titled = sorted(
        (b for b in briefs if b["title"]), key=lambda b: (b["published"] is None, b["published"] or "")
    )
    return {
        "story": {
            "id": story_id,
            "title": titled[0]["title"] if titled else None,
            "first_seen": dates[0] if dates else None,
            "last_seen": dates[-1] if dates else None,
            "outlets": sorted(per_outlet, key=lambda o: (-per_outlet[o], o)),
        },
        "articles": [{**b, "url": web_url(b["source"])} for b in briefs[:MAX_STORY_LISTED]],
        "events": event_rows(store, own[:MAX_STORY_LISTED]),
        "mentioned": event_rows(store, mentioned[:MAX_STORY_LISTED]),
        "counts": {
            "articles": len(briefs),
            "outlets": len(per_outlet),
            "events": len(own),
            "mentioned": len(mentioned),
        },
    }


def query_terms(query: str) -> list[str]:
    """Normalised words of a query with their stems, longest first, for finding them in text."""
    forms = {f for t in tokenize(query) for f in (t.norm, strip_clitics(t.norm)[-1]) if len(f) > 1}
    return sorted(forms, key=len, reverse=True)


def snippet(text: str, terms: list[str], width: int = SNIPPET_CHARS) -> Passage:
    """A window of ``text`` around the first place a query word occurs (spelling variants folded)."""
    norm, offsets = normalize_with_offsets(text)
    found = [(i, t) for t in terms if (i := norm.find(t)) >= 0]
    if not found:
        end = min(len(text), 2 * width)
        return Passage("", "", text[:end] + ("…" if end < len(text) else ""))
    i, term = min(found)
    start = offsets[i]
    end = offsets[i + len(term) - 1] + 1
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    return Passage(
        ("…" if lo > 0 else "") + text[lo:start],
        text[start:end],
        text[end:hi] + ("…" if hi < len(text) else ""),
    )


def _holds(text: str, terms: list[str]) -> bool:
    norm = normalize_with_offsets(text)[0]
    return any(t in norm for t in terms)


def search(
    store: Store, query: str, limit: int, offset: int, kinds: list[str] | None = None
) -> dict[str, Any]:
    """Articles, events and entities matching ``query``, best first, each with a label and a snippet."""
    hits, total = store.search(query, kinds=kinds, limit=limit, offset=offset)
    terms = query_terms(query)
    by_kind = {
        kind: store.many(kind, [h.id for h in hits if h.kind == kind])
        for kind in ("article", "event", "entity")
    }
    items = []
    for hit in hits:
        rec = by_kind[hit.kind].get(hit.id)
        if rec is None:
            continue
        if hit.kind == "article":
            label, date, text = rec["title"], rec["published"], rec["text"]
        elif hit.kind == "event":
            label, date = rec["summary_en"], rec["date"]
            said = [e["text"] for e in rec["evidence"]]
            # The sentence that holds a query word, if one does (the event may match by a name alone).
            text = next((t for t in said if _holds(t, terms)), said[0] if said else rec["summary_en"])
        else:
            label, date = rec["name_ar"] or rec["name"], None
            text = " · ".join([*rec["aliases"], rec["name"] or ""])
        items.append(
            {
                "kind": hit.kind,
                "id": hit.id,
                "label": label,
                "date": date,
                "plover": rec.get("plover"),
                "source": actor(rec, "source") if hit.kind == "event" else None,
                "target": actor(rec, "target") if hit.kind == "event" else None,
                "snippet": snippet(text, terms).as_dict(),
            }
        )
    return page(items, total, limit, offset)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of article text: plain (``kind`` empty), an entity mention (PER/ORG/LOC) or a date."""

    text: str
    kind: str = ""
    ref: str | None = None  # the entity id, or the resolved date value


def marked_paragraphs(article: dict[str, Any]) -> list[list[Segment]]:
    """The article's paragraphs as segments, entity mentions and dates marked.

    Mentions carry offsets; dates carry only their surface text, so every occurrence of it is marked
    where it does not overlap a mention. Offsets that do not match the text are ignored, not trusted.
    """
    text: str = article["text"]
    spans: list[tuple[int, int, str, str | None]] = []
    for m in article.get("entities", []):
        start, end = m.get("start"), m.get("end")
        valid = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
        if valid and text[start:end] == m.get("text"):
            spans.append((start, end, str(m.get("type") or "LOC"), m.get("entity")))
    for d in article.get("dates", []):
        surface = d.get("text") or ""
        at = text.find(surface) if surface else -1
        while at >= 0:
            spans.append((at, at + len(surface), "date", d.get("value")))
            at = text.find(surface, at + len(surface))
    chosen: list[tuple[int, int, str, str | None]] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if not chosen or span[0] >= chosen[-1][1]:
            chosen.append(span)
    segments: list[Segment] = []
    at = 0
    for start, end, kind, ref in chosen:
        if start > at:
            segments.append(Segment(text[at:start]))
        segments.append(Segment(text[start:end], kind, ref))
        at = end
    if at < len(text):
        segments.append(Segment(text[at:]))
    return _paragraphs(segments)


def _paragraphs(segments: list[Segment]) -> list[list[Segment]]:
    """Split plain segments at blank lines, so each paragraph renders as its own block."""
    out: list[list[Segment]] = [[]]
    for seg in segments:
        if seg.kind or "\n\n" not in seg.text:
            out[-1].append(seg)
            continue
        pieces = re.split(r"\n\s*\n", seg.text)
        for k, piece in enumerate(pieces):
            if k:
                out.append([])
            if piece:
                out[-1].append(Segment(piece))
    return [p for p in out if any(s.text.strip() for s in p)]
