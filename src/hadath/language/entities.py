"""Named entities and titles, resolved to canonical entities across spellings.

Three passes over the article's tokens:

1. titles ("وزير الخارجية العراقي") with the country adjective or name that qualifies them, and the
   name that may follow ("… فؤاد حسين"); a title with no name resolves through the knowledge file's
   terms of office on the publication date, or to a person named with that title elsewhere in the text;
2. names from the knowledge files (people, organisations, countries, places), longest match first, with
   attached clitics stripped from the first token ("وبغداد" → "بغداد");
3. names the knowledge files do not know, found by the statistical tagger (:mod:`hadath.language.ner`)
   when one is passed: they become entities with a transliterated English name;
4. short forms of people already named in the article ("حسين" after "فؤاد حسين"), spelling variants of
   their family names included ("بلنكن" after "أنتوني بلينكن").
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from hadath.language.knowledge import MAX_PHRASE_TOKENS, Knowledge, Known
from hadath.language.ner import Tagger
from hadath.language.ner import spans as bio_spans
from hadath.language.translit import is_name_part, transliterate
from hadath.language.words import load as load_words
from hadath.models import Entity, Mention, content_id
from hadath.text.normalize import (
    TOKEN_RE,
    Token,
    normalize,
    normalize_with_offsets,
    sentences,
    strip_clitics,
    tokenize,
)

_WORDS = load_words()  # data/lexicons/language_words.yaml
_STOP = _WORDS.name_stops
_NAME_LINKS = _WORDS.name_links
_COUNTERPART = _WORDS.counterparts
_GAP_OK = re.compile(r"^[\s\u200f\u200e]*$")
# The tagger was trained on ANERcorp, whose tokens are whitespace words with punctuation split off.
_PUNCT = "\\.,،؛;:!?؟\"'«»()\\[\\]{}“”‘’„\\-–—…/|*+=<>#@%&~^_"
_TAGGER_TOKEN = re.compile(f"[^\\s{_PUNCT}]+|[{_PUNCT}]")
_LONG_VOWELS = str.maketrans("", "", "اوي")
_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")
_LATIN = re.compile(r"[a-z]")  # normalised text is lower case
_MODEL_KINDS = {"PERS": "PER", "ORG": "ORG", "LOC": "LOC"}  # MISC (events, works, currencies) is left out


@dataclass(slots=True)
class Found:
    """Entities found in one article: mentions plus what is known about each entity."""

    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    titles: list[Mention] = field(default_factory=list)  # role references, resolved where possible


def _adjacent(text: str, a: Token, b: Token) -> bool:
    return _GAP_OK.match(text[a.end : b.start]) is not None


V = TypeVar("V")


def _longest(
    index: Mapping[tuple[str, ...], V], kb: Knowledge, toks: list[Token], i: int, text: str, most: int
) -> tuple[int, V] | None:
    """The longest key of ``index`` starting at token ``i`` (first token with clitics stripped)."""
    best: tuple[int, V] | None = None
    for first in strip_clitics(toks[i].norm):
        key = [first]
        for n in range(1, most + 1):
            if n > 1:
                j = i + n - 1
                if j >= len(toks) or not _adjacent(text, toks[j - 1], toks[j]):
                    break
                key.append(toks[j].norm)
            if tuple(key) not in kb.prefixes:
                break  # no key goes on from here
            hit = index.get(tuple(key))
            if hit is not None and (best is None or n > best[0]):
                best = (n, hit)
    return best


def _match_name(kb: Knowledge, toks: list[Token], i: int, text: str) -> tuple[int, tuple[Known, ...]] | None:
    """Longest knowledge-file name starting at token ``i``: (token count, candidates)."""
    return _longest(kb.names, kb, toks, i, text, MAX_PHRASE_TOKENS)


def _match_title(kb: Knowledge, toks: list[Token], i: int, text: str) -> tuple[int, str, str | None] | None:
    hit = _longest(kb.roles, kb, toks, i, text, 4)
    return None if hit is None else (hit[0], *hit[1])


def _unknown_name(toks: list[Token], i: int, text: str) -> int:
    """How many tokens from ``i`` look like a personal name after a title (0, 2 or 3)."""
    if i + 1 >= len(toks):
        return 0
    a, b = toks[i], toks[i + 1]
    if a.norm in _STOP or b.norm in _STOP or not _adjacent(text, a, b):
        return 0
    if not (a.text[0].isalpha() and "\u0600" <= a.text[0] <= "\u06ff"):
        return 0
    if b.norm in _NAME_LINKS and i + 2 < len(toks) and _adjacent(text, b, toks[i + 2]):
        return (_linked_name(toks, i, text) or 3) if toks[i + 2].norm not in _STOP else 0
    if a.norm.startswith("ال") or a.norm.startswith("و"):  # a title word or a new clause, not a given name
        return 0
    return 2


def _match_agent(kb: Knowledge, toks: list[Token], i: int, text: str) -> tuple[int, Entity] | None:
    """A group named by its kind ("الشرطة العراقية", "مسلحون", "قوات الاحتلال"): (end token, entity)."""
    best = _longest(kb.agents, kb, toks, i, text, 3)
    if best is None:
        return None
    n, (name_en, sector, country) = best
    end = i + n
    if end < len(toks) and _adjacent(text, toks[end - 1], toks[end]):
        adj = kb.adjectives.get(toks[end].norm)
        if adj:
            country, end = adj, end + 1
    label = kb.records.get(f"loc:{(country or '').lower()}")
    name = f"{label.name} {name_en}" if label else name_en
    surface = text[toks[i].start : toks[end - 1].end]
    ent_id = f"agt:{sector.lower()}:{(country or 'unk').lower()}:{name_en.replace(' ', '-')}"
    return end, Entity(ent_id, "ORG", name, surface, (surface,), country, sector, None)


def _people_of(kb: Knowledge, tok: Token) -> str | None:
    """The country of a plural nisba ("الفلسطينيين" → PSE), or None."""
    for form in strip_clitics(tok.norm):
        if form.endswith(("ين", "ون")) and form in kb.adjectives:
            return kb.adjectives[form]
    return None


def _inside_name(toks: list[Token], i: int) -> bool:
    """Whether token ``i`` continues a name built with بن/أبو ("محمد بن سلمان", "أبو مهدي")."""
    return (i >= 1 and toks[i - 1].norm in _NAME_LINKS) or (i >= 2 and toks[i - 2].norm in _NAME_LINKS)


def _linked_name(toks: list[Token], i: int, text: str) -> int:
    """Length of a personal name "X بن Y [Z]" starting at ``i`` (0 when there is none)."""
    if i + 2 >= len(toks) or toks[i + 1].norm not in ("بن", "بنت"):
        return 0
    if any(t.norm in _STOP for t in toks[i : i + 3]) or toks[i].norm.startswith(("ال", "و")):
        return 0
    if not (_adjacent(text, toks[i], toks[i + 1]) and _adjacent(text, toks[i + 1], toks[i + 2])):
        return 0
    family = i + 3 < len(toks) and toks[i + 3].norm.startswith("ال") and toks[i + 3].norm not in _STOP
    if not (family and _adjacent(text, toks[i + 2], toks[i + 3])):
        return 3
    if toks[i + 3].norm in _NAME_LINKS:  # "آل" opens a family name of two words: "آل الشيخ"
        ok = i + 4 < len(toks) and _adjacent(text, toks[i + 3], toks[i + 4]) and toks[i + 4].norm not in _STOP
        return 5 if ok else 3
    return 4


_PROCLITICS = frozenset("وفبلك")


def _name_start(text: str, start: int, end: int, kb: Knowledge) -> int:
    """Where a knowledge-file name begins inside the span ``start:end``: past a conjunction or preposition
    glued to it ("ومقديشو", "بالعراق" → "العراق"), so that the mention's surface is the name itself."""
    first = TOKEN_RE.match(text, start, end)
    if first is None:
        return start
    norm = normalize(first.group())
    if (norm,) in kb.prefixes:
        return start
    for form in strip_clitics(norm)[1:]:
        if (form,) in kb.prefixes and norm.endswith(form):
            lead = norm[: len(norm) - len(form)]
            if lead.endswith("ال"):
                lead = lead[:-2]  # the article belongs to the name's written form ("العراق")
            if lead and set(lead) <= _PROCLITICS:
                return _past_letters(text, start, first.end(), len(lead))
            break
    return start


