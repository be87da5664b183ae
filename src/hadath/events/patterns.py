"""Load ``data/events/patterns.yaml`` and find trigger words in a sentence's tokens."""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from hadath.text.normalize import Token, normalize, strip_clitics


@dataclass(frozen=True, slots=True)
class Pattern:
    """One entry of the pattern file (see its header for the fields)."""

    id: str
    plover: str
    mode: str | None
    cameo: str | None
    verbs: frozenset[str]
    nouns: tuple[tuple[str, ...], ...]
    needs: frozenset[str]
    window: int
    swap: bool
    object_after: frozenset[str]
    not_after: frozenset[str]  # a trigger right after one of these words is not an event ("وقف إطلاق النار")
    # Phrases that cancel the trigger when one follows it directly ("طلب عدم ذكر اسمه").
    unless: tuple[tuple[str, ...], ...]
    genitive: str  # what an actor right after a noun trigger is: "source" (هجوم الجيش) or "target" (مقتل X)
    # Words that may stand, up to MAX_GAP of them, before a noun phrase's last word ("مباحثات اليوم مع").
    gap: frozenset[str] = frozenset()
    indefinite: bool = False  # a noun with the article is not this event ("المتهمة": the defendant)
    shares_subject: bool = False  # a participle whose subject is the sentence's ("…، متهما …")


@dataclass(frozen=True, slots=True)
class Match:
    """A trigger found at sentence tokens ``[start, end)``; ``future`` when the verb carried سـ,
    ``nominal`` when a noun phrase, not a verb, triggered it."""

    pattern: Pattern
    start: int
    end: int
    future: bool = False
    nominal: bool = False


def _norms(words: list[str] | None) -> frozenset[str]:
    return frozenset(w if w.startswith("#") else normalize(w) for w in words or [])


# Endings that never take the alif of the indefinite accusative: an alif or ta marbuta already there,
# hamza ("اعتداءً"), the feminine plural ("هجماتٍ") and perfect verbs in phrases ("استمرت"), the sound
# plural ("محتجون") and attached pronouns ("قصفهم").
_NO_TANWEEN_ALIF = ("ا", "ه", "ء", "ت", "ون", "هم", "كم", "نا")


def _accusatives(word: str) -> list[str]:
    """The normalised word, and its indefinite accusative when it has one: "اعتصام" → "اعتصاما"
    ("اعتصاماً" once the tanween is dropped). Definite words, particles (two letters) and words ending
    in alif maqsura ("قتلى") have none; a form that no text writes costs nothing, so the rule is loose."""
    norm = normalize(word)
    if len(norm) < 3 or norm.startswith("ال") or norm.endswith(_NO_TANWEEN_ALIF) or word.endswith("ى"):
        return [norm]
    return [norm, norm + "ا"]


def _with_accusatives(words: list[str] | None) -> frozenset[str]:
    return frozenset(f for w in words or [] for f in ([w] if w.startswith("#") else _accusatives(w)))


def _phrases(raw: list[str] | None) -> tuple[tuple[str, ...], ...]:
    """Noun phrases, each also with every indefinite word in the accusative ("هجوم مسلح" → "هجوما
    مسلحا"), so the file lists the dictionary form only."""
    out: dict[tuple[str, ...], None] = {}
    for phrase in raw or []:
        for words in itertools.product(*(_accusatives(w) for w in phrase.split())):
            out[words] = None
    return tuple(out)


@cache
def load_patterns() -> tuple[tuple[Pattern, ...], str]:
    """The patterns in file order, and a short hash of the file recorded on events for tracing."""
    raw_text = resources.files("hadath").joinpath("data/events/patterns.yaml").read_text(encoding="utf-8")
    raw: list[dict[str, Any]] = yaml.safe_load(raw_text)
    out = []
    for entry in raw:
        out.append(
            Pattern(
                id=entry["id"],
                plover=entry["plover"],
                mode=entry.get("mode"),
                cameo=str(entry["cameo"]) if entry.get("cameo") is not None else None,
                verbs=_norms(entry.get("verbs")),
                nouns=_phrases(entry.get("nouns")),
                needs=_with_accusatives(entry.get("needs")),
                window=int(entry.get("window", 6)),
                swap=bool(entry.get("swap", False)),
                object_after=_norms(entry.get("object_after")),
                not_after=_norms(entry.get("not_after")),
                unless=tuple(tuple(normalize(w) for w in u.split()) for u in entry.get("unless") or []),
                genitive=str(entry.get("genitive", "source")),
                gap=_norms(entry.get("gap")),
                indefinite=bool(entry.get("indefinite", False)),
                shares_subject=bool(entry.get("shares_subject", False)),
            )
        )
    return tuple(out), hashlib.sha256(raw_text.encode("utf-8")).hexdigest()[:12]


