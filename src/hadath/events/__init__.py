"""Events: code who did what to whom, when and where, sentence by sentence (PLOVER, with CAMEO alongside).

Public entry point: :func:`run` (and :func:`code_article`). Patterns live in
``data/events/patterns.yaml``; :mod:`hadath.events.patterns` loads them, :mod:`hadath.events.actors`
chooses the source and target around a trigger. For ASSAULT and PROTEST a sentence classifier
(:mod:`hadath.events.classifier`) has the last word: a pattern-coded mention stays only when the
classifier finds the sentence likely enough to report such an event, and a sentence the classifier is
sure of gets a mention even where no pattern coded one. Such a mention is coded around the event word
of the sentence that weighs most in the classifier's score (a pattern word, or one of
``data/events/event_words.tsv``), with that word's pattern entry, actors and contexts.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache, partial

from hadath.events.actors import (
    RELATIVES,
    ActorRef,
    actor_words,
    actors_in,
    is_dateline,
    pick_roles,
    placed_in,
    roles_and_partners,
)
from hadath.events.classifier import SentenceModel, load_models, probability, token_weights
from hadath.events.context import context_of, context_words
from hadath.events.patterns import Match, event_word_at, find_triggers, load_patterns
from hadath.language.knowledge import Knowledge, load
from hadath.language.words import load as load_words
from hadath.models import Actor, Analysis, DateMention, Entity, EventMention, Rejected, content_id
from hadath.text.normalize import Token, normalize, strip_clitics, tokenize, without_conjunction

REQUIRES = ("analysis",)
PROVIDES = ("event_mention",)

# Types whose restatements are merged on compatible sides (deeds), not only on the same two sides.
_LOOSE = frozenset({"ASSAULT", "PROTEST", "COERCE"})
# Types whose dual subject ("بحث الوزيران", "اتفق الجانبان") means the two actors already named.
_JOINT = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Attacks and protests are news even when nobody is named: kept, with no actors, when the sentence
# places or dates them.
_ACTORLESS = frozenset({"ASSAULT", "PROTEST"})
# What one side of a call or meeting says or does in it: undated, these take the lead interaction's date.
_DURING_TALKS = frozenset(
    {"REQUEST", "REJECT", "ACCUSE", "SUPPORT", "AGREE", "THREATEN", "CONCEDE", "COOPERATE"}
)
# How far into an article its lead interaction may start: the title plus the first paragraphs.
LEAD_CHARS = 1500
# A date more than this many days before publication makes the event background, not news.
HISTORICAL_DAYS = 45
_DUALS = frozenset(
    normalize(w)
    for w in [
        "الوزيران",
        "الوزيرين",
        "الجانبان",
        "الجانبين",
        "الطرفان",
        "الطرفين",
        "البلدان",
        "البلدين",
        "الرئيسان",
        "الرئيسين",
        "الزعيمان",
        "الزعيمين",
        "المسؤولان",
        "المسؤولين",
        "الجانب",
    ]
)


@dataclass(frozen=True, slots=True)
class Draft:
    """An event found in one sentence, before the main event is chosen."""

    match: Match
    source: ActorRef | None
    target: ActorRef | None
    start: int
    sentence: str
    date: DateMention | None
    context: tuple[str, ...]
    place: str | None
    probability: float | None = None  # the sentence classifier's, for the types it covers
    said: DateMention | None = None  # when reported speech about the event was made, if it says so


@dataclass(frozen=True, slots=True)
class Coded:
    """All event mentions of one article, with the article's analysis."""

    analysis: Analysis
    events: tuple[EventMention, ...]


def run(items: Iterable[Analysis | Rejected]) -> Iterator[Coded | Rejected]:
    for item in items:
        yield item if isinstance(item, Rejected) else Coded(item, tuple(code_article(item)))


