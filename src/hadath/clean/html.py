"""HTML pages to text and metadata: trafilatura, justext as a second opinion, htmldate for the date.

The text keeps one paragraph a line, so the line classifier can still drop chrome and split appended
articles. Nothing here touches the network: trafilatura and htmldate get the parsed tree, never a
string (htmldate downloads a string that looks like a URL), and a page's URL is only pattern-matched.
"""

from __future__ import annotations

import html as htmllib
import itertools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any
from urllib.parse import urlparse

import htmldate
import justext
import trafilatura
import trafilatura.metadata as tmeta

from hadath.text.dates import find_dates
from hadath.text.normalize import normalize, strip_clitics

log = logging.getLogger(__name__)

# When trafilatura keeps less than this, justext is asked too. The shortest real articles trafilatura
# extracted correctly from the shared Arabic pages run 480-610 characters; justext is only *asked*
# below this, and must then clearly win (JUSTEXT_MARGIN), so a generous bound costs little.
MIN_TEXT_CHARS = 700
# ... or when trafilatura keeps less than this share of the page's long <p> text: on the shared pages
# it keeps 0.62 of it or more, while a body in a container trafilatura discards as chrome (<aside>, a
# layout table) leaves it a fraction.
MIN_PARAGRAPH_SHARE = 0.5
# justext replaces trafilatura only when its sentence-like text is at least this many times larger.
# Where both find the article, justext adds chrome (site blurbs, reprint notices, polls) and can miss a
# paragraph: on the shared pages its excess reached 1.56x (a wire story of two paragraphs whose page
# footer describes the site), so only a clear doubling means trafilatura missed the body.
JUSTEXT_MARGIN = 2.0
# A paragraph of at least this many words reads as running text; menus, bylines, captions and most
# headlines are shorter.
BODY_WORDS = 10

# A meta description is a lead only if at least this share of its word 4-grams is missing from the
# text (on the shared pages a description the text holds, reworded or not, scores 0.93-1.0, a lost lead 0),
# and if this share of its content words does occur in the text (a lost lead names the body's actors
# and places; a site-wide blurb such as "موقع إخباري يتناول الشؤون …" does not).
LEAD_SHINGLE = 4
LEAD_CONTAINED = 0.5
LEAD_ON_TOPIC = 0.3
# … and at least this many two-word phrases.
LEAD_PAIRS = 2
# A page block holding the description is taken whole as the lead only up to this many times the
# description's length: a longer block is a body the extractor rejected, not a lead.
LEAD_BLOCK_RATIO = 3.0
# The byline area: this many short blocks after the headline are searched for a written date.
BYLINE_BLOCKS = 8
BYLINE_MAX_WORDS = 14

# htmldate's own lower bound: Arabic news sites barely predate it, and earlier "dates" are noise.
EARLIEST_DATE = date(1995, 1, 1)
# A page dated "today" in a time zone east of UTC can be one day ahead of the UTC clock.
FUTURE_SLACK = timedelta(days=1)

_WHITESPACE = re.compile(r"\s+")
_SITE_SEPARATOR = re.compile(r"\s+[-|–—:»«]+\s+")
_OUTLET_NOISE = re.compile(
    r"©|\(c\)|copyright|all rights reserved|جميع الحقوق محفوظة|\b(?:19|20)\d\d\b(?:\s*[-–]\s*(?:19|20)\d\d)?",
    re.I,
)
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)/?\S*$", re.I)
_TOKEN_SPLIT = re.compile(r"[\W_]+")
_ELLIPSIS = re.compile(r"\s*(?:\.{2,}|…)\s*$")
_SENTENCE_END = re.compile(r"[.!?؟…][\s\"'”»)\]]*$")
_LAST_SENTENCE = re.compile(r"^.*[.!?؟][\"'”»)\]]*(?=\s)", re.S)
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
# Elements a reader never sees as text, and elements that start a new line of text.
_INVISIBLE = frozenset(
    {
        "head",
        "title",
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "select",
        "option",
        "button",
        "textarea",
    }
)
_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)