def _verb_forms(norm: str) -> list[tuple[str, bool]]:
    """The token, without a leading conjunction, and without the future prefix سـ (flagged)."""
    forms = [(norm, False)]
    if norm[:1] in ("و", "ف") and len(norm) >= 3:  # "وشن": two-letter roots survive the conjunction
        forms.append((norm[1:], False))
    for form, _ in list(forms):
        if form.startswith("س") and len(form) > 3 and form[1] in "يتن":
            forms.append((form[1:], True))
    return forms


# Number words that make a casualty count ("مقتل سبعة أشخاص"); "#num" in a pattern's needs means one of
# these or a token of digits.
_NUMBER_WORDS = frozenset(
    normalize(w)
    for w in [
        "اثنين",
        "اثنان",
        "اثنتين",
        "ثلاثة",
        "ثلاث",
        "أربعة",
        "أربع",
        "خمسة",
        "خمس",
        "ستة",
        "ست",
        "سبعة",
        "سبع",
        "ثمانية",
        "ثماني",
        "تسعة",
        "تسع",
        "عشرة",
        "عشر",
        "عشرين",
        "ثلاثين",
        "أربعين",
        "خمسين",
        "عشرات",
        "مئات",
        "مئة",
        "مائة",
        "آلاف",
        "ألف",
        "قتيلين",
        "جنديين",
        "شخصين",
    ]
)


def _is_number(tok: Token) -> bool:
    return tok.norm.isdigit() or any(f in _NUMBER_WORDS for f in strip_clitics(tok.norm))


def _is_needed(p: Pattern, tok: Token) -> bool:
    if "#num" in p.needs and _is_number(tok):
        return True
    return any(f in p.needs for f in strip_clitics(tok.norm))


def _cancelled(p: Pattern, toks: list[Token], i: int) -> bool:
    """Whether the word before token ``i`` is one of the pattern's ``not_after`` ("#num": a number, so
    "20 متهما" counts defendants and accuses no one)."""
    if i == 0 or not p.not_after:
        return False
    if "#num" in p.not_after and _is_number(toks[i - 1]):
        return True
    return bool(p.not_after & set(strip_clitics(toks[i - 1].norm)))


MAX_GAP = 2
# A phrase may end in a bare proclitic ("زيارة لـ"): it is then read off the next word ("لمدينة",
# "للعاصمة"), which must carry a content word, and the match ends before that word, which holds the
# object. Function words with the proclitic are no destination ("زيارة لم يعلن عنها"). In ``unless``
# "بـ" is any word with the preposition ("متهمة بالفساد": accused, not accusing).
_PROCLITICS = frozenset({"ل", "ب"})
_NOT_OBJECTS = frozenset(
    normalize(w)
    for w in (
        "لذلك",
        "لهذا",
        "لهذه",
        "لهما",
        "لكنه",
        "لكنها",
        "لكنهم",
        "لماذا",
        "لولا",
        "ليست",
        "لأنه",
        "لأنها",
        "لأنهم",
        "لاسيما",
    )
)


def _word_is(word: str, tok: str) -> bool:
    """Whether a token is a phrase word, a bare proclitic of a phrase standing for any content word that
    carries it ("بـ": "بالطائفية", "بتلك")."""
    if word in _PROCLITICS:
        return tok == word or (tok.startswith(word) and len(tok) > 3 and tok not in _NOT_OBJECTS)
    return tok == word


