"""Source and target actors on the UniversalPetrarch Arabic validation set.

``../shared/data/cameo/arabic_validation`` holds 645 PROTEST/ASSAULT sentences (272 then 373), one gold
event each, with CAMEO-style source and target codes: a country or group code, then a sector
(``TUN None``, ``IRQ MIL``, ``None CVL``, ``IMG REB``). hadath codes an actor as an ISO-3 country plus a
sector, so the two are compared part by part:

- **detected**: hadath coded an event of the gold PLOVER class in the text. When it coded several (the
  text held several sentences), the one whose evidence holds the gold trigger word is scored, else the
  first: one gold event is compared with one hadath event, never with the union of all of them.
- **country** (per role): only gold codes that are countries count. CAMEO's group codes ``IMG``
  (international militant group), ``IGO``, ``NGO``, ``INT`` and ethnic codes such as ``KUR`` have no
  ISO-3 counterpart hadath could produce; they are counted apart (``gold_groups``). ``recall`` is over
  every gold country (a missed event is a miss); ``recall_detected`` only over detected events, which is
  what the anchors measure (a human check of GDELT: 79 % of actors right; UD-PETRARCH's own validation:
  68 % true positives). ``precision`` is over the countries hadath gave: a country where the gold has
  none (``None CVL``) is wrong; where the gold names a group, hadath's country is not scored.
- **sector** (per role, detected events): CAMEO sectors map to hadath's; hadath's ``INS`` (gunmen,
  militants) counts for CAMEO's ``UAF``/``REB``/``INS``, which CAMEO coders use interchangeably for armed
  groups. A gold sector of ``None`` is not scored.
- **actor** (per role, detected events): country and sector both right where the gold has either
  (a gold ``None`` sector accepts any sector; a gold ``None`` country wants none, a gold group any).

The development split is the first half of each class in file order, the test split the second half;
patterns and actor rules are tuned on ``dev`` only.

The classifier adds mentions where no pattern coded one (``hadath.events``), and those sentences are the
harder ones: the figures over detected events move with detection. ``already_detected`` scores both
ways only the sentences detected with adding switched off, so a change in the actor rules shows apart
from a change in what is detected.

    python benchmarks/events_actors.py --shared ../shared --split dev
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from hadath import language
from hadath.events import code_article
from hadath.events.classifier import SentenceModel, load_models
from hadath.language.knowledge import load
from hadath.models import EventMention
from hadath.pipeline import text_article
from hadath.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
GOLD = Path("data") / "cameo" / "arabic_validation" / "arabic_gsr_validation_18-11-14.xml"
# CAMEO country codes that differ from ISO-3166 alpha-3.
CAMEO_TO_ISO = {"PAL": "PSE", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS"}
# CAMEO sector → the hadath sectors that count as the same (hadath's INS covers armed non-state groups).
SECTOR_MATCH = {
    "UAF": {"INS", "REB", "UAF"},
    "REB": {"INS", "REB", "UAF"},
    "INS": {"INS", "REB", "UAF"},
    "LAB": {"LAB", "CVL"},
}
ROLES = ("source", "target")


@dataclass(frozen=True, slots=True)
class Code:
    """A gold actor code split into what hadath can produce: an ISO-3 country, a group, a sector."""

    country: str | None
    group: str | None  # CAMEO group codes with no country (IMG, IGO, NGO, INT, KUR…)
    sector: str | None


@dataclass(frozen=True, slots=True)
class Gold:
    """One gold sentence."""

    index: int
    text: str
    plover: str
    trigger: str
    source: Code
    target: Code
    source_text: str
    target_text: str


def parse_code(code: str | None) -> Code:
    """``"IRQ MIL"`` → Code("IRQ", None, "MIL"); ``"IMG REB"`` → Code(None, "IMG", "REB")."""
    parts = (code or "").split()
    first = parts[0] if parts else "None"
    sector = parts[1] if len(parts) > 1 and parts[1] != "None" else None
    if first == "None" or len(first) != 3 or not first.isalpha():
        return Code(None, None, sector)
    iso = CAMEO_TO_ISO.get(first, first)
    if f"loc:{iso.lower()}" in load().records:
        return Code(iso, None, sector)
    return Code(None, first, sector)


def gold_sentences(shared: Path) -> list[Gold]:
    """Every gold sentence in file order."""
    # The file ends without its closing tags; a recovering parser keeps every complete sentence.
    root = etree.parse(str(shared / GOLD), etree.XMLParser(recover=True)).getroot()
    out: list[Gold] = []
    for sent in root.iter("Sentence"):
        text = (sent.findtext("Text") or "").strip()
        coding = sent.find("EventCoding")
        words = sent.find("EventText")
        if coding is None or not text:
            continue
        out.append(
            Gold(
                index=len(out),
                text=text,
                plover=coding.get("plover") or sent.get("category") or "",
                trigger=words.get("eventtext", "") if words is not None else "",
                source=parse_code(coding.get("sourcecode")),
                target=parse_code(coding.get("targetcode")),
                source_text=words.get("sourcetext", "") if words is not None else "",
                target_text=words.get("targettext", "") if words is not None else "",
            )
        )
    return out


def split_of(golds: Sequence[Gold], split: str) -> list[Gold]:
    """``dev``: the first half of each class in file order; ``test``: the second; ``all``: everything."""
    if split == "all":
        return list(golds)
    out: list[Gold] = []
    for plover in dict.fromkeys(g.plover for g in golds):
        of_class = [g for g in golds if g.plover == plover]
        half = len(of_class) // 2
        out += of_class[:half] if split == "dev" else of_class[half:]
    return sorted(out, key=lambda g: g.index)


def chosen_event(gold: Gold, events: Sequence[EventMention]) -> EventMention | None:
    """The hadath event scored against the gold one: same class, preferably the gold trigger's sentence."""
    same = [e for e in events if e.plover == gold.plover]
    trigger = normalize(gold.trigger)
    for e in same:
        if trigger and trigger in normalize(e.evidence):
            return e
    return same[0] if same else None


