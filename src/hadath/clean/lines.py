"""Line classifier for scraped Arabic text: boilerplate out, appended articles split off.

A scrape dump is a sequence of lines. Each line is matched (normalised) against the patterns of
``data/clean/boilerplate.yaml``; section markers ("اقرأ أيضاً", "مقالات مشابهة") open a zone in which a
headline followed by body paragraphs is a further article and a run of bare headlines is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

import yaml

from hadath.text.dates import parse_date
from hadath.text.normalize import normalize, normalize_with_offsets

# A headline is short and does not end like a sentence; a body paragraph is long. Calibrated on the
# seed pages and the examples: headlines run 5–18 words, lead paragraphs 25+ words.
MAX_HEADLINE_WORDS = 22
MIN_BODY_WORDS = 12
MAX_SUBHEADING_WORDS = 6
MAX_CREDIT_WORDS = 4
_SENTENCE_END = (".", "!", ":", "…", "،", ",", "؛")
_LETTER = re.compile(r"[^\W\d_]")
_BULLET = re.compile(r"^\s*[•*·▪►◄-]\s*")
# Where a glued tail may start: after a sentence end (and any closing quote or bracket) and a space.
_TAIL_START = re.compile(r"[.!?؟…][\"'”»)\]]*\s+")
# A byline prefix is short: longer "name – name:" openers are sentences with a quote.
MAX_BYLINE_WORDS = 8
# A pattern of a "standalone" kind (disclaimers: "لا تعبر عن وجهة نظر") marks a line wherever it stands
# only when the match comes within its first words or the line is too short to be a body paragraph; a
# longer notice that names itself later ("النص الذي يتضمن اسم الكاتب …، لا يعبر بالضرورة عن وجهة نظر
# الموقع") is dropped only where notices stand, closing the article. A body paragraph that merely quotes
# the words ("… إن هذه التصريحات لا تعبر عن وجهة نظر العراق …") and is followed by more text is text.
# Calibrated on SaudiNewsNet (31,030 articles): every disclaimer match there (4 lines, 29–126 words,
# matched at word 13 or later, each followed by body paragraphs) was article text; the notice on the
# seed page (33 words, matched at word 9) closes its article.
MAX_CHROME_LEAD_WORDS = 3
# A record title and a first line are the same headline when this share of the longer one's words is
# common to both (a repeated title may carry a category label or the outlet's name).
MIN_TITLE_OVERLAP = 0.6


@dataclass(frozen=True, slots=True)
class Patterns:
    """The compiled pattern file."""

    drop: tuple[tuple[str, re.Pattern[str]], ...]
    standalone: frozenset[str]  # kinds whose match deep inside a body paragraph does not count
    sections: tuple[re.Pattern[str], ...]
    outlet: tuple[re.Pattern[str], ...]
    dateline: tuple[re.Pattern[str], ...]
    glued: re.Pattern[str]  # a sub-heading glued to the sentence after it
    tail: tuple[re.Pattern[str], ...]  # furniture closing an article: tag lists, links to the story
    byline: tuple[re.Pattern[str], ...]  # "الكاتب– الصحيفة– المدينة:" opening the lead
    byline_stops: frozenset[str]  # words no byline holds: "قال الوزير – في مؤتمر صحفي:" is a lead
    agencies: frozenset[str]  # a byline of one-word parts names one of these: "سبق- وكالات:"
    category: tuple[re.Pattern[str], ...]  # "عام / " before a headline or lead
    share_prefix: re.Pattern[str]  # a share bar glued before the lead: "شارك من خلال تويتر فيسبوك"


@cache
def patterns() -> Patterns:
    """Load and compile ``boilerplate.yaml`` once."""
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("hadath").joinpath("data/clean/boilerplate.yaml").read_text(encoding="utf-8")
    )
    drop = tuple((kind, re.compile(p)) for kind, plist in raw["drop"].items() for p in plist)
    return Patterns(
        drop=drop,
        standalone=frozenset(raw["standalone"]),
        sections=tuple(re.compile(p) for p in raw["sections"]),
        outlet=tuple(re.compile(p) for p in raw["outlet"]),
        dateline=tuple(re.compile(p) for p in raw["dateline"]),
        glued=re.compile(
            r"(?<![\w])[\u0621-\u064a]{4,}?(و(?:" + "|".join(raw["glued_openers"]) + r"))(?![\w])"
        ),
        tail=tuple(re.compile(p) for p in raw["tail"]),
        byline=tuple(re.compile(p) for p in raw["byline"]),
        byline_stops=frozenset(normalize(w) for w in raw["byline_stops"]),
        agencies=frozenset(normalize(w) for w in raw["agencies"]),
        category=tuple(re.compile(p) for p in raw["category"]),
        share_prefix=re.compile(raw["share_prefix"]),
    )


@dataclass(slots=True)
class Segment:
    """One article found in a page: title, body text and what the text said about its origin."""

    title: str | None = None
    lines: list[str] = field(default_factory=list)
    outlet: str | None = None
    published: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.lines)


def classify(line: str) -> str | None:
    """The boilerplate category of a line (``"forum"``, ``"share"``, …) or None for content.

    For a "standalone" kind, a match deep inside a body paragraph does not count here: such a line is a
    notice only when it closes the article (see ``MAX_CHROME_LEAD_WORDS`` and :func:`is_closing_notice`).
    """
    kind, deep = _match(line)
    return None if deep else kind


def is_closing_notice(line: str) -> bool:
    """Whether ``line`` would be a notice (disclaimer) if it closed the article: a long paragraph whose
    only chrome match lies deep inside it."""
    return _match(line)[1]


def _match(line: str) -> tuple[str | None, bool]:
    """The first matching kind, and whether every match is a standalone kind deep inside a body paragraph."""
    norm = normalize(line.strip())
    pats = patterns()
    short = not is_body(norm)
    deep: str | None = None
    for kind, pattern in pats.drop:
        m = pattern.search(norm)
        if m is None:
            continue
        if kind not in pats.standalone or short or _words(norm[: m.start()]) < MAX_CHROME_LEAD_WORDS:
            return kind, False
        deep = deep or kind
    return deep, deep is not None


def _words(line: str) -> int:
    return len(line.split())


def is_headline(line: str) -> bool:
    """Short line that does not end like a sentence (question marks allowed: headlines ask)."""
    stripped = line.strip()
    return 2 <= _words(stripped) <= MAX_HEADLINE_WORDS and not stripped.endswith(_SENTENCE_END)


def is_body(line: str) -> bool:
    return _words(line) >= MIN_BODY_WORDS


def _is_lead(line: str) -> bool:
    """Whether a first line is long enough in words to be the lead, not a caption or a dateline.

    Only words with letters count: "مكة المكرمة 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس" and a photo
    credit "تصوير – فلان – فلان" are long in tokens but not in words.
    """
    return sum(1 for w in line.split() if _LETTER.search(w)) >= MIN_BODY_WORDS


def _section_rest(line: str) -> str | None:
    """If ``line`` opens a related-content section, the text glued after the marker ('' if none)."""
    norm = normalize(line.strip())
    for pattern in patterns().sections:
        m = pattern.match(norm)
        if m:
            rest = m.group("rest")
            if not rest:
                return ""
            if _words(rest) >= MIN_BODY_WORDS:
                return None  # "اخترنا لكم في هذا العدد …": a body sentence that starts like a marker
            # Map the glued remainder back to the original spelling by its length from the end.
            return line.strip()[-len(rest) :] if len(rest) <= len(line.strip()) else rest
    return None


def _outlet(line: str) -> str | None:
    norm = normalize(line.strip())
    for pattern in patterns().outlet:
        m = pattern.search(norm)
        if m:
            return _original_span(line.strip(), norm, m.start("outlet"), m.end("outlet"))
    return None


def dateline(line: str) -> tuple[str | None, str | None]:
    """``(place, outlet)`` from a lead that opens with a dateline such as "بغداد/المسلة الحدث:"."""
    head = line.strip()[:80]
    norm = normalize(head)
    for pattern in patterns().dateline:
        m = pattern.match(norm)
        if m:
            place = _original_span(head, norm, m.start("place"), m.end("place"))
            outlet = _original_span(head, norm, m.start("outlet"), m.end("outlet"))
            return place, outlet
    return None, None


def strip_share(line: str) -> str | None:
    """The text after a share bar glued before it ("شارك عبر تويتر فيسبوك أصيب …" → "أصيب …"), or None."""
    norm, offsets = normalize_with_offsets(line)
    m = patterns().share_prefix.match(norm)
    if m is None:
        return None
    return line[offsets[m.end()] :].strip() if m.end() < len(offsets) else ""


def same_title(line: str, title: str) -> bool:
    """Whether ``line`` repeats the headline ``title`` (most words in common, in any order)."""
    a, b = set(normalize(strip_category(line)).split()), set(normalize(strip_category(title)).split())
    return bool(a and b) and len(a & b) >= MIN_TITLE_OVERLAP * max(len(a), len(b))


def strip_category(line: str) -> str:
    """``line`` without an agency category label before it ("عام / وزير …" → "وزير …")."""
    norm, offsets = normalize_with_offsets(line)
    for pattern in patterns().category:
        m = pattern.match(norm)
        if m and m.end() < len(offsets):
            return line[offsets[m.end()] :].strip()
    return line


def strip_byline(line: str) -> str | None:
    """The lead without its opening byline ("أيمن حسن– الصحيفة: تسببت …" → "تسببت …"), or None if none."""
    norm, offsets = normalize_with_offsets(line)
    pats = patterns()
    for pattern in pats.byline:
        m = pattern.match(norm)
        if m and len(norm[: m.end()].split()) <= MAX_BYLINE_WORDS and _is_byline(norm[: m.end()], pats):
            return line[offsets[m.end()] :].strip() if m.end() < len(offsets) else ""
    return None


def _is_byline(head: str, pats: Patterns) -> bool:
    """Whether the dashed words before a lead's colon credit a writer or an agency, not a speaker and an
    occasion ("قال الوزير – في مؤتمر صحفي:") or the parties of a headline ("مصر - السودان - إثيوبيا:")."""
    parts = [p.strip(" :") for p in re.split(r"\s*[–—-]\s*", head.strip()) if p.strip(" :")]
    if any(w in pats.byline_stops for p in parts for w in p.split()):
        return False
    places = [_place_kind(p) for p in parts]
    if len(parts) > 1 and all(k == "country" for k in places):
        return False  # "مصر - السودان - إثيوبيا:": the parties of a headline
    # A writer's name has two words; otherwise an agency or the place the report was filed from is named
    # ("سبق- الرياض:").
    return any(len(p.split()) >= 2 for p in parts) or any(p in pats.agencies for p in parts) or any(places)


def _place_kind(part: str) -> str | None:
    """``"country"``, ``"place"`` or None for one part of a byline, from the knowledge files."""
    from hadath.language.knowledge import load  # the cleaning stage reads the gazetteer only here

    hits = [c for c in load().names.get(tuple(part.split()), ()) if c.kind == "LOC"]
    if not hits:
        return None
    return "country" if any(c.place_kind == "country" for c in hits) else "place"


def cut_tail(line: str) -> str:
    """``line`` without the closing furniture glued to it: "" when the line is only that, else the text."""
    norm, offsets = normalize_with_offsets(line)
    tails = patterns().tail
    if any(p.match(norm) for p in tails):
        return ""
    for m in _TAIL_START.finditer(norm):
        rest = norm[m.end() :]
        if any(p.match(rest) for p in tails):
            return line[: offsets[m.end()]].strip()
    return line


def _original_span(line: str, norm: str, start: int, end: int) -> str:
    """The original-spelling text for a span of the normalised line (normalisation may drop marks)."""
    _, offsets = normalize_with_offsets(line)
    if not offsets or end <= start:
        return norm[start:end]
    return line[offsets[start] : offsets[end - 1] + 1].strip()


def _clean_line(line: str) -> str:
    return re.sub(r"[ \t\u00a0\u200f\u200e]+", " ", line).strip()


def unglue(line: str) -> list[str]:
    """A line split where a scrape glued a sub-heading to the next sentence ("…إضافيوقال" → two lines)."""
    norm, offsets = normalize_with_offsets(line)
    cuts = [offsets[m.start(1)] for m in patterns().glued.finditer(norm)]
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(line)]
    return [line[a:b].strip() for a, b in pairwise(bounds) if line[a:b].strip()]


def segment_text(text: str, title: str | None = None) -> list[Segment]:
    """Split a page's text into articles: the main one first, then appended ones.

    ``title`` is the headline given with the record, if any. Without it, a first line shaped like a
    headline is taken as the title. With it, that line is the title only when it repeats it or is too
    short for a paragraph (a photo caption); a long first line that merely lacks its full stop is the lead.

    >>> [s.title for s in segment_text("عنوان الخبر هنا\\n" + "كلمة " * 30 + ".")]
    ['عنوان الخبر هنا']
    """
    lines = [part for raw in text.splitlines() if (x := _clean_line(raw)) for part in unglue(x)]
    main = Segment()
    segments = [main]
    current: Segment | None = main
    headline: str | None = None
    forum_title: str | None = None
    seen_body = False
    in_section = False

    for i, line in enumerate(lines):
        rest = _section_rest(line)
        if rest is not None:
            in_section = True
            current, headline = None, (rest if rest and is_headline(rest) else None)
            continue
        kind = classify(line)
        if kind == "share" and (rest := strip_share(line)) and is_body(rest):
            line, kind = rest, None  # the share bar goes, the paragraph glued after it stays
        if kind is not None:
            target = current if current is not None else main
            if kind == "credit" and target.outlet is None:
                target.outlet = _outlet(line)
            if kind == "metadata" and target.published is None:
                parsed = parse_date(line)
                target.published = parsed.isoformat() if parsed else None
            if kind == "forum" and forum_title is None and not seen_body:
                forum_title = _forum_topic(line)
            continue
        if not seen_body and not in_section:
            # The head of a page: a date-only line is the publication date; short bullets are chrome.
            parsed = parse_date(line)
            if parsed and _words(line) <= 6:
                if main.published is None:
                    main.published = parsed.isoformat()
                continue
            if _BULLET.match(line) and _words(line) <= 4:
                continue
        if in_section:
            line = _BULLET.sub("", line)
            if is_body(line) and not is_headline(line):
                if current is None:
                    if headline is None:
                        continue  # body text with no headline: a teaser, not a whole article
                    current = Segment(title=headline)
                    segments.append(current)
                    headline = None
                current.lines.append(line)
            elif current is not None and normalize(line) == normalize(current.title or ""):
                continue  # the headline repeated as an image caption
            elif current is not None and _words(line) <= MAX_SUBHEADING_WORDS and _next_is_body(lines, i):
                continue  # a sub-heading inside the appended article
            else:
                current, headline = None, line  # a new headline: of the next article, or of a list
            continue
        # Main article.
        if (
            main.title is None
            and not seen_body
            and is_headline(line)
            and not _BULLET.match(line)
            and (title is None or not _is_lead(line) or same_title(line, title))
        ):
            main.title = strip_category(line)
            continue
        if not seen_body:
            line = strip_category(line)
            rest = strip_byline(line)
            if rest is not None and (not rest or is_body(rest)):
                if not rest:
                    continue  # the byline on a line of its own
                line = rest
        if not seen_body and forum_title and normalize(line) == normalize(forum_title):
            continue  # forum pages repeat the topic title
        if not seen_body:
            _place, outlet = dateline(line)
            if outlet and main.outlet is None:
                main.outlet = outlet
        main.lines.append(_BULLET.sub("", line))
        if is_body(line):
            seen_body = True
    main.title = main.title or forum_title
    for seg in segments:
        _close(seg, credits=seg is main)
    return [s for s in segments if s.lines]


def _close(seg: Segment, credits: bool) -> None:
    """Drop what closes an article but is not its text: tag lists and story links (glued or not), long
    disclaimers, and in the main article short credit lines ("ميدل ايست أونلاين"), which name the outlet."""
    while seg.lines:
        last = seg.lines[-1]
        kept = cut_tail(last)
        if kept != last:
            if kept:
                seg.lines[-1] = kept
            else:
                seg.lines.pop()
        elif (
            credits
            and len(seg.lines) > 1
            and _words(last) <= MAX_CREDIT_WORDS
            and not last.endswith((*_SENTENCE_END, "?", "؟", "»", "”", '"'))
        ):
            seg.lines.pop()
            seg.outlet = seg.outlet or last
        elif len(seg.lines) > 1 and is_closing_notice(last):
            seg.lines.pop()
        else:
            return


def _next_is_body(lines: list[str], i: int) -> bool:
    return i + 1 < len(lines) and is_body(lines[i + 1]) and classify(lines[i + 1]) is None


def _forum_topic(line: str) -> str | None:
    """The topic title in a forum header such as "المحرر موضوع: <title> (زيارة 606 مرات)"."""
    m = re.search(r"موضوع\s*:\s*(.+?)\s*(\(\s*زيارة.*)?$", line)
    return m.group(1).strip() if m else None
