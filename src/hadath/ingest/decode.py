"""Bytes to text: UTF-8 (with or without BOM) and UTF-16 first, then detection for legacy Arabic codepages."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

# Share of C0 control characters (other than whitespace) above which content is treated as binary.
_MAX_CONTROL_SHARE = 0.01

# Western single-byte declarations decode any byte string, and old Arabic sites often declare them
# for Windows-1256 pages, so they are left to detection (which tries cp1256 first) instead of trusted.
_UNINFORMATIVE = {"ascii", "iso8859-1", "cp1252"}

_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def charset_of(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, when it names a known codec."""
    match = _CHARSET.search(content_type or "")
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1)).name
    except LookupError:
        return None


def decode(raw: bytes, declared: str | None = None) -> str | None:
    """Decode ``raw`` or return None when it is binary.

    UTF-8 is tried strictly first because most news is UTF-8 and detection on short Arabic text can
    confuse Windows-1256 with other single-byte codepages; only undecodable bytes go to detection.
    A ``declared`` charset (a codec name from :func:`charset_of`) comes next: servers often declare
    ISO-8859-1 for pages that are really UTF-8, so a valid UTF-8 reading wins over the declaration.
    """
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(raw.decode("utf-16"))
        except UnicodeDecodeError:
            return None
    if b"\x00" in raw[:4096] and not _looks_utf16(raw):
        return None
    if _looks_utf16(raw):
        try:
            return _checked(raw.decode("utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be"))
        except UnicodeDecodeError:
            pass
    try:
        return _checked(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if declared is not None and declared not in _UNINFORMATIVE:
        try:
            return _checked(raw.decode(declared))
        except (UnicodeDecodeError, LookupError):
            pass
    best = from_bytes(raw, cp_isolation=["cp1256", "iso8859_6", "utf_16", "cp1252", "latin_1"]).best()
    if best is None:
        return None
    return _checked(str(best))


def _looks_utf16(raw: bytes) -> bool:
    head = raw[:200]
    return len(head) >= 4 and (head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4)


def _checked(text: str) -> str | None:
    if not text:
        return text
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return None if controls / len(sample) > _MAX_CONTROL_SHARE else text
