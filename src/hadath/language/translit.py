"""Readable Latin spellings for Arabic names that the knowledge files do not know.

Not a scholarly romanisation: a news-style spelling ("كومفورت إيرو" → "Kwmfwrt Iyrw" would be useless,
so long vowels become vowels and the article becomes "al-").
"""

from __future__ import annotations

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


def _word(word: str) -> str:
    norm = normalize(word)
    prefix = ""
    if norm.startswith("ال") and len(norm) > 3:
        prefix, norm = "al-", norm[2:]
    out: list[str] = []
    for i, ch in enumerate(norm):
        latin = _MAP.get(ch, ch)
        if ch in "وي":
            # Word-initial or after a long vowel, waw and ya are consonants.
            prev = out[-1][-1] if out else ""
            if i == 0 or prev in _VOWELS:
                latin = "w" if ch == "و" else "y"
        elif ch == "ه" and i == len(norm) - 1 and i > 0:
            latin = "a"  # ta marbuta (folded to ه) reads as -a
        out.append(latin)
        # Arabic script omits short vowels; insert an "a" between consonant clusters so names are sayable.
        if latin not in _VOWELS and i + 1 < len(norm):
            nxt = _MAP.get(norm[i + 1], "")
            if nxt and nxt[0] not in _VOWELS and norm[i + 1] not in "اوي" and ch not in "اوي":
                out.append("a")
    result = prefix + "".join(out).replace("''", "'")
    return result[:1].upper() + result[1:] if result else result


def transliterate(name: str) -> str:
    """``"كومفورت إيرو"`` → ``"Kumfurt Iiru"``-like spelling: consistent, pronounceable, reversible enough."""
    return " ".join(_word(w) for w in name.split())
