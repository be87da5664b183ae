"""Speed of hadath's clean stage, against trafilatura alone measured in the same run.

Four workloads, each ``--n`` documents, single process, after an untimed warm-up (dateparser and the
language model load once per process, which a long run amortises). hadath and trafilatura are timed in
alternating chunks of the same workload, so a busy machine slows both alike and the ratio holds:

* ``text`` -- SaudiNewsNet articles (their ``content``) as ``Document(text=...)``: the line classifier
  and language identification only. Its baseline is trafilatura on the same articles as HTML, i.e. what
  extracting them would cost had they come as pages;
* ``html_wrapped`` -- the same articles wrapped in a news-page template written for this benchmark
  (menu, headline, paragraphs, related links, footer);
* ``html_pages`` -- the 13 real pages of ``web_extraction_arabic`` repeated to ``--n``;
* ``html_extract`` -- the wrapped articles through :func:`hadath.clean.html.extract_html` alone (no line
  classifier, no language identification): the cost of the HTML layer itself.

hadath runs :func:`hadath.clean.clean_document`; trafilatura runs ``extract(html)`` with its defaults.
Results are printed and written as JSON under ``benchmarks/results/`` (not versioned). Usage::

    python benchmarks/bench_clean.py --shared ../shared [--n 2000] [--out FILE]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import trafilatura
from trafilatura.meta import reset_caches

from hadath.clean import clean_document
from hadath.clean.html import extract_html
from hadath.models import Document

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results"
SAUDINEWSNET = Path("data") / "saudinewsnet" / "dataset"
PAGES = Path("data") / "web_extraction_arabic"
WARMUP = 5
CHUNK = 50

# A plain news page: the chrome is the project's own wording, the article goes in {title} and {body}.
TEMPLATE = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{title} - صحيفة المثال</title>
<meta property="og:site_name" content="صحيفة المثال">
<meta property="article:published_time" content="{published}">
</head><body>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/politics">سياسة</a></li>
<li><a href="/economy">اقتصاد</a></li><li><a href="/sport">رياضة</a></li></ul></nav></header>
<main><article><h1>{title}</h1><div class="byline">المحرر</div>
<div class="article-body">{body}</div>
<div class="share">شارك الخبر: فيسبوك تويتر واتساب</div></article>
<aside class="related"><h3>اقرأ أيضاً</h3><ul><li><a href="/1">عنوان خبر آخر من الموقع</a></li>
<li><a href="/2">عنوان خبر ثالث في القسم نفسه</a></li></ul></aside></main>
<footer><p>جميع الحقوق محفوظة لصحيفة المثال</p><a href="/privacy">سياسة الخصوصية</a></footer>
</body></html>
"""


