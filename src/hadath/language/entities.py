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
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from itertools import pairwise
from typing import TypeVar

from hadath.language.knowledge import MAX_PHRASE_TOKENS, Knowledge, Known, glued_variants, key
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
    without_conjunction,
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


def _load_months() -> tuple[frozenset[str], frozenset[str]]:
    """Gregorian month names (data/lexicons/months.tsv): normalised, and as written."""
    raw = (resources.files("hadath") / "data" / "lexicons" / "months.tsv").read_text(encoding="utf-8")
    names = [line.split("\t")[1].strip() for line in raw.splitlines()[1:] if "\t" in line]
    arabic = [w for w in names if w and " " not in w and not w.isascii()]
    return frozenset(normalize(w) for w in arabic), frozenset(unicodedata.normalize("NFC", w) for w in arabic)


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
    index: Mapping[tuple[str, ...], V],
    kb: Knowledge,
    toks: list[Token],
    i: int,
    text: str,
    most: int,
    ok: Callable[[tuple[str, ...], int, V], bool] | None = None,
) -> tuple[int, V] | None:
    """The longest key of ``index`` starting at token ``i`` (first token with clitics stripped).

    ``ok(key, n, hit)`` may refuse a candidate; a shorter one, or another form of the first token,
    is tried instead ("وجدة" refused as Oujda is still "و" + Jeddah).
    """
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
            if hit is not None and (best is None or n > best[0]) and (ok is None or ok(tuple(key), n, hit)):
                best = (n, hit)
    return best


def _lead(norm: str, form: str) -> str:
    """What clitic stripping removed in front of ``form`` ("بالعراق", "عراق" → "بال")."""
    if norm.endswith(form):
        return norm[: len(norm) - len(form)]
    return norm[: max(0, len(norm) - len(form) + 1)]  # "للعراق" → "العراق": the contracted article


def _article_dropped(norm: str, form: str) -> bool:
    """Whether ``form`` was reached by dropping the article from a word that has one: "الديلي" is not
    Dili, "المالي" (financial) not Mali. Arabic names keep or lack the article as they are written."""
    lead = _lead(norm, form)
    return (lead.endswith("ال") or lead.endswith("لل")) and not form.startswith(("ال", "ل"))


def _match_name(
    kb: Knowledge, toks: list[Token], i: int, text: str, evidence: Counter[str] | None = None
) -> tuple[int, tuple[Known, ...]] | None:
    """Longest knowledge-file name starting at token ``i``: (token count, candidates).

    Places that are also common words ("عنه" about him / Anah) count only where ``ambiguous_places.tsv``
    says they are places; a month name beside a date is a date.
    """

    def ok(k: tuple[str, ...], n: int, hit: tuple[Known, ...]) -> bool:
        if _article_dropped(toks[i].norm, k[0]) and not any(c.place_kind == "country" for c in hit):
            return False  # a country keeps its nisba reading ("السورية" → Syria), as before
        if all(c.kind == "LOC" for c in hit) or k in kb.ambiguous:
            return _place_ok(kb, toks, i, n, k, text)  # an organisation may be a word too: "القاعدة"
        return True

    return _longest(kb.names, kb, toks, i, text, MAX_PHRASE_TOKENS, ok)


_OPENERS = "(«\"“'[ـ-"
_MONTHS = _load_months()


def _before(toks: list[Token], i: int, text: str) -> Token | None:
    """The token before ``i`` when only spaces, an opening bracket or a quote stand between."""
    if i == 0:
        return None
    gap = text[toks[i - 1].end : toks[i].start]
    return toks[i - 1] if not gap.strip(" \u200f\u200e\t" + _OPENERS) else None


def _month_date(toks: list[Token], i: int, text: str) -> bool:
    """Whether token ``i`` is a month name used as a date: written exactly as the month ("آب"), or next to
    a day number, a year or another month name ("13 آب", "أغسطس/آب", "آب 2020")."""
    tok = toks[i]
    if tok.norm not in _MONTHS[0]:
        return False
    if (
        unicodedata.normalize("NFC", "".join(c for c in tok.text if not unicodedata.combining(c)))
        in _MONTHS[1]
    ):
        return True
    near = [toks[j] for j in (i - 1, i + 1) if 0 <= j < len(toks)]
    return any(_DIGIT.search(t.text) or t.norm in _MONTHS[0] for t in near)


def _place_ok(kb: Knowledge, toks: list[Token], i: int, n: int, k: tuple[str, ...], text: str) -> bool:
    """Whether the place name ``k`` at token ``i`` (``n`` tokens) is a place here and not a common word."""
    if n == 1 and (_month_date(toks, i, text) or _has_tanween(toks[i])):
        return False  # "تركياً ودولياً": an adverb ("by Turkey"); place names take no tanween
    amb = kb.ambiguous.get(k)
    if amb is None:
        return True
    end = i + n
    nxt = toks[end] if end < len(toks) and _adjacent(text, toks[end - 1], toks[end]) else None
    if nxt is not None and any(f in amb.not_before for f in strip_clitics(nxt.norm)):
        return False  # "النيل من": "to harm", not the Nile
    prev = _before(toks, i, text)
    if prev is not None and any(f in amb.not_after for f in strip_clitics(prev.norm)):
        return False  # "صلاة المغرب": the sunset prayer
    if amb.needs == "any":
        return True
    if toks[i].norm != k[0]:
        # A glued بـ is itself the commonest "in" ("بتدمر"), though not before a short name, where it
        # makes a word ("بنوك": banks, not "in Nuuk"); nor does any other clitic ("كسرت": broke).
        glued_in = toks[i].norm in ("ب" + k[0], "وب" + k[0], "فب" + k[0])
        # … and not where a definite adjective makes it a noun phrase ("بالطبقة الوسطى", "بمالي الخاص").
        adjective = nxt is not None and nxt.norm.startswith("ال")
        return (
            amb.needs == "cue" and glued_in and len(k[0]) >= 4 and not k[0].startswith("ال") and not adjective
        )
    cue = (
        next((kb.place_cues[f] for f in strip_clitics(prev.norm) if f in kb.place_cues), None)
        if prev
        else None
    )
    # A preposition, or a noun of statehood ("رئيس مالي", "عاصمة مالي"), makes a word-like name a place.
    return cue == "noun" or (cue in ("preposition", "state") and amb.needs == "cue")


# Sectors of the bodies whose envoys, spokespeople and representatives hold an office (organizations.tsv):
# government, international, military, legislature, judiciary, police.
_STATE_SECTORS = frozenset({"GOV", "IGO", "MIL", "LEG", "JUD", "COP"})


