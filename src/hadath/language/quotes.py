"""Direct quotes and their speakers.

The speaker is the nearest person named before the quote in the same sentence, when a reporting verb
("قال", "أكد", "شدد", …) introduces it; a quote with no named speaker continues the last speaker
("مشدداً على “…”" after "وأكد حسين “…”").
"""

from __future__ import annotations

import re

from hadath.language.words import load as load_words
from hadath.models import Mention, Quote
from hadath.text.normalize import normalize, normalize_with_offsets

_QUOTE = re.compile(r"“([^”\n]{3,}?)”|«([^»\n]{3,}?)»|\"([^\"\n]{3,}?)\"")
_WORDS = load_words()  # data/lexicons/language_words.yaml
_REPORTING = re.compile(
    r"(?<![\w])[وف]?(" + "|".join(sorted(_WORDS.reporting_verbs)) + r")ت?(ه|ها|هم)?(?![\w])"
)
# A quote of fewer words is a term in quotation marks ("داعش"), not speech.
MIN_QUOTE_WORDS = 3
# Up to this many words, marks may hold a name or a term («وحدات حماية الشعب الكردية»): speech only when
# a reporting verb or a colon introduces it.
SHORT_QUOTE_WORDS = 8


# "إن/أن" opens the reported clause: people named after it are what is said, not who says it.
_THAT = re.compile(r"(?<![\w])ان(ه|ها|هم)?(?![\w])")
# A name after one of these ("وقال بعد لقائه بري") is whom the speaker met, not the speaker: the verb's
# subject is then a pronoun for someone named earlier.
_OBJECT_HEADS = re.compile(r"(?<![\w])[وف]?(" + "|".join(sorted(_WORDS.object_heads)) + r")(?![\w])")


def find_quotes(text: str, sentences: list[tuple[int, int]], people: list[Mention]) -> list[Quote]:
    """Quotes in ``text`` with the entity id of their speaker (None when no speaker can be found).

    The speaker is the subject of the reporting verb before the quote: the first person named after
    the verb and before "إن/أن" ("دعا وزير الخارجية فؤاد حسين نظيره … إلى “…”" → Hussein, not the
    counterpart) unless a preposition comes first ("وقال بعد لقائه بري"), or the person right before
    the verb ("حسين قال"); with no subject of its own the quote continues the previous speaker, else the
    first person of the sentence.
    """
    quotes: list[Quote] = []
    last: str | None = None
    for m in _QUOTE.finditer(text):
        body = next(g for g in m.groups() if g is not None)
        if len(body.split()) < MIN_QUOTE_WORDS:
            continue
        start = m.start()
        sent_start = next((s for s, e in sentences if s <= start < e), 0)
        if len(body.split()) < SHORT_QUOTE_WORDS and not _introduced(text, sent_start, start):
            continue
        speaker, verb_start = _subject(text, sent_start, start, people)
        if speaker is None:
            # Only people named before the verb can be its unnamed subject: after it come its objects.
            in_sentence = [p for p in people if sent_start <= p.start and p.end <= verb_start]
            earlier = [p for p in people if p.end <= sent_start]
            if last is not None:
                speaker = last
            elif in_sentence:
                speaker = in_sentence[0].entity
            elif earlier:
                # The subject of the sentence that named someone last: its first person.
                prev_start = next((s for s, e in sentences if s <= earlier[-1].start < e), 0)
                speaker = next(p.entity for p in earlier if p.start >= prev_start)
        quotes.append(Quote(speaker, body.strip(), m.start() + 1, m.end() - 1))
        last = speaker
    return quotes


def _introduced(text: str, sent_start: int, quote_start: int) -> bool:
    """Whether a reporting verb in the sentence, or a colon right before it, introduces the quote."""
    lead = text[sent_start:quote_start]
    return lead.rstrip().endswith(":") or _REPORTING.search(normalize(lead)) is not None


def _subject(text: str, sent_start: int, quote_start: int, people: list[Mention]) -> tuple[str | None, int]:
    """The named subject of the last reporting verb before the quote, and where that verb starts."""
    lead = text[sent_start:quote_start]
    norm, offsets = normalize_with_offsets(lead)
    verbs = list(_REPORTING.finditer(norm))
    if not verbs:
        return None, quote_start
    verb = verbs[-1]
    verb_start = sent_start + offsets[verb.start()]
    verb_end = sent_start + offsets[verb.end() - 1] + 1
    that = _THAT.search(norm, verb.end())
    limit = sent_start + offsets[that.start()] if that else quote_start
    after = [p for p in people if verb_end <= p.start and p.end <= limit]
    if after:
        if _OBJECT_HEADS.search(normalize(text[verb_end : after[0].start])):
            return None, verb_start
        return after[0].entity, verb_start
    before = [p for p in people if sent_start <= p.start and p.end <= verb_start]
    if before and not text[before[-1].end : verb_start].strip(" ،,"):
        return before[-1].entity, verb_start
    return None, verb_start