def saudinewsnet(shared: Path, n: int) -> list[dict[str, Any]]:
    """The first ``n`` articles with text, reading the daily zips in date order."""
    out: list[dict[str, Any]] = []
    for path in sorted((shared / SAUDINEWSNET).glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                for article in json.loads(z.read(name)):
                    if (article.get("content") or "").strip():
                        out.append(article)
                        if len(out) == n:
                            return out
    return out


def wrap(article: dict[str, Any]) -> str:
    """One article as an HTML page of :data:`TEMPLATE`, one <p> a paragraph."""
    paragraphs = [p.strip() for p in article["content"].split("\n") if p.strip()]
    return TEMPLATE.format(
        title=html.escape(article.get("title") or ""),
        published=(article.get("date_extracted") or "")[:10],
        body="\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
    )


def real_pages(shared: Path, n: int) -> list[str]:
    """The shared extraction pages, repeated to ``n``."""
    paths = sorted((shared / PAGES).glob("*/*.html")) + sorted((shared / PAGES).glob("*/html/*.html"))
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    return [pages[i % len(pages)] for i in range(n)] if pages else []


def compare(
    ours: Callable[[Any], object],
    ours_items: list[Any],
    theirs: Callable[[Any], object],
    their_items: list[Any],
) -> tuple[float, float]:
    """Docs/s of both systems, timed in alternating chunks so that both see the same machine load.

    Each runs untimed on its first few items first (lazy model loading, dateparser's first call), and
    every chunk starts with trafilatura's, htmldate's and justext's result caches emptied.
    """
    for item in ours_items[:WARMUP]:
        ours(item)
    for item in their_items[:WARMUP]:
        theirs(item)
    spent = [0.0, 0.0]
    for start in range(0, max(len(ours_items), len(their_items)), CHUNK):
        for side, (run, items) in enumerate(((ours, ours_items), (theirs, their_items))):
            # Both run trafilatura on the same pages, whose text caches would otherwise hand the second
            # the first one's work; a crawl sees each page once.
            reset_caches()
            clock = time.perf_counter()
            for item in items[start : start + CHUNK]:
                run(item)
            spent[side] += time.perf_counter() - clock
    return _rate(len(ours_items), spent[0]), _rate(len(their_items), spent[1])


def _rate(docs: int, seconds: float) -> float:
    return docs / seconds if seconds > 0 else float("inf")


def _numbered(items: list[str]) -> Iterator[tuple[str, str]]:
    return ((f"doc{i}", item) for i, item in enumerate(items))


def hadath_text(item: tuple[str, str]) -> object:
    return clean_document(Document(source=item[0], text=item[1]))


def hadath_html(item: tuple[str, str]) -> object:
    return clean_document(Document(source=item[0], html=item[1]))


def hadath_extract_only(item: tuple[str, str]) -> object:
    return extract_html(item[1])


def trafilatura_html(item: tuple[str, str]) -> object:
    return trafilatura.extract(item[1])


def bench(shared: Path, n: int) -> dict[str, Any]:
    """Run the workloads; docs/s for hadath and trafilatura and their ratio for each."""
    articles = saudinewsnet(shared, n)
    texts = list(_numbered([a["content"] for a in articles]))
    wrapped = list(_numbered([wrap(a) for a in articles]))
    pages = list(_numbered(real_pages(shared, n)))
    workloads = {
        "text": (*compare(hadath_text, texts, trafilatura_html, wrapped), len(texts)),
        "html_wrapped": (*compare(hadath_html, wrapped, trafilatura_html, wrapped), len(wrapped)),
        "html_extract": (*compare(hadath_extract_only, wrapped, trafilatura_html, wrapped), len(wrapped)),
        "html_pages": (*compare(hadath_html, pages, trafilatura_html, pages), len(pages)),
    }
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "n": n,
        "workloads": {
            name: {
                "docs": docs,
                "hadath_docs_per_s": round(ours, 2),
                "trafilatura_docs_per_s": round(theirs, 2),
                "ratio": round(ours / theirs, 3) if theirs else None,
            }
            for name, (ours, theirs, docs) in workloads.items()
        },
    }


def table(result: dict[str, Any]) -> str:
    rows = [f"{'workload':<14} {'docs':>6} {'hadath/s':>10} {'trafilatura/s':>14} {'ratio':>7}"]
    for name, w in result["workloads"].items():
        rows.append(
            f"{name:<14} {w['docs']:>6} {w['hadath_docs_per_s']:>10.1f} "
            f"{w['trafilatura_docs_per_s']:>14.1f} {w['ratio']:>7.3f}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run the benchmark, print the table, write the JSON; returns the result."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(os.environ.get("HADATH_SHARED", REPO.parent / "shared")),
        help="the shared datasets folder (default: ../shared or $HADATH_SHARED)",
    )
    parser.add_argument("--n", type=int, default=2000, help="documents per workload (default 2000)")
    parser.add_argument("--out", type=Path, help="JSON file (default: benchmarks/results/clean-<time>.json)")
    args = parser.parse_args(argv)
    for needed in (SAUDINEWSNET, PAGES):
        if not (args.shared / needed).is_dir():
            parser.error(f"{args.shared / needed} not found: pass --shared with the shared datasets folder")
    if args.n < 1:
        parser.error("--n must be at least 1")
    result = bench(args.shared, args.n)
    print(table(result))
    out = args.out or RESULTS / f"clean-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"written to {out}", file=sys.stderr)
    return result


if __name__ == "__main__":
    main()