def code_article(
    analysis: Analysis, classifiers: Mapping[str, SentenceModel] | None = None
) -> list[EventMention]:
    """Every event the article reports, the main one marked.

    ``classifiers`` are the sentence models by PLOVER type, the shipped ones when ``None``; an empty
    mapping codes with the patterns alone (for evaluations).
    """
    models = load_models() if classifiers is None else classifiers
    article = analysis.article
    text = article.text
    kb = load()
    entities = {e.id: e for e in analysis.entities}
    refs = actors_in(analysis, kb)
    published = date.fromisoformat(article.published) if article.published else None
    drafts: list[Draft] = []
    previous: tuple[ActorRef | None, ActorRef | None] = (None, None)
    for span in analysis.sentences:
        sent = text[span.start : span.end]
        toks = tokenize(sent)
        # (PLOVER type, clause) → index in drafts: one event of a type per clause of the sentence
        kept: dict[tuple[str, int], int] = {}
        sentence_source: ActorRef | None = None
        triggers = find_triggers(toks)
        clauses = _clause_starts(toks, sent, triggers)
        in_sent = [r for r in refs if span.start <= r.start and r.end <= span.end]  # actors of the sentence
        # Those inside quoted speech belong to what the speaker said, not to a reporter's event outside it
        # ("… رفض الحكومة لهذه الهجمات وأبلغه أن “العراق ساحة …”").
        outside = [r for r in in_sent if not _in_speech(analysis, r.start)]
        draft = partial(_draft, toks, span.start, sent, published)
        # The classifier only matters where a trigger can be vetoed or an event word can be added: most
        # sentences have neither, and scoring them cost a quarter of the coding time.
        candidates = {m.pattern.plover for m in triggers}
        probs = {
            kind: probability(model, sent)
            for kind, model in models.items()
            if kind in candidates or any(event_word_at(toks, i, kind) for i in range(len(toks)))
        }
        for match in triggers:
            at = span.start + toks[match.start].start
            quoted = _in_quote(analysis, at)
            if quoted and (match.nominal or not _performative(analysis, at, in_sent, match.pattern.plover)):
                continue  # what a speaker claims inside quotation marks is not the reporter's event
            plover = match.pattern.plover
            part = _clause_of(clauses, match.start)
            lo = span.start + toks[clauses[part]].start
            hi = span.start + toks[clauses[part + 1]].start if part + 1 < len(clauses) else span.end
            # The object and the place of an event are in its own clause ("أدانت السعودية الهجوم، كما
            # أدانت الكويت التفجير": Kuwait is no target of the first); its subject may come before.
            # A speaker's own act quoted word for word names its object inside the quote.
            mine = [r for r in (in_sent if quoted else outside) if r.start < hi]
            source, target, partners = roles_and_partners(match, toks, span.start, mine, text)
            trigger_at = at
            if (
                sentence_source is not None
                and (_conjoined(match, toks) or match.pattern.shares_subject or _resumed(toks, match.start))
                and (source is None or source.start < trigger_at)
            ):
                # "أدان الوزير … ورفض …": a coordinated verb with no subject of its own shares the first's,
                # as does a participle ("نفى الرئيس …، متهما …").
                source = sentence_source
                if target is not None and target.entity == source.entity:
                    target = None
            if (
                plover in _JOINT
                and _mentions_dual(toks)
                and (source is None or target is None)
                and previous[0]
                and previous[1]
            ):
                source, target = previous  # "بحث الوزيران": the two already named
            if source is None and match.nominal and plover in _ANNOUNCED:
                # "أعلنت وزارة الداخلية توقيف سبعة …", "… أنه تم اعتقال": the state body that announces an
                # arrest or a charge with no agent of its own made it.
                source = _announcer(toks, span.start, mine, match.start)
            source, target = _distinct(source, target)
            if plover in probs and probs[plover] < _needed(models[plover], match, source, target):
                continue  # violence or protest vocabulary in a sentence that reports no such event
            slot = (plover, part)
            if slot in kept:
                # A second trigger of the same type restates the event ("هجوم بطائرة مسيرة استهدف"):
                # it may add the mode or an actor the first lacked.
                drafts[kept[slot]] = _merged(drafts[kept[slot]], match, source, target)
                continue
            place = _place(analysis, lo, hi, kb)
            clause = _clause(toks, match.start, span.start)
            others = _others(sent, toks, triggers, match.start, span.start)
            when = _date_for(analysis.dates, text, clause, others)
            if source is None and target is None and not (plover in _ACTORLESS and (place or when)):
                continue
            if source is not None and target is not None:
                previous = (source, target)  # what a later "الطرفان" refers to, warring sides included
            kept[slot] = len(drafts)
            sentence_source = sentence_source or source
            said = _said_on(analysis.dates, text, (span.start, clause[0]))
            drafts.append(draft(match, source, target, when, place, probs.get(plover), said))
            for partner in partners:
                if source is not None and partner.entity not in (source.entity, target and target.entity):
                    # "أدانت السعودية والإمارات الهجوم": each condemned it.
                    drafts.append(draft(match, partner, target, when, place, probs.get(plover), said))
        for kind, p in probs.items():
            if any(k == kind for k, _ in kept) or p < models[kind].add:
                continue
            # The classifier is sure the sentence reports the event though no pattern-coded mention
            # survived (no pattern matched, the trigger was quoted, or no actor, place or date was named).
            found = _event_word(kind, toks, models[kind], sent, analysis, span.start)
            if found is None:
                continue
            source, target = _distinct(*pick_roles(found, toks, span.start, in_sent, text))
            clause = _clause(toks, found.start, span.start)
            others = _others(sent, toks, triggers, found.start, span.start)
            when = _date_for(analysis.dates, text, clause, others)
            place = _place(analysis, span.start, span.end, kb)
            if source is None and target is None and not (place or when):
                continue  # as for pattern-coded attacks: an event nobody did, nowhere and never is no record
            kept[(kind, 0)] = len(drafts)
            said = _said_on(analysis.dates, text, (span.start, clause[0]))
            drafts.append(draft(found, source, target, when, place, p, said))
    drafts = _restatements_merged(drafts)
    # The headline says what the news is: of the lead's events, those of a type it names come first.
    headline = _headline_types(article.title)
    main_index = _main_index(drafts, headline)
    if main_index is not None:
        lead = drafts[main_index]
        drafts = [d for d in drafts if d is lead or not _restates(d, lead)]
        main_index = drafts.index(lead)
    main_when = _main_date(drafts, main_index, article.published)
    out: list[EventMention] = []
    for i, d in enumerate(drafts):
        value, precision = (
            (d.date.value, d.date.precision) if d.date is not None and d.date.value else (None, None)
        )
        # A partner of the main event's subject ("أدانت السعودية والإمارات") acted with it.
        shares_main = main_index is not None and d.match is drafts[main_index].match
        if (
            i == main_index
            or shares_main
            or (
                value is None
                and d.date is None
                and not d.context
                and (_said_during(d, drafts, main_index) or _same_news(d, drafts, main_index))
            )
        ):
            value, precision = main_when
        actors = tuple(
            _actor(ref, role, entities) for ref, role in ((d.source, "source"), (d.target, "target")) if ref
        )
        out.append(
            EventMention(
                id=mention_id(
                    article.id,
                    d.start,
                    d.match.pattern.id,
                    d.match.start,
                    d.source.entity if d.source else None,
                ),
                article=article.id,
                plover=d.match.pattern.plover,
                mode=d.match.pattern.mode,
                cameo=d.match.pattern.cameo,
                date=value,
                date_precision=precision,
                place=d.place,
                actors=actors,
                source=d.source.entity if d.source else None,
                target=d.target.entity if d.target else None,
                evidence=d.sentence,
                context=d.context,
                main=i == main_index,
                confidence=(
                    _confidence(d.source, d.target, d.match)
                    if d.probability is None
                    else round(d.probability, 2)
                ),
                published=article.published,
                outlet=article.outlet,
            )
        )
    return out


