"""Actors around a trigger: who is the source and who the target.

Arabic news sentences are mostly verb–subject–object ("دعا وزير الخارجية العراقي فؤاد حسين الولايات
المتحدة إلى …"), sometimes subject–verb ("وزير الخارجية تلقى اتصالاً من …"). The subject is the actor
right after the verb (only adverbs between), else the nearest actor before it; the object is the next
actor after the subject, or the first after a pattern's preposition ("من" in "تلقى اتصالاً من").

Attacks and protests have rules of their own (:func:`_violence_roles`): the victim of a passive or
intransitive verb ("اغتيل", "أصيب") or a counted one ("قتل 20 شخصا") is the target; the agent follows
"على يد", "برصاص", "شنه"; the target follows "على" or "ضد"; whoever "تعرض" to an attack is its target.
Beyond the named entities of the language layer, groups named by a common noun (``data/events/
actor_nouns.tsv``: "انتحاري", "وحدة", "مصورا") are actors, with the country of a nisba adjective after
them ("وحدة إسرائيلية خاصة" → ISR MIL). The words the rules look for (adverbs, markers, verbs) are in
``data/events/actor_words.yaml``, read by :func:`actor_words`.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from hadath.events.patterns import Match, event_word_at, find_triggers
from hadath.language.knowledge import Knowledge, load
from hadath.language.words import load as load_words
from hadath.models import Analysis
from hadath.text.normalize import Token, normalize, strip_clitics, tokenize, without_conjunction

ACTOR_WORDS_FILE = "data/events/actor_words.yaml"

# Sectors of the state: an institution named alone belongs to the country where it acts.
_STATE_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG"})
_IN = normalize("في")
# Organisations that report rather than act: a news agency "quoting" is not an event actor.
_REPORTING_SECTORS = frozenset({"MED"})
# Who is killed or kidnapped rather than killing: "خطف موظف بريطاني" (a British employee was kidnapped).
_VICTIM_SECTORS = frozenset({"CVL", "MED", "EDU", "BUS", "REL", "HLH"})
_NOMINAL_ONLY = frozenset({"ASSAULT", "PROTEST"})
# Types whose noun names two sides with "بين A و B": talks, deals, cooperation.
_TWO_SIDED = frozenset({"CONSULT", "AGREE", "COOPERATE"})
MAX_SUBJECT_GAP = 3
# Farther back than this, an actor before a trigger belongs to another clause ("… مع الولايات المتحدة حيث
# شنت الميليشيات …" must not make the US the attacker).
MAX_SUBJECT_DISTANCE = 4
# How many tokens after a trigger its markers may stand, and how soon after a marker the actor.
MARKER_WINDOW = 10
MARKER_GAP = 3
# How many time words and counts may stand between a verb and its object ("قتلت القوات قبل ظهر أمس
# ستة متشددين").
MAX_FILLER_GAP = 6
# How far after the verb (and its subject) the agent of a passive may be named.
PASSIVE_WINDOW = 4
# How many descriptive adjectives may stand between a noun and its nisba ("ضربات جوية أميركية").
MAX_DESCRIPTORS = 2


@dataclass(frozen=True, slots=True)
class ActorWords:
    """The word lists of the actor rules, normalised; each is described, with an example, in
    ``data/events/actor_words.yaml``."""

    adverbs: frozenset[str]
    instruments: frozenset[str]
    quantities: frozenset[str]
    locatives: frozenset[str]
    locative_phrases: tuple[tuple[str, ...], ...]
    named_for_places: frozenset[str]
    place_words: frozenset[str]
    victim_verbs: frozenset[str]
    kill_verbs: frozenset[str]
    prepositions: frozenset[str]
    launch_verbs: frozenset[str]
    undergo_verbs: frozenset[str]
    agent_markers: frozenset[str]
    passive_agent_markers: frozenset[str]
    agent_marker_prepositions: Mapping[str, str]
    target_markers: frozenset[str]
    clash_words: frozenset[str]
    clash_partner_markers: frozenset[str]
    fillers: frozenset[str]
    not_target_after: frozenset[str]
    descriptors: frozenset[str]
    verbal_nouns: frozenset[str]
    count_words: frozenset[str]
    partitive: frozenset[str]
    talk_nouns: frozenset[str]
    target_heads: frozenset[str]
    separate_markers: frozenset[str]
    clause_openers: tuple[tuple[str, ...], ...]
    resumptive: frozenset[str]


# The keys that are not lists of single words.
_PHRASE_KEYS = frozenset({"locative_phrases", "clause_openers"})
_MAPPING_KEYS = frozenset({"agent_marker_prepositions"})


@cache
def actor_words() -> ActorWords:
    """The actor word lists of ``data/events/actor_words.yaml``, read and checked once.

    Raises:
        ValueError: the file is not valid (see :func:`parse_actor_words`).
    """
    text = resources.files("hadath").joinpath(ACTOR_WORDS_FILE).read_text(encoding="utf-8")
    return parse_actor_words(text, ACTOR_WORDS_FILE)


def parse_actor_words(text: str, source: str) -> ActorWords:
    """Check and normalise the YAML ``text`` of the actor word lists; ``source`` names it in errors.

    Raises:
        ValueError: the text is no YAML mapping, a key is unknown or missing, or a list is empty or holds
            something other than words (a phrase where one word is wanted, a number).
    """
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise ValueError(f"{source}: not valid YAML ({e}); fix the syntax the parser names") from e
    if not isinstance(raw, dict):
        raise ValueError(f"{source}: expected a mapping of list names to word lists")
    expected = [f.name for f in fields(ActorWords)]
    for key in raw:
        if key not in expected:
            raise ValueError(f"{source}: unknown key {key!r}; the known keys are {', '.join(expected)}")
    for key in expected:
        if key not in raw:
            raise ValueError(f"{source}: missing key {key!r}; every list of the actor rules must be given")
    values: dict[str, Any] = {key: _entries(source, key, raw[key]) for key in expected}
    return ActorWords(**values)


def _entries(
    source: str, key: str, value: object
) -> frozenset[str] | tuple[tuple[str, ...], ...] | Mapping[str, str]:
    """The normalised entries of one key of the word file."""
    if key in _MAPPING_KEYS:
        if not isinstance(value, dict) or not value:
            raise ValueError(f"{source}: {key!r} must be a non-empty mapping of word to word")
        pairs = [(_word(source, key, k), _word(source, key, v)) for k, v in value.items()]
        return MappingProxyType(dict(pairs))
    if not isinstance(value, list) or not value:
        raise ValueError(f"{source}: {key!r} must be a non-empty list")
    if key in _PHRASE_KEYS:
        return tuple(tuple(_text(source, key, v).split()) for v in value)
    return frozenset(_word(source, key, v) for v in value)


def _text(source: str, key: str, value: object) -> str:
    norm = normalize(value).strip() if isinstance(value, str) else ""
    if not norm:
        raise ValueError(f"{source}: {key!r} holds {value!r}, which is no word")
    return norm


def _word(source: str, key: str, value: object) -> str:
    norm = _text(source, key, value)
    if len(norm.split()) != 1:
        raise ValueError(f"{source}: {key!r} holds {value!r}; write one word per entry")
    return norm


@dataclass(frozen=True, slots=True)
class _Noun:
    name: str
    sector: str
    country: str | None
    qualified: bool  # an actor only with a nisba after it: "وحدة إسرائيلية", not "الوحدة الوطنية"


@cache
def _actor_nouns() -> tuple[dict[tuple[str, ...], _Noun], int]:
    """``data/events/actor_nouns.tsv`` keyed by normalised tokens, and its longest key."""
    text = resources.files("hadath").joinpath("data/events/actor_nouns.tsv").read_text(encoding="utf-8")
    out: dict[tuple[str, ...], _Noun] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        k = tuple(t.norm for t in tokenize(row["noun_ar"]))
        out.setdefault(
            k,
            _Noun(row["name_en"], row["sector"], row.get("iso3") or None, row.get("qualified") == "yes"),
        )
    return out, max(len(k) for k in out)


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
    """Every actor reference in the article: people (named or by title), organisations, countries, and
    groups named by a common noun."""
    entities = {e.id: e for e in analysis.entities}
    text = analysis.article.text
    refs: list[ActorRef] = []
    spans = sorted((*analysis.titles, *analysis.mentions), key=lambda m: (m.start, -m.end))
    for m in spans:
        # A name's mention starts past a glued conjunction or preposition ("بـ|باكستان"); the reference
        # spans the whole word, whose clitic the rules below read.
        word_start = _word_start(text, m.start)
        word = text[word_start : m.end]
        ent = entities.get(m.entity)
        rec = kb.records.get(m.entity)
        entity_id, country, sector = m.entity, None, None
        name, name_ar = m.text, m.text
        if ent is not None:
            country, sector, name, name_ar = ent.country, ent.sector, ent.name, ent.name_ar
        in_place = False
        if m.type == "LOC":
            if rec is None or rec.place_kind not in ("country", "capital"):
                continue  # cities and regions are places, not actors
            if is_dateline(text, m.start, m.end):
                continue  # "بغداد - قتل …": where the report was filed, not who acted
            if rec.place_kind == "capital" and rec.country:
                # "منعت واشنطن": a capital acting stands for its government.
                entity_id = f"loc:{rec.country.lower()}"
                country_rec = kb.records.get(entity_id)
                name = country_rec.name if country_rec else rec.name
                name_ar = country_rec.name_ar if country_rec else rec.name_ar
            country = rec.country
            # "التونسيين": a people named by its plural nisba are civilians, not the government.
            sector = "CVL" if _is_people(word, kb) else "GOV"
            in_place = _has_bi(word, kb)  # "بباكستان", "ببغداد": in the place
        elif m.type == "ORG" and sector in _REPORTING_SECTORS:
            continue
        if m.type == "PER" and sector is None:
            sector = "GOV" if ent is not None and ent.role else None
        # A title and the name after it ("وزير الخارجية العراقي" + "فؤاد حسين") are one reference.
        if refs and refs[-1].entity == entity_id and _gap_is_blank(text, refs[-1].end, word_start):
            prev = refs.pop()
            m_start = prev.start
        else:
            m_start = word_start
        if refs and m_start < refs[-1].end:
            continue  # nested inside the previous reference
        refs.append(
            ActorRef(
                m_start,
                m.end,
                entity_id,
                name,
                name_ar,
                country,
                sector,
                in_place or _is_locative(text, m_start, refs),
            )
        )
    return _placed(analysis, _groups_named(text, _with_nouns(text, refs, kb)), kb)


def is_dateline(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` opens its line as a dateline ("بغداد/المسلة:", "القاهرة -")."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and text[end : end + 3].lstrip()[:1] in ("/", "-", "–", ":")


def _owned_by_next(text: str, noun: ActorRef, org: ActorRef) -> bool:
    """Whether ``org`` is whose the group ``noun`` is: after "من", or right after a noun in construct
    ("قوات التحالف", "مسلحو حماس"); a plural in -ون/-ين is no construct ("هاجم مسلحون الجيش": the army is
    the object). Nor is a noun with the article or an adjective ("طالبت الحكومة اليمنية مجلس الأمن": the
    council is the object): the first term of a construct takes neither."""
    gap = normalize(text[noun.end : org.start]).strip(" ،,")
    if gap == "من":
        return True
    words = normalize(text[noun.start : noun.end]).split()
    return (
        gap == ""
        and noun.country is None
        and not without_conjunction(words[0]).startswith(("ال", "لل", "بال", "كال"))
        and not words[-1].endswith(("ون", "ين", "ان"))
    )


def _groups_named(text: str, refs: list[ActorRef]) -> list[ActorRef]:
    """A group noun followed by the organisation it belongs to ("مسلحون من تنظيم داعش", "قوات التحالف
    العربي", "عناصر من حركة الشباب") is that organisation: one reference, the organisation's."""
    out: list[ActorRef] = []
    for r in refs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.entity.startswith("agt:")
            and r.entity.startswith("org:")
            and not r.locative
            and _owned_by_next(text, prev, r)
        ):
            out[-1] = replace(r, start=prev.start)
            continue
        out.append(r)
    return out