def _match_title(kb: Knowledge, toks: list[Token], i: int, text: str) -> tuple[int, str, str | None] | None:
    """The title at token ``i``: (token count, role, sector).

    A head word over a title holds its own office, not the title's: "نائب رئيس الوزراء" is the deputy
    prime minister, "مبعوث الأمين العام" the envoy, "النائب الثاني لرئيس مجلس الوزراء" the second deputy
    (past an ordinal and the ل of the construct). Before an organisation or a country a head word with
    a role of its own is a title too ("مبعوث الأمم المتحدة", "سفير السعودية").
    """
    head = _longest(kb.title_words.heads, kb, toks, i, text, 3)
    if head is not None:
        n, template = head
        k = i + n
        while _next_in(toks, k, text, kb.title_words.ordinals):
            k += 1
        if k < len(toks) and _adjacent(text, toks[k - 1], toks[k]) and not _leads_with(kb, toks[k], "وفبك"):
            inner = _match_title(kb, toks, k, text)
            if inner is not None and inner[1] != "other":
                n2, role, sector = inner
                return k + n2 - i, template.format(role) if "{}" in template else template, sector
            hit = _match_name(kb, toks, k, text) if "{}" not in template and k == i + n else None
            if hit and any(c.sector in _STATE_SECTORS or c.place_kind == "country" for c in hit[1]):
                # Only a state's or an international body's envoy holds an office: "ممثل شركة أرامكو"
                # is the company speaking, and the company stays a name of its own.
                return n, template, "GOV"
    plain = _longest(kb.roles, kb, toks, i, text, 4)
    return None if plain is None else (plain[0], *plain[1])


def _next_in(toks: list[Token], k: int, text: str, words: frozenset[str]) -> bool:
    """Whether token ``k`` follows token ``k - 1`` directly and is one of ``words``."""
    return 0 < k < len(toks) and toks[k].norm in words and _adjacent(text, toks[k - 1], toks[k])


def _leads_with(kb: Knowledge, tok: Token, letters: str) -> bool:
    """Whether the clitics glued before the title, name or kin word in ``tok`` include one of
    ``letters`` ("ووزير": و; "بنائب": ب; "لرئيس": ل)."""
    for form in strip_clitics(tok.norm):
        if (form,) in kb.prefixes or form in kb.title_words.kin:
            return any(c in letters for c in _lead(tok.norm, form).removesuffix("ال"))
    return False


def _unknown_name(toks: list[Token], i: int, text: str, kb: Knowledge | None = None) -> int:
    """How many tokens from ``i`` look like a personal name after a title (0, or 2 to 5).

    Two words at least; a third and fourth run on while they look like name parts ("رمضان أحمد
    قاديروف", "مولود جاوش أوغلو") and stop at a verb, a preposition, a title or punctuation.
    """
    if i + 1 >= len(toks):
        return 0
    a, b = toks[i], toks[i + 1]
    if _is_stop(a) or _is_stop(b) or not _adjacent(text, a, b):
        return 0
    if not (a.text[0].isalpha() and "\u0600" <= a.text[0] <= "\u06ff"):
        return 0
    if kb is not None and (_not_name_word(kb, a) or _not_name_word(kb, b)):
        return 0
    if b.norm in _NAME_LINKS and i + 2 < len(toks) and _adjacent(text, b, toks[i + 2]):
        return (_linked_name(toks, i, text) or 3) if not _is_stop(toks[i + 2]) else 0
    if a.norm.startswith("ال") or a.norm.startswith("و"):  # a title word or a new clause, not a given name
        return 0
    n = 2
    while kb is not None and n < 4 and i + n < len(toks) and _adjacent(text, toks[i + n - 1], toks[i + n]):
        if not _name_tail(kb, toks[i + n]) or _starts_other(kb, toks, i + n, text):
            break
        n += 1
    return n


def _is_stop(tok: Token) -> bool:
    """A word that ends a name; the given name "علي" is not the preposition "على" it normalises to."""
    return _is_stop_word(tok.text, tok.norm)


def _is_stop_word(word: str, norm: str | None = None) -> bool:
    norm = normalize(word) if norm is None else norm
    if norm == "علي" and word.endswith("ي"):
        return False
    return norm in _STOP


def _starts_other(kb: Knowledge, toks: list[Token], j: int, text: str) -> bool:
    """Whether a known organisation, place, title or group begins at token ``j`` ("… مجلس الأمن")."""
    hit = _match_name(kb, toks, j, text)
    if hit is not None and any(c.kind != "PER" for c in hit[1]):
        return True
    return _match_title(kb, toks, j, text) is not None or _match_agent(kb, toks, j, text) is not None


def _has_tanween(tok: Token) -> bool:
    """Indefinite case endings (اً، ـٌ، ـٍ) mark common nouns and adverbs, never a name in news."""
    return any(c in tok.text for c in "\u064b\u064c\u064d")


def _not_name_word(kb: Knowledge, tok: Token) -> bool:
    """Whether a word cannot be part of a personal name: a function word, a word the lexicons list as
    ordinary vocabulary, a word with tanween, a title, or a dual or plural nisba ("أمريكيان")."""
    norm = tok.norm
    if is_name_part(norm):
        return False
    if norm in _STOP or norm in kb.not_names or _has_tanween(tok) or len(norm) < 2:
        return True
    if any((f,) in kb.roles or (f,) in kb.title_words.heads or f in _STOP for f in strip_clitics(norm)):
        return True  # a title, with or without the article: "الوزير"
    forms = strip_clitics(norm)
    if any(f in kb.not_names for f in forms[1:]) and norm[:1] in "وبلفك":
        return True  # "بفيروس", "لموسكو" is handled by the place index; this is vocabulary
    for suffix in ("يان", "يين", "يون", "ان", "ين", "ون"):
        base = norm[: -len(suffix)] + ("ي" if suffix.startswith("ي") else "")
        if norm.endswith(suffix) and len(base) >= 4 and base in kb.adjectives and base != norm:
            return True  # "أمريكيان", "السعوديين": people of a country, not a family name
    return False


