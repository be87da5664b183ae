"""A sentence classifier per event type: does this sentence *report* an attack (or a protest)?

The patterns find every sentence that holds violence or protest vocabulary, but most such sentences are
not event reports (background, comment, condemnation, a tally). A linear model over TF-IDF weighted
features of the normalised sentence tells the two apart:

- ``w:`` each normalised word, ``s:`` its stem (proclitics و/ف/ب/ل/ك/ال stripped), ``b:`` stem bigrams;
- ``c:`` character 2–4-grams of each stem, so unseen inflections of a known word still count;
- ``p0:``–``p2:`` the first three stems ("قتل 18 شخصا …" opens an event report; "وقال …" rarely does).

Digits become ``#num``. The model file ``data/models/events.{kind}.json.gz`` (built by
``scripts/train_events.py``) holds the feature index, the IDF and the weights as plain numbers: no
pickle, so it loads with any scikit-learn version or none.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from hadath.text.normalize import strip_clitics, tokenize

KINDS = ("ASSAULT", "PROTEST")
FORMAT = 1
_CHAR_NGRAMS = (2, 4)
_POSITIONS = 3


@dataclass(frozen=True, slots=True, eq=False)
class SentenceModel:
    """A logistic-regression sentence model for one PLOVER type and its calibrated thresholds.

    ``threshold`` decides a sentence when the classifier is used alone; ``keep`` is the probability a
    pattern-coded mention needs to be kept, ``keep_full`` the (lower) one a fully coded mention needs —
    two of a mode, a source and a target; ``add`` the probability at which a sentence with no pattern-coded
    mention of the type gets one, coded around its event word (see :mod:`hadath.events`). All four were
    chosen by cross-validation inside the GSR development half (``scripts/train_events.py``).
    """

    kind: str
    index: Mapping[str, int]
    idf: npt.NDArray[np.float64]
    weights: npt.NDArray[np.float64]
    bias: float
    threshold: float
    keep: float
    keep_full: float
    add: float
    about: Mapping[str, Any]


def token_features(sentence: str) -> list[tuple[int, str]]:
    """``(token index, feature)`` for every feature of the sentence (bigrams belong to their first word).

    ``"قتل 3 أشخاص"`` → ``(0, "w:قتل"), (0, "s:قتل"), …, (1, "w:#num"), …, (0, "b:قتل_#num"), …``.
    """
    norms = ["#num" if t.norm.isdigit() else t.norm for t in tokenize(sentence)]
    stems = [strip_clitics(n)[-1] for n in norms]
    out: list[tuple[int, str]] = []
    for i, (norm, stem) in enumerate(zip(norms, stems, strict=True)):
        out.append((i, "w:" + norm))
        out.append((i, "s:" + stem))
        if i + 1 < len(stems):
            out.append((i, "b:" + stem + "_" + stems[i + 1]))
        if i < _POSITIONS:
            out.append((i, f"p{i}:{stem}"))
    seen: set[str] = set()
    for i, stem in enumerate(stems):
        if stem in seen or stem == "#num":
            continue  # one set of character n-grams per distinct stem, as the model was trained
        seen.add(stem)
        padded = "<" + stem + ">"
        for n in range(_CHAR_NGRAMS[0], _CHAR_NGRAMS[1] + 1):
            out.extend((i, "c:" + padded[k : k + n]) for k in range(len(padded) - n + 1))
    return out


def features(sentence: str) -> list[str]:
    """The features of a sentence, in order (a feature may repeat: repeats are term frequency)."""
    return [f for _, f in token_features(sentence)]


def tfidf_row(
    index: Mapping[str, int], idf: npt.NDArray[np.float64], feats: list[str]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Column indices and values of one L2-normalised, sublinear-TF IDF row; unknown features dropped."""
    counts = Counter(index[f] for f in feats if f in index)
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    cols = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float64, count=len(counts))
    values = tf * idf[cols]
    return cols, values / float(np.linalg.norm(values))