def _placed(analysis: Analysis, refs: list[ActorRef], kb: Knowledge) -> list[ActorRef]:
    """State institutions named without a country ("الحكومة", "الشرطة") take the country of the places
    their sentence names, when those are all in one country ("تظاهرات ضد الحكومة في تايلاند")."""
    out: list[ActorRef] = []
    for ref in refs:
        if ref.country is None and ref.sector in _STATE_SECTORS and ref.entity.startswith("agt:"):
            span = next((sp for sp in analysis.sentences if sp.start <= ref.start < sp.end), None)
            countries = {
                rec.country
                for m in analysis.mentions
                if m.type == "LOC" and span is not None and span.start <= m.start < span.end
                for rec in [kb.records.get(m.entity)]
                if rec is not None and rec.country
            }
            if len(countries) == 1:
                ref = _in_country(ref, countries.pop(), kb)
        out.append(ref)
    return out


def _in_country(ref: ActorRef, iso: str, kb: Knowledge) -> ActorRef:
    """A group reference (``agt:…``) placed in the country ``iso``: its id and English name say so."""
    _, sector, _, what = ref.entity.split(":", 3)
    label = kb.records.get(f"loc:{iso.lower()}")
    return replace(
        ref,
        entity=f"agt:{sector}:{iso.lower()}:{what}",
        name=f"{label.name} {ref.name}" if label else ref.name,
        country=iso,
    )