def _name_tail(kb: Knowledge, tok: Token) -> bool:
    """Whether a third or fourth word after a title still belongs to the name.

    In verb–subject–object order the object follows the subject's name directly ("دعا وزير الخارجية
    أحمد السالم مجلس الأمن"), so past two words a name goes on only with a word that looks like a family
    name: a name part, a nisba ("الهاشمي"), a foreign family-name ending, or a plain word no lexicon knows.
    """
    norm = tok.norm
    if norm in _WORDS.name_tail_stops or tok.text.lstrip("وف") in ("على", "إلى"):
        return False  # "صباح اليوم"; "على" is spelt like the name "علي" once normalised
    if is_name_part(norm) or norm in _NAME_LINKS:
        return True
    if _not_name_word(kb, tok) or not tok.text[0].isalpha():
        return False
    if norm.startswith("ال"):
        return norm.endswith("ي") and len(norm) >= 5  # a nisba family name, not "الهجوم"
    if norm.startswith(("بال", "لل", "كال", "فال", "وال")) or norm[:1] == "و":
        return False  # a preposition or conjunction with the article begins a phrase: "للصحفيين"
    if norm[:1] in "بلك" and norm.endswith(("ه", "ها", "هم", "هما")) and len(norm) >= 4:
        return False  # "بشدة", "بمكتبه": a preposition and a noun
    if any(c.kind != "PER" for c in kb.names.get((norm,), ())) or any(
        f in kb.adjectives for f in strip_clitics(norm)[1:]
    ):
        return False  # a place or a country next to the name: "… رئيس الشيشان"
    return not norm.startswith(("ي", "ت")) or len(norm) < 4 or norm.endswith(("وف", "وغلو", "اوغلو"))


def _place_as_given_name(
    kb: Knowledge, toks: list[Token], i: int, hit: tuple[int, tuple[Known, ...]], text: str
) -> int:
    """How many tokens from ``i`` are a personal name that begins with a place's name (0 if none).

    Right after a reporting verb, a province or city followed by a word that can only be a name is the
    given name of the speaker ("دعا صلاح الدين دمرداش"). A country or a capital is its government
    there ("قالت القاهرة"); after a place, vocabulary, a pronoun suffix, an adverb in -ا or the start of
    another name is no name, and the place stays a place.
    """
    n, cands = hit
    if any(c.kind != "LOC" or c.place_kind in ("country", "capital") for c in cands):
        return 0
    if tuple(t.norm for t in toks[i : i + n]) not in kb.names:
        return 0  # a glued clitic ("بصلاح الدين") makes a place phrase, not a name
    prev = _before(toks, i, text)
    if prev is None or without_conjunction(prev.norm) not in _WORDS.reporting_verbs:
        return 0
    end = i + n
    while end < len(toks) and end - i < n + 2 and _adjacent(text, toks[end - 1], toks[end]):
        tok = toks[end]
        if (
            not _name_tail(kb, tok)
            or _starts_other(kb, toks, end, text)
            or _match_name(kb, toks, end, text) is not None
            or tok.norm.endswith(("ها", "هم", "هما", "كم"))
            or (tok.norm.endswith("ا") and not is_name_part(tok.norm))  # an adverb: "رسميا"
        ):
            break
        end += 1
    return end - i if end > i + n else 0


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


def _inside_name(toks: list[Token], i: int, kb: Knowledge) -> bool:
    """Whether token ``i`` continues a name built with بن/أبو ("محمد بن سلمان", "أبو مهدي"); not after
    a verb spelt like a link ("آل إليه السودان": "Sudan came to").
    """
    if i >= 1 and toks[i - 1].norm in _NAME_LINKS:
        return True
    return i >= 2 and toks[i - 2].norm in _NAME_LINKS and not _not_name_word(kb, toks[i - 1])


def _linked_name(toks: list[Token], i: int, text: str) -> int:
    """Length of a personal name "X بن Y [Z]" starting at ``i`` (0 when there is none)."""
    if i + 2 >= len(toks) or toks[i + 1].norm not in ("بن", "بنت"):
        return 0
    if any(_is_stop(t) for t in toks[i : i + 3]) or toks[i].norm.startswith(("ال", "و")):
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


def _patronymic_tail(kb: Knowledge, toks: list[Token], j: int, text: str) -> int:
    """How many tokens from ``j`` continue a known person's name with "بن X": the file knows "محمد بن
    سلمان", the article writes "محمد بن سلمان بن عبدالعزيز"."""
    n = 0
    while (
        j + n + 1 < len(toks)
        and toks[j + n].norm in ("بن", "بنت")
        and _adjacent(text, toks[j + n - 1], toks[j + n])
        and _adjacent(text, toks[j + n], toks[j + n + 1])
        and not _is_stop(toks[j + n + 1])
        and not _not_name_word(kb, toks[j + n + 1])
    ):
        n += 2
        if (
            toks[j + n - 1].norm == "عبد"
            and j + n < len(toks)
            and _adjacent(text, toks[j + n - 1], toks[j + n])
        ):
            n += 1  # "بن عبد العزيز"
    return n


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


def _pick(cands: tuple[Known, ...], country: str | None, evidence: Counter[str] | None = None) -> Known:
    """The candidate a name means: the one of ``country`` if given; for places of different countries
    ("عمان": Amman or Oman) the country the rest of the article names most; else people before
    organisations before places, countries before cities."""
    if country:
        for c in cands:
            if c.country == country:
                return c
    order = {"PER": 0, "ORG": 1, "LOC": 2}
    ranked = sorted(cands, key=lambda c: (order.get(c.kind, 3), c.place_kind != "country"))
    places = [c for c in cands if c.kind == "LOC" and c.country]
    if evidence and len({c.country for c in places}) > 1:
        best = max(places, key=lambda c: evidence[c.country or ""])
        if evidence[best.country or ""] > max(evidence[c.country or ""] for c in places if c is not best):
            return best
    return ranked[0]


def _bare_reference(kb: Knowledge, tok: Token, evidence: Counter[str], text: str) -> Known | None:
    """The country a word like "المملكة" stands for: the one of its candidates the article names most,
    by name, capital or nisba; None when none is named or two tie (``bare_references.tsv``), in a list
    ("وهي: المملكة، الإمارات، الكويت"), or where another "المملكة …" (the United Kingdom) is named."""
    word = next((f for f in strip_clitics(tok.norm) if f in kb.bare), None)
    cands = kb.bare[word] if word else ()
    if (
        not word
        or not cands
        or any(c in "،,:" for c in text[tok.end : tok.end + 2] + text[max(0, tok.start - 2) : tok.start])
    ):
        return None
    if any(evidence[c] for c in _kingdoms(kb, word) if c not in cands):
        return None
    counts = sorted(((evidence[c], c) for c in cands), reverse=True)
    if counts[0][0] == 0 or (len(counts) > 1 and counts[1][0] == counts[0][0]):
        return None
    return kb.records.get(f"loc:{counts[0][1].lower()}")