def _past_letters(text: str, start: int, end: int, count: int) -> int:
    """The offset after ``count`` letters from ``start``, past the marks that follow them (ـَ)."""
    i = start
    while i < end and count:
        if normalize(text[i]):
            count -= 1
        i += 1
    while i < end and not normalize(text[i]):
        i += 1
    return i


def _entity_from_known(rec: Known, role: str | None = None) -> Entity:
    return Entity(rec.id, rec.kind, rec.name, rec.name_ar, (), rec.country, rec.sector, role)


def _pick(cands: tuple[Known, ...], country: str | None) -> Known:
    if country:
        for c in cands:
            if c.country == country:
                return c
    order = {"PER": 0, "ORG": 1, "LOC": 2}
    return sorted(cands, key=lambda c: (order.get(c.kind, 3), c.place_kind != "country"))[0]


def find_entities(
    text: str,
    kb: Knowledge,
    published: str | None,
    tagger: Tagger | None = None,
    spans: Sequence[tuple[int, int]] | None = None,
) -> Found:
    """All entity mentions and title references in ``text``; ``published`` dates terms of office.

    With a ``tagger``, names the knowledge files miss are found too; ``spans`` are the sentences it
    reads (computed when not given).
    """
    toks = tokenize(text)
    found = Found()
    taken: set[int] = set()
    role_of: dict[str, tuple[str, str | None]] = {}  # entity id → (role, country) seen in this article
    pending_titles: list[tuple[Mention, str, str | None]] = []

    def add(start: int, end: int, kind: str, ent: Entity) -> Mention:
        start = _name_start(text, start, end, kb)
        old = found.entities.get(ent.id)
        surface = text[start:end]
        if old is None:
            found.entities[ent.id] = Entity(
                ent.id, ent.kind, ent.name, ent.name_ar, (surface,), ent.country, ent.sector, ent.role
            )
        elif surface not in old.aliases:
            found.entities[ent.id] = Entity(
                old.id,
                old.kind,
                old.name,
                old.name_ar,
                (*old.aliases, surface),
                old.country or ent.country,
                old.sector or ent.sector,
                old.role or ent.role,
            )
        m = Mention(start, end, surface, kind, ent.id)
        found.mentions.append(m)
        return m

    last_role: tuple[str, str | None] | None = None
    i = 0
    while i < len(toks):
        title = _match_title(kb, toks, i, text)
        if title is None and last_role is not None and toks[i].norm in _COUNTERPART:
            title = (1, *last_role)  # "نظيره الأميركي": the counterpart holds the same office
        if title is not None:
            n, role, sector = title
            last_role = (role, sector)
            j = i + n
            country: str | None = None
            # The country: a nisba adjective ("العراقي") or a country name in construct ("خارجية إيران").
            if j < len(toks) and _adjacent(text, toks[j - 1], toks[j]):
                adj = kb.adjectives.get(toks[j].norm)
                if adj:
                    country, j = adj, j + 1
                else:
                    hit = _match_name(kb, toks, j, text)
                    if hit and any(c.place_kind == "country" for c in hit[1]):
                        country = next(c.country for c in hit[1] if c.place_kind == "country")
                        j += hit[0]
                    elif hit and any(c.kind == "ORG" for c in hit[1]):
                        # "المتحدث باسم وزارة الخارجية الإيرانية ناصر كنعاني": an office in an organisation.
                        org = next(c for c in hit[1] if c.kind == "ORG")
                        add(toks[j].start, toks[j + hit[0] - 1].end, "ORG", _entity_from_known(org))
                        taken.update(range(j, j + hit[0]))
                        country, j = org.country, j + hit[0]
            ref_start, ref_end = toks[i].start, toks[j - 1].end
            # A name may follow the title directly.
            person: Entity | None = None
            if j < len(toks) and _adjacent(text, toks[j - 1], toks[j]):
                hit = _match_name(kb, toks, j, text)
                if hit and any(c.kind == "PER" for c in hit[1]):
                    n2, cands = hit
                    rec = _pick(tuple(c for c in cands if c.kind == "PER"), country)
                    person = _entity_from_known(rec, role)
                    add(toks[j].start, toks[j + n2 - 1].end, "PER", person)
                    taken.update(range(j, j + n2))
                    j += n2
                else:
                    n2 = _unknown_name(toks, j, text)
                    if n2:
                        name_ar = text[toks[j].start : toks[j + n2 - 1].end]
                        norm = normalize(name_ar)
                        person = Entity(
                            content_id("per:", norm),
                            "PER",
                            transliterate(name_ar),
                            name_ar,
                            (),
                            country,
                            sector,
                            role,
                        )
                        add(toks[j].start, toks[j + n2 - 1].end, "PER", person)
                        taken.update(range(j, j + n2))
                        j += n2
            ref = Mention(ref_start, ref_end, text[ref_start:ref_end], "PER", "")
            if person is None and found.mentions:
                # Apposition: "سامح شكري وزير الخارجية" — the title describes the name just before it.
                prev = found.mentions[-1]
                if prev.type == "PER" and not text[prev.end : ref_start].strip(" ،,"):
                    person = found.entities[prev.entity]
            if person is not None:
                role_of[person.id] = (role, country)
                found.titles.append(Mention(ref.start, ref.end, ref.text, "PER", person.id))
            else:
                pending_titles.append((ref, role, country))
            taken.update(range(i, j))
            i = j
            continue
        hit = _match_name(kb, toks, i, text)
        if hit is not None and all(c.kind == "LOC" for c in hit[1]) and _inside_name(toks, i):
            hit = None  # "عبدالله بن محمد السويد": a family name, not Sweden
        if hit is None and (n_name := _linked_name(toks, i, text)):
            name_ar = text[toks[i].start : toks[i + n_name - 1].end]
            person = Entity(content_id("per:", normalize(name_ar)), "PER", transliterate(name_ar), name_ar)
            add(toks[i].start, toks[i + n_name - 1].end, "PER", person)
            taken.update(range(i, i + n_name))
            i += n_name
            continue
        if hit is not None:
            n, cands = hit
            rec = _pick(cands, None)
            add(toks[i].start, toks[i + n - 1].end, rec.kind, _entity_from_known(rec))
            taken.update(range(i, i + n))
            i += n
            continue
        group = _match_agent(kb, toks, i, text)
        if group is not None:
            end, ent = group
            if ent.id not in found.entities:
                found.entities[ent.id] = ent
            found.titles.append(
                Mention(
                    toks[i].start, toks[end - 1].end, text[toks[i].start : toks[end - 1].end], "ORG", ent.id
                )
            )
            taken.update(range(i, end))
            i = end
            continue
        people = _people_of(kb, toks[i])
        if people is not None:
            # "التونسيين", "الفلسطينيون": a nisba in the plural names a people, who act as their country.
            nation = kb.records.get(f"loc:{people.lower()}")
            if nation is not None:
                if nation.id not in found.entities:
                    found.entities[nation.id] = _entity_from_known(nation)
                found.titles.append(Mention(toks[i].start, toks[i].end, toks[i].text, "LOC", nation.id))
        i += 1

    _resolve_titles(found, kb, pending_titles, role_of, published)
    if tagger is not None:
        _model_names(text, toks, taken, found, tagger, sentences(text) if spans is None else spans)
    _short_forms(text, toks, taken, found)
    found.mentions.sort(key=lambda m: m.start)
    found.titles.sort(key=lambda m: m.start)
    return found