def placed_in(text: str, start: int) -> bool | None:
    """How the words before a place name at ``start`` present it: True for where something happens
    ("في جدة", "بجدة", "إلى باريس", "مدينة حلب"), False when it only names a meeting or an accord
    ("مؤتمر القاهرة"), None otherwise."""
    words = actor_words()
    word_start = _word_start(text, start)
    if "ب" in normalize(text[word_start:start]):
        return True
    prior = text[max(0, word_start - 24) : word_start].split()
    if not prior:
        return None
    forms = set(strip_clitics(normalize(prior[-1])))
    if forms & (words.locatives | words.place_words):
        return True
    return False if forms & words.named_for_places else None


def _word_start(text: str, i: int) -> int:
    """The start of the word that offset ``i`` falls in."""
    while i > 0 and (text[i - 1].isalpha() or unicodedata.category(text[i - 1]) == "Mn"):
        i -= 1
    return i


def _is_people(surface: str, kb: Knowledge) -> bool:
    return any(f.endswith(("ين", "ون")) and f in kb.adjectives for f in strip_clitics(normalize(surface)))


def _has_bi(surface: str, kb: Knowledge) -> bool:
    """Whether a place name carries the preposition بـ ("بباكستان") rather than starting with ب."""
    words = normalize(surface).split()
    first = words[0] if words else ""
    if first[:1] in ("و", "ف") and len(first) > 3:
        first = first[1:]
    return first.startswith("ب") and (first[1:],) in kb.prefixes and (first,) not in kb.prefixes


def _with_nouns(text: str, refs: list[ActorRef], kb: Knowledge) -> list[ActorRef]:
    """``refs`` plus the groups named by a common noun where no reference stands ("انتحاري",
    "وحدة إسرائيلية خاصة", "مصورا فرنسيا"). The noun takes the country of a nisba adjective after it,
    or of the organisation or country it is in construct with ("مسلحو حماس"), and a second noun of
    the kind that describes it ("مهاجم انتحاري") is part of it."""
    nouns, longest = _actor_nouns()
    toks = tokenize(text)
    refs = _with_nisba(text, toks, refs, kb)
    added: list[ActorRef] = []
    absorbed: set[int] = set()  # ids of refs a noun phrase took over
    i = 0
    while i < len(toks):
        hit = (
            None if any(r.start <= toks[i].start < r.end for r in refs) else _noun_at(toks, i, nouns, longest)
        )
        if hit is None:
            i += 1
            continue
        n, noun = hit
        end = i + n
        country = noun.country
        owned = False
        while end < len(toks) and _adjacent(text, toks[end - 1], toks[end]):
            more = _noun_at(toks, end, nouns, longest)
            if more is None or more[1].sector != noun.sector:
                break
            end += more[0]  # "مهاجم انتحاري", "مفجرون انتحاريون"
        nisba = _nisba_after(text, toks, end, kb)
        if nisba is not None:
            at, country = nisba
            end = _after_descriptors(toks, at + 1)
        elif end < len(toks) and _adjacent(text, toks[end - 1], toks[end]):
            owner = next((r for r in refs if r.start == toks[end].start), None)
            if owner is not None and owner.country and not owner.entity.startswith(("per:", "role:")):
                # "مسلحو حماس", "جنود الاحتلال": the group belongs to the organisation after it.
                country = owner.country
                absorbed.add(id(owner))
                owned = True
                end = _index_at(toks, 0, owner.end)
            elif noun.sector in _STATE_SECTORS and toks[end].norm == _IN and end + 1 < len(toks):
                # "محكمة في النمسا": a state body placed in a country is that country's.
                seat = next((r for r in refs if r.start == toks[end + 1].start), None)
                if seat is not None and seat.entity.startswith("loc:") and seat.country:
                    country = seat.country
                    owned = True
        if noun.qualified and nisba is None and not owned:
            i = end
            continue
        start, stop = toks[i].start, toks[end - 1].end
        label = kb.records.get(f"loc:{(country or '').lower()}")
        added.append(
            ActorRef(
                start,
                stop,
                f"agt:{noun.sector.lower()}:{(country or 'unk').lower()}:{noun.name.replace(' ', '-')}",
                f"{label.name} {noun.name}" if label else noun.name,
                text[start:stop],
                country,
                noun.sector,
                _is_locative(text, start, refs),
            )
        )
        i = end
    if not added:
        return refs
    # A nisba the noun took ("جنديا تركيا") is no longer a country of its own.
    kept = [
        r
        for r in refs
        if id(r) not in absorbed and not any(a.start <= r.start and r.end <= a.end for a in added)
    ]
    return sorted([*kept, *added], key=lambda r: r.start)