def _needed(model: SentenceModel, match: Match, source: ActorRef | None, target: ActorRef | None) -> float:
    """The classifier probability a pattern-coded mention needs: less when the patterns coded it fully
    (two of a mode, a source and a target), where the classifier, trained on 2007–08 wire copy, is the
    less trustworthy of the two on today's news."""
    full = sum((match.pattern.mode is not None, source is not None, target is not None)) >= 2
    return model.keep_full if full else model.keep


def _draft(
    toks: list[Token],
    start: int,
    sentence: str,
    published: date | None,
    match: Match,
    source: ActorRef | None,
    target: ActorRef | None,
    when: DateMention | None,
    place: str | None,
    probability: float | None,
    said: DateMention | None = None,
) -> Draft:
    """A coded mention before merging, with its PLOVER context read around the trigger."""
    return Draft(
        match=match,
        source=source,
        target=target,
        start=start,
        sentence=sentence,
        date=when,
        context=context_of(toks, match, when, published, HISTORICAL_DAYS),
        place=place,
        probability=probability,
        said=said,
    )


def _event_word(
    kind: str, toks: list[Token], model: SentenceModel, sentence: str, analysis: Analysis, offset: int
) -> Match | None:
    """The trigger of a mention the classifier found: of the sentence's event words of ``kind``, the one
    whose features weigh most in the classifier's score (a tie goes to the first), preferring words
    outside quotation marks. ``None`` when the sentence has no such word: the classifier's strongest
    word alone is a poor guess at where the event is named, and actors picked around it were wrong
    more often than right.

    A quoted word still counts where no other does: wire copy reports attacks in an official's words
    (قال مصدر أمني «انفجرت عبوة ناسفة …»), and the classifier, trained on such sentences, vouches for
    them; a pattern trigger inside quotation marks alone is not trusted to be the reporter's event.
    """
    weights = token_weights(model, sentence)
    best: tuple[bool, float, Match] | None = None
    i = 0
    while i < len(toks):
        found = event_word_at(toks, i, kind)
        if found is None:
            i += 1
            continue
        outside = not _in_quote(analysis, offset + toks[i].start)
        weight = max(weights.get(k, 0.0) for k in range(found.start, found.end))
        if best is None or (outside, weight) > best[:2]:
            best = (outside, weight, found)
        i = found.end
    return best[2] if best else None


def _distinct(source: ActorRef | None, target: ActorRef | None) -> tuple[ActorRef | None, ActorRef | None]:
    """No actor is its own target: where the rules gave one entity both roles, it keeps the source."""
    if source is not None and target is not None and source.entity == target.entity:
        return source, None
    return source, target


# Types a state body's announcement makes its own act when no one else is named.
_ANNOUNCED = frozenset({"COERCE", "ACCUSE", "SANCTION", "RETREAT"})
_STATE = frozenset({"GOV", "COP", "JUD", "MIL"})