def _phrase_end(p: Pattern, phrase: tuple[str, ...], toks: list[Token], i: int) -> int | None:
    """Where the noun phrase whose first word is token ``i`` ends (exclusive), or None where it does not
    match: its words in order, with up to MAX_GAP of the pattern's ``gap`` words before the last one
    ("مباحثات اليوم مع") and a last-word proclitic read as described above."""
    n = len(phrase)
    if n == 1:
        return i + 1
    last = i + n - 1
    if last > len(toks) or not all(toks[i + k].norm == phrase[k] for k in range(1, n - 1)):
        return None
    for j in range(last, min(last + (MAX_GAP if p.gap else 0), len(toks) - 1) + 1):
        if j > last and toks[j - 1].norm not in p.gap:
            return None
        if _word_is(phrase[-1], toks[j].norm):
            return j if phrase[-1] in _PROCLITICS else j + 1
    return None


def _follows(phrase: tuple[str, ...], toks: list[Token], end: int) -> bool:
    return end + len(phrase) <= len(toks) and all(
        _word_is(w, toks[end + k].norm) for k, w in enumerate(phrase)
    )


def _needs_met(p: Pattern, toks: list[Token], i: int, end: int) -> bool:
    """Whether a word the pattern needs stands within its window on either side of the trigger, and no
    phrase that cancels it follows it directly."""
    if any(_follows(u, toks, end) for u in p.unless):
        return False
    if not p.needs:
        return True
    nearby = toks[max(0, i - p.window) : i] + toks[end : end + p.window]
    return any(_is_needed(p, tok) for tok in nearby)


_NEW_EVENTS_ONLY = frozenset({"ASSAULT", "PROTEST"})


def _definite(token: str, entry: str) -> bool:
    if token[:1] in ("و", "ف"):
        token = token[1:]
    if token[:1] in ("ب", "ل", "ك") and token[1:3] == "ال":
        token = token[1:]
    if token.startswith("لل"):
        return not entry.startswith("ال")
    return token.startswith("ال") and not entry.startswith("ال")


@dataclass(frozen=True, slots=True)
class _Index:
    """Patterns keyed by the word that can open them, so a token is tested only against its candidates."""

    verbs: dict[str, tuple[int, ...]]  # verb form → pattern positions
    nouns: dict[
        str, tuple[tuple[int, tuple[str, ...]], ...]
    ]  # first word → (position, phrase), longest first


@cache
def _index() -> _Index:
    patterns, _ = load_patterns()
    verbs: dict[str, list[int]] = {}
    nouns: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for pos, p in enumerate(patterns):
        for v in p.verbs:
            verbs.setdefault(v, []).append(pos)
        for phrase in p.nouns:
            nouns.setdefault(phrase[0], []).append((pos, phrase))
    return _Index(
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(sorted(v, key=lambda e: (e[0], -len(e[1])))) for k, v in nouns.items()},
    )


def _match_at(toks: list[Token], i: int, patterns: tuple[Pattern, ...], index: _Index) -> Match | None:
    """The trigger starting at token ``i``: the earliest pattern in file order that matches there."""
    tok = toks[i].norm
    candidates: list[tuple[int, Match]] = []
    for form, future in _verb_forms(tok):
        for pos in index.verbs.get(form, ()):
            if _needs_met(patterns[pos], toks, i, i + 1):
                candidates.append((pos, Match(patterns[pos], i, i + 1, future)))
    for form in {tok, *strip_clitics(tok)}:
        for pos, phrase in index.nouns.get(form, ()):
            p = patterns[pos]
            end = _phrase_end(p, phrase, toks, i)
            if end is None:
                continue
            if (p.indefinite or p.plover in _NEW_EVENTS_ONLY) and _definite(tok, phrase[0]):
                # "الهجوم", "المتظاهرين": the definite noun points back to an event already reported
                # (GSR development half: 9 true to 114 false for "المتظاهرين"); an indefinite one is new.
                continue
            if _needs_met(p, toks, i, end):
                candidates.append((pos, Match(p, i, end, nominal=True)))
    for pos, match in sorted(candidates, key=lambda c: (c[0], -(c[1].end - c[1].start))):
        if not _cancelled(patterns[pos], toks, i):
            return match
    return None