def _kingdoms(kb: Knowledge, word: str) -> set[str]:
    """Countries the knowledge files name "<word> …" ("المملكة المتحدة"): naming any that is not a
    candidate makes a bare "المملكة" unsafe to resolve."""
    return {
        c.country or ""
        for key_, cands in kb.names.items()
        if len(key_) > 1 and key_[0] == word
        for c in cands
        if c.place_kind == "country"
    }


def _country_evidence(kb: Knowledge, toks: list[Token]) -> Counter[str]:
    """How often the article points at each country: by name, capital or nisba adjective (الأردني)."""
    seen: Counter[str] = Counter()
    for tok in toks:
        for form in strip_clitics(tok.norm):
            if form in kb.adjectives:
                seen[kb.adjectives[form]] += 1
                break
            cands = kb.names.get((form,), ())
            countries = {
                c.country for c in cands if c.kind == "LOC" and c.place_kind in ("country", "capital")
            }
            if len(countries) == 1 and len(cands) == 1:
                seen[next(iter(countries)) or ""] += 1
                break
    return seen


def _org_of_other_country(
    kb: Knowledge, rec: Known, toks: list[Token], end: int, text: str
) -> tuple[int, Entity] | None:
    """An organisation name followed by another country's nisba ("مجلس الشيوخ الفرنسي") is that
    country's body, not the default the bare name resolves to (the US Senate): (end token, entity)."""
    if (
        rec.kind != "ORG"
        or not rec.country
        or end >= len(toks)
        or not _adjacent(text, toks[end - 1], toks[end])
    ):
        return None
    country = kb.adjectives.get(toks[end].norm)
    if not country or country == rec.country:
        return None
    home, other = kb.records.get(f"loc:{rec.country.lower()}"), kb.records.get(f"loc:{country.lower()}")
    base = rec.name.replace(home.name, "").strip() if home else rec.name
    name = f"{other.name if other else country} {base}"
    surface = text[toks[end - 1].start : toks[end].end]
    ent_id = content_id("org:", f"{country}:{base}")
    return end + 1, Entity(ent_id, "ORG", name, surface, (), country, rec.sector, None)


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
    chain: list[_TitleRef] = []  # every title, in order, with the person it names where one follows

    def add(start: int, end: int, kind: str, ent: Entity) -> Mention:
        if ent.id in kb.records:  # an unknown name's first letter may look like a clitic ("فراس")
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
    evidence = _country_evidence(kb, toks)
    i = 0
    while i < len(toks):
        title = _match_title(kb, toks, i, text)
        if title is not None:
            whole = _match_name(kb, toks, i, text, evidence)
            if whole is not None and whole[0] > title[0] and any(c.kind == "PER" for c in whole[1]):
                title = None  # "الملك سلمان": a person the knowledge files name with the title
        if title is None and last_role is not None and toks[i].norm in _COUNTERPART:
            title = (1, *last_role)  # "نظيره الأميركي": the counterpart holds the same office
        if title is not None:
            n, role, sector = title
            last_role = (role, sector)
            j = i + n
            if role == "military commander":
                while _next_in(toks, j, text, kb.title_words.ranks):
                    j += 1  # "اللواء ركن", "الفريق أول ركن": the rank runs on
            j = _past_complement(kb, toks, j, text)
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
            if j < len(toks) and toks[j].norm in _WORDS.former and _adjacent(text, toks[j - 1], toks[j]):
                role, j = f"former {role}", j + 1  # "الرئيس اليمني السابق": not today's office holder
            j = _past_complement(kb, toks, j, text)
            if role in ("envoy", "ambassador") and _next_in(toks, j, text, kb.title_words.destinations):
                # "مبعوث الأمم المتحدة إلى اليمن", "سفير السعودية لدى واشنطن": where the holder is sent,
                # which is no country of theirs; the name comes after it.
                dest = _match_name(kb, toks, j + 1, text) if _adjacent(text, toks[j], toks[j + 1]) else None
                if dest is not None and all(c.kind == "LOC" for c in dest[1]):
                    rec = _pick(dest[1], None, evidence)
                    add(toks[j + 1].start, toks[j + dest[0]].end, "LOC", _entity_from_known(rec))
                    j += 1 + dest[0]
            ref_start, ref_end = toks[i].start, toks[j - 1].end
            # A name may follow the title directly, or after an honorific ("وزير الخارجية الأستاذ …").
            while (
                j + 1 < len(toks)
                and toks[j].norm in _WORDS.honorifics
                and _adjacent(text, toks[j - 1], toks[j])
            ):
                j += 1
            person: Entity | None = None
            if j < len(toks) and _adjacent(text, toks[j - 1], toks[j]):
                hit = _match_name(kb, toks, j, text)
                if hit and any(c.kind == "PER" for c in hit[1]):
                    n2, cands = hit
                    n2 += _patronymic_tail(kb, toks, j + n2, text)
                    rec = _pick(tuple(c for c in cands if c.kind == "PER"), country)
                    person = _entity_from_known(rec, role)
                    add(toks[j].start, toks[j + n2 - 1].end, "PER", person)
                    taken.update(range(j, j + n2))
                    j += n2
                elif hit is None or not any(c.kind == "ORG" or c.place_kind == "country" for c in hit[1]):
                    # A known organisation or country after the title is its object, never the
                    # holder's name ("طالب الرئيس اليمني مجلس الأمن بالتدخل").
                    n2 = _unknown_name(toks, j, text, kb)
                    rec_short = (
                        _known_without_patronymic(kb, text[toks[j].start : toks[j + n2 - 1].end])
                        if n2
                        else None
                    )
                    if rec_short is not None:
                        person = _entity_from_known(rec_short, role)
                        add(toks[j].start, toks[j + n2 - 1].end, "PER", person)
                        taken.update(range(j, j + n2))
                        j += n2
                    elif n2:
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
            chain.append(
                _TitleRef(
                    ref_start,
                    ref_end,
                    role,
                    country,
                    person.id if person is not None else None,
                    _leads_with(kb, toks[i], "وف"),
                    _leads_with(kb, toks[i], "بلك"),
                    role.startswith(("deputy ", "assistant ")),
                )
            )
            taken.update(range(i, j))
            i = j
            continue
        hit = _match_name(kb, toks, i, text)
        if hit is not None and all(c.kind == "LOC" for c in hit[1]) and _inside_name(toks, i, kb):
            hit = None  # "عبدالله بن محمد السويد": a family name, not Sweden
        if hit is None and (n_name := _linked_name(toks, i, text)):
            name_ar = text[toks[i].start : toks[i + n_name - 1].end]
            rec_short = _known_without_patronymic(kb, name_ar)
            person = (
                _entity_from_known(rec_short)
                if rec_short
                else Entity(content_id("per:", normalize(name_ar)), "PER", transliterate(name_ar), name_ar)
            )
            add(toks[i].start, toks[i + n_name - 1].end, "PER", person)
            taken.update(range(i, i + n_name))
            i += n_name
            continue
        if hit is not None and (n_name := _place_as_given_name(kb, toks, i, hit, text)):
            # "دعا صلاح الدين دمرداش": a governorate's name is his given name.
            name_ar = text[toks[i].start : toks[i + n_name - 1].end]
            person = Entity(content_id("per:", normalize(name_ar)), "PER", transliterate(name_ar), name_ar)
            add(toks[i].start, toks[i + n_name - 1].end, "PER", person)
            taken.update(range(i, i + n_name))
            i += n_name
            continue
        if hit is not None:
            n, cands = hit
            rec = _pick(cands, None, evidence)
            other = _org_of_other_country(kb, rec, toks, i + n, text)
            if other is not None:
                end, ent = other
                add(toks[i].start, toks[end - 1].end, "ORG", ent)
                taken.update(range(i, end))
                i = end
                continue
            if rec.kind == "PER":
                n += _patronymic_tail(kb, toks, i + n, text)
            add(toks[i].start, toks[i + n - 1].end, rec.kind, _entity_from_known(rec))
            taken.update(range(i, i + n))
            i += n
            continue
        meant = _bare_reference(kb, toks[i], evidence, text)
        if meant is not None:
            add(toks[i].start, toks[i].end, "LOC", _entity_from_known(meant))
            taken.add(i)
            i += 1
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

    if tagger is not None:
        # Before deciding whose each title is, so that a name only the tagger knows takes the titles
        # beside it ("نائب وزير الخارجية السوري، فيصل المقداد").
        sents = sentences(text) if spans is None else spans
        _model_names(text, toks, taken, found, tagger, sents, kb, [(t.start, t.end) for t in chain])
    role_of, pending_titles = _chained(text, found, chain, kb, toks, published)
    _resolve_titles(found, kb, pending_titles, role_of, published)
    _kinship(text, toks, found, kb)
    _merge_people(found, kb)
    _short_forms(text, toks, taken, found)
    found.mentions.sort(key=lambda m: m.start)
    found.titles.sort(key=lambda m: m.start)
    return found


