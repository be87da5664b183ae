"""Actors around a trigger: who is the source and who the target.

Arabic news sentences are mostly verb–subject–object ("دعا وزير الخارجية العراقي فؤاد حسين الولايات
المتحدة إلى …"), sometimes subject–verb ("وزير الخارجية تلقى اتصالاً من …"). The subject is the actor
right after the verb (only adverbs between), else the nearest actor before it; the object is the next
actor after the subject, or the first after a pattern's preposition ("من" in "تلقى اتصالاً من").
"""

from __future__ import annotations

from dataclasses import dataclass

from hadath.events.patterns import Match
from hadath.language.knowledge import Knowledge
from hadath.models import Analysis
from hadath.text.normalize import Token, normalize, strip_clitics

# Tokens that may stand between a verb and its subject: time adverbs and weekday names.
_ADVERBS = frozenset(
    normalize(w)
    for w in [
        "اليوم",
        "أمس",
        "امس",
        "الاثنين",
        "الإثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "الأحد",
        "يوم",
        "مساء",
        "صباح",
        "أيضا",
        "رسميا",
    ]
)
# Quantities between a verb and its subject: "تظاهر آلاف الإسرائيليين", "قتل عشرات من المسلحين".
_QUANTITIES = frozenset(
    normalize(w)
    for w in ["آلاف", "الاف", "مئات", "عشرات", "ألف", "آلاف", "من", "حوالي", "نحو", "قرابة", "أكثر"]
)
_LOCATIVE = frozenset(
    normalize(w)
    for w in [
        "في",
        "داخل",
        "بـ",
        "شمال",
        "جنوب",
        "شرق",
        "غرب",
        "وسط",
        "أنحاء",
        "شمالي",
        "جنوبي",
        "شرقي",
        "غربي",
        "محيط",
        "قرب",
    ]
)
# Organisations that report rather than act: a news agency "quoting" is not an event actor.
_REPORTING_SECTORS = frozenset({"MED"})
MAX_SUBJECT_GAP = 3
# Farther back than this, an actor before a trigger belongs to another clause ("… مع الولايات المتحدة حيث
# شنت الميليشيات …" must not make the US the attacker).
MAX_SUBJECT_DISTANCE = 4
_NOMINAL_ONLY = frozenset({"ASSAULT", "PROTEST"})


@dataclass(frozen=True, slots=True)
class ActorRef:
    """A span of the article that names an actor, with what the actor is."""

    start: int
    end: int
    entity: str
    name: str
    name_ar: str
    country: str | None
    sector: str | None
    locative: bool = False


def actors_in(analysis: Analysis, kb: Knowledge) -> list[ActorRef]:
    """Every actor reference in the article: people (named or by title), organisations, countries."""
    entities = {e.id: e for e in analysis.entities}
    text = analysis.article.text
    refs: list[ActorRef] = []
    spans = sorted((*analysis.titles, *analysis.mentions), key=lambda m: (m.start, -m.end))
    for m in spans:
        ent = entities.get(m.entity)
        rec = kb.records.get(m.entity)
        entity_id, country, sector = m.entity, None, None
        name, name_ar = m.text, m.text
        if ent is not None:
            country, sector, name, name_ar = ent.country, ent.sector, ent.name, ent.name_ar
        if m.type == "LOC":
            if rec is None or rec.place_kind not in ("country", "capital"):
                continue  # cities and regions are places, not actors
            if rec.place_kind == "capital" and rec.country:
                # "منعت واشنطن": a capital acting stands for its government.
                entity_id = f"loc:{rec.country.lower()}"
                country_rec = kb.records.get(entity_id)
                name = country_rec.name if country_rec else rec.name
                name_ar = country_rec.name_ar if country_rec else rec.name_ar
            country = rec.country
            sector = "GOV"
        elif m.type == "ORG" and sector in _REPORTING_SECTORS:
            continue
        if m.type == "PER" and sector is None:
            sector = "GOV" if ent is not None and ent.role else None
        # A title and the name after it ("وزير الخارجية العراقي" + "فؤاد حسين") are one reference.
        if refs and refs[-1].entity == entity_id and _gap_is_blank(text, refs[-1].end, m.start):
            prev = refs.pop()
            m_start = prev.start
        else:
            m_start = m.start
        if refs and m_start < refs[-1].end:
            continue  # nested inside the previous reference
        refs.append(
            ActorRef(
                m_start, m.end, entity_id, name, name_ar, country, sector, _is_locative(text, m_start, refs)
            )
        )
    return refs


