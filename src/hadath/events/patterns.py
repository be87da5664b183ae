"""Load ``data/events/patterns.yaml`` and find trigger words in a sentence's tokens."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from hadath.text.normalize import Token, normalize, strip_clitics


@dataclass(frozen=True, slots=True)
class Pattern:
    """One entry of the pattern file (see its header for the fields)."""

    id: str
    plover: str
    mode: str | None
    cameo: str | None
    verbs: frozenset[str]
    nouns: tuple[tuple[str, ...], ...]
    needs: frozenset[str]
    window: int
    swap: bool
    object_after: frozenset[str]


@dataclass(frozen=True, slots=True)
class Match:
    """A trigger found at sentence tokens ``[start, end)``; ``future`` when the verb carried سـ."""

    pattern: Pattern
    start: int
    end: int
    future: bool = False


def _norms(words: list[str] | None) -> frozenset[str]:
    return frozenset(normalize(w) for w in words or [])


@cache
def load_patterns() -> tuple[tuple[Pattern, ...], str]:
    """The patterns in file order, and a short hash of the file recorded on events for tracing."""
    raw_text = resources.files("hadath").joinpath("data/events/patterns.yaml").read_text(encoding="utf-8")
    raw: list[dict[str, Any]] = yaml.safe_load(raw_text)
    out = []
    for entry in raw:
        out.append(
            Pattern(
                id=entry["id"],
                plover=entry["plover"],
                mode=entry.get("mode"),
                cameo=str(entry["cameo"]) if entry.get("cameo") is not None else None,
                verbs=_norms(entry.get("verbs")),
                nouns=tuple(tuple(normalize(w) for w in n.split()) for n in entry.get("nouns") or []),
                needs=_norms(entry.get("needs")),
                window=int(entry.get("window", 6)),
                swap=bool(entry.get("swap", False)),
                object_after=_norms(entry.get("object_after")),
            )
        )
    return tuple(out), hashlib.sha256(raw_text.encode("utf-8")).hexdigest()[:12]


def _verb_forms(norm: str) -> list[tuple[str, bool]]:
    """The token, without a leading conjunction, and without the future prefix سـ (flagged)."""
    forms = [(norm, False)]
    if norm[:1] in ("و", "ف") and len(norm) >= 3:  # "وشن": two-letter roots survive the conjunction
        forms.append((norm[1:], False))
    for form, _ in list(forms):
        if form.startswith("س") and len(form) > 3 and form[1] in "يتن":
            forms.append((form[1:], True))
    return forms


def _needs_met(p: Pattern, toks: list[Token], i: int) -> bool:
    if not p.needs:
        return True
    for tok in toks[i + 1 : i + 1 + p.window]:
        if any(f in p.needs for f in strip_clitics(tok.norm)) or tok.norm in p.needs:
            return True
    return False


def find_triggers(toks: list[Token]) -> list[Match]:
    """Every trigger in the sentence, left to right; the first pattern in file order wins at a token."""
    patterns, _ = load_patterns()
    found: list[Match] = []
    i = 0
    while i < len(toks):
        hit: Match | None = None
        for p in patterns:
            if p.verbs:
                for form, future in _verb_forms(toks[i].norm):
                    if form in p.verbs and _needs_met(p, toks, i):
                        hit = Match(p, i, i + 1, future)
                        break
            if hit is None and p.nouns:
                for phrase in sorted(p.nouns, key=len, reverse=True):
                    n = len(phrase)
                    if i + n > len(toks):
                        continue
                    first_ok = phrase[0] in strip_clitics(toks[i].norm) or toks[i].norm == phrase[0]
                    if first_ok and all(toks[i + k].norm == phrase[k] for k in range(1, n)):
                        hit = Match(p, i, i + n)
                        break
            if hit is not None:
                break
        if hit is not None:
            found.append(hit)
            i = hit.end
        else:
            i += 1
    return found