def _announcer(toks: list[Token], offset: int, refs: list[ActorRef], trigger: int) -> ActorRef | None:
    """The state body right after a reporting verb before the trigger ("أعلنت وزارة الداخلية")."""
    words = load_words()
    for i in range(trigger - 1, -1, -1):
        if words.says(without_conjunction(toks[i].norm)):
            after = offset + toks[i].end
            nxt = next((r for r in refs if r.start >= after), None)
            if (
                nxt is not None
                and nxt.sector in _STATE
                and i + 1 < len(toks)
                and nxt.start <= offset + toks[min(i + 2, len(toks) - 1)].start
                and nxt.start < offset + toks[trigger].start
            ):
                return nxt
            return None
    return None


def _resumed(toks: list[Token], i: int) -> bool:
    """Whether the word before token ``i`` carries on the subject with a pronoun ("ولكنها طالبت")."""
    return i > 0 and without_conjunction(toks[i - 1].norm) in actor_words().resumptive


def _conjoined(match: Match, toks: list[Token]) -> bool:
    """Whether the trigger word carries the conjunction "و" ("ورفض"), not a و of its own ("وجهت", "وصل")."""
    norm = toks[match.start].norm
    return norm[:1] == "و" and norm not in match.pattern.verbs and norm not in _own_wa()


@cache
def _own_wa() -> frozenset[str]:
    """First words of noun triggers that begin with a و of their own ("وقفة احتجاجية")."""
    return frozenset(n[0] for p in load_patterns()[0] for n in p.nouns if n and n[0][:1] == "و")


def mention_id(article: str, sentence: int, pattern: str, trigger: int, source: str | None) -> str:
    """A mention's id: its article, sentence (start offset), pattern, trigger (token in the sentence) and
    source. The sentence alone is not enough: one may hold two events of a pattern, in two clauses or by
    two subjects ("أدانت السعودية والإمارات")."""
    return content_id("m", article, str(sentence), pattern, str(trigger), source or "")


def _clause_starts(toks: list[Token], sentence: str, triggers: list[Match]) -> list[int]:
    """Token indices where a sentence's clauses start: "فيما/بينما/في حين" (not "فيما بعد"), and after a
    comma "كما", a trigger with "و" or a participle ("، متهما"), open a clause that may report another event
    of the same type ("قصفت الطائرات التركية مواقع الحزب، فيما قتل جنديان في هجوم …", "أدانت السعودية
    الهجوم، كما أدانت الكويت …"). A comma alone does not: "، وزير الدفاع،" is an apposition, "، وفي قصره،"
    an aside."""
    openers = actor_words().clause_openers
    norms = tuple(t.norm for t in toks)
    verbs = {m.start for m in triggers if (not m.nominal and _conjoined(m, toks)) or m.pattern.shares_subject}
    starts = [0]
    for i in range(1, len(toks)):
        after_comma = any(c in "،," for c in sentence[toks[i - 1].end : toks[i].start])
        opener = next((o for o in openers if norms[i : i + len(o)] == o), None)
        if opener is not None and norms[i + len(opener) : i + len(opener) + 1] == (_AFTER,):
            opener = None  # "فيما بعد" is "later", no clause
        if opener is not None or (after_comma and (norms[i] == _ALSO or i in verbs)):
            starts.append(i)
    return starts


_AFTER = normalize("بعد")
_ALSO = normalize("كما")


def _clause_of(starts: list[int], i: int) -> int:
    return sum(1 for s in starts[1:] if s <= i)


def _merged(first: Draft, match: Match, source: ActorRef | None, target: ActorRef | None) -> Draft:
    """``first`` with what a second trigger of its type in the sentence adds: the mode, or a role the
    first lacked. A role is not borrowed when its entity already holds the other role ("قتل 12 شخصا …
    حين انفجرت قنبلة": the people are the target of "قتل", and the rules make them the subject of
    "انفجرت"), so the merge never makes one entity its own target."""
    better = match if first.match.pattern.mode is None and match.pattern.mode else first.match
    new_source, new_target = first.source, first.target
    if (
        new_source is None
        and source is not None
        and (new_target is None or source.entity != new_target.entity)
    ):
        new_source = source
    if (
        new_target is None
        and target is not None
        and (new_source is None or target.entity != new_source.entity)
    ):
        new_target = target
    return replace(first, match=better, source=new_source, target=new_target)


def _mentions_dual(toks: list[Token]) -> bool:
    return any(any(f in _DUALS for f in strip_clitics(t.norm)) for t in toks)


def _pair(d: Draft) -> tuple[str, ...]:
    ids = (d.source.entity if d.source else "", d.target.entity if d.target else "")
    return tuple(sorted(ids)) if d.match.pattern.plover in _JOINT else ids


