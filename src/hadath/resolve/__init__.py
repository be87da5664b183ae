"""Resolve: event mentions from many articles become one event per real-world event.

Public entry point: :func:`resolve`. Two mentions are the same event when their coded identity agrees
(PLOVER type, compatible mode, the same actors — unordered for consultations, which have no direction
worth splitting on) and either their dates agree or, when a date is missing, their articles say the
same thing (TF-IDF cosine over normalised, clitic-stripped tokens). Mentions are blocked by identity
first, so only mentions that could match are ever compared.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from hadath.models import Actor, Event, EventMention, content_id
from hadath.resolve.similarity import Similarity
from hadath.resolve.summary import summarise

REQUIRES = ("event_mention",)
PROVIDES = ("event",)

# Two dated reports of one event: the event day and a report up to this many days later.
MAX_DAY_GAP = 3
# How far apart in time two mentions may be and still be compared at all (reports trail events).
WINDOW_DAYS = MAX_DAY_GAP + 1
JOIN_DAYS = 1
# Cosine between two articles above which a mention with no date joins a cluster. Calibrated on the seed
# pages: two outlets' reports of one call score 0.54; the same two ministers' call three years earlier
# scores 0.24-0.26 against them. To be re-calibrated on the labelled SaudiNewsNet set.
MIN_TEXT_SIMILARITY = 0.4
# Cosine above which two articles tell the same story even when their coded identities differ (one
# outlet names the king, another the kingdom) or one of them has no coded event at all. Set from the
# seed pages (same call 0.54, different call 0.26) before looking at the SaudiNewsNet labels.
STRONG_TEXT_SIMILARITY = 0.5
_SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})


@dataclass(frozen=True, slots=True)
class ArticleText:
    """What resolution needs of an article besides its mentions."""

    id: str
    text: str
    published: str | None = None
    outlet: str | None = None


def _identity(m: EventMention) -> tuple[str, tuple[str, ...]]:
    actors: tuple[str, ...] = (m.source or "", m.target or "")
    if not m.source and not m.target:
        actors = ("@" + (m.place or ""),)  # unclaimed attacks and protests are blocked by place
    if m.plover in _SYMMETRIC:
        actors = tuple(sorted(actors))
    return m.plover, actors


def _day(m: EventMention) -> date | None:
    if m.date and m.date_precision == "day":
        return date.fromisoformat(m.date)
    return None


def resolve(mentions: Sequence[EventMention], articles: Sequence[ArticleText]) -> list[Event]:
    """Cluster ``mentions`` into events; deterministic for the same input in any order."""
    mentions = sorted(mentions, key=lambda m: m.id)
    ordered = sorted(articles, key=lambda a: a.id)
    similar = Similarity([a.id for a in ordered], [a.text for a in ordered])

    def sim(a: EventMention, b: EventMention) -> float:
        return similar(a.article, b.article)

    blocks: dict[tuple[str, tuple[str, ...]], list[EventMention]] = defaultdict(list)
    for m in mentions:
        blocks[_identity(m)].append(m)
    clusters = [c for block in blocks.values() for c in _cluster(block, sim)]
    clusters = _merge_same_story(clusters, similar)
    joined = _join_by_content(clusters, ordered, mentions, similar)
    info = {a.id: a for a in ordered}
    events = [_event(c, tuple(info[a] for a in joined.get(i, ()))) for i, c in enumerate(clusters)]
    return sorted(events, key=lambda e: (e.date or "9999", e.id))


def _merge_same_story(clusters: list[list[EventMention]], similar: Similarity) -> list[list[EventMention]]:
    """Merge clusters of one PLOVER type that share an actor (or lack one) and tell the same story.

    Candidate pairs come from blocking on (type, actor) and (type, place), so only clusters that could
    be one event are compared.
    """
    keys: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        for m in c:
            # Buckets of WINDOW_DAYS, each cluster in its own and the next, so two clusters within the
            # window always share one and a bucket never spans the corpus: cost grows with the corpus.
            bucket = _bucket(m)
            for k in ({m.source, m.target, "@" + (m.place or "")} - {None, "@"}) or {"?"}:
                for w in (bucket, bucket + 1):
                    keys[(m.plover, str(k), w)].append(i)
    parent = list(range(len(clusters)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for members in keys.values():
        uniq = sorted(set(members))
        if len(uniq) < 2:
            continue
        # One similarity matrix per block, so each cluster pair costs an index lookup, not a product.
        arts = sorted({m.article for i in uniq for m in clusters[i]})
        pos = {a: k for k, a in enumerate(arts)}
        sims = similar.block(arts)
        for x, i in enumerate(uniq):
            for j in uniq[x + 1 :]:
                a, b = find(i), find(j)
                if a == b or not _compatible_clusters(clusters[a], clusters[b]):
                    continue
                ia = [pos[m.article] for m in clusters[a] if m.article in pos]
                ib = [pos[m.article] for m in clusters[b] if m.article in pos]
                if ia and ib and sims[np.ix_(ia, ib)].max() >= STRONG_TEXT_SIMILARITY:
                    parent[max(a, b)] = min(a, b)
                    clusters[min(a, b)] = clusters[min(a, b)] + clusters[max(a, b)]
                    clusters[max(a, b)] = []
    return [c for i, c in enumerate(clusters) if find(i) == i and c]


def _bucket(m: EventMention) -> int:
    """A time bucket from the event's day, else the report's; -1 when neither is known."""
    day = _reference_day(m)
    return day.toordinal() // WINDOW_DAYS if day is not None else -1


def _compatible_clusters(a: list[EventMention], b: list[EventMention]) -> bool:
    """Whether two clusters could be one event: no shared article, modes and dates that agree."""
    if {m.article for m in a} & {m.article for m in b}:
        return False
    if any(x.mode and y.mode and x.mode != y.mode for x in a for y in b):
        return False
    days_a = [d for d in map(_day, a) if d]
    days_b = [d for d in map(_day, b) if d]
    return not (days_a and days_b and min(abs((x - y).days) for x in days_a for y in days_b) > MAX_DAY_GAP)


def _join_by_content(
    clusters: list[list[EventMention]],
    articles: Sequence[ArticleText],
    mentions: Sequence[EventMention],
    similar: Similarity,
) -> dict[int, tuple[str, ...]]:
    """Articles with no main event of their own join the event of the article most like them.

    Compared only with articles published within ``MAX_DAY_GAP`` days (or undated), which keeps the
    comparison to one news cycle.
    """
    with_main: dict[str, int] = {}
    for i, c in enumerate(clusters):
        for m in c:
            if m.main:
                with_main[m.article] = i
    published = {a.id: (a.published or "")[:10] for a in articles}
    by_day: dict[str, list[str]] = defaultdict(list)
    for art_id in sorted(with_main):
        by_day[published.get(art_id, "")].append(art_id)
    waiting: dict[str, list[str]] = defaultdict(list)
    for art in articles:
        if art.id not in with_main:
            waiting[published[art.id]].append(art.id)
    joined: dict[int, list[str]] = defaultdict(list)
    # One sparse product per publication day: that day's articles against a week of candidates.
    for day, ids in sorted(waiting.items()):
        candidates = sorted(_nearby(by_day, day or None))
        for art_id, (score, other) in zip(ids, similar.best_many(ids, candidates), strict=True):
            if score >= STRONG_TEXT_SIMILARITY:
                joined[with_main[other]].append(art_id)
    return {i: tuple(sorted(ids)) for i, ids in joined.items()}


def _nearby(by_day: dict[str, list[str]], published: str | None) -> list[str]:
    if not published:
        return [a for ids in by_day.values() for a in ids]
    day = date.fromisoformat(published[:10])
    out: list[str] = list(by_day.get("", []))
    # Follow-up copies of a story appear within a day of each other; a wider window multiplies the
    # candidates per article by its width (measured: ±3 days made 30k articles cost 26× 3k).
    for delta in range(-JOIN_DAYS, JOIN_DAYS + 1):
        out.extend(by_day.get(date.fromordinal(day.toordinal() + delta).isoformat(), []))
    return out


def _reference_day(m: EventMention) -> date | None:
    """The event's day, else the day it was reported: what places a mention in time for blocking."""
    day = _day(m)
    if day is None and m.published:
        day = date.fromisoformat(m.published[:10])
    return day