@dataclass(frozen=True, slots=True)
class _TitleRef:
    """A title found in the text, before deciding whose it is."""

    start: int
    end: int
    role: str
    country: str | None
    person: str | None  # the name right after the title, if any
    conjoined: bool  # a glued "و"/"ف": "ووزير الخارجية"
    preposition: bool  # a glued "ب"/"ل"/"ك": "بنائب رئيس الوزراء"
    deputy: bool  # a deputy's office, which "و" joins to the same person's next title


def _apposed(text: str, a: int, b: int) -> bool:
    """Whether only spaces or a comma stand between offsets ``a`` and ``b``."""
    return 0 <= b - a <= 3 and not text[a:b].strip(" ،,\u200f\u200e")


_SENTENCE_END = re.compile(r"[.!?؟\n]")
# Words an object verb may stand before its subject's name: "استقبل خادم الحرمين الشريفين الملك سلمان"
# (four), "استقبل صاحب السمو الملكي الأمير محمد بن سلمان" (four), with room for a day ("اليوم").
_VERB_REACH = 6
# Words of time that may stand between a verb's subject and its object ("استقبل فلان اليوم وفدا").
_TIME_WORDS = frozenset(normalize(w) for w in ("اليوم", "أمس", "مساء", "صباح", "ظهر"))


@dataclass(frozen=True, slots=True)
class _Subject:
    """What tells whether the titles after a name describe it or are the object of its verb."""

    text: str
    toks: list[Token]
    starts: list[int]  # of ``toks``
    kb: Knowledge
    published: str | None
    names: list[Mention]  # PER mentions by start
    name_starts: list[int]
    seq: list[tuple[int, int, int, str | None]]  # names and titles in text order (see _chained)

    def subject_titles(
        self, pos: int, run: list[int], titles: list[_TitleRef], who: str, country: str | None
    ) -> int:
        """How many titles of ``run`` (in apposition after the name at ``seq[pos]``) are the person's.

        After a verb whose object may follow its subject directly ("استقبل الملك سلمان وزير الخارجية":
        the king received the minister), the titles are the object unless the person holds the office
        on the day ("محمد بن سلمان ولي ولي العهد وزير الدفاع" in 2015: the whole chain up to the office
        held), commas set them off ("الأمير محمد بن سلمان، وزير الدفاع،"), or, where the knowledge files
        know no holder of the office, an object follows later in the sentence ("استقبل الأمير فلان أمير
        المنطقة بمكتبه سفير اليابان").
        """
        start, stop = self.seq[pos][0], self.seq[pos][1]
        if not self._after_verb(start, who):
            return len(run)
        gaps = [self.text[stop : titles[run[0]].start]]
        gaps += [self.text[titles[a].end : titles[b].start] for a, b in pairwise(run)]
        keep = 0
        if _has_comma(gaps[0]):
            keep = 1  # an aside opened by a comma runs to the next comma
            while keep < len(run) and not _has_comma(gaps[keep]):
                keep += 1
        held = [self._holds(who, country, titles[k]) for k in run]
        keep = max(keep, max((n + 1 for n, h in enumerate(held) if h), default=0))
        if keep < len(run) and (
            self._object_after(titles[run[-1]].end) or self._own_object_after(titles[run[-1]].end)
        ):
            while keep < len(run) and held[keep] is None:
                keep += 1
        return keep

    def _own_object_after(self, offset: int) -> bool:
        """Whether the verb's own object follows the titles: a "بـ" phrase or an indefinite noun in the
        accusative, after a time word or two ("التقى محمد العبيدي وزير الدفاع العراقي بعدد من …",
        "استقبل فلان الأمين العام للجامعة اليوم وفدا"); the titles are then the subject's."""
        i = bisect_left(self.starts, offset)
        for j in range(i, min(len(self.toks), i + 3)):
            norm = self.toks[j].norm
            if norm in _TIME_WORDS:
                continue
            if norm.startswith("ب") and not norm.startswith(("بن", "بنت")) and len(norm) > 3:
                return True
            return norm.endswith("ا") and not norm.startswith("ال") and len(norm) > 3
        return False

    def _after_verb(self, start: int, who: str) -> bool:
        """Whether the name at offset ``start`` is the subject of an object verb a few words before it,
        with no punctuation and no other person's name between ("استقبل خادم الحرمين الشريفين الملك")."""
        i = bisect_right(self.starts, start) - 1  # the token holding the name's start
        for j in range(i - 1, max(-1, i - 1 - _VERB_REACH), -1):
            if not _adjacent(self.text, self.toks[j], self.toks[j + 1]):
                return False
            if without_conjunction(self.toks[j].norm) in self.kb.title_words.object_verbs:
                return True
            other = self._name_at(self.toks[j].start)
            if other is not None and other.entity != who:
                return False  # "التقى الرئيس السيسي الأمير محمد بن سلمان": he is the object himself
        return False

    def _name_at(self, offset: int) -> Mention | None:
        at = bisect_right(self.name_starts, offset) - 1
        return self.names[at] if at >= 0 and self.names[at].end > offset else None

    def _holds(self, who: str, country: str | None, title: _TitleRef) -> bool | None:
        """Whether ``who`` holds the title's office on the day: None where the files know no holder."""
        where = title.country or country
        if where is None or title.role == "other":
            return None
        holders = {t.person for t in self.kb.terms_for(title.role, where, self.published)}
        return who in holders if holders else None

    def _object_after(self, offset: int) -> bool:
        """Whether a name or a title follows ``offset`` in the same sentence."""
        at = bisect_left(self.seq, (offset,))
        return at < len(self.seq) and not _SENTENCE_END.search(self.text[offset : self.seq[at][0]])