def _resolve_titles(
    found: Found,
    kb: Knowledge,
    pending: list[tuple[Mention, str, str | None]],
    role_of: dict[str, tuple[str, str | None]],
    published: str | None,
) -> None:
    """Bare titles become the person who holds them: in this article first, then in the knowledge file."""
    first_country: dict[str, str | None] = {}
    for _pid, (r, c) in role_of.items():
        first_country.setdefault(r, c)
    for ref, role, country in pending:
        if country is None:
            # "وزير الخارجية" alone: the office named with a country elsewhere in the article, first one.
            country = first_country.get(role)
        first_country.setdefault(role, country)
        person = next((pid for pid, rc in role_of.items() if rc == (role, country)), None)
        if person is None and country is not None:
            holders = kb.terms_for(role, country, published)
            if published is not None and len({t.person for t in holders}) == 1:
                rec = kb.records[holders[0].person]
                person = rec.id
                if person not in found.entities:
                    e = _entity_from_known(rec, role)
                    found.entities[person] = Entity(
                        e.id, e.kind, e.name, e.name_ar, (ref.text,), e.country, e.sector, role
                    )
        if person is None and role == "other":
            continue  # an honorific ("الدكتور", "الشيخ") with no name refers to nobody in particular
        if person is None:
            # An unnamed office holder is still an actor: "the Iraqi foreign minister".
            country_name = kb.records.get(f"loc:{(country or '').lower()}")
            label = f"{country_name.name if country_name else 'unidentified'} {role}"
            person = f"role:{role.replace(' ', '-')}:{(country or 'unk').lower()}"
            if person not in found.entities:
                found.entities[person] = Entity(
                    person, "PER", label, ref.text, (ref.text,), country, "GOV", role
                )
        found.titles.append(Mention(ref.start, ref.end, ref.text, "PER", person))