def _gap_is_blank(text: str, a: int, b: int) -> bool:
    return 0 <= b - a <= 2 and not text[a:b].strip(" ،,")


def _is_locative(text: str, start: int, refs: list[ActorRef]) -> bool:
    """ "في العراق", "في كل من العراق وسوريا", "شمالي العراق": a place, not a participant."""
    words = [normalize(w) for w in text[max(0, start - 24) : start].split()]
    if words and words[-1] in _LOCATIVE:
        return True
    if words[-3:] == ["في", "كل", "من"]:
        return True
    first = normalize(text[start : start + 3])
    return bool(first.startswith("و") and refs and refs[-1].locative and start - refs[-1].end <= 2)


def pick_roles(
    match: Match, toks: list[Token], offset: int, refs: list[ActorRef], text: str
) -> tuple[ActorRef | None, ActorRef | None]:
    """``(source, target)`` for a trigger; either may be None."""
    trig_start = offset + toks[match.start].start
    trig_end = offset + toks[match.end - 1].end
    actors = [r for r in refs if not r.locative]
    before = [r for r in actors if r.end <= trig_start]
    after = [r for r in actors if r.start >= trig_end]
    p = match.pattern
    if match.nominal and p.plover == "PROTEST":
        # "متظاهرون فلسطينيون": the protest noun names the protesters, who are its source.
        covering = [r for r in refs if r.start <= trig_start < r.end]
        if covering:
            return covering[0], None
    if match.nominal and p.plover in _NOMINAL_ONLY:
        # "أدانت الحكومة الهجوم": a noun names an event; the verb's subject is not its perpetrator.
        # Only a genitive agent right after it is ("هجوم الجيش على …").
        agent = after[0] if after and not text[trig_end : after[0].start].strip() else None
        return (None, agent) if p.genitive == "target" else (agent, None)
    subject: ActorRef | None = None
    if p.verbs and before and not text[before[-1].end : trig_start].strip(" ،,"):
        subject = before[-1]  # subject–verb order: "وزير الخارجية العراقي يدعو نظيره …"
    elif p.verbs and after and _only_adverbs_between(toks, offset, match.end, after[0].start):
        subject = after[0]
    elif before and _tokens_between(toks, offset, before[-1].end, trig_start) <= MAX_SUBJECT_DISTANCE:
        subject = before[-1]
    rest = [r for r in after if r is not subject and (subject is None or r.start >= subject.end)]
    if p.object_after:
        anchor = next(
            (
                offset + t.end
                for t in toks[match.end :]
                if offset + t.start >= (subject.end if subject in after and subject else trig_end)
                and (t.norm in p.object_after or strip_clitics(t.norm)[-1] in p.object_after)
            ),
            None,
        )
        if anchor is not None:
            rest = [r for r in rest if r.start >= anchor]
    obj = next((r for r in rest if subject is None or r.entity != subject.entity), None)
    if p.swap:
        return obj, subject
    return subject, obj


def _tokens_between(toks: list[Token], offset: int, start: int, end: int) -> int:
    return sum(1 for t in toks if start <= offset + t.start and offset + t.end <= end)


def _only_adverbs_between(toks: list[Token], offset: int, from_tok: int, to_char: int) -> bool:
    gap = [t for t in toks[from_tok:] if offset + t.end <= to_char]
    if len(gap) > MAX_SUBJECT_GAP:
        return False
    return all(t.norm in _ADVERBS or t.norm in _QUANTITIES or t.norm.isdigit() for t in gap)