def _has_comma(gap: str) -> bool:
    return "،" in gap or "," in gap


def _chained(
    text: str,
    found: Found,
    titles: list[_TitleRef],
    kb: Knowledge,
    toks: list[Token],
    published: str | None,
) -> tuple[list[tuple[str, str, str | None]], list[tuple[Mention, str, str | None, str | None]]]:
    """Whose each title is: ``(person, role, country)`` of the titles that name someone, and the titles
    left to resolve by office, with the country to assume when none is named.

    A chain of titles belongs to the name it stands beside. After a name, titles in apposition describe
    it ("الأمير محمد بن سلمان ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء وزير الدفاع"), unless a
    preposition governs them ("سامح شكري، بنائب رئيس الوزراء": he met the deputy), "و" adds a second
    person right after the name ("الملك سلمان وولي العهد"), their country is not the person's, or they
    are the object of a verb whose subject the name is (:meth:`_Subject.subject_titles`): an object
    with no country of its own is of the subject's ("استقبل الملك سلمان وزير الخارجية": the Saudi one),
    unless the article names that office with a country.
    Titles before a name describe it ("نائب رئيس الوزراء ووزير خارجية دولة الكويت، الشيخ صباح"),
    and lend it their country when it has none; "و" joins them only after a deputy's office, since
    "الرئيس ووزير الخارجية X" names two people.
    """
    owner: list[str | None] = [t.person for t in titles]
    names = sorted((m for m in found.mentions if m.type == "PER"), key=lambda m: m.start)
    # (start, end, title index or -1, person) in text order; a name sorts after its own title.
    seq = sorted(
        [(t.start, t.end, k, t.person) for k, t in enumerate(titles)]
        + [(m.start, m.end, -1, m.entity) for m in names],
        key=lambda x: (x[0], x[2] == -1),
    )

    def agrees(person: str, country: str | None) -> bool:
        ent = found.entities.get(person)
        return country is None or ent is None or ent.country is None or ent.country == country

    # Runs of titles in apposition after each name: (position of the name in ``seq``, title indices).
    runs: list[tuple[int, list[int]]] = []
    person: str | None = None
    end, apposed = -1, 0
    for pos, (start, stop, k, named) in enumerate(seq):
        if k < 0:
            person, end, apposed = named, stop, 0
            runs.append((pos, []))
            continue
        t = titles[k]
        if named is not None:
            person = None  # the title's own name comes next
        elif (
            person is not None
            and _apposed(text, end, start)
            and not t.preposition
            and (apposed or not t.conjoined)
            and agrees(person, t.country)
        ):
            runs[-1][1].append(k)
            end, apposed = stop, apposed + 1
        else:
            person = None
    starts = [t.start for t in toks]
    context = _Subject(text, toks, starts, kb, published, names, [m.start for m in names], seq)
    home: dict[int, str | None] = {}  # title index → the country of the subject whose object it is
    for pos, run in runs:
        if not run:
            continue
        who = seq[pos][3]
        ent = found.entities.get(who or "")
        country = ent.country if ent else None
        keep = context.subject_titles(pos, run, titles, who or "", country)
        for k in run[:keep]:
            owner[k] = who
        home.update((k, country) for k in run[keep:])
    for idx in range(len(seq) - 1, -1, -1):
        start, _, k, named = seq[idx]
        person = named if k < 0 else owner[k]
        if person is None:
            continue
        later = titles[k] if k >= 0 else None
        for prev in range(idx - 1, -1, -1):
            p_start, p_end, pk, _ = seq[prev]
            if pk < 0 or owner[pk] is not None or not _apposed(text, p_end, start):
                break
            t = titles[pk]
            if later is not None and (later.preposition or (later.conjoined and not t.deputy)):
                break
            if not agrees(person, t.country):
                break
            owner[pk], start, later = person, p_start, t
    role_of: list[tuple[str, str, str | None]] = []
    pending: list[tuple[Mention, str, str | None, str | None]] = []
    for n, (t, who) in enumerate(zip(titles, owner, strict=True)):
        ref = Mention(t.start, t.end, text[t.start : t.end], "PER", who or "")
        if who is None:
            pending.append((ref, t.role, t.country, home.get(n)))
            continue
        found.titles.append(ref)
        role_of.append((who, t.role, t.country))
        ent = found.entities.get(who)
        if ent is not None and ent.country is None and t.country is not None:
            found.entities[who] = replace(ent, country=t.country)
    return role_of, pending


_ASIDE_REACH = 4  # characters between a name and the aside that describes it
_ASIDE_GAP = re.compile(rf"^[\s\u200f\u200e،,()\[\]\-–—]{{0,{_ASIDE_REACH}}}$")
_MARKS = re.compile(r"[\u064b-\u0652\u0640]")


def _kin_word(kb: Knowledge, tok: Token) -> tuple[str, str] | None:
    """(English, kind) of a kinship noun in construct ("نجل", "ونجل", "شقيقة"), or None.

    Normalisation writes ة as ه, so "شقيقه" as written is "his brother", whose possessor is the pronoun:
    only a word written with ة is the feminine noun.
    """
    for form in strip_clitics(tok.norm):
        hit = kb.title_words.kin.get(form)
        if hit is not None:
            written = _MARKS.sub("", tok.text)
            return None if form.endswith("ه") and not written.endswith("ة") else hit
    return None