def _family_key(norm: str) -> str:
    """A family name without its long vowels: "بلينكن" and "بلنكن" meet as "بلنكن".

    Only for names that are not common Arabic names or words and keep four letters or more: without
    vowels حسين would meet حسن ("good"), محمود محمد, بري "البر" (the land).
    """
    skeleton = norm.translate(_LONG_VOWELS)
    return skeleton if len(skeleton) >= 4 and not is_name_part(norm) else norm


def _family_names(found: Found) -> dict[str, str]:
    """Skeleton of the family name → entity, for every person named with two words or more."""
    short: dict[str, str] = {}
    for m in found.mentions:
        if m.type != "PER":
            continue
        parts = [t.norm for t in tokenize(m.text)]
        if len(parts) >= 2 and parts[-1] not in _NAME_LINKS and len(parts[-1]) >= 3:
            short.setdefault(_family_key(parts[-1]), m.entity)
    return short


def _short_forms(text: str, toks: list[Token], taken: set[int], found: Found) -> None:
    """Family names (or a distinctive given name) of people named in full elsewhere in the article."""
    short = _family_names(found)
    if not short:
        return
    for idx, tok in enumerate(toks):
        if idx in taken:
            continue
        for form in strip_clitics(tok.norm):
            ent = short.get(_family_key(form))
            if ent:
                found.mentions.append(Mention(tok.start, tok.end, tok.text, "PER", ent))
                break