def _restatements_merged(drafts: list[Draft]) -> list[Draft]:
    """An article that names the same event twice ("تلقى اتصالاً …", later "بحث الوزيران"; "قتل جنديان في
    هجوم …", later "وقتل في الهجوم …") reports one event: a later mention that restates an earlier one
    (:func:`_restatement_of`) is dropped, lending the first its mode, date, place and actors where it had
    none."""
    out: list[Draft] = []
    for d in drafts:
        same = next((i for i, o in enumerate(out) if _restatement_of(d, o)), None)
        if same is None:
            out.append(d)
            continue
        first = out[same]
        if first.match.pattern.mode is None and d.match.pattern.mode is not None:
            first = replace(first, match=d.match)
        if (first.date is None or not first.date.value) and d.date is not None and d.date.value:
            # A headline names the event, the lead dates it ("… يستقبل …" then "استقبل … أمس").
            first = replace(first, date=d.date)
        if first.place is None and d.place is not None:
            first = replace(first, place=d.place)
        # An actor fills a missing role; a named one also replaces a group named by a common noun
        # ("مسلحون" → "داعش").
        if _better(first.source, d.source) and not _holds(first.target, d.source):
            first = replace(first, source=d.source)
        if _better(first.target, d.target) and not _holds(first.source, d.target):
            first = replace(first, target=d.target)
        out[same] = first
    return out


def _restatement_of(d: Draft, o: Draft) -> bool:
    """Whether the later mention ``d`` restates ``o``: same type and context, no other date, and either the
    same two sides, or no side that contradicts ``o``'s (:func:`_compatible`), no other place or mode,
    and no word that announces another event ("وفي حادث منفصل", "هجوم آخر")."""
    if o.match.pattern.plover != d.match.pattern.plover or o.context != d.context:
        return False
    if not (d.date is None or o.date is None or d.date.value == o.date.value):
        return False
    if _pair(o) == _pair(d) and "" not in _pair(d):
        return True
    if d.place is not None and o.place is not None and d.place != o.place:
        return False
    modes = (o.match.pattern.mode, d.match.pattern.mode)
    if None not in modes and modes[0] != modes[1]:
        return False  # a bombing and a shooting, a call and a visit
    if o.match.pattern.plover in _JOINT and _pair(d) != ("", ""):
        return False  # one side of a meeting may be no actor: "والتقى السيسي مجموعة من المستثمرين"
    if o.match.pattern.plover not in _LOOSE and _pair(d) != ("", ""):
        # A statement repeated by its author with no new object ("… إن الإمارات تدين هذا العمل") is one;
        # one with another object, or by another author, is another.
        same_author = o.source is not None and d.source is not None and o.source.entity == d.source.entity
        if not (same_author and (d.target is None or _holds(o.target, d.target))):
            return False
    roles = ((o.source, d.source, o.target), (o.target, d.target, o.source))
    if not all(_compatible(ours, theirs, other) for ours, theirs, other in roles):
        return False
    if sum(ours is None and theirs is not None for ours, theirs, _ in roles) == 2:
        return False  # both sides new: "«داعش» يتبنى تفجيرا" is not "البيشمركة تهاجم داعش"
    return not _told_apart(d.sentence, d.match.start, d.match.end)


# How far from a trigger a word that announces another event may stand.
_SEPARATE_REACH = 4


@lru_cache(maxsize=4096)
def _told_apart(sentence: str, start: int, end: int) -> bool:
    """Whether a word announcing another event ("وفي حادث منفصل", "هجوم آخر") stands by the trigger at
    tokens ``start:end``; elsewhere in the sentence it says something else ("قال مسؤول آخر"). Cached, as
    restatements compare every pair of an article's mentions."""
    separate = actor_words().separate_markers
    toks = tokenize(sentence)
    near = toks[max(0, start - _SEPARATE_REACH) : end + _SEPARATE_REACH]
    return any(without_conjunction(t.norm) in separate for t in near)


def _compatible(ours: ActorRef | None, theirs: ActorRef | None, other: ActorRef | None) -> bool:
    """Whether a restatement's actor ``theirs`` may be the same as ``ours`` in one role: absent, the same
    entity, a group named by a common noun for a named actor of its kind ("مسلحون" for "تنظيم داعش"; two
    different groups, "أشخاص" and "جنود", are two), or filling a role left open by an entity not already
    in the other role."""
    if theirs is None:
        return True
    if ours is None:
        return not _holds(other, theirs)
    if ours.entity == theirs.entity:
        return True
    return _named(ours) != _named(theirs) and _kin(ours.sector) == _kin(theirs.sector)


# Armed groups: CAMEO coders and the knowledge files use the two codes for the same kind of actor.
_ARMED = frozenset({"INS", "REB"})


def _kin(sector: str | None) -> str | None:
    return "armed" if sector in _ARMED else sector


def _better(ours: ActorRef | None, theirs: ActorRef | None) -> bool:
    return theirs is not None and (ours is None or (_named(theirs) and not _named(ours)))


def _named(ref: ActorRef | None) -> bool:
    """A reference to a named actor, not a group named by a common noun ("مسلحون", "أشخاص")."""
    return ref is not None and not ref.entity.startswith("agt:")