def _with_nisba(text: str, toks: list[Token], refs: list[ActorRef], kb: Knowledge) -> list[ActorRef]:
    """Groups the language layer found without a country take a nisba after them in the forms it does
    not know: the accusative ("15 جنديا تركيا") and after descriptive adjectives."""
    out: list[ActorRef] = []
    skip_until = -1
    for ref in refs:
        if ref.start < skip_until:
            continue  # the nisba a group took
        if ref.country is None and ref.entity.startswith("agt:"):
            nisba = _nisba_after(text, toks, _index_at(toks, 0, ref.end), kb)
            if nisba is not None:
                at, iso = nisba
                ref = replace(_in_country(ref, iso, kb), end=toks[at].end)
                skip_until = toks[at].end
        out.append(ref)
    return out


def _nisba_after(text: str, toks: list[Token], i: int, kb: Knowledge) -> tuple[int, str] | None:
    """The nisba adjective that follows token ``i - 1``, across up to ``MAX_DESCRIPTORS`` descriptive
    adjectives ("وحدة إسرائيلية خاصة", "ضربات جوية أميركية"): its token index and its country."""
    j = _after_descriptors(toks, i, MAX_DESCRIPTORS)
    if not 0 < j < len(toks) or not _adjacent(text, toks[j - 1], toks[j]):
        return None
    iso = _nisba(toks[j].norm, kb)
    return None if iso is None else (j, iso)


def _after_descriptors(toks: list[Token], i: int, most: int | None = None) -> int:
    """The token after the descriptive adjectives from ``i`` on ("إسرائيلية خاصة"), ``most`` of them
    at the most."""
    descriptors = actor_words().descriptors
    stop = len(toks) if most is None else min(len(toks), i + most)
    while i < stop and toks[i].norm in descriptors:
        i += 1
    return i


def _noun_at(
    toks: list[Token], i: int, nouns: dict[tuple[str, ...], _Noun], longest: int
) -> tuple[int, _Noun] | None:
    """The longest actor noun starting at token ``i``: (token count, noun)."""
    hit: tuple[int, _Noun] | None = None
    for first in strip_clitics(toks[i].norm):
        if first != toks[i].norm and toks[i].norm.startswith(("ب", "وب")) and not first.startswith("ب"):
            continue  # "بالقوة", "بطائرة": an instrument or a manner, not a participant
        for n in range(longest, 0, -1):
            k = (first, *(t.norm for t in toks[i + 1 : i + n]))
            if len(k) == n and k in nouns and (hit is None or n > hit[0]):
                hit = (n, nouns[k])
    return hit


def _nisba(norm: str, kb: Knowledge) -> str | None:
    """The country of a nisba adjective, also in the accusative ("فرنسيا", "تركيا" after a noun) and the
    dual."""
    for form in strip_clitics(norm):
        if form in kb.adjectives:
            return kb.adjectives[form]
        if form.endswith("يا") and form[:-1] in kb.adjectives:
            return kb.adjectives[form[:-1]]
        if form.endswith(("يان", "يين")) and form[:-2] in kb.adjectives:
            return kb.adjectives[form[:-2]]  # the dual: "جنديان تركيان", "شرطيين مصريين"
    return None


def _adjacent(text: str, a: Token, b: Token) -> bool:
    return not text[a.end : b.start].strip()


def _gap_is_blank(text: str, a: int, b: int) -> bool:
    """Nothing but a space, a comma, a dash or a bracket between two spans ("سليمان الأسد -نجل ابن عم …")."""
    return 0 <= b - a <= 3 and not text[a:b].strip(" ،,-–—()")


def _is_locative(text: str, start: int, refs: list[ActorRef]) -> bool:
    """ "في العراق", "في كل من العراق وسوريا", "شمالي العراق", "بوسط بغداد": a place, not a participant."""
    words = actor_words()
    prior = [normalize(w) for w in text[max(0, start - 24) : start].split()]
    if prior and set(strip_clitics(prior[-1])) & (words.locatives | words.named_for_places):
        return True
    if text[max(0, start - 1) : start] == "(":
        return True  # "بيشاور (باكستان)": a country glossing the place before it
    if any(prior[-len(phrase) :] == list(phrase) for phrase in words.locative_phrases):
        return True
    first = normalize(text[start : start + 3])
    return bool(first.startswith("و") and refs and refs[-1].locative and start - refs[-1].end <= 2)


def pick_roles(
    match: Match, toks: list[Token], offset: int, refs: list[ActorRef], text: str
) -> tuple[ActorRef | None, ActorRef | None]:
    """``(source, target)`` for a trigger; either may be None."""
    source, target, _ = roles_and_partners(match, toks, offset, refs, text)
    return source, target