@dataclass(frozen=True, slots=True)
class Page:
    """What the extractor found in a page; ``extractor`` says whose text was kept."""

    text: str
    title: str | None
    outlet: str | None
    published: str | None
    extractor: str = "trafilatura"


def extract_html(html: str, url: str | None = None) -> Page | None:
    """Main text and metadata of an HTML page, or None when it holds no article.

    Paragraphs come back one a line so the line classifier can still split appended articles.
    ``url`` (where the page was fetched from) is only read, for a date or host in it; never fetched.
    """
    tree = _parse(html)
    if tree is None:
        return None
    paragraphs, extractor = _main_text(tree, html)
    if not paragraphs:
        return None
    meta = _metadata(tree, url)
    outlet = _clean_outlet(meta.sitename) or _host(meta.url)
    title = _clean_title(meta.title, outlet)
    layout = _Layout(tree)
    return Page(
        text="\n".join(_with_lead(paragraphs, _descriptions(tree), layout)),
        title=title,
        outlet=outlet,
        published=_published(tree, meta.url, html) or _url_date(meta.url) or _byline_date(layout, title),
        extractor=extractor,
    )


def _parse(html: str) -> Any:
    if not html.strip():
        return None
    try:
        tree: Any = trafilatura.load_html(html)
    except Exception as e:  # lxml raises many error types on broken markup
        log.warning("HTML could not be parsed: %s", e)
        return None
    return tree


# Text -------------------------------------------------------------------------------------------------


def _main_text(tree: Any, html: str) -> tuple[list[str], str]:
    """The article text, one paragraph a line, and which extractor produced it.

    trafilatura decides unless it kept little (under MIN_TEXT_CHARS, or under MIN_PARAGRAPH_SHARE of
    the page's long <p> text); then justext with its Arabic stoplist gives a second opinion, kept when
    its sentence-like text (paragraphs of BODY_WORDS words or more) is JUSTEXT_MARGIN times larger.
    """
    first = _trafilatura_paragraphs(tree)
    size = sum(len(p) for p in first)
    if size >= MIN_TEXT_CHARS and size >= MIN_PARAGRAPH_SHARE * _long_paragraph_chars(tree):
        return first, "trafilatura"
    second = _justext_paragraphs(html)
    if _body_chars(second) >= JUSTEXT_MARGIN * _body_chars(first) and second:
        return second, "justext"
    return first, "trafilatura"


def _trafilatura_paragraphs(tree: Any) -> list[str]:
    # trafilatura's balanced mode, not favor_recall: on the shared pages recall mode gained no article
    # line and added only chrome (one page's whole 120-line menu); short extractions get justext instead.
    try:
        doc = trafilatura.bare_extraction(tree, include_comments=False, include_tables=False)
    except Exception as e:  # trafilatura lets lxml errors from broken markup through
        log.warning("trafilatura failed: %s", e)
        return []
    text = getattr(doc, "text", None) if doc is not None else None
    return _lines(text.splitlines()) if text else []


def _justext_paragraphs(html: str) -> list[str]:
    # justext's defaults: a paragraph is good from 200 characters with a third of stop words, which
    # Arabic news prose passes (SaudiNewsNet paragraphs: median stop-word share 0.48, 308 characters).
    try:
        paragraphs = justext.justext(html.encode("utf-8"), _arabic_stoplist(), encoding="utf-8")
    except Exception as e:  # justext raises on pages lxml cannot read as a document
        log.warning("justext failed: %s", e)
        return []
    return _lines(p.text for p in paragraphs if not p.is_boilerplate)


@cache
def _arabic_stoplist() -> frozenset[str]:
    return frozenset(justext.get_stoplist("Arabic"))


