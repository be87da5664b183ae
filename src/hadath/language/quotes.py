"""Direct quotes and their speakers.

The speaker is the nearest person named before the quote in the same sentence, when a reporting verb
("قال", "أكد", "شدد", …) introduces it; a quote with no named speaker continues the last speaker
("مشدداً على “…”" after "وأكد حسين “…”").
"""

from __future__ import annotations

import re

from hadath.models import Mention, Quote
from hadath.text.normalize import normalize

_QUOTE = re.compile(r"“([^”\n]{3,}?)”|«([^»\n]{3,}?)»|\"([^\"\n]{3,}?)\"")
_REPORTING = re.compile(
    "|".join(
        normalize(v)
        for v in (
            "قال",
            "يقول",
            "أكد",
            "يؤكد",
            "أوضح",
            "شدد",
            "أشار",
            "لفت",
            "أضاف",
            "تابع",
            "بين",
            "بيّن",
            "اعتبر",
            "صرح",
            "أعلن",
            "ذكر",
            "مشددا",
            "مشيرا",
            "موضحا",
            "مؤكدا",
            "مضيفا",
            "معتبرا",
            "أبلغ",
            "دعا",
            "طالب",
            "طلب",
            "حذر",
            "رأى",
            "أجاب",
            "وتابع",
        )
    )
)
# A quote of fewer words is a term in quotation marks ("داعش"), not speech.
MIN_QUOTE_WORDS = 3


def find_quotes(text: str, sentences: list[tuple[int, int]], people: list[Mention]) -> list[Quote]:
    """Quotes in ``text`` with the entity id of their speaker (None when no speaker can be found)."""
    quotes: list[Quote] = []
    last: str | None = None
    for m in _QUOTE.finditer(text):
        body = next(g for g in m.groups() if g is not None)
        if len(body.split()) < MIN_QUOTE_WORDS:
            continue
        start = m.start()
        sent_start = next((s for s, e in sentences if s <= start < e), 0)
        before = [p for p in people if sent_start <= p.start and p.end <= start]
        lead = normalize(text[sent_start:start])
        speaker = last
        if (before and _REPORTING.search(lead)) or (before and speaker is None):
            speaker = before[-1].entity
        elif speaker is None:
            earlier = [p for p in people if p.end <= start]
            speaker = earlier[-1].entity if earlier else None
        quotes.append(Quote(speaker, body.strip(), m.start() + 1, m.end() - 1))
        last = speaker
    return quotes
