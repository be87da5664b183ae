"""Resolve: event mentions from many articles become one event per real-world event.

Public entry points: :func:`resolve` (the events) and :func:`resolve_stories` (the events and the story of
every article). Three steps, each comparing only candidates that blocking lets through:

1. **Identity**: mentions are blocked by PLOVER type and actors (unordered for consultations, which have
   no direction worth splitting on). Inside a block a mention joins a cluster when the dates agree; when a
   date is missing, or an actor is (two attacks "in Yemen" the same day are often two attacks), the
   articles must also say the same thing (TF-IDF cosine).
2. **Stories**: every article, coded or not, is grouped with the reports of the same happening by
   average-link clustering over candidate pairs from one news cycle; the articles whose main mentions
   share a cluster start as one group, and cannot-links keep apart coded events whose dates, modes,
   countries or named participants clash, so the same two ministers' calls on different days never meet,
   nor two visits to one host that the host's news agency words alike.
3. **Events of a story**: its clusters of one PLOVER type become one event (one outlet names the king,
   another the kingdom); they all passed the cannot-links of step 2 when their articles joined the story.
   Its articles with no coded event join the event of their nearest coded article.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache

from hadath.models import Actor, Event, EventMention, content_id
from hadath.resolve.similarity import Similarity
from hadath.resolve.stories import average_link
from hadath.resolve.summary import summarise
from hadath.text.normalize import normalize

REQUIRES = ("event_mention",)
PROVIDES = ("event",)

# Two dated reports of one event: the event day and a report up to this many days later.
MAX_DAY_GAP = 3
# How far apart in time two mentions may be and still be compared at all (reports trail events).
WINDOW_DAYS = MAX_DAY_GAP + 1
# Cosine between two articles above which a mention joins a cluster on content: always when a date is
# missing, and also when an actor is. Set from the seed pages with the full-text cosine (same call 0.54,
# the same ministers' call three years earlier 0.24-0.26). On the tuning half of the SaudiNewsNet labels
# any value from 0.3 to 0.9 scores alike; dropping the rule for actorless mentions costs 0.011 F1 there.
MIN_TEXT_SIMILARITY = 0.4
# Stories: articles published at most this many days apart may report one happening (a web report one
# day, the print edition the next; 57 of the 105 labelled multi-article events span two or three days).
# Each article keeps its STORY_NEIGHBOURS best candidates scoring at least MIN_STORY_PAIR; other pairs
# count as 0 in the average. STORY_SIMILARITY is the average cosine at which two groups become one story.
# All three were chosen on the tuning half of the SaudiNewsNet labels (benchmarks/bench_resolve.py, events
# split by a hash of their label): F1 0.96 on a plateau of thresholds 0.22-0.25 and 10-16 neighbours;
# 2 days scored alike; the floor did not matter.
STORY_DAYS = 1
STORY_NEIGHBOURS = 12
MIN_STORY_PAIR = 0.1
STORY_SIMILARITY = 0.22
_SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# An unresolved name's id is a content hash (``per:`` + 16 hex digits, hadath.models.content_id); ids from
# the knowledge files are readable slugs ("per:ash-carter", "org:oic"), which never look like one.
_CONTENT_HASH = re.compile(r"[0-9a-f]{16}")
# Two spellings of one name token ("اولاند"/"هولاند" 0.83, "بلينكن"/"بلنكن" 0.91) score above this; two
# different names rarely share a token that close. Set by hand on such pairs, low on purpose: a pair that
# may be one person must never block a merge.
NAME_TOKEN_SIMILARITY = 0.7
# Parts of Arabic names that many people share, normalised ("ابو" for أبو); two-letter ones (بن، آل) are
# dropped by length.
_NAME_PARTICLES = frozenset({"ابن", "ابو", "عبد", "بنت"})


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


def _weak(m: EventMention) -> bool:
    """Whether the coded identity lacks an actor, so the date alone cannot tell two events apart."""
    return not (m.source and m.target)


def _day(m: EventMention) -> date | None:
    if m.date and m.date_precision == "day":
        return date.fromisoformat(m.date)
    return None


@dataclass(frozen=True, slots=True)
class Resolution:
    """Events, and the story of every article.

    A story is what one real-world happening became in the news: the events coded from it (one per PLOVER
    type and mode, since coders read one truce as a request in one outlet and a consultation in another)
    and the articles that report it, coded or not. ``story_of`` maps every article to its story's id.
    """

    events: tuple[Event, ...]
    story_of: Mapping[str, str]


def resolve(mentions: Sequence[EventMention], articles: Sequence[ArticleText]) -> list[Event]:
    """Cluster ``mentions`` into events; deterministic for the same input in any order."""
    return list(resolve_stories(mentions, articles).events)


def resolve_stories(mentions: Sequence[EventMention], articles: Sequence[ArticleText]) -> Resolution:
    """Cluster ``mentions`` into events and all ``articles`` into stories; order-independent."""
    mentions = sorted(mentions, key=lambda m: m.id)
    ordered = sorted(articles, key=lambda a: a.id)
    similar = Similarity([a.id for a in ordered], [a.text for a in ordered])
    # Only candidate pairs from blocking carry a similarity; any other pair counts as unrelated.
    pairs = similar.neighbours(
        {a.id: a.published for a in ordered}, STORY_DAYS, STORY_NEIGHBOURS, MIN_STORY_PAIR
    )

    def sim(a: EventMention, b: EventMention) -> float:
        x, y = (a.article, b.article) if a.article < b.article else (b.article, a.article)
        return 1.0 if x == y else pairs.get((x, y), 0.0)

    blocks: dict[tuple[str, tuple[str, ...]], list[EventMention]] = defaultdict(list)
    for m in mentions:
        blocks[_identity(m)].append(m)
    clusters = [c for block in blocks.values() for c in _cluster(block, sim)]
    known = {a.id for a in ordered} | {m.article for m in mentions}
    story = _stories(clusters, known, pairs)
    info = {a.id: a for a in ordered}
    events: list[Event] = []
    story_of: dict[str, str] = {}
    for members, coded in story:
        sid = content_id("s", min(members))
        for art in members:
            story_of[art] = sid
        events.extend(_story_events(members, [clusters[i] for i in coded], info, similar))
    taken = {i for _, coded in story for i in coded}
    events.extend(_event(c) for i, c in enumerate(clusters) if i not in taken)
    return Resolution(tuple(sorted(events, key=lambda e: (e.date or "9999", e.id))), story_of)


def _stories(
    clusters: list[list[EventMention]], known: set[str], pairs: Mapping[tuple[str, str], float]
) -> list[tuple[list[str], list[int]]]:
    """Group all articles into stories: (article ids, indices of the clusters of their main events).

    Articles whose main events fell in one cluster start as one group; groups then merge by average-link
    TF-IDF similarity over candidate pairs from one news cycle, never across a cannot-link.
    """
    main_of: dict[str, int] = {}
    for i, c in enumerate(clusters):
        for m in c:
            if m.main:
                main_of.setdefault(m.article, i)
    group_of_cluster: dict[int, int] = {}
    members: list[list[str]] = []
    coded: list[list[int]] = []
    group_of: dict[str, int] = {}
    for art in sorted(known):
        main = main_of.get(art)
        if main is not None and main in group_of_cluster:
            g = group_of_cluster[main]
            members[g].append(art)
        else:
            g = len(members)
            members.append([art])
            coded.append([] if main is None else [main])
            if main is not None:
                group_of_cluster[main] = g
        group_of[art] = g
    edges: dict[tuple[int, int], float] = defaultdict(float)
    for (a, b), score in pairs.items():
        ga, gb = group_of[a], group_of[b]
        if ga != gb:
            edges[(ga, gb) if ga < gb else (gb, ga)] += score

    def allowed(x: int, y: int) -> bool:
        return all(_may_share_story(clusters[i], clusters[j]) for i in coded[x] for j in coded[y])

    def merged_allowed(x: int, y: int) -> bool:
        if allowed(x, y):
            coded[x] = coded[x] + coded[y]
            return True
        return False

    roots = average_link([len(m) for m in members], edges, STORY_SIMILARITY, merged_allowed)
    out: dict[int, tuple[list[str], list[int]]] = {}
    for g, r in enumerate(roots):
        arts, cl = out.setdefault(r, ([], []))
        arts.extend(members[g])
    for r, (_, cl) in out.items():
        cl.extend(sorted(set(coded[r])))
    return [(sorted(arts), cl) for arts, cl in sorted(out.values(), key=lambda s: min(s[0]))]


def _may_share_story(a: list[EventMention], b: list[EventMention]) -> bool:
    """Cannot-links between coded clusters: dates too far apart, or one type with clashing modes."""
    days_a = [d for d in map(_day, a) if d]
    days_b = [d for d in map(_day, b) if d]
    if days_a and days_b and min(abs((x - y).days) for x in days_a for y in days_b) > MAX_DAY_GAP:
        return False
    if a[0].plover == b[0].plover:
        return _compatible_clusters(a, b)
    return True


def _story_events(
    members: list[str],
    clusters: list[list[EventMention]],
    info: Mapping[str, ArticleText],
    similar: Similarity,
) -> list[Event]:
    """One event per PLOVER type in a story; its articles with no event join the nearest coded one."""
    by_type: dict[str, list[EventMention]] = {}
    for c in clusters:
        by_type.setdefault(c[0].plover, []).extend(c)
    if not by_type:
        return []
    merged = sorted(by_type.values(), key=lambda c: min(m.id for m in c))
    owner: dict[str, int] = {}
    for k, c in enumerate(merged):
        for m in c:
            if m.main:
                owner.setdefault(m.article, k)
    coded = sorted(owner)
    joined: dict[int, list[ArticleText]] = defaultdict(list)
    waiting = [a for a in members if a not in owner and a in info]
    for art, (_, other) in zip(waiting, similar.best_many(waiting, coded), strict=True):
        joined[owner.get(other, 0)].append(info[art])
    return [_event(c, tuple(joined.get(k, ()))) for k, c in enumerate(merged)]


def _compatible_clusters(a: list[EventMention], b: list[EventMention]) -> bool:
    """Whether two clusters could be one event: no shared article, modes, dates and sides that agree."""
    if {m.article for m in a} & {m.article for m in b}:
        return False
    if any(x.mode and y.mode and x.mode != y.mode for x in a for y in b):
        return False
    pairs_a, pairs_b = _country_pairs(a), _country_pairs(b)
    if pairs_a and pairs_b and not pairs_a & pairs_b:
        # Saudi–Russian talks and Saudi–Qatari talks reported by one agency on two days are two events,
        # however alike its boilerplate makes the two reports.
        return False
    if all(_participants_clash(x, y) for x in a for y in b):
        # The king receiving one visitor and the king receiving another, on successive days and in the
        # same agency wording, when one report gives no country for its visitor.
        return False
    days_a = [d for d in map(_day, a) if d]
    days_b = [d for d in map(_day, b) if d]
    return not (days_a and days_b and min(abs((x - y).days) for x in days_a for y in days_b) > MAX_DAY_GAP)


def _country_pairs(cluster: list[EventMention]) -> set[frozenset[str]]:
    """The two sides' countries of each fully coded mention, in either order."""
    out: set[frozenset[str]] = set()
    for m in cluster:
        sides = {a.role: a.country for a in m.actors}
        if sides.get("source") and sides.get("target"):
            out.add(frozenset((sides["source"] or "", sides["target"] or "")))
    return out


