"""Article similarity: TF-IDF over normalised, clitic-stripped tokens (scikit-learn).

Vectors are computed once for all articles; similarities are computed only for the pairs that blocking
lets through, so the cost grows with the number of candidate pairs, not with the square of the corpus.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer

from hadath.text.normalize import strip_clitics, tokenize


def analyse(text: str) -> list[str]:
    """Light stems: the shortest clitic-stripped form of each token longer than two letters."""
    out = []
    for tok in tokenize(text):
        if len(tok.norm) <= 2 or tok.norm.isdigit():
            continue
        out.append(strip_clitics(tok.norm)[-1])
    return out


class Similarity:
    """Cosine similarity between any two of a fixed set of texts, computed on demand and cached."""

    def __init__(self, ids: Sequence[str], texts: Sequence[str]) -> None:
        self._row = {a: i for i, a in enumerate(ids)}
        self._cache: dict[tuple[int, int], float] = {}
        self._matrix: csr_matrix | None = None
        if texts:
            vectorizer = TfidfVectorizer(analyzer=analyse, sublinear_tf=True, min_df=1)
            self._matrix = csr_matrix(vectorizer.fit_transform(texts))  # rows are L2-normalised

    def __call__(self, a: str, b: str) -> float:
        i, j = self._row.get(a), self._row.get(b)
        if i is None or j is None or self._matrix is None:
            return 0.0
        if i == j:
            return 1.0
        key = (i, j) if i < j else (j, i)
        if key not in self._cache:
            self._cache[key] = float(self._matrix[i].multiply(self._matrix[j]).sum())
        return self._cache[key]

    def block(self, ids: Sequence[str]) -> NDArray[np.float64]:
        """All pairwise similarities among ``ids`` in one sparse product (unknown ids score 0)."""
        rows = [self._row.get(a, -1) for a in ids]
        out = np.zeros((len(ids), len(ids)), dtype=np.float64)
        known = [i for i, r in enumerate(rows) if r >= 0]
        if self._matrix is None or not known:
            return out
        sub = self._matrix[[rows[i] for i in known]]
        out[np.ix_(known, known)] = (sub @ sub.T).toarray()
        return out

    def best(self, a: str, candidates: Sequence[str]) -> tuple[float, str]:
        """The candidate most similar to ``a`` and its score; ``(0.0, "")`` when there is none."""
        i = self._row.get(a)
        rows = [self._row[c] for c in candidates if c in self._row and c != a]
        names = [c for c in candidates if c in self._row and c != a]
        if i is None or not rows or self._matrix is None:
            return 0.0, ""
        scores = (self._matrix[rows] @ self._matrix[i].T).toarray().ravel()
        k = int(np.argmax(scores))
        return float(scores[k]), names[k]

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