def _holds(ref: ActorRef | None, other: ActorRef | None) -> bool:
    return ref is not None and other is not None and ref.entity == other.entity


def _restates(d: Draft, lead: Draft) -> bool:
    """Whether ``d`` points back to the lead call or meeting ("وجرى خلال الاتصال بحث …") rather than
    reporting another one: same type, no date of its own, "خلال/في" before a definite talk noun, and no
    new pair of sides ("التقى في الاجتماع الثاني رئيس الوزراء الإيطالي" is another meeting)."""
    if d.match.pattern.plover != lead.match.pattern.plover or (d.date is not None and d.date.value):
        return False
    sides = {r.entity for r in (lead.source, lead.target) if r is not None}
    if d.source and d.target and not {d.source.entity, d.target.entity} <= sides:
        return False
    nouns = actor_words().talk_nouns
    norms = [without_conjunction(t.norm) for t in tokenize(d.sentence)]
    return any(a in ("خلال", "في") and b in nouns for a, b in itertools.pairwise(norms))


def _performative(analysis: Analysis, at: int, refs: list[ActorRef], plover: str) -> bool:
    """Whether a quoted trigger is its speaker's act, quoted word for word: a statement ("تدين", "تطالب")
    that opens the quote right after the actor who makes it ('إن الولايات المتحدة "تدين بشدة الهجمات"').
    A quoted deed is a claim about it ('وقال الحوثيون "شنت طائرات التحالف غارات"'), not the reporter's."""
    if plover not in _STATEMENTS:
        return False
    text = analysis.article.text
    quote = next((q for q in analysis.quotes if q.start <= at < q.end), None)
    if quote is None or text[quote.start : at].strip(_QUOTE_MARKS + " "):
        return False
    speaker = next((r for r in refs if 0 <= quote.start - r.end <= 2), None)
    if speaker is None:
        return False
    # After a verb of saying the quote is what the speaker said ('وأكد حسين "رفض حكومة العراق …"').
    before = text[max(0, speaker.start - 20) : speaker.start].split()
    if not before:
        return True
    return not load_words().says(without_conjunction(normalize(before[-1])))


# What a speaker does by saying it.
_STATEMENTS = frozenset({"ACCUSE", "REJECT", "REQUEST", "SUPPORT", "THREATEN", "AGREE"})
_QUOTE_MARKS = "\"«»“”'‘’"


def _in_quote(analysis: Analysis, offset: int) -> bool:
    return any(q.start <= offset < q.end for q in analysis.quotes)


# Fewer words in quotation marks are more often a name or a term («كتائب شهداء الأقصى») than speech.
_SPEECH_WORDS = 6


def _in_speech(analysis: Analysis, offset: int) -> bool:
    return any(q.start <= offset < q.end and len(q.text.split()) >= _SPEECH_WORDS for q in analysis.quotes)


_THAT = frozenset(
    normalize(w) for w in ("أن", "إن", "أنه", "إنه", "أنها", "إنها", "أنهم", "إنهم", "بأن", "بأنه", "بأنها")
)


def _clause(toks: list[Token], trigger: int, offset: int) -> tuple[int, int]:
    """The part of the sentence (article offsets) that a trigger's date may come from. Reported speech
    splits a sentence in two: in "قال مصدران أمس إن الجنرال زار موسكو" yesterday is when they spoke, not
    when he went; and a date after "إن" belongs to what was said, not to the saying."""
    words = load_words()
    split = None
    for i, t in enumerate(toks):
        if t.norm not in _THAT or i == 0:
            continue
        said = any(words.says(without_conjunction(u.norm)) for u in toks[max(0, i - 8) : i])
        if said:
            split = i
            break
    if split is None:
        return offset, offset + (toks[-1].end if toks else 0)
    at = offset + toks[split].start
    if trigger > split:
        return at, offset + toks[-1].end
    return offset, at


def _since(text: str, d: DateMention) -> bool:
    """Whether the date starts a period rather than dating the event: "منذ" right before a year that does
    not include it ("يقاتل منذ العام 2013"), or any "منذ" after "أول" ("أول زيارة منذ أشهر": the first
    in months). Before a day it dates the event ("اعتقلت منذ الأحد")."""
    before = [normalize(w) for w in text[max(0, d.start - 40) : d.start].split()]
    since = normalize(d.text).startswith(_SINCE) or (bool(before) and before[-1] == _SINCE)
    if since and any(without_conjunction(w) in context_words().first_words for w in before[-6:]):
        return True
    if d.precision != "year":
        return False
    return bool(before) and before[-1] == _SINCE and not normalize(d.text).startswith(_SINCE)


_SINCE = normalize("منذ")
# Kinds whose nouns ("الهجوم", "الاحتجاجات", "الاجتماع") a relative clause may date.
_DEED_KINDS = ("ASSAULT", "PROTEST", "CONSULT")


