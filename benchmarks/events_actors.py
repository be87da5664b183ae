"""Source and target actor accuracy on the UniversalPetrarch Arabic validation set.

``../shared/data/cameo/arabic_validation`` holds 645 PROTEST/ASSAULT sentences with gold source and target
codes (CAMEO style: a country code, then a sector, e.g. ``TUN None``, ``IRQ MIL``). For every gold
event whose source (or target) names a country, we check whether hadath coded an event of the same
PLOVER class in the sentence and whether its source (target) actor has that country.

    python benchmarks/events_actors.py --shared ../shared
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from lxml import etree

from hadath.pipeline import code_text

ROOT = Path(__file__).resolve().parents[1]
# CAMEO country codes that differ from ISO-3166 alpha-3.
CAMEO_TO_ISO = {"PSE": "PSE", "PAL": "PSE", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS"}


def gold_sentences(shared: Path) -> list[dict[str, Any]]:
    path = shared / "data" / "cameo" / "arabic_validation" / "arabic_gsr_validation_18-11-14.xml"
    out = []
    # The file ends without its closing tags; a recovering parser keeps every complete sentence.
    root = etree.parse(str(path), etree.XMLParser(recover=True)).getroot()
    for sent in root.iter("Sentence"):
        text = (sent.findtext("Text") or "").strip()
        coding = sent.find("EventCoding")
        if coding is None or not text:
            continue
        out.append(
            {
                "text": text,
                "plover": coding.get("plover") or sent.get("category"),
                "source": _country(coding.get("sourcecode")),
                "target": _country(coding.get("targetcode")),
            }
        )
    return out


def _country(code: str | None) -> str | None:
    first = (code or "").split()[0] if code else ""
    if len(first) != 3 or not first.isalpha() or not first.isupper():
        return None
    return CAMEO_TO_ISO.get(first, first)


def score(shared: Path, limit: int | None = None) -> dict[str, Any]:
    detected = total = 0
    hits = {"source": 0, "target": 0}
    counts = {"source": 0, "target": 0}
    for gold in gold_sentences(shared)[:limit]:
        total += 1
        events = [e for e in code_text(gold["text"]).events if e.plover == gold["plover"]]
        if events:
            detected += 1
        for role in ("source", "target"):
            if gold[role] is None:
                continue
            counts[role] += 1
            countries = {a.country for e in events for a in e.actors if a.role == role}
            if gold[role] in countries:
                hits[role] += 1
    return {
        "sentences": total,
        "detected": round(detected / total, 3) if total else 0.0,
        "source_accuracy": round(hits["source"] / counts["source"], 3) if counts["source"] else 0.0,
        "target_accuracy": round(hits["target"] / counts["target"], 3) if counts["target"] else 0.0,
        "gold_sources": counts["source"],
        "gold_targets": counts["target"],
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    result = score(args.shared, args.limit)
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