def _cluster(
    block: list[EventMention], sim: Callable[[EventMention, EventMention], float]
) -> list[list[EventMention]]:
    """Single-link clustering inside one identity block, dated mentions first so they anchor.

    A mention is compared only with clusters seen within ``WINDOW_DAYS`` of it, so a block that spans
    months (an actor in the news every week) costs what its busiest fortnight costs.
    """
    order = sorted(block, key=lambda m: (_day(m) is None, m.date or "", m.id))
    clusters: list[list[EventMention]] = []
    days: dict[date | None, list[int]] = defaultdict(list)  # reference day → clusters seen on it
    for m in order:
        ref = _reference_day(m)
        nearby: Sequence[int]
        if ref is None:
            nearby = range(len(clusters))
        else:
            around = (date.fromordinal(ref.toordinal() + d) for d in range(-WINDOW_DAYS, WINDOW_DAYS + 1))
            nearby = sorted({i for d in (*around, None) for i in days.get(d, [])})
        best: int | None = None
        best_score = 0.0
        for i in nearby:
            score = _affinity(m, clusters[i], sim)
            if score > best_score:
                best, best_score = i, score
        if best is None:
            clusters.append([m])
            best = len(clusters) - 1
        else:
            clusters[best].append(m)
        if best not in days[ref]:
            days[ref].append(best)
    return clusters


