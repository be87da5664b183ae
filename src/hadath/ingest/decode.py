"""Bytes to text: UTF-8 (with or without BOM) and UTF-16 first, then detection for legacy Arabic codepages."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

# Share of C0 control characters (other than whitespace) above which content is treated as binary.
_MAX_CONTROL_SHARE = 0.01


def decode(raw: bytes) -> str | None:
    """Decode ``raw`` or return None when it is binary.

    UTF-8 is tried strictly first because most news is UTF-8 and detection on short Arabic text can
    confuse Windows-1256 with other single-byte codepages; only undecodable bytes go to detection.
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