def _lines(paragraphs: Iterable[str]) -> list[str]:
    """Paragraphs on one line each, without a repeat of a long paragraph already kept.

    trafilatura's fallback sometimes returns a short article's only paragraph twice; a page never
    repeats running text verbatim on purpose, while short lines ("***", a refrain) may recur.
    """
    out: list[str] = []
    seen: set[str] = set()
    for raw in paragraphs:
        line = _WHITESPACE.sub(" ", raw).strip()
        if not line or line in seen:
            continue
        if len(line.split()) >= BODY_WORDS:
            seen.add(line)
        out.append(line)
    return out


def _body_chars(paragraphs: list[str]) -> int:
    return sum(len(p) for p in paragraphs if len(p.split()) >= BODY_WORDS)


def _long_paragraph_chars(tree: Any) -> int:
    """Characters in the page's <p> elements that read as running text."""
    total = 0
    for p in tree.iter("p"):
        text = _WHITESPACE.sub(" ", p.text_content()).strip()
        if len(text.split()) >= BODY_WORDS:
            total += len(text)
    return total


# The page as read: blocks of visible text, for the lead and the byline date ----------------------------


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN_SPLIT.split(normalize(text)) if t]


def _shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    n = LEAD_SHINGLE
    return {tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))}


def _share(part: set[tuple[str, ...]], whole: set[tuple[str, ...]]) -> float:
    return len(part & whole) / len(part) if part else 0.0


class _Layout:
    """The page's visible text in reading order, one entry a block (a block element or a <br> line).

    Built lazily: most pages need neither a lead nor a date from it.
    """

    def __init__(self, tree: Any) -> None:
        self._tree = tree
        self._blocks: list[str] | None = None
        self._tokens: list[list[str]] | None = None

    @property
    def blocks(self) -> list[str]:
        if self._blocks is None:
            self._blocks = _visible_blocks(self._tree)
        return self._blocks

    @property
    def tokens(self) -> list[list[str]]:
        if self._tokens is None:
            self._tokens = [_tokens(b) for b in self.blocks]
        return self._tokens

    def find(self, text: str) -> int | None:
        """The first block whose text starts with the first words of ``text`` (or holds them)."""
        key = _tokens(text)[:6]
        if not key:
            return None
        n = len(key)
        for i, toks in enumerate(self.tokens):
            if any(toks[j : j + n] == key for j in range(len(toks) - n + 1)):
                return i
        return None


def _visible_blocks(tree: Any) -> list[str]:
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        line = _WHITESPACE.sub(" ", "".join(run)).strip()
        if line:
            out.append(line)
        run.clear()

    # An explicit stack rather than recursion: broken pages nest thousands of unclosed elements.
    stack: list[tuple[Any, bool]] = [(tree, False)]
    hidden = 0
    try:
        while stack:
            el, closing = stack.pop()
            tag = el.tag.lower() if isinstance(el.tag, str) else None  # comments have no str tag
            if not closing:
                if tag in _INVISIBLE:
                    hidden += 1
                if not hidden:
                    if tag in _BLOCK:
                        flush()
                    if tag is not None and el.text:
                        run.append(el.text)
                stack.append((el, True))
                stack.extend((child, False) for child in reversed(el))
                continue
            if tag in _INVISIBLE:
                hidden -= 1
            if hidden:
                continue
            if tag in _BLOCK:
                flush()
            if el.tail and el is not tree:
                run.append(el.tail)
    except Exception as e:  # a damaged tree loses this help, never the page
        log.debug("page layout not read: %s", e)
    flush()
    return out


# The lead -----------------------------------------------------------------------------------------------


def _descriptions(tree: Any) -> list[str]:
    """The page's own summaries (og:description, description, twitter:description), distinct, in order."""
    found: list[str] = []
    try:
        metas = list(tree.iter("meta"))
    except Exception:  # lxml raises on a damaged tree; no description then
        return found
    for meta in metas:
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        if key not in ("og:description", "description", "twitter:description"):
            continue
        value = _str(meta.get("content"))
        if value:
            for _ in range(2):  # pages double-escape their meta content
                value = htmllib.unescape(value)
            if value not in found:
                found.append(value)
    return found