def _participants_clash(x: EventMention, y: EventMention) -> bool:
    """Whether two mentions name clearly different participants in one role, read both ways round.

    The sides swapped are tried for every type: "A receives B" and "B visits A" are one event, and
    coders invert roles (passives, instrument subjects), so a cannot-link must not rest on the direction.
    """
    sx, sy = _named_sides(x), _named_sides(y)
    return any(_different(p, q) for p, q in zip(sx, sy, strict=True)) and any(
        _different(p, q) for p, q in zip(sx, sy[::-1], strict=True)
    )


def _named_sides(m: EventMention) -> tuple[Actor | None, Actor | None]:
    """The source and target of a mention; a known person only where the evidence sentence names them.

    A known person whose name the sentence does not write was reached through a title ("نائب الرئيس
    اليمني", the vice-president, read as the president) or a reference to an earlier sentence: an
    inference that may be wrong, and no ground to keep two reports apart. An unresolved name is always
    something the article wrote.
    """
    by_id = {a.entity: a for a in m.actors}

    def named(entity: str | None) -> Actor | None:
        actor = by_id.get(entity) if entity else None
        if actor is None or not _is_known(actor.entity, "per"):
            return actor
        return actor if _writes(m.evidence, actor.name_ar) else None

    return named(m.source), named(m.target)


