"""Article similarity: TF-IDF over normalised, clitic-stripped tokens (scikit-learn)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
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


def similarity_matrix(texts: Sequence[str]) -> NDArray[np.float64]:
    """Cosine similarity of every pair of texts (rows are L2-normalised, so a dot product)."""
    vectorizer = TfidfVectorizer(analyzer=analyse, sublinear_tf=True, min_df=1)
    matrix = vectorizer.fit_transform(texts)
    return np.asarray((matrix @ matrix.T).toarray(), dtype=np.float64)
