"""PLOVER auxiliary contexts: negated, future, hypothetical and historical events."""

from __future__ import annotations

from datetime import date, timedelta

from hadath.events.patterns import Match
from hadath.models import DateMention
from hadath.text.normalize import Token, normalize

_NEGATION = frozenset(
    normalize(w)
    for w in ["لم", "لن", "لا", "ليس", "ليست", "عدم", "دون", "بدون", "نفى", "نفت", "ينفي", "تنفي"]
)
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


def context_of(
    toks: list[Token], match: Match, when: DateMention | None, published: date | None, historical_days: int
) -> tuple[str, ...]:
    """The contexts of an event coded at ``match`` in a sentence."""
    before = {t.norm for t in toks[max(0, match.start - _SCOPE) : match.start]}
    wider = {t.norm for t in toks[max(0, match.start - 6) : match.start]}
    out: list[str] = []
    if before & _NEGATION:
        out.append("negated")
    if match.future or wider & _FUTURE:
        out.append("future")
    if wider & _CONDITION:
        out.append("hypothetical")
    if (
        when is not None
        and when.value
        and published is not None
        and _is_before(when, published, historical_days)
    ):
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
        return date.fromisoformat(value[:10]) < cutoff
    except ValueError:
        return False