def roles_and_partners(
    match: Match, toks: list[Token], offset: int, refs: list[ActorRef], text: str
) -> tuple[ActorRef | None, ActorRef | None, tuple[ActorRef, ...]]:
    """``(source, target, partners)``: the partners are actors joined to the subject by "و" who did the
    same to the same target ("أدانت السعودية والإمارات الهجوم": the Emirates are no target but a second
    source). Talks and deals have none: "التقى الرئيس والملك" is one meeting between the two."""
    refs = _outside_asides(match, toks, offset, refs, text)
    p = match.pattern
    if p.plover in _TWO_SIDED:
        sides = _between(match, toks, offset, _around(match, toks, offset, refs)[4], text)
        if sides is not None:
            return (*sides, ())
    if p.plover in _NOMINAL_ONLY or (match.nominal and p.plover == "COERCE"):
        # An arrest named by a noun ("أكد المحامي أن اعتقال موكله …") is no act of the subject before it.
        return _violence_roles(match, toks, offset, refs, text)
    _, trig_end, _, before, after = _around(match, toks, offset, refs)
    subject = _subject(match, toks, offset, before, after, text, bool(p.verbs))
    if (
        p.plover == "COERCE"
        and subject is not None
        and subject.start >= trig_end
        and _counted(subject, toks, offset)
    ):
        # "اعتقل أكثر من 200 مدرس": a counted group after the verb is who was arrested (the passive
        # reads the same unvowelled), as with killings.
        return None, subject, ()
    rest = [r for r in after if r is not subject and (subject is None or r.start >= subject.end)]
    partners: list[ActorRef] = []
    if subject is not None and p.plover not in _TWO_SIDED and not p.swap:
        while rest and _joined(text, partners[-1] if partners else subject, rest[0]):
            partners.append(rest.pop(0))
    if p.object_after:
        anchor = next(
            (
                offset + t.end
                for t in toks[match.end :]
                if offset + t.start >= _past(subject, trig_end)
                and (t.norm in p.object_after or strip_clitics(t.norm)[-1] in p.object_after)
            ),
            None,
        )
        if anchor is not None:
            rest = [r for r in rest if r.start >= anchor]
    obj = next((r for r in rest if subject is None or r.entity != subject.entity), None)
    if p.plover == "ACCUSE" and obj is not None:
        obj = _accused(match, toks, offset, subject, obj, text, rest)
    if p.swap:
        return obj, subject, ()
    if (
        match.nominal
        and p.mode == "visit"
        and obj is not None
        and _visitor_after(match, toks, offset, obj, text)
    ):
        # "أول زيارة لمسؤول أميركي إلى بغداد": the one after "زيارة لـ" makes it; the place after إلى hosts.
        host = next((r for r in rest if r.start > obj.end and r.entity.startswith("loc:")), None)
        return obj, host, ()
    return subject, obj, tuple(partners)


def _visitor_after(match: Match, toks: list[Token], offset: int, obj: ActorRef, text: str) -> bool:
    """Whether ``obj`` right after a visit noun is its maker: a person or group glued to "لـ"
    ("زيارة لمسؤول"), not a place ("زيارة لبغداد")."""
    if match.end >= len(toks) or obj.start != offset + toks[match.end].start:
        return False
    return text[obj.start : obj.start + 1] == "ل" and not obj.entity.startswith("loc:")


def _joined(text: str, first: ActorRef, then: ActorRef) -> bool:
    """Whether ``then`` follows ``first`` joined by "و" alone ("السعودية والإمارات", "مصر و الأردن")."""
    gap = text[first.end : then.start]
    if gap.strip() == "و":
        return True
    return not gap.strip() and text[then.start : then.start + 1] == "و" and not then.name_ar.startswith("و")


# Longer than this, text between two dashes or brackets is no aside but the body of the sentence.
_ASIDE_WORDS = 12

RELATIVES = frozenset(
    normalize(w)
    for w in ("الذي", "التي", "الذين", "اللذان", "اللذين", "اللتان", "اللتين", "اللواتي", "اللاتي")
)


def _outside_asides(
    match: Match, toks: list[Token], offset: int, refs: list[ActorRef], text: str
) -> list[ActorRef]:
    """``refs`` less those in an aside the trigger is not in: a relative clause set off by commas (in
    "اتهمت الوحدات، التي تقاتل تنظيم داعش، تركيا" the accused is Turkey, not the group the clause names),
    or words in brackets or between two dashes."""
    if not toks:
        return refs
    end = offset + toks[-1].end
    trig = offset + toks[match.start].start
    asides: list[tuple[int, int]] = []
    for k in range(1, len(toks)):
        if toks[k].norm not in RELATIVES or not any(
            c in "،," for c in text[offset + toks[k - 1].end : offset + toks[k].start]
        ):
            continue
        start = offset + toks[k].start
        close = min(
            (i for i in (text.find("،", start, end), text.find(",", start, end)) if i >= 0), default=-1
        )
        if close >= 0 and not start <= trig < close:
            asides.append((start, close))
    # Brackets and a pair of dashes set off an aside too ("سليمان الأسد -نجل ابن عم بشار الأسد- …").
    sentence_start = offset + toks[0].start
    for opener, closer in (("(", ")"), ("-", "-"), ("–", "–")):
        at = text.find(opener, sentence_start, end)
        while at >= 0:
            close = text.find(closer, at + 1, end)
            if close < 0:
                break
            if not at <= trig < close and len(text[at:close].split()) <= _ASIDE_WORDS:
                asides.append((at, close))
            at = text.find(opener, close + 1, end)
    if not asides:
        return refs
    return [r for r in refs if not any(a <= r.start < b for a, b in asides)]