def _with_lead(paragraphs: list[str], descriptions: list[str], layout: _Layout) -> list[str]:
    """The paragraphs with the page's lead put back where the extractor dropped it.

    Extractors drop a lead set apart from the body (its own <div>, or bare text before the first <br>),
    while the page's description repeats it, whole or cut with "…". A description that the text does not
    already hold and that shares the text's vocabulary is looked up in the page: the block holding it,
    when it comes before the body, is the lead; otherwise the description itself, when it is a whole
    sentence (a cut one up to its last full stop).
    """
    if not descriptions:
        return paragraphs
    text_tokens = _tokens(" ".join(paragraphs))
    text_shingles = _shingles(text_tokens)
    text_pairs = set(itertools.pairwise(text_tokens))
    # Words compared without their proclitics: a lead says "بالحمى" where the body says "الحمى".
    vocabulary = {form for t in set(text_tokens) for form in strip_clitics(t)}
    candidates = []
    for description in descriptions:
        cut = _ELLIPSIS.search(description)
        stem = description[: cut.start()] if cut else description
        tokens = _tokens(stem)
        if len(tokens) < BODY_WORDS:
            continue
        shingles = _shingles(tokens)
        if _share(shingles, text_shingles) >= LEAD_CONTAINED:
            return paragraphs  # the text has its lead
        candidates.append((stem, cut is not None, tokens, shingles))
    for stem, was_cut, tokens, shingles in candidates:
        content = {t for t in tokens if len(t) > 2}
        shared = sum(1 for t in content if any(f in vocabulary for f in strip_clitics(t)))
        if not content or shared / len(content) < LEAD_ON_TOPIC:
            continue  # a site-wide blurb, not this article's summary
        if len(set(itertools.pairwise(tokens)) & text_pairs) < LEAD_PAIRS:
            # A blurb ("صحيفة سعودية تهتم بأخبار المملكة والخليج") shares single words with any story of
            # its country; a lead shares phrases with its own ("وزارة الصحة", "حالات وفاة").
            continue
        placed = _lead_in_page(paragraphs, stem, shingles, layout)
        if placed is not None:
            return placed or paragraphs
        lead = stem if not was_cut else (m.group() if (m := _LAST_SENTENCE.match(stem)) else "")
        lead = _WHITESPACE.sub(" ", lead).strip()
        if len(lead.split()) >= BODY_WORDS and _SENTENCE_END.search(lead):
            first_body = next((i for i, p in enumerate(paragraphs) if len(p.split()) >= BODY_WORDS), 0)
            return [*paragraphs[:first_body], lead, *paragraphs[first_body:]]
    return paragraphs


def _lead_in_page(
    paragraphs: list[str], stem: str, shingles: set[tuple[str, ...]], layout: _Layout
) -> list[str] | None:
    """The paragraphs with the page block holding the description put before the first one it precedes.

    None when no block holds the description; an empty list when one does but it is no lead (it follows
    the text's start: a repeat in a related box, or a body paragraph the extractor dropped on purpose).
    """
    for i, toks in enumerate(layout.tokens):
        if len(toks) < BODY_WORDS or _share(shingles, _shingles(toks)) < LEAD_CONTAINED:
            continue
        block = layout.blocks[i]
        if len(block) > LEAD_BLOCK_RATIO * len(stem) or not _SENTENCE_END.search(block):
            return None  # a body block, or a lead without a sentence end: the description decides
        for j, paragraph in enumerate(paragraphs[:5]):
            where = layout.find(paragraph)
            if where is not None and where > i:
                return [*paragraphs[:j], block, *paragraphs[j:]]
        return []
    return None