def find_triggers(toks: list[Token]) -> list[Match]:
    """Every trigger in the sentence, left to right; the first pattern in file order wins at a token."""
    patterns, _ = load_patterns()
    index = _index()
    found: list[Match] = []
    i = 0
    while i < len(toks):
        hit = _match_at(toks, i, patterns, index)
        if hit is not None:
            found.append(hit)
            i = hit.end
        else:
            i += 1
    return found


# CAMEO codes of an event word with no pattern entry of its own: its PLOVER type's unspecified root
# (19 "fight", as the generic assault pattern; 14 "protest").
_UNSPECIFIED_CAMEO = {"ASSAULT": "190", "PROTEST": "140"}


@dataclass(frozen=True, slots=True)
class _EventWord:
    pattern: Pattern
    nominal: bool


def _generic(plover: str) -> Pattern:
    """The pattern of an event word that names no pattern entry: the type, no mode, the root code."""
    return Pattern(
        id=f"{plover.lower()}-word",
        plover=plover,
        mode=None,
        cameo=_UNSPECIFIED_CAMEO.get(plover),
        verbs=frozenset(),
        nouns=(),
        needs=frozenset(),
        window=0,
        swap=False,
        object_after=frozenset(),
        not_after=frozenset(),
        unless=(),
        genitive="source",
    )


@cache
def event_words() -> dict[tuple[str, str], _EventWord]:
    """``data/events/event_words.tsv`` keyed by (normalised word, PLOVER type), each word with the
    pattern entry it borrows its mode and CAMEO code from.

    Raises:
        ValueError: a row names a pattern that does not exist or is of another type, or a part of
            speech other than ``verb`` or ``noun``.
    """
    text = resources.files("hadath").joinpath("data/events/event_words.tsv").read_text(encoding="utf-8")
    patterns = {p.id: p for p in load_patterns()[0]}
    out: dict[tuple[str, str], _EventWord] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        plover, pid, pos = row["plover"], row["pattern"] or None, row["pos"]
        pattern = patterns.get(pid) if pid else _generic(plover)
        if pattern is None or pattern.plover != plover or pos not in ("verb", "noun"):
            raise ValueError(f"data/events/event_words.tsv: bad row {row!r}; see the file's header")
        out[(normalize(row["word"]), plover)] = _EventWord(pattern, pos == "noun")
    return out


def event_word_at(toks: list[Token], i: int, plover: str) -> Match | None:
    """The event word of type ``plover`` at token ``i``, looser than a trigger: a pattern word whatever
    its ``needs`` and definiteness ("الهجوم", "قتل" with no count), or a word of ``event_words.tsv``.

    Used where the sentence classifier already vouches for the event and only its word is wanted.
    """
    patterns, _ = load_patterns()
    index = _index()
    tok = toks[i].norm
    hits: list[tuple[int, Match]] = []
    for form, future in _verb_forms(tok):
        for pos in index.verbs.get(form, ()):
            if patterns[pos].plover == plover:
                hits.append((pos, Match(patterns[pos], i, i + 1, future)))
    for form in {tok, *strip_clitics(tok)}:
        for pos, phrase in index.nouns.get(form, ()):
            p = patterns[pos]
            end = _phrase_end(p, phrase, toks, i) if p.plover == plover else None
            if end is not None:
                hits.append((pos, Match(p, i, end, nominal=True)))
    for pos, match in sorted(hits, key=lambda h: (h[0], -(h[1].end - h[1].start))):
        if not _cancelled(patterns[pos], toks, i):
            return match
    if hits:
        return None  # "وقف إطلاق النار": the pattern's own exception holds here too
    words = event_words()
    for form, future in _verb_forms(tok):
        word = words.get((form, plover))
        if word is not None and not word.nominal:
            return Match(word.pattern, i, i + 1, future)
    for form in strip_clitics(tok):
        word = words.get((form, plover))
        if word is not None and word.nominal:
            return Match(word.pattern, i, i + 1, nominal=True)
    return None