def _accused(
    match: Match,
    toks: list[Token],
    offset: int,
    subject: ActorRef | None,
    obj: ActorRef,
    text: str,
    after: list[ActorRef],
) -> ActorRef | None:
    """Whom a condemnation of a deed accuses: "أدان اغتيال الوزير" names the victim, not the accused (no
    one); "أدان هجوم الجيش على القرية" names the doer right after the deed noun, "أدان الهجوم الذي نفذه
    تنظيم داعش" in a relative clause on it."""
    start = _index_at(toks, offset, _past(subject, offset + toks[match.end - 1].end))
    # The deed: a noun trigger, or an attack word even with the article ("الهجوم" points back to one).
    deed = next((m for m in find_triggers(toks[start : start + 2]) if m.nominal and m.start == 0), None) or (
        event_word_at(toks[start : start + 2], 0, "ASSAULT") if start < len(toks) else None
    )
    if deed is None or obj.start < offset + toks[start].start:
        return obj
    # "أدانت الهجمات التي شنتها جماعة بوكو حرام": the doer named in a relative clause on the deed, after
    # an adjective or two ("الهجوم الإرهابي الذي نفذه …").
    for k in range(start + deed.end, min(len(toks) - 2, start + deed.end + 3)):
        if toks[k].norm in RELATIVES:
            if toks[k + 1].norm in actor_words().agent_markers:
                doer_at = offset + toks[k + 2].start
                return next((r for r in after if r.start == doer_at), None)
            break
    noun_end = offset + toks[start + deed.end - 1].end
    right_after = not text[noun_end : obj.start].strip()
    return obj if deed.pattern.genitive == "source" and right_after else None


def _around(
    match: Match, toks: list[Token], offset: int, refs: list[ActorRef]
) -> tuple[int, int, list[ActorRef], list[ActorRef], list[ActorRef]]:
    """The trigger's start and end in the article, and its actors (places left out): all of them, those
    before it and those after it."""
    trig_start = offset + toks[match.start].start
    trig_end = offset + toks[match.end - 1].end
    actors = [r for r in refs if not r.locative]
    before = [r for r in actors if r.end <= trig_start]
    after = [r for r in actors if r.start >= trig_end]
    return trig_start, trig_end, actors, before, after


def _past(subject: ActorRef | None, trig_end: int) -> int:
    """Where an object may start: after the subject when it follows the trigger (VSO), else after the
    trigger."""
    return subject.end if subject is not None and subject.start >= trig_end else trig_end


def _tokens_between(toks: list[Token], offset: int, start: int, end: int) -> int:
    return sum(1 for t in toks if start <= offset + t.start and offset + t.end <= end)


def _only_adverbs_between(toks: list[Token], offset: int, from_tok: int, to_char: int) -> bool:
    words = actor_words()
    # Honorifics do not count: "التقى صاحب السمو الملكي الأمير …" is as close as "التقى الأمير …".
    lexicon = load_words()  # data/lexicons/language_words.yaml
    honorifics = lexicon.honorifics
    nxt = next((t for t in toks[from_tok:] if offset + t.start >= to_char), None)
    if nxt is not None and nxt.norm in lexicon.royal_titles:
        # "خادم الحرمين الشريفين الملك سلمان": a royal style before a king's title and name; without
        # them it names the king himself ("استقبل خادم الحرمين الشريفين الرئيس …").
        honorifics = honorifics | lexicon.royal_styles
    gap = [t for t in toks[from_tok:] if offset + t.end <= to_char and t.norm not in honorifics]
    if len(gap) > MAX_SUBJECT_GAP:
        return False
    return all(
        t.norm in words.adverbs
        or t.norm in words.quantities
        or t.norm.isdigit()
        or (k == 0 and t.norm in words.instruments)
        for k, t in enumerate(gap)
    )


def _subject(
    match: Match,
    toks: list[Token],
    offset: int,
    before: list[ActorRef],
    after: list[ActorRef],
    text: str,
    verbal: bool,
) -> ActorRef | None:
    """The grammatical subject of a trigger: right before a verb, right after it (VSO), or close before."""
    trig_start = offset + toks[match.start].start
    if verbal and before and not text[before[-1].end : trig_start].strip(" ،,"):
        return before[-1]  # subject–verb order: "وزير الخارجية العراقي يدعو نظيره …"
    if verbal and after and _only_adverbs_between(toks, offset, match.end, after[0].start):
        return after[0]
    if before and _tokens_between(toks, offset, before[-1].end, trig_start) <= MAX_SUBJECT_DISTANCE:
        return before[-1]
    return None


