"""Readable Latin spellings for Arabic names that the knowledge files do not know.

Not a scholarly romanisation: a news-style spelling ("كومفورت إيرو" → "Kwmfwrt Iyrw" would be useless,
so long vowels become vowels and the article becomes "al-").
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

from hadath.text.normalize import normalize

_MAP = {
    "ا": "a",
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "'",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "و": "u",
    "ي": "i",
    "ء": "'",
    "پ": "p",
    "چ": "ch",
    "ڤ": "v",
}
_VOWELS = set("aiu")


@cache
def _known_parts() -> dict[str, str]:
    """Normalised name part → its usual English spelling (``data/lexicons/name_parts.tsv``)."""
    raw = (resources.files("hadath") / "data" / "lexicons" / "name_parts.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in raw.splitlines()[1:] if line.strip())
    return {normalize(ar): en for ar, en in rows}


def is_name_part(norm: str) -> bool:
    """Whether a normalised word is a common given name or name part ("محمد", "عبد", "بن")."""
    return norm in _known_parts()


def _spell(norm: str) -> str:
    """Letter-by-letter spelling of a normalised word, with short vowels guessed."""
    out: list[str] = []
    for i, ch in enumerate(norm):
        latin = _MAP.get(ch, ch if ch.isalnum() else "")  # marks and bidi controls are not spelled
        if ch in "وي":
            # Word-initial or after a long vowel, waw and ya are consonants.
            prev = out[-1][-1:] if out else ""  # "" after a dropped initial ayn: then a vowel
            if i == 0 or prev in _VOWELS:
                latin = "w" if ch == "و" else "y"
        elif ch == "ه" and i == len(norm) - 1 and i > 0:
            latin = "a"  # ta marbuta (folded to ه) reads as -a
        elif ch == "ع" and i == 0:
            # News spellings drop a word-initial ayn and keep its vowel: عتيبة → Atiba, عيسى → Isa.
            latin = "" if norm[1:2] in ("ا", "و", "ي") else "a"
        out.append(latin)
        # Arabic script omits short vowels; insert an "a" between consonant clusters so names are sayable.
        if latin and latin not in _VOWELS and i + 1 < len(norm):
            nxt = _MAP.get(norm[i + 1], "")
            final_ta = norm[i + 1] == "ه" and i + 2 == len(norm)  # reads as -a already
            if (
                nxt
                and nxt[0] not in _VOWELS
                and norm[i + 1] not in "اوي"
                and ch not in "اوي"
                and not final_ta
            ):
                out.append("a")
    result = "".join(out).replace("''", "'")
    return result[:1].upper() + result[1:]


def _word(word: str, parts: dict[str, str]) -> str:
    norm = normalize(word)
    if norm in parts:
        return parts[norm]
    if norm.startswith("ال") and len(norm) > 3:
        rest = norm[2:]
        return "al-" + (parts.get(rest) or _spell(rest))
    if norm.startswith("عبد") and len(norm) > 5:  # "عبدالرحمن" written as one word
        rest = norm[3:]
        return "Abd " + _word(rest, parts)
    return _spell(norm)


def transliterate(name: str) -> str:
    """``"عبد الرحمن الخطيب"`` → ``"Abd al-Rahman al-Khatib"``: usual spellings first, else letter rules."""
    parts = _known_parts()
    name = "".join(ch for ch in name if unicodedata.category(ch) != "Cf")  # bidi marks are not spelled
    words = name.split()
    if len(words) > 1 and normalize(" ".join(words[:2])) in parts:
        words = [" ".join(words[:2]), *words[2:]]  # "عبد الله" as one name
    out = " ".join(_word(w, parts) for w in words)
    return out[:1].upper() + out[1:]
