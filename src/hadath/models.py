"""The typed records that flow between stages. Data only: no I/O, no behaviour beyond small helpers.

Every record is a frozen, slotted dataclass so it is hashable, cheap and picklable (the engine maps
stages over process pools). Identifiers are content hashes, so re-running gives the same ids.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

SCHEMA_VERSION = 1


def content_id(prefix: str, *parts: str) -> str:
    """A short stable id: ``prefix`` + 16 hex digits of SHA-256 over ``parts``."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:16]}"


@dataclass(frozen=True, slots=True)
class Document:
    """One raw input unit as the ingest stage read it: a page, or one JSONL record."""

    source: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None

    @property
    def id(self) -> str:
        return content_id("d", self.source, self.text or "", self.html or "")


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not become an article, kept aside with the reason."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """One clean article. A page yields segment 0 and, when it carries appended articles, 1, 2, …"""

    id: str
    document: str
    source: str
    segment: int
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets into an article's text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression; ``value`` is YYYY-MM-DD, YYYY-MM or YYYY, or None when unresolved."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str | None  # "day" | "week" (value: the Sunday it starts on) | "month" | "year" | None


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical person, organisation or place."""

    id: str
    kind: str  # PER | ORG | LOC
    name: str
    name_ar: str
    aliases: tuple[str, ...] = ()
    country: str | None = None  # ISO-3166 alpha-3
    sector: str | None = None  # GOV, MIL, COP, REB, … (CAMEO/PLOVER agent codes)
    role: str | None = None  # e.g. "foreign minister"


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention: offsets into the text, a type, and the entity it resolves to."""

    start: int
    end: int
    text: str
    type: str  # PER | ORG | LOC
    entity: str  # entity id


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote and who said it (an entity id, or the speaker's surface name)."""

    speaker: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the language layer adds to an article."""

    article: Article
    sentences: tuple[Span, ...]
    dates: tuple[DateMention, ...]
    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]
    quotes: tuple[Quote, ...]
    titles: tuple[Mention, ...] = ()  # title references ("وزير الخارجية العراقي") resolved to entities


@dataclass(frozen=True, slots=True)
class Actor:
    """An event participant as exported: an entity with its country, sector and role in the event."""

    entity: str
    name: str
    name_ar: str
    country: str | None
    sector: str | None
    role: str  # "source" | "target" | "other"


@dataclass(frozen=True, slots=True)
class EventMention:
    """One coded event as one article reports it (before resolution)."""

    id: str
    article: str
    plover: str
    mode: str | None
    cameo: str | None
    date: str | None
    date_precision: str | None
    place: str | None
    actors: tuple[Actor, ...]
    source: str | None
    target: str | None
    evidence: str
    context: tuple[str, ...]
    main: bool
    confidence: float
    published: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event with every article that reports it."""

    id: str
    plover: str
    mode: str | None
    cameo: str | None
    date: str | None
    date_precision: str | None
    place: str | None
    actors: tuple[Actor, ...]
    source: str | None
    target: str | None
    articles: tuple[str, ...]
    evidence: tuple[tuple[str, str], ...]  # (article id, sentence)
    context: tuple[str, ...]
    main: bool
    summary_en: str
    mentions: tuple[str, ...] = field(default=())
    joined: tuple[str, ...] = ()  # articles with no coded event of their own that report this one
    outlets: tuple[str, ...] = ()
    first_seen: str | None = None  # earliest publication date among its articles
    last_seen: str | None = None