def _violence_roles(
    match: Match, toks: list[Token], offset: int, refs: list[ActorRef], text: str
) -> tuple[ActorRef | None, ActorRef | None, tuple[ActorRef, ...]]:
    """``(source, target, partners)`` of an attack or a protest; partners are second attackers joined to
    the subject by "و" ("هاجمت القوات السورية وحزب الله الزبداني")."""
    p = match.pattern
    words = actor_words()
    trig_start, trig_end, actors, before, after = _around(match, toks, offset, refs)
    head = without_conjunction(toks[match.start].norm)
    sides = _between(match, toks, offset, after, text)
    if sides is not None:
        return (*sides, ())  # "اشتباكات بين الجيش ومسلحين": the two sides of a clash
    verbal = not match.nominal or head in words.verbal_nouns
    source: ActorRef | None = None
    target: ActorRef | None = None
    co_subjects: set[int] = set()  # ids of actors joined to the subject by "و"
    if not verbal:
        covering = [r for r in refs if r.start <= trig_start < r.end]
        # "متظاهرون فلسطينيون", "انتحاري": the noun names a participant; "رهائن" names the victims.
        # Otherwise a noun names an event and the subject of the verb before it is not its agent
        # ("أدانت الحكومة الهجوم"); only a genitive right after it is ("هجوم الجيش على …",
        # "غارة جوية إسرائيلية").
        genitive = covering[0] if covering else _genitive(match, toks, offset, after, text)
        if p.genitive == "target":
            target = genitive
        else:
            source = genitive
        if p.plover == "ASSAULT" and target is None:
            target = _held_by(match, toks, offset, after)
        if p.plover == "ASSAULT" and target is None:
            # Whoever "تعرض" to the attack or "نجا" from it.
            target = _subject_of_verb_before(match, toks, offset, actors, words.undergo_verbs)
        if p.plover == "ASSAULT" and source is None:
            source = _subject_of_verb_before(match, toks, offset, actors, words.launch_verbs)
    else:
        # A verb before its subject is singular in Arabic ("قتل المسلحون"); a plural verb carries its
        # subject ("خطفوا القنصل": they kidnapped the consul), so the actor after it is the object.
        plural = _is_plural_verb(head)
        # A coordinated verb follows a clause of its own; the actor that clause ends with is no subject
        # when it stands in a prepositional phrase ("رفعوا أعلاما لحركة حماس ورددوا هتافات", "هتفوا ضد
        # حكومة البشير ورددوا"). Elsewhere an actor with لـ is often in apposition to the subject
        # ("كتائب القسام، الجناح العسكري لحركة حماس، أطلقت").
        coordinated = toks[match.start].norm != head
        free = [r for r in before if not (coordinated and _in_phrase(r, toks, offset))]
        subject = _subject(match, toks, offset, free, [] if plural else after, text, True)
        # The agent of a passive stands right after the verb and its subject; farther on, a marker
        # belongs to another clause ("فجر 3 انتحاريين أنفسهم بينما قتل الرابع برصاص رجال الأمن").
        first = _index_at(toks, offset, subject.end) if subject and subject.start >= trig_end else None
        agent = _after_marker(match, toks, offset, actors, words.passive_agent_markers, first, PASSIVE_WINDOW)
        obj = _direct_object(subject, after, toks, offset, trig_end) if p.plover == "ASSAULT" else None
        last = subject
        while last is not None:
            # "هاجمت القوات السورية وحزب الله بلدة الزبداني": a second attacker, not the target.
            partner = next((r for r in after if r.start >= last.end), None)
            if partner is None or not _joined(text, last, partner):
                break
            co_subjects.add(id(partner))
            last = partner
            if obj is partner:
                obj = next((r for r in after if r.start >= partner.end), None)
        if (
            p.plover == "ASSAULT"
            and subject is not None
            and (
                head in words.victim_verbs
                # "قتل 20 شخصا", "60 شخصا قتلوا": a counted subject with no object was killed; with
                # an object it killed ("ثمانية جنود … اختطفوا مواطنا").
                or (
                    head in words.kill_verbs
                    and obj is None
                    and (_counted(subject, toks, offset) or subject.sector in _VICTIM_SECTORS)
                )
                or (agent is not None and agent is not subject)
            )
        ):
            target = subject  # "اغتيل الوزير": the subject is the victim
        else:
            source, target = subject, obj
    subject = source  # the grammatical subject, if the source is one
    if source is None:
        source = _after_marker(match, toks, offset, actors, words.agent_markers)
    # "اشتبك متظاهرون مع الجيش": a clash verb before a protest noun gives it its other side too.
    clash = any(
        without_conjunction(t.norm) in words.clash_words
        for t in toks[max(0, match.start - 3) : match.start + 1]
    )
    markers = words.target_markers | words.clash_partner_markers if clash else words.target_markers
    marked = _after_marker(match, toks, offset, actors, markers)
    if target is None and marked is not None and marked is not source:
        target = marked
    if target is None and (verbal or p.plover == "COERCE"):
        # Failing all that, the next actor after the verb and its subject is the likeliest object (an
        # agent named after a marker further on is not the subject: "قتل ثلاثة من الشرطة في هجوم نسب
        # إلى المتمردين").
        start = _past(subject, trig_end)
        target = next(
            (r for r in after if r.start >= start and r is not source and id(r) not in co_subjects), None
        )
    if source is not None and target is not None and source.entity == target.entity:
        target = None
    partners = tuple(r for r in after if id(r) in co_subjects)
    return source, target, partners if source is subject else ()


def _between(
    match: Match, toks: list[Token], offset: int, after: list[ActorRef], text: str
) -> tuple[ActorRef, ActorRef] | None:
    """The two sides named by "بين A و B" right after a clash word or a noun of talks ("اتصال هاتفي بين
    الرئيسين …"), the first taken as the source."""
    words = actor_words()
    talks = match.nominal and match.pattern.plover in _TWO_SIDED
    if not talks and without_conjunction(toks[match.start].norm) not in words.clash_words:
        return None
    j = next((k for k in range(match.end, min(match.end + 3, len(toks))) if toks[k].norm == "بين"), None)
    if j is None:
        return None
    after_between = [r for r in after if r.start >= offset + toks[j].end]
    if (
        len(after_between) < 2
        or _tokens_between(toks, offset, offset + toks[j].end, after_between[0].start) > 2
    ):
        return None
    first, second = after_between[0], after_between[1]
    # The second side is joined by "و", on its own name or on a noun before it ("ومقاتلي تنظيم داعش").
    gap = [t for t in toks if first.end <= offset + t.start and offset + t.end <= second.start]
    if len(gap) > 2 or not (text[second.start : second.start + 1] == "و" or (gap and gap[0].norm[:1] == "و")):
        return None
    return first, second


def _held_by(match: Match, toks: list[Token], offset: int, after: list[ActorRef]) -> ActorRef | None:
    """The owner of what an attack noun hits: "قصف مواقع المعارضة", "غارات على مقرات لحركة حماس"."""
    heads = actor_words().target_heads
    for k in range(match.end, min(match.end + 3, len(toks))):
        if set(strip_clitics(toks[k].norm)) & heads:
            owner = next((r for r in after if r.start >= offset + toks[k].end), None)
            if owner is not None and _tokens_between(toks, offset, offset + toks[k].end, owner.start) == 0:
                return owner
            return None
    return None


def _in_phrase(ref: ActorRef, toks: list[Token], offset: int) -> bool:
    """Whether the reference follows a preposition or carries one ("للصين", "لحركة حماس", "ضد الحكومة")."""
    i = _index_at(toks, offset, ref.start)
    if i >= len(toks):
        return False
    if i > 0 and toks[i - 1].norm in actor_words().prepositions:
        return True
    norm = without_conjunction(toks[i].norm)
    if norm.startswith("لل"):
        return True
    prefixes = load().prefixes
    return norm[:1] in ("ل", "ب") and (norm[1:],) in prefixes and (norm,) not in prefixes