# The date in the byline area ----------------------------------------------------------------------------


def _url_date(url: str | None) -> str | None:
    """A date spelled in the URL's path with a section between year and month: ``/2013/middle_east/8/3/``.

    htmldate reads ``/2013/08/03/`` and ``/20130803``; CMSs that file stories under year/section/month/day
    escape it. Only whole path segments count, so an article number never passes for a day.
    """
    if not url:
        return None
    parts = [p for p in urlparse(url).path.split("/") if p]
    for i, part in enumerate(parts):
        if not (len(part) == 4 and part.isdigit()):
            continue
        rest = parts[i + 1 : i + 4]
        if rest and not rest[0].isdigit():
            rest = rest[1:]  # one section name between the year and the month
        if len(rest) >= 2 and all(p.isdigit() and len(p) <= 2 for p in rest[:2]):
            try:
                day = date(int(part), int(rest[0]), int(rest[1]))
            except ValueError:
                continue
            if valid_date(day):
                return day.isoformat()
    return None


def _byline_date(layout: _Layout, title: str | None) -> str | None:
    """A full date (day, month, year) written in a short block just under the headline, or None.

    For pages whose markup carries no date (the publication line is plain text under the <h1>). Only the
    byline area is read, never the whole page: a date elsewhere may be a related story's or today's.
    """
    if not title:
        return None
    start = layout.find(title)
    if start is None or len(layout.tokens[start]) > len(_tokens(title)) + 3:
        return None  # no headline block: nowhere to read a byline from
    for block in layout.blocks[start + 1 : start + 1 + BYLINE_BLOCKS]:
        words = len(block.split())
        if words >= BODY_WORDS * 2:
            break  # the body has started
        if words > BYLINE_MAX_WORDS:
            continue
        for mention in find_dates(block, None):
            # A written year: "الأربعاء 28 آب" alone is resolved against no date and is no full date.
            if mention.precision == "day" and mention.value and _YEAR.search(mention.text):
                day = date.fromisoformat(mention.value)
                if valid_date(day):
                    return day.isoformat()
    return None


# Metadata ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Meta:
    title: str | None = None
    sitename: str | None = None
    url: str | None = None


def _metadata(tree: Any, url: str | None) -> _Meta:
    """Title, site name and URL from trafilatura's metadata readers (meta tags, then JSON-LD, then markup).

    These are the parts of ``trafilatura.extract_metadata`` hadath uses; the rest (authors, categories,
    tags, licence) took two thirds of its time on the shared pages. The date is :func:`_published`'s.
    """
    try:
        found = tmeta.examine_meta(tree)
        try:
            found = tmeta.extract_meta_json(tree, found)
        except Exception as e:  # trafilatura's JSON-LD reader trips on malformed JSON-LD
            log.debug("JSON-LD metadata skipped: %s", e)
        return _Meta(
            title=_str(found.title) or _str(tmeta.extract_title(tree)),
            # "@Sputnik_Ar": a Twitter handle given as the site name.
            sitename=(_str(found.sitename) or _str(tmeta.extract_sitename(tree)) or "").lstrip("@") or None,
            url=url or _str(found.url) or _str(tmeta.extract_url(tree)),
        )
    except Exception as e:  # metadata is optional: a page keeps its text without it
        log.warning("trafilatura metadata failed: %s", e)
        return _Meta(url=url)


def _str(value: Any) -> str | None:
    if isinstance(value, list):  # JSON-LD may give a list of names
        value = value[0] if value else None
    if isinstance(value, str):
        return _WHITESPACE.sub(" ", value).strip() or None
    return None