def _kinship(text: str, toks: list[Token], found: Found, kb: Knowledge) -> None:
    """A person described by a relative ("نجل ابن عم بشار الأسد", "شقيق الرئيس") is not that relative.

    The kinship phrase, up to the end of the relative's name, becomes one title reference: of the
    person named just before it in apposition ("سليمان الأسد -نجل ابن عم بشار الأسد-"), or else of a
    person of its own ("the brother of Bashar al-Assad"), with the relative's country. The relative's
    own mention stays, inside the phrase, so that whoever reads references sees the phrase first.
    "ابن" before a bare name is a patronymic ("محمد ابن سلمان"): kin only before a title or another kin
    word.
    """
    spans = sorted((m for m in (*found.mentions, *found.titles) if m.type == "PER"), key=lambda m: m.start)
    starts = [m.start for m in spans]
    named = {(m.start, m.end, m.entity) for m in found.mentions}
    # Where each reference ends, for the person an aside describes: only those ending within the few
    # characters an aside's opening allows are candidates, so each phrase looks at a handful, not all.
    ending: dict[int, list[int]] = {}
    for n, m in enumerate(spans):
        ending.setdefault(m.end, []).append(n)
    idx = 0
    while idx < len(toks):
        first = _kin_word(kb, toks[idx])
        if first is None or first[1] == "kin_inner":
            idx += 1
            continue
        kinds, k = [first], idx + 1
        while k < len(toks) and _adjacent(text, toks[k - 1], toks[k]) and (w := _kin_word(kb, toks[k])):
            kinds.append(w)
            k += 1
        at = bisect_left(starts, toks[k].start) if k < len(toks) else len(spans)
        relative = spans[at] if at < len(spans) and spans[at].start < toks[k].end else None
        if (
            relative is None
            or not _adjacent(text, toks[k - 1], toks[k])
            or (
                len(kinds) == 1
                and first[1] == "kin_weak"
                and (relative.start, relative.end, relative.entity) in named
            )
        ):
            idx = k
            continue
        start, end = toks[idx].start, relative.end
        for n in range(at + 1, len(spans)):
            m = spans[n]
            if m.entity != relative.entity or text[end : m.start].strip():
                break
            end = m.end  # "شقيق الرئيس السوري بشار الأسد": the title and the name after it
        near = [
            n
            for e in range(max(0, start - _ASIDE_REACH), start + 1)
            for n in ending.get(e, ())
            if n < at and _ASIDE_GAP.match(text[e:start])
        ]
        described = spans[max(near)] if near else None  # the last one to begin, as a backward scan finds
        if described is not None and described.entity:
            person = described.entity
        else:
            kin = found.entities.get(relative.entity)
            what = first[0] if len(kinds) == 1 else "relative"
            person = content_id("per:", "kin:" + normalize(text[start:end]))
            found.entities[person] = Entity(
                person,
                "PER",
                f"{what} of {kin.name if kin else transliterate(relative.text)}",
                text[start:end],
                (text[start:end],),
                kin.country if kin else None,
            )
        found.titles.append(Mention(start, end, text[start:end], "PER", person))
        idx = k


def _past_complement(kb: Knowledge, toks: list[Token], j: int, text: str) -> int:
    """Token ``j`` moved past a complement of the title before it ("وزير الدولة لشؤون الدفاع",
    "مساعد وزير الخارجية للشؤون السياسية"); ``j`` itself when there is none."""
    if not _next_in(toks, j, text, kb.title_words.complements) or not (
        j + 1 < len(toks) and _adjacent(text, toks[j], toks[j + 1])
    ):
        return j
    place = _match_name(kb, toks, j + 1, text)
    if place is not None:
        return j + 1 + place[0]  # "لشؤون الشرق الأوسط"
    return j + 2


def _resolve_titles(
    found: Found,
    kb: Knowledge,
    pending: list[tuple[Mention, str, str | None, str | None]],
    role_of: list[tuple[str, str, str | None]],
    published: str | None,
) -> None:
    """Bare titles become the person who holds them: in this article first, then in the knowledge file.

    ``role_of`` lists (person, role, country) for every title named with its holder in this article;
    ``pending`` the other titles as (reference, role, country, country to assume when none is known).
    """
    first_country: dict[str, str | None] = {}
    for _pid, r, c in role_of:
        first_country.setdefault(r, c)
    for ref, role, country, home in pending:
        if country is None:
            # "وزير الخارجية" alone: the office named with a country elsewhere in the article, first one.
            country = first_country.get(role) or home
        first_country.setdefault(role, country)
        person = next((pid for pid, r, c in role_of if (r, c) == (role, country)), None)
        if person is None and country is not None and role != "other":
            # "other" gathers titles many hold at once (الأمير، الشيخ): never one known person's office.
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


def _name_words(name: str) -> tuple[str, ...]:
    """A person's name as normalised words, "عبد" written apart ("عبدالفتاح" → "عبد", "الفتاح")."""
    words = key(name)
    split = glued_variants(words)
    return next((v for v in split if len(v) > len(words)), words)


def _without_patronymic(words: tuple[str, ...]) -> tuple[str, ...]:
    """The name without its "بن X" links: "عادل بن أحمد الجبير" → "عادل الجبير"."""
    out: list[str] = []
    skip = 0
    for w in words:
        if skip:
            skip = 1 if w == "عبد" else skip - 1  # "بن عبد العزيز": the link names two words
            continue
        if w in ("بن", "بنت", "ابن") and out:
            skip = 1
            continue
        out.append(w)
    return tuple(out)