def _is_plural_verb(norm: str) -> bool:
    """ "قتلوا", "فجرا", "يحتجون": a verb with a plural or dual subject suffix."""
    if len(norm) < 4:
        return False
    return norm.endswith("وا") or norm.endswith("ا") or (norm[:1] in ("ي", "ت") and norm.endswith("ون"))


def _index_at(toks: list[Token], offset: int, char: int) -> int:
    """The index of the token that starts at or after article offset ``char``."""
    return next((i for i, t in enumerate(toks) if offset + t.start >= char), len(toks))


def _counted(ref: ActorRef, toks: list[Token], offset: int) -> bool:
    """Whether a number stands before the reference ("20 شخصا", "ثلاثة من عناصر الشرطة"), or the group
    noun is a dual, itself a count ("قتل جنديان": two soldiers were killed)."""
    words = actor_words()
    i = _index_at(toks, offset, ref.start)
    if ref.entity.startswith("agt:") and without_conjunction(toks[i].norm).endswith("ان"):
        return True
    for back in (1, 2):
        if i - back < 0:
            return False
        norm = without_conjunction(toks[i - back].norm)
        if norm.isdigit() or norm in words.count_words:
            return True
        if norm not in words.partitive:
            return False
    return False


def _direct_object(
    subject: ActorRef | None, after: list[ActorRef], toks: list[Token], offset: int, trig_end: int
) -> ActorRef | None:
    """The object right after the verb or its subject ("قتلت القوات 11 مسلحا", "اختطفوا الصحفي")."""
    start = _past(subject, trig_end)
    rest = [r for r in after if r.start >= start and r is not subject]
    if not rest:
        return None
    gap = [t for t in toks if start <= offset + t.start and offset + t.end <= rest[0].start]
    return rest[0] if _only_fillers(gap) else None


def _only_fillers(gap: list[Token]) -> bool:
    """Whether the tokens between a verb or a casualty noun and an actor are few and all time words,
    approximations or counts ("قبل ظهر أمس", "زهاء 15")."""
    return len(gap) <= MAX_FILLER_GAP and all(_is_filler(t) for t in gap)


def _is_filler(tok: Token) -> bool:
    words = actor_words()
    forms = set(strip_clitics(tok.norm))
    return tok.norm.isdigit() or bool(
        forms & (words.adverbs | words.quantities | words.count_words | words.fillers)
    )


def _genitive(
    match: Match, toks: list[Token], offset: int, after: list[ActorRef], text: str
) -> ActorRef | None:
    """The actor right after a noun trigger, or the country of a nisba after it ("قصف إسرائيلي")."""
    trig_end = offset + toks[match.end - 1].end
    if after and not text[trig_end : after[0].start].strip():
        return after[0]
    if after and match.pattern.genitive == "target":
        # "مقتل 15 جنديا تركيا": the count stands between the casualty noun and the victims.
        gap = [t for t in toks[match.end :] if offset + t.end <= after[0].start]
        if _only_fillers(gap):
            return after[0]
    j = _after_descriptors(toks, match.end, MAX_DESCRIPTORS)
    if j >= len(toks):
        return None
    kb = load()
    country = _nisba(toks[j].norm, kb)
    if country is None or _is_people(toks[j].norm, kb):
        return None
    label = kb.records.get(f"loc:{country.lower()}")
    start, end = offset + toks[j].start, offset + toks[j].end
    # An air strike, a shelling, a drone strike is an armed force's.
    sector = "MIL" if match.pattern.mode in ("aerial", "heavy-weapons", "drone") else None
    return ActorRef(
        start,
        end,
        f"loc:{country.lower()}",
        label.name if label else country,
        label.name_ar if label else text[start:end],
        country,
        sector,
    )


def _subject_of_verb_before(
    match: Match, toks: list[Token], offset: int, actors: list[ActorRef], verbs: frozenset[str]
) -> ActorRef | None:
    """The subject of one of ``verbs`` standing up to 8 tokens before a noun trigger: the actor between
    them (VSO) or the one right before the verb (SVO)."""
    lo = max(0, match.start - 8)
    verb = next(
        (i for i in range(match.start - 1, lo - 1, -1) if without_conjunction(toks[i].norm) in verbs), None
    )
    if verb is None:
        return None
    verb_end, trig_start = offset + toks[verb].end, offset + toks[match.start].start
    between = [r for r in actors if verb_end <= r.start and r.end <= trig_start]
    if between:
        return between[0]
    verb_start = offset + toks[verb].start
    close = [
        r for r in actors if r.end <= verb_start and _tokens_between(toks, offset, r.end, verb_start) <= 1
    ]
    return close[-1] if close else None


def _after_marker(
    match: Match,
    toks: list[Token],
    offset: int,
    actors: list[ActorRef],
    markers: frozenset[str],
    first: int | None = None,
    window: int = MARKER_WINDOW,
) -> ActorRef | None:
    """The first actor named within ``MARKER_GAP`` tokens after one of ``markers`` standing within
    ``window`` tokens after the trigger, or after token ``first`` ("هجوم ... على القوات", "قتل برصاص
    القناصة")."""
    words = actor_words()
    first = match.end if first is None else first
    for i in range(first, min(len(toks), first + window)):
        norm = toks[i].norm
        if norm not in markers:
            continue
        needs = words.agent_marker_prepositions.get(norm)
        if needs is not None and (i == 0 or toks[i - 1].norm != needs):
            continue
        if i + 1 < len(toks) and toks[i + 1].norm in words.not_target_after:
            continue
        lo = offset + toks[i].end
        hi = offset + toks[min(len(toks) - 1, i + MARKER_GAP)].end
        found = next((r for r in actors if lo <= r.start < hi), None)
        if found is not None:
            return found
    return None