def probability(model: SentenceModel, sentence: str) -> float:
    """The model's probability that the sentence reports an event of its type."""
    cols, values = tfidf_row(model.index, model.idf, features(sentence))
    z = float(values @ model.weights[cols]) + model.bias
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def token_weights(model: SentenceModel, sentence: str) -> dict[int, float]:
    """How much each word (index in ``tokenize(sentence)``) adds to the model's score ``z``: the
    weighted TF-IDF values of the features it produced; words with no known feature are left out. The
    event word with the largest share is the trigger of a mention the classifier adds."""
    pairs = [(i, model.index[f]) for i, f in token_features(sentence) if f in model.index]
    if not pairs:
        return {}
    cols, values = tfidf_row(model.index, model.idf, [f for _, f in token_features(sentence)])
    weight_of = dict(zip(cols.tolist(), (values * model.weights[cols]).tolist(), strict=True))
    counts = Counter(col for _, col in pairs)
    by_token: dict[int, float] = {}
    for i, col in pairs:
        # A feature seen several times shares its contribution among the words that produced it.
        by_token[i] = by_token.get(i, 0.0) + weight_of[col] / counts[col]
    return by_token


def to_json(model: SentenceModel) -> dict[str, Any]:
    """The model as plain JSON data (features sorted by column)."""
    names = sorted(model.index, key=model.index.__getitem__)
    return {
        "format": FORMAT,
        "kind": model.kind,
        "features": names,
        "idf": [round(float(v), 5) for v in model.idf],
        "weights": [round(float(v), 5) for v in model.weights],
        "bias": round(model.bias, 6),
        "threshold": model.threshold,
        "keep": model.keep,
        "keep_full": model.keep_full,
        "add": model.add,
        "about": dict(model.about),
    }


def from_json(data: Mapping[str, Any]) -> SentenceModel:
    """Rebuild a model from :func:`to_json` data.

    Raises:
        ValueError: the data is of another format or its arrays disagree in length.
    """
    if data.get("format") != FORMAT:
        raise ValueError(f"event model format {data.get('format')!r}, expected {FORMAT}: retrain it")
    names: list[str] = data["features"]
    idf = np.asarray(data["idf"], dtype=np.float64)
    weights = np.asarray(data["weights"], dtype=np.float64)
    if not len(names) == len(idf) == len(weights):
        raise ValueError("event model: features, idf and weights differ in length")
    return SentenceModel(
        kind=str(data["kind"]),
        index={name: i for i, name in enumerate(names)},
        idf=idf,
        weights=weights,
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
        keep=float(data["keep"]),
        keep_full=float(data["keep_full"]),
        add=float(data["add"]),
        about=dict(data.get("about", {})),
    )


def save(model: SentenceModel, path: Path) -> None:
    """Write the model as gzipped JSON; the same model gives the same bytes (no timestamp in the gzip)."""
    raw = json.dumps(to_json(model), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with path.open("wb") as handle, gzip.GzipFile(fileobj=handle, mode="wb", mtime=0) as gz:
        gz.write(raw)


def read(path: Path) -> SentenceModel:
    """Load a model file written by :func:`save`."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return from_json(json.load(handle))


@cache
def load_model(kind: str) -> SentenceModel:
    """The shipped model for ``kind`` (``"ASSAULT"`` or ``"PROTEST"``), loaded once.

    Raises:
        ValueError: ``kind`` has no model.
        FileNotFoundError: the model file is missing (run ``scripts/train_events.py``).
    """
    if kind not in KINDS:
        raise ValueError(f"no sentence model for {kind!r}; there are models for {', '.join(KINDS)}")
    ref = resources.files("hadath").joinpath(f"data/models/events.{kind.lower()}.json.gz")
    with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        return from_json(json.load(handle))


def load_models() -> dict[str, SentenceModel]:
    """Every shipped sentence model, by PLOVER type."""
    return {kind: load_model(kind) for kind in KINDS}
