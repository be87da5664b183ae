"""The closed-class words the language layer reads, from ``data/lexicons/language_words.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from typing import Any

import yaml

from hadath.text.normalize import normalize

FILE = "data/lexicons/language_words.yaml"
_CONJUNCTIONS = ("و", "ف")


@dataclass(frozen=True, slots=True)
class Words:
    """Normalised word sets; see the YAML file for what each is for."""

    reporting_verbs: frozenset[str]
    name_stops: frozenset[str]  # every group, and the reporting verbs, with "و"/"ف" forms of verbs
    name_links: frozenset[str]
    counterparts: frozenset[str]
    object_heads: frozenset[str]
    honorifics: frozenset[str]
    name_tail_stops: frozenset[str]
    former: frozenset[str]
    royal_styles: frozenset[str]
    royal_titles: frozenset[str]

    def says(self, word: str) -> bool:
        """Whether a normalised word (conjunction stripped) is a verb of saying, also in the feminine
        ("قالت", "أعلنت")."""
        return word in self.reporting_verbs or (word.endswith("ت") and word[:-1] in self.reporting_verbs)


def _words(value: Any, key: str) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.strip() for w in value):
        raise ValueError(f"{FILE}: {key} must be a non-empty list of words")
    return [normalize(w.strip()) for w in value]


def _with_conjunctions(verbs: list[str]) -> set[str]:
    return {*verbs, *(c + v for v in verbs for c in _CONJUNCTIONS)}


def parse(raw: dict[str, Any]) -> Words:
    """Check and normalise the parsed YAML; an unknown or missing key is an error naming it."""
    expected = {f.name for f in fields(Words)}
    if not isinstance(raw, dict) or set(raw) != expected:
        got = set(raw) if isinstance(raw, dict) else set()
        raise ValueError(
            f"{FILE}: expected keys {sorted(expected)}, missing {sorted(expected - got)}, "
            f"unknown {sorted(got - expected)}"
        )
    stops = raw["name_stops"]
    groups = {"particles", "time", "verbs", "titles"}
    if not isinstance(stops, dict) or set(stops) != groups:
        raise ValueError(f"{FILE}: name_stops must have the groups {sorted(groups)}")
    verbs = _words(raw["reporting_verbs"], "reporting_verbs")
    name_stops = {w for g in ("particles", "time", "titles") for w in _words(stops[g], f"name_stops.{g}")}
    name_stops |= _with_conjunctions(_words(stops["verbs"], "name_stops.verbs")) | _with_conjunctions(verbs)
    return Words(
        reporting_verbs=frozenset(verbs),
        name_stops=frozenset(name_stops),
        name_links=frozenset(_words(raw["name_links"], "name_links")),
        counterparts=frozenset(_words(raw["counterparts"], "counterparts")),
        object_heads=frozenset(_words(raw["object_heads"], "object_heads")),
        honorifics=frozenset(_words(raw["honorifics"], "honorifics")),
        name_tail_stops=frozenset(_words(raw["name_tail_stops"], "name_tail_stops")),
        former=frozenset(_words(raw["former"], "former")),
        royal_styles=frozenset(_words(raw["royal_styles"], "royal_styles")),
        royal_titles=frozenset(_words(raw["royal_titles"], "royal_titles")),
    )


@cache
def load() -> Words:
    """The shipped word file, read once per process."""
    text = resources.files("hadath").joinpath(FILE).read_text(encoding="utf-8")
    return parse(yaml.safe_load(text))