def _others(
    sent: str, toks: list[Token], triggers: list[Match], trigger: int, offset: int
) -> list[tuple[int, int]]:
    """Relative clauses the trigger is not in, up to the next comma or the sentence end (article offsets):
    "التقى الوزير السفير الذي وصل أمس" — yesterday is the arrival, not the meeting. A clause about an event
    noun ("في الهجوم الذي وقع أمس") dates that event, which is the one coded, and is kept."""
    out: list[tuple[int, int]] = []
    deeds = {k for m in triggers if m.nominal for k in range(m.start, m.end)}
    k = trigger + 1
    while k < len(toks):
        deed = k - 1 in deeds or any(event_word_at(toks, k - 1, kind) for kind in _DEED_KINDS)
        if without_conjunction(toks[k].norm) in RELATIVES and not deed:
            end = next(
                (
                    j - 1
                    for j in range(k + 1, len(toks))
                    if any(c in "،," for c in sent[toks[j - 1].end : toks[j].start])
                ),
                len(toks) - 1,
            )
            out.append((offset + toks[k].start, offset + toks[end].end))
            k = end
        k += 1
    return out


def _date_for(
    dates: tuple[DateMention, ...], text: str, clause: tuple[int, int], others: list[tuple[int, int]]
) -> DateMention | None:
    """The first resolved date in the trigger's clause of the sentence, outside relative clauses about
    something else and never the start of a period ("يقاتل منذ العام 2013"); unresolved dates count so
    the event is not misdated."""
    lo, hi = clause
    inside = [
        d
        for d in dates
        if lo <= d.start
        and d.end <= hi
        and not any(a <= d.start < b for a, b in others)
        and not _since(text, d)
    ]
    resolved = [d for d in inside if d.value]
    # "أعلنت الأحد 19 يوليو مقتل 9 جنود … مساء الجمعة": a date right after a verb of saying is when it
    # was said; another date in the clause is the event's.
    own = [d for d in resolved if not _after_saying(text, d)]
    if own:
        return own[0]
    if resolved:
        return resolved[0]
    return inside[0] if inside else None


def _said_on(dates: tuple[DateMention, ...], text: str, part: tuple[int, int]) -> DateMention | None:
    """The resolved date a verb of saying carries in the reporting part of a sentence ("قال مصدر أمس إن
    …"); a date elsewhere in that part is another event's ("بعد هجوم الجمعة، قال الوزير إن …")."""
    lo, hi = part
    return next(
        (d for d in dates if lo <= d.start and d.end <= hi and d.value and _after_saying(text, d)), None
    )


def _after_saying(text: str, d: DateMention) -> bool:
    """Whether a verb of saying and its subject stand before the date ("أعلنت وزارة الدفاع الأحد …"),
    with no "أن/إن" and no event word between: after either, the date is what was said ("أعلن الجيش
    مقتل تسعة جنود مساء الجمعة")."""
    toks = tokenize(text[max(0, d.start - 60) : d.start])[-_SAYING_REACH:]
    words = load_words()
    for k in range(len(toks) - 1, -1, -1):
        w = without_conjunction(toks[k].norm)
        if w in _THAT:
            return False
        if words.says(w):
            between = toks[k + 1 :]
            return not any(
                event_word_at(between, j, kind) for j in range(len(between)) for kind in _DEED_KINDS
            ) and not find_triggers(between)
    return False


# How many words a verb of saying and its subject may stand before the date they carry.
_SAYING_REACH = 5


def _place(analysis: Analysis, start: int, end: int, kb: Knowledge) -> str | None:
    """The city or region where the sentence puts its event: the first one named as a place ("في جدة",
    "إلى باريس"), else the first one named at all, never one that only names a meeting ("مؤتمر
    القاهرة"). Countries are actors, not places."""
    text = analysis.article.text
    named: list[tuple[bool | None, str]] = []
    for m in analysis.mentions:
        if m.type == "LOC" and start <= m.start and m.end <= end:
            if is_dateline(text, m.start, m.end):
                continue  # "بغداد/المسلة:", "القاهرة -": where the report was filed, not where it happened
            rec = kb.records.get(m.entity)
            if rec is not None and rec.place_kind not in ("country",):
                named.append((placed_in(text, m.start), rec.name or rec.name_ar))
    return next((n for how, n in named if how), None) or next((n for how, n in named if how is None), None)


def _main_index(drafts: list[Draft], headline: set[str] | frozenset[str] = frozenset()) -> int | None:
    """The article's lead interaction: a call, visit or meeting in the lead if there is one (requests
    and rejections are usually made *during* it), else the first event of the lead (news puts the main
    event first). An event of a type the headline names comes first, unless it was made in that call, between
    its two sides ("العراق يحث أميركا …" over a call of the two ministers stays the call)."""
    lead = [i for i, d in enumerate(drafts) if d.start < LEAD_CHARS and not d.context]
    if not lead:
        lead = [i for i, d in enumerate(drafts) if not d.context][:1]
    if not lead:
        return None
    call = next((i for i in lead if _is_call(drafts[i])), None)
    first = drafts[lead[0]].start
    named = [
        i
        for i in lead
        if drafts[i].match.pattern.plover in headline and drafts[i].start <= first + _HEADLINE_REACH
    ]
    if call is not None and not all(_within(drafts[i], drafts[call]) for i in named):
        call = next((i for i in named if _is_call(drafts[i])), None)
    if call is not None:
        return call
    return (named or lead)[0]