def _affinity(
    m: EventMention, cluster: list[EventMention], sim: Callable[[EventMention, EventMention], float]
) -> float:
    """How well ``m`` fits ``cluster``: 0 means it must not join."""
    if any(m.mode and o.mode and m.mode != o.mode for o in cluster):
        return 0.0
    if any(m.article == o.article for o in cluster):
        return 0.0  # one article reports an event once; a second mention is a second event
    day = _day(m)
    cluster_days = [d for d in (_day(o) for o in cluster) if d is not None]
    text = max(sim(m, o) for o in cluster)
    if day is not None and cluster_days:
        gap = min(abs((day - d).days) for d in cluster_days)
        return 1.0 + text if gap <= MAX_DAY_GAP else 0.0
    # A date missing on either side: only the content can tell.
    if m.date and any(o.date for o in cluster) and not any(_compatible(m.date, o.date) for o in cluster):
        return 0.0
    return text if text >= MIN_TEXT_SIMILARITY else 0.0


def _compatible(a: str, b: str | None) -> bool:
    """Partial dates agree when one is a prefix of the other ("2024-02" and "2024-02-07")."""
    return b is not None and (a.startswith(b) or b.startswith(a))


def _event(cluster: list[EventMention], joined_articles: tuple[ArticleText, ...] = ()) -> Event:
    joined = tuple(a.id for a in joined_articles)
    # The report that says most: an article's main event, both actors named, a directed verb ("تلقى
    # اتصالاً من") over a bare noun ("اتصال هاتفي مع"); the id only breaks ties.
    rep = sorted(
        cluster,
        key=lambda m: (
            not m.main,
            m.source is None or m.target is None,
            -m.confidence,
            m.published or "",
            m.id,
        ),
    )[0]
    dated = [m for m in cluster if m.date]
    when, precision = None, None
    if dated:
        rank = {"day": 0, "month": 1, "year": 2}
        best = min(dated, key=lambda m: (rank.get(m.date_precision or "", 3), m.date or ""))
        when, precision = best.date, best.date_precision
    places = Counter(m.place for m in cluster if m.place)
    articles = tuple(
        dict.fromkeys(
            [*(m.article for m in sorted(cluster, key=lambda m: (m.published or "", m.id))), *joined]
        )
    )
    evidence = tuple((m.article, m.evidence) for m in cluster)
    actors: tuple[Actor, ...] = rep.actors
    ev_id = content_id("e", min(m.id for m in cluster))
    published = [m.published for m in cluster if m.published] + [
        a.published for a in joined_articles if a.published
    ]
    return Event(
        id=ev_id,
        plover=rep.plover,
        mode=rep.mode,
        cameo=rep.cameo,
        date=when,
        date_precision=precision,
        place=places.most_common(1)[0][0] if places else None,
        actors=actors,
        source=rep.source,
        target=rep.target,
        articles=articles,
        evidence=evidence,
        context=rep.context,
        main=any(m.main for m in cluster),
        summary_en=summarise(rep, when, precision),
        mentions=tuple(m.id for m in cluster),
        joined=joined,
        outlets=tuple(
            sorted({m.outlet for m in cluster if m.outlet} | {a.outlet for a in joined_articles if a.outlet})
        ),
        first_seen=min(published) if published else None,
        last_seen=max(published) if published else None,
    )
