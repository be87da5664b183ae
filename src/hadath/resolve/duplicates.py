"""Exact and near-duplicate articles (syndicated copies), flagged, never deleted.

Exact copies share a hash of their normalised text; near copies are found with MinHash LSH (datasketch)
over word 5-gram shingles, then confirmed by the estimated Jaccard similarity.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from datasketch import MinHash, MinHashLSH

from hadath.text.normalize import normalize

NUM_PERM = 64
SHINGLE = 5
# Agency copy re-published with a different headline, dateline or closing line still shares most of its
# 5-gram shingles; two reports of one event written separately share under a fifth (seed pages: 0.12).
NEAR_DUPLICATE_JACCARD = 0.7


def _shingles(text: str) -> set[str]:
    words = normalize(text).split()
    if len(words) < SHINGLE:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _signature(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=1)
    for s in _shingles(text):
        m.update(s.encode("utf-8"))
    return m


def find_duplicates(articles: Sequence[tuple[str, str, str | None]]) -> dict[str, str]:
    """Map each duplicate article id to the id of the article it copies.

    ``articles`` are ``(id, text, published)``; the original is the earliest published (then the smallest
    id), so the answer does not depend on input order.
    """
    ordered = sorted(articles, key=lambda a: (a[2] or "9999", a[0]))
    seen_hash: dict[str, str] = {}
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE_JACCARD, num_perm=NUM_PERM)
    signatures: dict[str, MinHash] = {}
    out: dict[str, str] = {}
    position = {a[0]: i for i, a in enumerate(ordered)}
    for art_id, text, _ in ordered:
        digest = hashlib.sha256(" ".join(normalize(text).split()).encode("utf-8")).hexdigest()
        if digest in seen_hash:
            out[art_id] = seen_hash[digest]
            continue
        seen_hash[digest] = art_id
        sig = _signature(text)
        candidates = sorted(
            (c for c in lsh.query(sig) if signatures[c].jaccard(sig) >= NEAR_DUPLICATE_JACCARD),
            key=position.__getitem__,
        )
        if candidates:
            original = candidates[0]
            out[art_id] = out.get(original, original)
        lsh.insert(art_id, sig)
        signatures[art_id] = sig
    return out
