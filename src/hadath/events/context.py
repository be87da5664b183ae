"""PLOVER auxiliary contexts: negated, future, hypothetical and historical events."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, fields
from datetime import date, timedelta
from functools import cache
from importlib import resources

import yaml

from hadath.events.patterns import Match
from hadath.models import DateMention
from hadath.text.normalize import Token, normalize


@dataclass(frozen=True, slots=True)
class ContextWords:
    """The word lists of ``data/events/context_words.yaml``, normalised; each is described there."""

    negation: frozenset[str]
    not_negating_before: frozenset[str]
    future: frozenset[str]
    condition: frozenset[str]
    pluperfect_auxiliaries: frozenset[str]
    pluperfect_particles: frozenset[str]
    first_words: frozenset[str]
    headline_occasions: frozenset[str]


CONTEXT_WORDS_FILE = "data/events/context_words.yaml"


@cache
def context_words() -> ContextWords:
    """The context word lists, read and checked once.

    Raises:
        ValueError: a key is missing, unknown, or not a list of single words.
    """
    text = resources.files("hadath").joinpath(CONTEXT_WORDS_FILE).read_text(encoding="utf-8")
    return parse_context_words(text, CONTEXT_WORDS_FILE)


def parse_context_words(text: str, name: str) -> ContextWords:
    """The word lists of a context words file (see :func:`context_words`)."""
    raw = yaml.safe_load(text)
    keys = {f.name for f in fields(ContextWords)}
    if not isinstance(raw, dict) or set(raw) != keys:
        found = set(raw) if isinstance(raw, dict) else set()
        raise ValueError(f"{name}: keys {sorted(found ^ keys)} missing or unknown")
    lists: dict[str, frozenset[str]] = {}
    for key in keys:
        words = raw[key]
        if not isinstance(words, list) or not words or not all(isinstance(w, str) for w in words):
            raise ValueError(f"{name}: {key!r} must be a non-empty list of words")
        norms = [normalize(w) for w in words]
        if any(len(n.split()) != 1 for n in norms):
            raise ValueError(f"{name}: {key!r} holds a phrase; write single words")
        lists[key] = frozenset(norms)
    return ContextWords(**lists)


# How many tokens before a trigger a negation or modal word may stand ("لم يتلق", "من المقرر أن يزور").
_SCOPE = 3


@cache
def _phrases() -> tuple[tuple[tuple[str, ...], str], ...]:
    """``data/events/background.tsv``: phrases whose presence in a sentence sets a context."""
    text = resources.files("hadath").joinpath("data/events/background.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text), delimiter="\t")
    return tuple((tuple(normalize(r["phrase"]).split()), r["context"]) for r in rows)


def _phrase_contexts(toks: list[Token]) -> set[str]:
    norms = [t.norm for t in toks]
    found = set()
    for phrase, ctx in _phrases():
        n = len(phrase)
        if any(tuple(norms[i : i + n]) == phrase for i in range(len(norms) - n + 1)):
            found.add(ctx)
    return found


def _pluperfect(toks: list[Token], start: int) -> bool:
    """ "وكانت الطائرات قد قصفت …": كان … قد before a verb tells what had happened before the news."""
    words = context_words()
    if start == 0 or toks[start - 1].norm not in words.pluperfect_particles:
        return False
    lo = max(0, start - _PLUPERFECT_REACH)
    return any(t.norm in words.pluperfect_auxiliaries for t in toks[lo : start - 1])


# How far before "قد" the "كان" of a pluperfect may stand (its subject between: "وكانت قوات الأمن قد").
_PLUPERFECT_REACH = 6


def context_of(
    toks: list[Token], match: Match, when: DateMention | None, published: date | None, historical_days: int
) -> tuple[str, ...]:
    """The contexts of an event coded at ``match`` in a sentence."""
    words = context_words()
    lo = max(0, match.start - _SCOPE)
    # "طائرة بدون طيار" is an unmanned aircraft: that "بدون" negates nothing.
    before = {
        t.norm
        for k, t in enumerate(toks[lo : match.start], lo)
        if not (k + 1 < len(toks) and toks[k + 1].norm in words.not_negating_before)
    }
    wider = {t.norm for t in toks[max(0, match.start - 6) : match.start]}
    out: list[str] = []
    phrases = _phrase_contexts(toks)
    if before & words.negation or "negated" in phrases:
        out.append("negated")
    if match.future or wider & words.future or "future" in phrases:
        out.append("future")
    if wider & words.condition or "hypothetical" in phrases:
        out.append("hypothetical")
    if (
        when is not None
        and when.value
        and published is not None
        and _is_before(when, published, historical_days)
    ) or (_pluperfect(toks, match.start) and (when is None or not when.value)):
        # An undated pluperfect is background; a dated one ("وكانت السلطات قد أفرجت الاثنين") is as old
        # as its date says.
        out.append("historical")
    return tuple(out)


def _is_before(when: DateMention, published: date, days: int) -> bool:
    value = when.value or ""
    cutoff = published - timedelta(days=days)
    if when.precision == "year":
        return int(value[:4]) < cutoff.year
    if when.precision == "month":
        year, month = int(value[:4]), int(value[5:7])
        return (year, month) < (cutoff.year, cutoff.month)
    try:
        day = date.fromisoformat(value[:10])
        if when.precision == "week":
            day += timedelta(days=6)  # a week is before the cutoff only when all of it is
        return day < cutoff
    except ValueError:
        return False
