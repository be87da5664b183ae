"""ASSAULT and PROTEST detection on the OEDA Arabic gold standard (../shared/data/arabic_event_gsr).

A sentence counts as detected when hadath codes at least one non-negated event of the file's type in it.
Gold: label ``yes`` is positive, ``easy no`` and ``difficult no`` negative, ``ambiguous`` left out.
Development uses the first half of each file (row order); the second half is the test half, reported
and never tuned on.

Three systems are scored in one run: the patterns alone, the sentence classifier alone (its probability
for the whole sentence at its own threshold) and the combination hadath ships (``code_article``: the
classifier vets pattern-coded mentions and adds the ones it is sure of). The classifier was trained on
the development half, so its development figures here are in-sample; its honest development figures
are the cross-validated ones ``scripts/train_events.py`` prints.

    python benchmarks/events_gsr.py --shared ../shared --split test
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from hadath import language
from hadath.events import code_article
from hadath.events.classifier import load_model, probability
from hadath.pipeline import text_article

FILES = {"ASSAULT": "assault_gsr.csv", "PROTEST": "protest_gsr.csv"}
SYSTEMS = ("patterns", "classifier", "combination")


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


def detections(text: str, kind: str) -> dict[str, bool]:
    """Whether each system detects an event of ``kind`` in the sentence (analysed once, as
    ``hadath.pipeline.code_text`` does)."""
    article = text_article(text)
    analysis = language.analyse(article)
    model = load_model(kind)
    patterns_alone = code_article(analysis, classifiers={})
    combined = code_article(analysis)
    return {
        "patterns": any(e.plover == kind and "negated" not in e.context for e in patterns_alone),
        "classifier": probability(model, text) >= model.threshold,
        "combination": any(e.plover == kind and "negated" not in e.context for e in combined),
    }


def score_all(
    shared: Path, kind: str, split: str, limit: int | None = None
) -> dict[str, tuple[Score, list[tuple[str, str]]]]:
    """Per system, the score and the errors (``"fp"``/``"fn"``, sentence) for one event type."""
    counts = {s: [0, 0, 0, 0] for s in SYSTEMS}  # tp, fp, fn, tn
    errors: dict[str, list[tuple[str, str]]] = {s: [] for s in SYSTEMS}
    for text, gold in rows(shared, kind, split)[:limit]:
        for system, pred in detections(text, kind).items():
            c = counts[system]
            if pred and gold:
                c[0] += 1
            elif pred:
                c[1] += 1
                errors[system].append(("fp", text))
            elif gold:
                c[2] += 1
                errors[system].append(("fn", text))
            else:
                c[3] += 1
    return {s: (Score(*counts[s]), errors[s]) for s in SYSTEMS}


def score(
    shared: Path, kind: str, split: str, limit: int | None = None, system: str = "combination"
) -> tuple[Score, list[tuple[str, str]]]:
    """The score and the errors of one system (the shipped combination by default)."""
    return score_all(shared, kind, split, limit)[system]


def main(argv: list[str] | None = None) -> dict[str, dict[str, dict[str, float]]]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("--limit", type=int, default=None, help="First N sentences only (smoke runs).")
    parser.add_argument(
        "--errors", type=Path, default=None, help="Write the combination's errors here (dev only)."
    )
    args = parser.parse_args(argv)
    if args.errors is not None and args.split == "test":
        sys.exit("refusing to write test-half errors: the test half is for reporting only")
    results: dict[str, dict[str, dict[str, float]]] = {}
    all_errors: dict[str, list[tuple[str, str]]] = {}
    for kind in FILES:
        scored = score_all(args.shared, kind, args.split, args.limit)
        results[kind] = {}
        for system, (s, _) in scored.items():
            results[kind][system] = {
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
                "tn": s.tn,
            }
            print(
                f"{kind:<8} {args.split} {system:<12} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}"
                f"  (tp={s.tp} fp={s.fp} fn={s.fn} tn={s.tn})"
            )
        all_errors[kind] = scored["combination"][1]
    if args.errors is not None:
        args.errors.write_text(json.dumps(all_errors, ensure_ascii=False, indent=1), encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