# How far past the lead's first event the headline's event may be told (the first paragraph or two);
# further on, an event of its type is background ("وكانت الطائرات قد قصفت …").
_HEADLINE_REACH = 600


def _headline_types(title: str | None) -> set[str]:
    """The event types a headline names as its news: not one it names as an occasion ("ظريف في بغداد
    بعد يومين من تفجير انتحاري")."""
    if not title:
        return set()
    occasions = context_words().headline_occasions
    toks = tokenize(title)
    out: set[str] = set()
    for m in find_triggers(toks):
        back = max(0, m.start - _OCCASION_REACH)
        at = next(
            (k for k in range(m.start - 1, back - 1, -1) if without_conjunction(toks[k].norm) in occasions),
            None,
        )
        # "بعد الهجوم على السفارة.. الشرطة تعتقل": a stop or a colon ends the occasion.
        if at is None or any(c in title[toks[at].end : toks[m.start].start] for c in ".:،"):
            out.add(m.pattern.plover)
    return out


# How many words after an occasion word ("بعد يومين من تفجير") its event word may stand.
_OCCASION_REACH = 4


def _is_call(d: Draft) -> bool:
    """A call, a visit or a meeting with both sides named: what requests and rejections are made in."""
    return d.match.pattern.plover == "CONSULT" and d.source is not None and d.target is not None


def _within(d: Draft, call: Draft) -> bool:
    """Whether ``d`` is between the call's two sides: each of its actors is one of them, or of one of
    their countries."""
    sides = [r for r in (call.source, call.target) if r is not None]
    mine = [r for r in (d.source, d.target) if r is not None]
    return bool(mine) and all(
        any(
            r.entity == side.entity or (r.country is not None and r.country == side.country) for side in sides
        )
        for r in mine
    )


def _main_date(drafts: list[Draft], main: int | None, published: str | None) -> tuple[str | None, str | None]:
    """The lead interaction's date and precision: its own, else the day the sentence says it was reported
    ("قالت الوزارة في بيان اليوم الاثنين إن انفجارا …": closer to the event than the day the page went
    out), else the news day (a report with no date of its own tells what happened that day); never a
    report's day for a negated or future one."""
    if main is None:
        return None, None
    d = drafts[main]
    if d.date is not None:
        return (d.date.value, d.date.precision) if d.date.value else (None, None)
    if d.context:
        return None, None
    if d.said is not None and d.said.value:
        return d.said.value, d.said.precision
    if published:
        return published, "day"
    return None, None


def _said_during(d: Draft, drafts: list[Draft], main: int | None) -> bool:
    """Whether an undated event was made during the lead call or meeting: a request, rejection, pledge
    … reported after it, by one of its two sides ("وطلب حسين خلال الاتصال …")."""
    if main is None or d.start <= drafts[main].start or d.match.pattern.plover not in _DURING_TALKS:
        return False
    lead = drafts[main]
    sides = {r.entity for r in (lead.source, lead.target) if r is not None}
    return lead.match.pattern.plover == "CONSULT" and d.source is not None and d.source.entity in sides


def _same_news(d: Draft, drafts: list[Draft], main: int | None) -> bool:
    """Whether an undated deed told after the lead deed of its type is another incident of the same news
    ("وفي حادث منفصل، قتل …", "وفي وقت لاحق، اعتقلت …"): a report of the day's attacks dates the later
    ones by the lead's day unless they carry a date or a past tense of their own."""
    if main is None or d.start <= drafts[main].start:
        return False
    plover = d.match.pattern.plover
    if plover not in _LOOSE or drafts[main].match.pattern.plover != plover:
        return False
    # Only one announced as another incident of the news; an undated campaign or habit ("اختطفت الجماعة
    # آلاف المدنيين") stays undated.
    return _told_apart(d.sentence, d.match.start, d.match.end)


def _actor(ref: ActorRef, role: str, entities: dict[str, Entity]) -> Actor:
    e = entities.get(ref.entity)
    return Actor(
        entity=ref.entity,
        name=ref.name if e is None else e.name,
        name_ar=ref.name_ar if e is None else e.name_ar,
        country=ref.country,
        sector=ref.sector,
        role=role,
    )


def _confidence(src: ActorRef | None, tgt: ActorRef | None, match: Match) -> float:
    score = 0.5 + (0.2 if src else 0.0) + (0.2 if tgt else 0.0) + (0.1 if match.pattern.needs else 0.0)
    return round(min(score, 1.0), 2)
