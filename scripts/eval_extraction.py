"""Evaluate hadath's HTML cleaning on the shared Arabic extraction pages, against trafilatura alone.

The pages live in ``data/web_extraction_arabic`` under ``--shared`` (see its SOURCE.md):

* ``newspaper4k_cnn_arabic`` -- one page with its full gold body text: bag-of-tokens precision, recall
  and F1 of the kept text (tokens normalised with :func:`hadath.text.normalize.normalize`);
* ``trafilatura_assabah`` -- one page with snippets that must be kept (``with``) and boilerplate that must
  be dropped (``without``);
* ``htmldate_gold_dates`` -- eleven pages with the gold publication date.

hadath runs its whole clean stage (:func:`hadath.clean.clean_document` on ``Document(source, html)``, the
line classifier included) and is scored on its main article (segment 0). The baseline is trafilatura
alone with its defaults, metadata on: ``bare_extraction(html, with_metadata=True)``. Usage (from the
repository root)::

    python scripts/eval_extraction.py --shared ../shared [--json FILE] [--check]

The floors hadath must keep are pinned in ``benchmarks/baseline.json``; ``--check`` exits 1 below them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import trafilatura

from hadath.clean import clean_document
from hadath.models import Article, Document
from hadath.text.normalize import normalize

REPO = Path(__file__).resolve().parent.parent
DATASET = Path("data") / "web_extraction_arabic"
BASELINE = REPO / "benchmarks" / "baseline.json"
_SPLIT = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Extracted:
    """What one system kept from a page."""

    text: str
    published: str | None


@dataclass(frozen=True, slots=True)
class Scores:
    """One system's scores on the shared pages."""

    precision: float
    recall: float
    f1: float
    with_found: int
    with_total: int
    without_absent: int
    without_total: int
    dates_correct: int
    dates_wrong: int  # a date given that is not the gold one (worse than none)
    dates_total: int
    date_errors: tuple[str, ...]


def tokens(text: str) -> Counter[str]:
    """Normalised tokens split on whitespace and punctuation, as a bag."""
    return Counter(t for t in _SPLIT.split(normalize(text)) if t)


def overlap(predicted: str, gold: str) -> tuple[float, float, float]:
    """Bag-of-tokens precision, recall and F1 of ``predicted`` against ``gold``."""
    pred, ref = tokens(predicted), tokens(gold)
    common = sum((pred & ref).values())
    precision = common / sum(pred.values()) if pred else 0.0
    recall = common / sum(ref.values()) if ref else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def contains(text: str, snippet: str) -> bool:
    """Whether the snippet occurs in the text, both normalised and with runs of spaces collapsed."""

    def squash(s: str) -> str:
        return " ".join(normalize(s).split())

    return squash(snippet) in squash(text)


def hadath_extract(html: str, source: str) -> Extracted:
    """hadath's whole clean stage; its main article (segment 0) is what it kept of the page."""
    out = clean_document(Document(source=source, html=html))
    main = next((a for a in out if isinstance(a, Article) and a.segment == 0), None)
    return Extracted(main.text, main.published) if main else Extracted("", None)


def trafilatura_extract(html: str, source: str) -> Extracted:
    """trafilatura alone with its defaults (metadata on, for the date)."""
    doc = trafilatura.bare_extraction(html, with_metadata=True)
    if doc is None:
        return Extracted("", None)
    date = getattr(doc, "date", None)
    return Extracted(getattr(doc, "text", None) or "", date[:10] if date else None)


SYSTEMS: dict[str, Callable[[str, str], Extracted]] = {
    "hadath": hadath_extract,
    "trafilatura": trafilatura_extract,
}


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def evaluate(shared: Path, extract: Callable[[str, str], Extracted]) -> Scores:
    """Score one extraction function on the shared pages."""
    root = shared / DATASET
    cnn = root / "newspaper4k_cnn_arabic"
    got = extract(_read(cnn / "arabic_article.html"), "arabic_article.html")
    precision, recall, f1 = overlap(got.text, _read(cnn / "arabic_article.gold.txt"))

    assabah = root / "trafilatura_assabah"
    entry = next(iter(json.loads(_read(assabah / "evaldata_entry.json")).values()))
    text = extract(_read(assabah / entry["file"]), entry["file"]).text
    with_found = sum(contains(text, s) for s in entry["with"])
    without_absent = sum(not contains(text, s) for s in entry["without"])

    dates = root / "htmldate_gold_dates"
    gold = json.loads(_read(dates / "gold_dates.json"))
    correct, wrong, errors = 0, 0, []
    for item in gold.values():
        found = extract(_read(dates / "html" / item["file"]), item["file"]).published
        if found == item["date"]:
            correct += 1
        else:
            wrong += found is not None
            errors.append(f"{item['file']}: {found} (gold {item['date']})")
    return Scores(
        precision=precision,
        recall=recall,
        f1=f1,
        with_found=with_found,
        with_total=len(entry["with"]),
        without_absent=without_absent,
        without_total=len(entry["without"]),
        dates_correct=correct,
        dates_wrong=wrong,
        dates_total=len(gold),
        date_errors=tuple(errors),
    )


def floors(path: Path = BASELINE) -> dict[str, float]:
    """The pinned quality floors of hadath's extraction (``clean_extraction`` in the baseline file)."""
    section: dict[str, float] = json.loads(path.read_text(encoding="utf-8"))["clean_extraction"]
    return {k: v for k, v in section.items() if not k.startswith("_")}


def below_floors(scores: Scores, pinned: dict[str, float]) -> list[str]:
    """Every floor the scores fall below (or the ceiling of wrong dates they exceed), as messages."""
    failures = []
    for name, floor in pinned.items():
        if name == "dates_wrong_max":
            if scores.dates_wrong > floor:
                failures.append(f"dates_wrong {scores.dates_wrong} > {floor:g}")
        elif getattr(scores, name) < floor:
            failures.append(f"{name} {getattr(scores, name):.3f} < floor {floor:g}")
    return failures


def table(results: dict[str, Scores]) -> str:
    """The results as a plain-text table, one system a row."""
    head = (
        f"{'system':<12} {'P':>6} {'R':>6} {'F1':>6}  {'with kept':>9}  {'without gone':>12}"
        f"  {'dates':>6} {'wrong':>5}"
    )
    rows = [head, "-" * len(head)]
    for name, s in results.items():
        rows.append(
            f"{name:<12} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}  "
            f"{f'{s.with_found}/{s.with_total}':>9}  {f'{s.without_absent}/{s.without_total}':>12}  "
            f"{f'{s.dates_correct}/{s.dates_total}':>6} {s.dates_wrong:>5}"
        )
    for name, s in results.items():
        rows.extend(f"{name} date miss: {e}" for e in s.date_errors)
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(os.environ.get("HADATH_SHARED", REPO.parent / "shared")),
        help="the shared datasets folder (default: ../shared or $HADATH_SHARED)",
    )
    parser.add_argument("--json", type=Path, help="also write the scores as JSON to this file")
    parser.add_argument(
        "--check", action="store_true", help=f"exit 1 when hadath falls below the floors of {BASELINE.name}"
    )
    args = parser.parse_args(argv)
    if not (args.shared / DATASET).is_dir():
        parser.error(f"{args.shared / DATASET} not found: pass --shared with the shared datasets folder")
    results = {name: evaluate(args.shared, fn) for name, fn in SYSTEMS.items()}
    print(table(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({k: asdict(v) for k, v in results.items()}, indent=1, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    failures = below_floors(results["hadath"], floors())
    for failure in failures:
        print(f"below floor: {failure}", file=sys.stderr)
    return 1 if failures and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