@lru_cache(maxsize=1 << 16)
def _writes(sentence: str, name: str) -> bool:
    """Whether ``sentence`` writes a token that identifies ``name`` (after a one-letter clitic or not).

    Cached: story clustering asks again for the same mentions at every merge it weighs.
    """
    words = {w for token in normalize(sentence).split() for w in (token, token[1:])}  # و، ب، ل
    return any(t in words for t in _name_tokens(name))


def _is_known(entity: str, kind: str) -> bool:
    """Whether ``entity`` is a ``kind`` ("per", "org") from the knowledge files, not a hashed name."""
    prefix, _, key = entity.partition(":")
    return prefix == kind and not _CONTENT_HASH.fullmatch(key)


def _name_tokens(name: str) -> list[str]:
    """The tokens of a name that identify someone: not "بن", "آل", "عبد" or "أبو"."""
    return [t for t in normalize(name).split() if len(t) > 2 and t not in _NAME_PARTICLES]


def _different(x: Actor | None, y: Actor | None) -> bool:
    """Whether two actors are clearly two participants, not one under two ids.

    Two persons, or two organisations, from the knowledge files under different ids; or two persons, one
    of them an unresolved name, whose written names share no token, spelling apart. A bare title
    ("role:foreign-minister:irq") may be the named holder, an agent class ("police") anyone of its kind,
    a person may speak for their ministry, and an unresolved organisation is a variant of a known one:
    none of these blocks.
    """
    if x is None or y is None or x.entity == y.entity:
        return False
    for kind in ("per", "org"):
        if _is_known(x.entity, kind) and _is_known(y.entity, kind):
            return True
    persons = x.entity.startswith("per:") and y.entity.startswith("per:")
    return persons and not _names_may_match(x.name_ar, y.name_ar)


def _names_may_match(a: str, b: str) -> bool:
    """Whether two written names may be one person: a shared token, allowing for spelling.

    "سليمان الأسد" and "سليمان هلال الأسد" may, "بيتر هولمان" and "بيتر هولمن" may; "ريتا مورساني" and "كريم
    الحداد" may not. Particles ("بن", "آل", "عبد") carry no identity; a name of particles may be anyone.
    """
    tokens_a, tokens_b = _name_tokens(a), _name_tokens(b)
    if not tokens_a or not tokens_b:
        return True
    return (
        any(SequenceMatcher(None, s, t).ratio() >= NAME_TOKEN_SIMILARITY for s in tokens_a for t in tokens_b)
        or SequenceMatcher(None, "".join(tokens_a), "".join(tokens_b)).ratio() >= NAME_TOKEN_SIMILARITY
    )


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
        if gap > MAX_DAY_GAP or (_weak(m) and text < MIN_TEXT_SIMILARITY):
            return 0.0
        return 1.0 + text
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
        rank = {"day": 0, "week": 1, "month": 2, "year": 3}
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