def _model_names(
    text: str,
    toks: list[Token],
    taken: set[int],
    found: Found,
    tagger: Tagger,
    spans: Sequence[tuple[int, int]],
) -> None:
    """Names the tagger finds where the knowledge files found nothing become entities of their own."""
    words = [[(m.start(), m.end()) for m in _TAGGER_TOKEN.finditer(text, a, b)] for a, b in spans]
    words = [w for w in words if w]
    tags = tagger.tag_document([[text[a:b] for a, b in sent] for sent in words])
    starts = [t.start for t in toks]
    busy = sorted((m.start, m.end) for m in (*found.mentions, *found.titles))
    short = _family_names(found)
    seen = {normalize(text[a:b]) for sent in words for a, b in sent}
    for sent, labels in zip(words, tags, strict=True):
        for label, i, j in bio_spans(labels):
            kind = _MODEL_KINDS.get(label)
            if kind is None:
                continue
            if kind == "PER":
                while j - i > 1 and normalize(text[slice(*sent[j - 1])]) in _NAME_LINKS:
                    j -= 1  # "صالح بن عبدالعزيز آل": the tagger stopped before the family name
                while j - i > 1 and normalize(text[slice(*sent[i])]) in _STOP:
                    i += 1  # "محافظ طبرجل": a title the knowledge files do not list
            start, end = sent[i][0], sent[j - 1][1]
            start = _without_proclitic(text, start, end, seen, kind)
            if end - start < 2 or any(a < end and start < b for a, b in busy):
                continue
            surface = text[start:end]
            norm = normalize(surface)
            parts = norm.split()
            if (
                _DIGIT.search(norm)
                or _LATIN.search(norm)
                or not all(any(c.isalpha() for c in p) for p in parts)
            ):
                continue  # digits and Latin text: the tagger was trained on Arabic names
            if kind == "PER" and parts[0].startswith("ال") and not is_name_part(parts[0]):
                continue  # "حسن الجوار", "العون العاجل": a phrase, not a person
            if kind == "PER" and len(parts) == 1 and _family_key(parts[0]) in short:
                continue  # a family name of someone already named: a short form, linked below
            if kind == "PER" and len(parts) == 1:
                continue  # one word ("محمد", "ولي") is too little to tell who is meant
            ent_id = content_id(f"{kind.lower()}:", norm)
            old = found.entities.get(ent_id)
            if old is None:
                found.entities[ent_id] = Entity(ent_id, kind, transliterate(surface), surface, (surface,))
            elif surface not in old.aliases:
                found.entities[ent_id] = replace(old, aliases=(*old.aliases, surface))
            found.mentions.append(Mention(start, end, surface, kind, ent_id))
            busy.append((start, end))
            taken.update(range(bisect_left(starts, start), bisect_left(starts, end)))
            if kind == "PER" and len(parts) >= 2 and len(parts[-1]) >= 3:
                short.setdefault(_family_key(parts[-1]), ent_id)


def _without_proclitic(text: str, start: int, end: int, seen: set[str], kind: str = "LOC") -> int:
    """Start of a name without an attached "و"/"ب"/"ل"/"ف" ("وواشنطن" → "واشنطن").

    Many places begin with one of these letters (واشنطن، بغداد، لبنان), so the letter goes only before
    "ال" or when the article also writes the word without it. A person's name after "و" loses it
    only where what follows is a known given name and the whole word is not (ومحمد, not وسام).
    """
    while start < end and unicodedata.category(text[start]) == "Cf":
        start += 1  # a bidi mark before the name is not part of it
    word = text[start:end].split(maxsplit=1)[0]
    norm, offsets = normalize_with_offsets(word)
    if len(norm) < 4 or norm[0] not in "وبلف":
        return start
    # The cut goes after the letter in the original text: past any vowel mark or bidi mark around it.
    cut = start + offsets[1]
    if norm[1:3] == "ال" or norm[1:] in seen:
        return cut
    if kind == "PER" and norm[0] == "و" and is_name_part(norm[1:]) and not is_name_part(norm):
        return cut  # "ومحمد": a known name after "و"; "وسام", "وليد" stay whole
    return start
