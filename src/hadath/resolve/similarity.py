"""Article similarity: TF-IDF over normalised, clitic-stripped tokens (scikit-learn), and its blocking.

Vectors are computed once for all articles. Similarities are computed only for candidate pairs: two
articles become candidates when they share one of their most distinctive terms and were published close
together, in blocks whose size is capped, so the cost per article stays bounded however large the corpus
and the time grows with the number of articles, not with its square.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer

from hadath.text.normalize import strip_clitics, tokenize

# Reports of one event are told in their first lines (headline and lead); later paragraphs drift into
# background shared with other stories. The lead is the first LEAD_TOKENS stems, LEAD_WEIGHT its share of
# the cosine. Chosen on the tuning half of the SaudiNewsNet labels (60 stems, 0.5 and 0.7 scored alike).
LEAD_TOKENS = 60
LEAD_WEIGHT = 0.5
# Blocking: each article is filed under its TOP_TERMS heaviest terms; a (term, time bucket) block holding
# more than MAX_BLOCK articles names something every report of those days mentions ("اليمن" in summer
# 2015) and is skipped, which is what keeps the cost per article bounded. On the tuning half, 12 terms
# lost 0.012 F1 against an unblocked search and 20 to 50 lost nothing; caps of 100 to 1000 scored alike.
TOP_TERMS = 20
MAX_BLOCK = 200
# Pairs scored per sparse product, which bounds memory.
PAIR_CHUNK = 20_000


def analyse(text: str) -> list[str]:
    """Light stems: the shortest clitic-stripped form of each token longer than two letters."""
    out = []
    for tok in tokenize(text):
        if len(tok.norm) <= 2 or tok.norm.isdigit():
            continue
        out.append(strip_clitics(tok.norm)[-1])
    return out


def _same(tokens: list[str]) -> list[str]:
    return tokens


class Similarity:
    """Cosine similarity between the texts of a fixed set of articles."""

    def __init__(self, ids: Sequence[str], texts: Sequence[str]) -> None:
        self.ids = list(ids)
        self._row = {a: i for i, a in enumerate(ids)}
        self._matrix: csr_matrix | None = None
        self._terms: list[list[int]] = [[] for _ in ids]
        if not texts:
            return
        tokens = [analyse(t) for t in texts]
        full = TfidfVectorizer(analyzer=_same, sublinear_tf=True).fit_transform(tokens)
        lead = TfidfVectorizer(analyzer=_same, sublinear_tf=True).fit_transform(
            [t[:LEAD_TOKENS] for t in tokens]
        )
        # Both parts are L2-normalised, so the cosine of the joined vectors is the weighted mean of the
        # two cosines, and every score below stays one sparse product.
        joined = hstack([full * np.sqrt(1 - LEAD_WEIGHT), lead * np.sqrt(LEAD_WEIGHT)])
        self._matrix = csr_matrix(joined.tocsr())
        full = csr_matrix(full)
        for i in range(full.shape[0]):
            start, end = full.indptr[i], full.indptr[i + 1]
            weights, columns = full.data[start:end], full.indices[start:end]
            # Heaviest first, the column breaking ties, so the choice does not depend on storage order.
            order = np.lexsort((columns, -weights))[:TOP_TERMS]
            self._terms[i] = [int(c) for c in columns[order]]

    def __call__(self, a: str, b: str) -> float:
        """The cosine between two articles (0 for an unknown one)."""
        return float(self.scores([(a, b)])[0])

    def scores(self, pairs: Sequence[tuple[str, str]]) -> NDArray[np.float64]:
        """The cosine of each pair, in chunks of ``PAIR_CHUNK`` (0 where an article is unknown)."""
        out = np.zeros(len(pairs), dtype=np.float64)
        if self._matrix is None:
            return out
        known = [k for k, (a, b) in enumerate(pairs) if a in self._row and b in self._row]
        for start in range(0, len(known), PAIR_CHUNK):
            chunk = known[start : start + PAIR_CHUNK]
            left = self._matrix[[self._row[pairs[k][0]] for k in chunk]]
            right = self._matrix[[self._row[pairs[k][1]] for k in chunk]]
            out[chunk] = np.asarray(left.multiply(right).sum(axis=1)).ravel()
        return out

    def best_many(self, ids: Sequence[str], candidates: Sequence[str]) -> list[tuple[float, str]]:
        """For each of ``ids``, its most similar candidate (not itself) and the score, in one product."""
        rows = [self._row.get(a, -1) for a in ids]
        names = [c for c in candidates if c in self._row]
        out = [(0.0, "")] * len(ids)
        known = [k for k, r in enumerate(rows) if r >= 0]
        if self._matrix is None or not names or not known:
            return out
        scores = (
            self._matrix[[rows[k] for k in known]] @ self._matrix[[self._row[c] for c in names]].T
        ).toarray()
        column = {name: j for j, name in enumerate(names)}
        for k, row in zip(known, scores, strict=True):
            if ids[k] in column:
                row[column[ids[k]]] = -1.0  # never its own best match
            best = int(np.argmax(row))
            out[k] = (float(row[best]), names[best])
        return out

    def neighbours(
        self, published: Mapping[str, str | None], days: int, k: int, floor: float
    ) -> dict[tuple[str, str], float]:
        """Candidate pairs ``(a, b)`` with ``a < b`` and their cosine.

        Articles are candidates when they share one of their ``TOP_TERMS`` terms in a block of at most
        ``MAX_BLOCK`` articles and were published at most ``days`` apart (an undated article may pair
        with any). Each article keeps its ``k`` best candidates scoring ``floor`` or more; a pair is kept
        when either side keeps it.
        """
        n = len(self.ids)
        if self._matrix is None or n < 2:
            return {}
        day = np.array([_ordinal(published.get(a)) or -1 for a in self.ids], dtype=np.int64)
        width = days + 1
        dated: dict[tuple[int, int], list[int]] = defaultdict(list)
        undated: dict[int, list[int]] = defaultdict(list)
        for row, terms in enumerate(self._terms):
            d = int(day[row])
            for term in terms:
                if d < 0:
                    undated[term].append(row)
                else:
                    # Buckets of ``days + 1`` days, each article in its own and the next, so two articles
                    # at most ``days`` apart always share one.
                    dated[(term, d // width)].append(row)
                    dated[(term, d // width + 1)].append(row)
        found: list[NDArray[np.int64]] = [np.zeros(0, dtype=np.int64)]
        for members in dated.values():
            if 2 <= len(members) <= MAX_BLOCK:
                found.append(_block_pairs(np.array(members), day, days, n))
        # An undated article pairs with any article sharing a term, dated or not, under the same cap.
        dated_by_term: dict[int, set[int]] = defaultdict(set)
        for (term, _), group in dated.items():
            if term in undated:
                dated_by_term[term].update(group)
        for term, members in undated.items():
            everyone = np.array(sorted(set(members) | dated_by_term[term]))
            if 2 <= len(everyone) <= MAX_BLOCK:
                left = np.repeat(np.array(members), len(everyone))
                right = np.tile(everyone, len(members))
                keep = left != right
                lo, hi = np.minimum(left, right)[keep], np.maximum(left, right)[keep]
                found.append(lo * n + hi)
        codes = np.unique(np.concatenate(found))
        lo, hi = codes // n, codes % n
        scores = self._row_scores(lo, hi)
        ok = scores >= floor
        lo, hi, scores = lo[ok], hi[ok], scores[ok]
        # Each side ranks its candidates, best first (the other's row breaks ties); a pair stays when it
        # is in the top k of either side.
        src, dst, both = np.concatenate([lo, hi]), np.concatenate([hi, lo]), np.concatenate([scores, scores])
        order = np.lexsort((dst, -both, src))
        src, dst, both = src[order], dst[order], both[order]
        starts = np.searchsorted(src, src, side="left")
        top = (np.arange(len(src)) - starts) < k
        out: dict[tuple[str, str], float] = {}
        for x, y, score in zip(src[top].tolist(), dst[top].tolist(), both[top].tolist(), strict=True):
            a, b = self.ids[x], self.ids[y]
            out[(a, b) if a < b else (b, a)] = score
        return dict(sorted(out.items()))

    def _row_scores(self, left: NDArray[np.int64], right: NDArray[np.int64]) -> NDArray[np.float64]:
        out = np.zeros(len(left), dtype=np.float64)
        if self._matrix is None:
            return out
        for start in range(0, len(left), PAIR_CHUNK):
            end = start + PAIR_CHUNK
            product = self._matrix[left[start:end]].multiply(self._matrix[right[start:end]])
            out[start:end] = np.asarray(product.sum(axis=1)).ravel()
        return out


def _block_pairs(members: NDArray[np.int64], day: NDArray[np.int64], days: int, n: int) -> NDArray[np.int64]:
    """The pairs of one block published at most ``days`` apart, each coded as ``low * n + high``."""
    i, j = np.triu_indices(len(members), 1)
    left, right = members[i], members[j]
    near = np.abs(day[left] - day[right]) <= days
    lo, hi = np.minimum(left, right)[near], np.maximum(left, right)[near]
    return np.asarray(lo * n + hi, dtype=np.int64)


def _ordinal(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None  # an unparsable date is treated as no date, not as a crash