def _sector_ok(gold: str | None, ours: str | None) -> bool:
    return gold is None or ours in SECTOR_MATCH.get(gold, {gold})


def _actor_ok(gold: Code, country: str | None, sector: str | None) -> bool:
    country_ok = gold.group is not None or country == gold.country
    return country_ok and _sector_ok(gold.sector, sector)


class Tally:
    """Counts for one role."""

    def __init__(self) -> None:
        self.n: dict[str, int] = dict.fromkeys(
            [
                "gold_countries",
                "gold_countries_detected",
                "country_hits",
                "predicted_countries",
                "predicted_right",
                "gold_groups",
                "gold_sectors",
                "sector_hits",
                "gold_actors",
                "actor_hits",
            ],
            0,
        )

    def add(self, gold: Code, detected: bool, country: str | None, sector: str | None) -> None:
        n = self.n
        if gold.group:
            # hadath has no code for an international group: its country slot is not scored.
            n["gold_groups"] += 1
        if gold.country:
            n["gold_countries"] += 1
            n["gold_countries_detected"] += detected
            n["country_hits"] += detected and country == gold.country
        if not detected:
            return
        if country is not None and not gold.group:
            n["predicted_countries"] += 1
            n["predicted_right"] += country == gold.country
        if gold.sector:
            n["gold_sectors"] += 1
            n["sector_hits"] += _sector_ok(gold.sector, sector)
        if gold.country or gold.sector:
            n["gold_actors"] += 1
            n["actor_hits"] += _actor_ok(gold, country, sector)

    def figures(self) -> dict[str, Any]:
        n = self.n

        def ratio(a: str, b: str) -> float:
            return round(n[a] / n[b], 3) if n[b] else 0.0

        return {
            "country_recall": ratio("country_hits", "gold_countries"),
            "country_recall_detected": ratio("country_hits", "gold_countries_detected"),
            "country_precision": ratio("predicted_right", "predicted_countries"),
            "sector_accuracy_detected": ratio("sector_hits", "gold_sectors"),
            "actor_accuracy_detected": ratio("actor_hits", "gold_actors"),
            **n,
        }