def _within(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether ``short`` is a run of consecutive words of ``full``."""
    n = len(short)
    return any(full[k : k + n] == short for k in range(len(full) - n + 1))


def _known_without_patronymic(kb: Knowledge, name_ar: str) -> Known | None:
    """The knowledge-file person a full name "X بن Y Z" or "X Y Z" means when the file knows "X Z"."""
    words = _name_words(name_ar)
    short = _without_patronymic(words)
    if short == words and len(words) >= 3:
        short = (words[0], words[-1])  # a middle name the file leaves out: "خالد محفوظ بحاح"
    if short == words or len(short) < 2:
        return None
    cands = [c for c in kb.names.get(short, ()) if c.kind == "PER"]
    return cands[0] if len(cands) == 1 else None


def _merge_people(found: Found, kb: Knowledge) -> None:
    """One entity per person across the spellings of one article.

    A shorter name inside a longer one ("فخري زادة" in "محسن فخري زادة", "حسبو محمد" in "حسبو محمد
    عبدالرحمن") and a full name with "بن X" ("عادل بن أحمد الجبير" for "عادل الجبير") are one person;
    a knowledge-file person wins over an unknown one. A knowledge person reached by a family name alone
    ("عبد العاطي") is someone else when the article names another person of that family name whose
    given name differs from the knowledge file's ("محمد عبد العاطي", not Badr).
    """
    people = {m.entity for m in found.mentions if m.type == "PER"}
    names: dict[str, tuple[str, ...]] = {}
    for pid in people:
        ent = found.entities.get(pid)
        rec = kb.records.get(pid)
        if ent is not None:
            names[pid] = _name_words(rec.name_ar if rec else ent.name_ar)
    target: dict[str, str] = {}
    for a, wa in names.items():
        if a in kb.records or len(wa) < 2:
            continue
        best: str | None = None
        for b, wb in names.items():
            if b == a:
                continue
            reduced = _without_patronymic(wa)
            same = (len(wb) > len(wa) and _within(wa, wb)) or (
                b in kb.records and (reduced == wb or _within(wa, wb))
            )
            if same and (best is None or (b in kb.records, len(wb)) > (best in kb.records, len(names[best]))):
                best = b
        if best is not None:
            target[a] = best
    # A family name alone, matched to a knowledge person whose given name is not the one used here.
    for m in found.mentions:
        rec = kb.records.get(m.entity)
        if m.type != "PER" or rec is None:
            continue
        said, full = _name_words(m.text), names.get(m.entity, ())
        if len(said) >= len(full) or not full or full[-len(said) :] != said:
            continue
        others = [
            b for b, wb in names.items() if b not in kb.records and wb[-len(said) :] == said and wb != said
        ]
        if others and not any(_name_words(x.text) == full for x in found.mentions if x.entity == m.entity):
            target.setdefault(f"mention:{m.start}", others[0])
    if not target:
        return
    for pid in list(target):
        seen = {pid}
        while target[pid] in target and target[pid] not in seen:  # follow chains to the final entity
            seen.add(target[pid])
            target[pid] = target[target[pid]]

    def moved(m: Mention, title: bool = False) -> Mention:
        new = None
        if m.entity in kb.records:
            # A title just before a relinked name ("الدكتور عبد العاطي") follows the name.
            starts = range(m.end, m.end + 3) if title else (m.start,)
            new = next((target[f"mention:{k}"] for k in starts if f"mention:{k}" in target), None)
        new = new or target.get(m.entity)
        return m if new is None else replace(m, entity=new)

    found.mentions[:] = [moved(m) for m in found.mentions]
    found.titles[:] = [moved(m, title=True) for m in found.titles]
    for old, new in target.items():
        if old.startswith("mention:") or old not in found.entities or new not in found.entities:
            continue
        gone, kept = found.entities.pop(old), found.entities[new]
        aliases = tuple(dict.fromkeys((*kept.aliases, *gone.aliases)))
        found.entities[new] = replace(
            kept,
            aliases=aliases,
            country=kept.country or gone.country,
            sector=kept.sector or gone.sector,
            role=kept.role or gone.role,
        )


def _short_forms(text: str, toks: list[Token], taken: set[int], found: Found) -> None:
    """Family names (or a distinctive given name) of people named in full elsewhere in the article."""
    short = _family_names(found)
    if not short:
        return
    for idx, tok in enumerate(toks):
        if idx in taken or tok.norm in _STOP:
            continue  # "على" (on) is spelt like the name "علي" once normalised
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
    kb: Knowledge,
    titles: Sequence[tuple[int, int]] = (),
) -> None:
    """Names the tagger finds where the knowledge files found nothing become entities of their own.

    ``titles`` are the offsets of title phrases not yet in ``found``: no name is taken from inside one.

    A tagged person whose words are ordinary vocabulary ("اتصالاً هاتفيًا", "فيروس كورونا") is dropped; a
    tagged place the knowledge files know becomes that place, and a place that is also a common word
    ("المشهد" the scene) must pass the same test as in the knowledge pass.
    """
    words = [[(m.start(), m.end()) for m in _TAGGER_TOKEN.finditer(text, a, b)] for a, b in spans]
    words = [w for w in words if w]
    tags = tagger.tag_document([[text[a:b] for a, b in sent] for sent in words])
    starts = [t.start for t in toks]
    busy = bytearray(len(text) + 1)  # 1 where a name or title already stands: overlap tests in O(span)
    for a, b in (*((m.start, m.end) for m in (*found.mentions, *found.titles)), *titles):
        busy[a:b] = b"\x01" * (b - a)
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
                while j - i > 1 and _is_stop_word(text[slice(*sent[j - 1])]):
                    j -= 1  # "محمد على هامش …": the tagger ran on into a preposition
            start, end = sent[i][0], sent[j - 1][1]
            start = _without_proclitic(text, start, end, seen, kind)
            if end - start < 2 or busy.find(1, start, end) >= 0:
                continue
            surface = text[start:end]
            norm = normalize(surface)
            parts = norm.split()
            if (
                not parts  # marks or tatweel alone ("ـــ") normalise to nothing
                or _DIGIT.search(norm)
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
            first, last = bisect_left(starts, start), bisect_left(starts, end)
            if kind == "PER" and any(_not_name_word(kb, t) for t in toks[first:last]):
                continue  # "مصدران أمنيان أمريكيان", "حفظهم الله": vocabulary, not a person
            if kind == "ORG" and last - first == 1 and _not_name_word(kb, toks[first]):
                continue  # "أودى بحياة": a verb the tagger took for a one-word organisation
            head = key(toks[first].norm) if first < len(toks) else ()
            if kind != "PER" and head in kb.ambiguous and not _place_ok(kb, toks, first, 1, head, text):
                continue  # "القاعدة الجوية": the word, not the name, heads the phrase
            known: Known | None = None
            if kind == "LOC":
                if last - first == 1 and not _place_ok(kb, toks, first, 1, key(norm), text):
                    continue
                cands = [c for c in kb.names.get(key(norm), ()) if c.kind == "LOC"]
                known = cands[0] if len(cands) == 1 else None
            ent_id = known.id if known else content_id(f"{kind.lower()}:", norm)
            old = found.entities.get(ent_id)
            if old is None and known is not None:
                found.entities[ent_id] = replace(_entity_from_known(known), aliases=(surface,))
            elif old is None:
                found.entities[ent_id] = Entity(ent_id, kind, transliterate(surface), surface, (surface,))
            elif surface not in old.aliases:
                found.entities[ent_id] = replace(old, aliases=(*old.aliases, surface))
            found.mentions.append(Mention(start, end, surface, kind, ent_id))
            busy[start:end] = b"\x01" * (end - start)
            taken.update(range(first, last))
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
