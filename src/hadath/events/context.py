"""PLOVER auxiliary contexts: negated, future, hypothetical and historical events."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from functools import cache
from importlib import resources

from hadath.events.patterns import Match
from hadath.models import DateMention
from hadath.text.normalize import Token, normalize

_NEGATION = frozenset(
    normalize(w)
    for w in ["لم", "لن", "لا", "ليس", "ليست", "عدم", "دون", "بدون", "نفى", "نفت", "ينفي", "تنفي"]
)
_WITHOUT = frozenset(normalize(w) for w in ["دون", "بدون"])
_PILOT = normalize("طيار")
_FUTURE = frozenset(
    normalize(w)
    for w in [
        "سوف",
        "المقرر",
        "يعتزم",
        "تعتزم",
        "ينوي",
        "تنوي",
        "المرتقب",
        "المرتقبة",
        "المزمع",
        "يرتقب",
        "سيتم",
    ]
)
_CONDITION = frozenset(normalize(w) for w in ["إذا", "اذا", "لو", "حال", "حالة"])
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
    if start == 0 or toks[start - 1].norm != _QAD:
        return False
    return any(t.norm in _KANA for t in toks[max(0, start - _PLUPERFECT_REACH) : start - 1])


_QAD = normalize("قد")
_KANA = frozenset(normalize(w) for w in ("كان", "كانت", "وكان", "وكانت", "كانوا", "وكانوا"))
# How far before "قد" the "كان" of a pluperfect may stand (its subject between: "وكانت قوات الأمن قد").
_PLUPERFECT_REACH = 6


def context_of(
    toks: list[Token], match: Match, when: DateMention | None, published: date | None, historical_days: int
) -> tuple[str, ...]:
    """The contexts of an event coded at ``match`` in a sentence."""
    lo = max(0, match.start - _SCOPE)
    # "طائرة بدون طيار" is an unmanned aircraft: that "بدون" negates nothing.
    before = {
        t.norm
        for k, t in enumerate(toks[lo : match.start], lo)
        if not (t.norm in _WITHOUT and k + 1 < len(toks) and toks[k + 1].norm == _PILOT)
    }
    wider = {t.norm for t in toks[max(0, match.start - 6) : match.start]}
    out: list[str] = []
    phrases = _phrase_contexts(toks)
    if before & _NEGATION or "negated" in phrases:
        out.append("negated")
    if match.future or wider & _FUTURE or "future" in phrases:
        out.append("future")
    if wider & _CONDITION or "hypothetical" in phrases:
        out.append("hypothetical")
    if (
        when is not None
        and when.value
        and published is not None
        and _is_before(when, published, historical_days)
    ) or _pluperfect(toks, match.start):
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