def _clean_outlet(name: str | None) -> str | None:
    """A readable site name: entities decoded, copyright notices and years removed, URLs to hosts.

    >>> _clean_outlet("&amp;copy; 2016 aryanews.com")
    'aryanews.com'
    """
    if not name:
        return None
    for _ in range(3):  # pages double- and triple-escape their meta content
        name = htmllib.unescape(name)
    name = _OUTLET_NOISE.sub(" ", name)
    # "Site | tagline | short name": the name comes first.
    name = _WHITESPACE.sub(" ", name.split(" | ")[0]).strip(" -|,.:")
    if not name:
        return None
    return _host(name) if _DOMAIN.match(name) else name


def _host(url: str | None) -> str | None:
    if not url:
        return None
    m = _DOMAIN.match(url.strip())
    host = m.group(1) if m else urlparse(url).hostname
    return host.lower().removeprefix("www.") if host else None


def _clean_title(title: str | None, outlet: str | None) -> str | None:
    """The page title without the site name that pages put before or after it.

    >>> _clean_title("وزير الري يفتتح محطة - اليوم السابع", "اليوم السابع")
    'وزير الري يفتتح محطة'
    """
    if not title or not outlet:
        return title
    site = normalize(outlet)
    parts = _SITE_SEPARATOR.split(title)
    if len(parts) > 1 and normalize(parts[-1]) == site:
        return title[: title.rfind(parts[-1])].rstrip(" -|–—:»«") or title
    if len(parts) > 1 and normalize(parts[0]) == site:
        return title[len(parts[0]) :].lstrip(" -|–—:»«") or title
    return title


# Publication date -------------------------------------------------------------------------------------


def _date_params(extensive: bool) -> dict[str, Any]:
    latest = datetime.now(UTC).date() + FUTURE_SLACK
    return {
        "original_date": True,
        "extensive_search": extensive,
        "min_date": EARLIEST_DATE.isoformat(),
        "max_date": latest.isoformat(),
    }


def _published(tree: Any, url: str | None, html: str) -> str | None:
    """The publication date as ``YYYY-MM-DD``: the page's markup first, then htmldate's text search.

    The first pass is what trafilatura's metadata would give (htmldate on meta tags, JSON-LD, the URL
    and date elements); only without a plausible answer does htmldate search the text. Either answer
    must be plausible (:func:`valid_date`) and must not be a year dressed up as a day.
    """
    for extensive in (False, True):
        try:
            found = htmldate.find_date(tree, url=url, **_date_params(extensive))
        except Exception as e:  # htmldate's parsers raise on odd date strings
            log.warning("htmldate failed: %s", e)
            continue
        day = _plausible(found, html)
        if day:
            return day
    return None


def _plausible(value: str | None, html: str) -> str | None:
    if not value or len(value) < 10:
        return None
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    if not valid_date(day) or _year_only(day, html):
        return None
    return day.isoformat()


def valid_date(day: date, today: date | None = None) -> bool:
    """Whether ``day`` can be a publication date: from 1995 on and not after ``today`` (UTC) + 1 day."""
    today = today or datetime.now(UTC).date()
    return EARLIEST_DATE <= day <= today + FUTURE_SLACK


_INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_JANUARY = r"(?:يناير|كانون الثاني|كانون ثاني|جانفي|ژانویه|january|jan\.?)"


def _year_only(day: date, html: str) -> bool:
    """A 1 January the page never writes: htmldate's year-level last resort, not a day.

    When htmldate finds only a year (the copyright line "© 2016", or "4 آذار 2021" whose Levantine
    month it cannot read) it answers 1 January of it; no date beats a wrong day, and the line
    classifier may still find the date in the text.
    """
    if (day.month, day.day) != (1, 1):
        return False
    y = day.year
    written = re.compile(
        rf"(?<!\d)(?:{y}[-/.]0?1[-/.]0?1|0?1[-/.]0?1[-/.]{y})(?!\d)"
        rf"|(?<!\d)0?1\s*{_JANUARY}\s*,?\s*{y}|{_JANUARY}\s+0?1,?\s+{y}",
        re.I,
    )
    return written.search(html.translate(_INDIC_DIGITS)) is None
