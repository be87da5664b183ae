"""ASSAULT and PROTEST detection on the OEDA Arabic gold standard (../shared/data/arabic_event_gsr).

A sentence counts as detected when hadath codes at least one non-negated event of the file's type in it.
Gold: label ``yes`` is positive, ``easy no`` and ``difficult no`` negative, ``ambiguous`` left out.
Development uses the first half of each file (row order); the second half is the test half, reported
and never tuned on.

    python benchmarks/events_gsr.py --shared ../shared --split test
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from hadath.pipeline import code_text

FILES = {"ASSAULT": "assault_gsr.csv", "PROTEST": "protest_gsr.csv"}


@dataclass(frozen=True)
class Score:
    """Detection counts and the figures derived from them."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def rows(shared: Path, kind: str, split: str) -> list[tuple[str, bool]]:
    """``(sentence, is_positive)`` for one half of one file, ambiguous rows left out."""
    with (shared / "data" / "arabic_event_gsr" / FILES[kind]).open(encoding="utf-8") as handle:
        all_rows = list(csv.DictReader(handle))
    half = len(all_rows) // 2
    chosen = all_rows[:half] if split == "dev" else all_rows[half:]
    return [(r["text"], r["label"] == "yes") for r in chosen if r["label"] != "ambiguous"]


def detects(text: str, kind: str) -> bool:
    coded = code_text(text)
    return any(e.plover == kind and "negated" not in e.context for e in coded.events)


def score(
    shared: Path, kind: str, split: str, limit: int | None = None
) -> tuple[Score, list[tuple[str, str]]]:
    """The score and the errors (``"fp"``/``"fn"``, sentence) for one event type."""
    tp = fp = fn = tn = 0
    errors: list[tuple[str, str]] = []
    for text, gold in rows(shared, kind, split)[:limit]:
        pred = detects(text, kind)
        if pred and gold:
            tp += 1
        elif pred:
            fp += 1
            errors.append(("fp", text))
        elif gold:
            fn += 1
            errors.append(("fn", text))
        else:
            tn += 1
    return Score(tp, fp, fn, tn), errors


def main(argv: list[str] | None = None) -> dict[str, dict[str, float]]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("--limit", type=int, default=None, help="First N sentences only (smoke runs).")
    parser.add_argument(
        "--errors", type=Path, default=None, help="Write misclassified sentences here (dev only)."
    )
    args = parser.parse_args(argv)
    results: dict[str, dict[str, float]] = {}
    all_errors: dict[str, list[tuple[str, str]]] = {}
    for kind in FILES:
        s, errors = score(args.shared, kind, args.split, args.limit)
        results[kind] = {
            "precision": s.precision,
            "recall": s.recall,
            "f1": s.f1,
            "tp": s.tp,
            "fp": s.fp,
            "fn": s.fn,
            "tn": s.tn,
        }
        all_errors[kind] = errors
        print(
            f"{kind:<8} {args.split}: P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}  "
            f"(tp={s.tp} fp={s.fp} fn={s.fn} tn={s.tn})"
        )
    if args.errors is not None:
        if args.split == "test":
            sys.exit("refusing to write test-half errors: the test half is for reporting only")
        args.errors.write_text(json.dumps(all_errors, ensure_ascii=False, indent=1), encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