def coded(text: str, classifiers: dict[str, SentenceModel] | None = None) -> list[EventMention]:
    """The event mentions of one text, as ``hadath.pipeline.code_text`` codes them; ``classifiers`` as
    for ``code_article`` (the shipped models when ``None``)."""
    article = text_article(text)
    return code_article(language.analyse(article), classifiers)


def without_adding() -> dict[str, SentenceModel]:
    """The shipped sentence models with adding switched off (they only veto)."""
    return {kind: replace(model, add=1.0) for kind, model in load_models().items()}


def score(
    shared: Path,
    limit: int | None = None,
    split: str = "all",
    errors: list[dict[str, Any]] | None = None,
    classifiers: dict[str, SentenceModel] | None = None,
    only: set[int] | None = None,
) -> dict[str, Any]:
    """The figures for one split (``limit``: its first N sentences; ``only``: these gold indices);
    ``errors`` collects the misses; ``classifiers`` as for ``code_article``."""
    golds = [g for g in split_of(gold_sentences(shared), split)[:limit] if only is None or g.index in only]
    detected = 0
    tallies = {role: Tally() for role in ROLES}
    for gold in golds:
        event = chosen_event(gold, coded(gold.text, classifiers))
        detected += event is not None
        got: dict[str, tuple[str | None, str | None, str | None]] = {}
        for role in ROLES:
            actor = next((a for a in event.actors if a.role == role), None) if event else None
            country, sector = (actor.country, actor.sector) if actor else (None, None)
            got[role] = (country, sector, actor.name_ar if actor else None)
            tallies[role].add(getattr(gold, role), event is not None, country, sector)
        if errors is not None and event is not None:
            wrong = [r for r in ROLES if not _actor_ok(getattr(gold, r), got[r][0], got[r][1])]
            if wrong:
                errors.append(
                    {
                        "index": gold.index,
                        "text": gold.text,
                        "trigger": gold.trigger,
                        "gold": {
                            "source": [
                                gold.source_text,
                                gold.source.country or gold.source.group,
                                gold.source.sector,
                            ],
                            "target": [
                                gold.target_text,
                                gold.target.country or gold.target.group,
                                gold.target.sector,
                            ],
                        },
                        "hadath": {r: list(got[r]) for r in ROLES},
                        "wrong": wrong,
                    }
                )
    total = len(golds)
    return {
        "split": split,
        "sentences": total,
        "detected": round(detected / total, 3) if total else 0.0,
        **{role: tallies[role].figures() for role in ROLES},
    }


def report(
    shared: Path, split: str, limit: int | None = None, errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The figures of :func:`score`, and under ``already_detected`` those over the sentences detected
    with adding switched off, scored with adding on and off."""
    result = score(shared, limit, split, errors)
    golds = split_of(gold_sentences(shared), split)[:limit]
    off = without_adding()
    before = {g.index for g in golds if chosen_event(g, coded(g.text, off)) is not None}
    result["already_detected"] = {
        "sentences": len(before),
        "adding": score(shared, limit, split, only=before),
        "no_adding": score(shared, limit, split, classifiers=off, only=before),
    }
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", type=Path, default=None, help="Write actor errors here (dev only).")
    args = parser.parse_args(argv)
    if args.errors is not None and args.split != "dev":
        parser.error("--errors is for the dev split only: the test split is for reporting")
    errors: list[dict[str, Any]] | None = [] if args.errors is not None else None
    result = report(args.shared, args.split, args.limit, errors)
    print(json.dumps(result, indent=2))
    if args.errors is not None and errors is not None:
        args.errors.write_text(json.dumps(errors, ensure_ascii=False, indent=1), encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
