"""Named-entity recognition: CRFs over pre-tokenised Arabic text, tagging ANERcorp BIO labels.

The shipped model (``data/models/ner.*``, trained by ``scripts/train_ner.py`` on the ANERcorp train
split; see SOURCES.md there) tags people, places, organisations and other names — ``PERS``, ``LOC``,
``ORG``, ``MISC`` — as ``B-``/``I-`` spans: ``["قال", "أنتوني", "بلينكن", "في", "واشنطن"]`` →
``["O", "B-PERS", "I-PERS", "O", "B-LOC"]``.

Two stages. The first CRF reads one sentence: the normalised word, its forms with attached clitics
stripped, affixes, word shape, the neighbours, a gazetteer snapshot of the knowledge files, cue words
(titles, organisation and place heads, given names), word clusters and the names of the training data.
The second re-tags each sentence knowing what the first said about the same words in the sentences
around it (:func:`document_features`). The lexicon beside the models (``ner.lexicon.json.gz``) holds
what the features read, so tagging does not change when the knowledge files do.

:func:`spans` and :func:`score` are the entity-level scorer (exact spans, seqeval's reading of BIO:
an ``I-`` after ``O`` or after another type starts an entity).
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import pycrfsuite  # type: ignore[import-untyped]

from hadath.text.normalize import normalize, strip_clitics, strip_suffix

TYPES = ("PERS", "LOC", "ORG", "MISC")
FIRST = "ner.first.crfsuite.gz"
SECOND = "ner.second.crfsuite.gz"
LEXICON = "ner.lexicon.json.gz"
MAX_PHRASE = 7  # the longest gazetteer phrase looked up, in tokens
CHUNK = 200  # sentences tagged together as running text; articles are far shorter, so few lose context

_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")
_LETTER = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class _Token:
    """What the features of one token type need, computed once per type (most tokens repeat)."""

    norm: str
    forms: list[str]
    stem: str
    shape: str
    kinds: tuple[str, ...]
    cluster: tuple[str, ...]
    own: tuple[str, ...]  # the features that read this token alone


def _prefixes(phrases: dict[str, str]) -> frozenset[str]:
    out: set[str] = set()
    for phrase in phrases:
        words = phrase.split(" ")
        out.update(" ".join(words[:k]) for k in range(1, len(words) + 1))
    return frozenset(out)


# Tokens remembered per lexicon; a long-running process forgets them all past this many.
TOKEN_CACHE = 50_000  # ~1.5 KB a token: about 70 MB a worker at most


@dataclass(frozen=True, slots=True)
class Lexicon:
    """What the features read besides the tokens: a gazetteer, name parts, cues and word clusters.

    ``phrases`` maps a normalised phrase (tokens joined by spaces) to its entity type; ``words`` maps a
    normalised word to the name-part or cue kinds it belongs to (``first``, ``last``, ``nisba``,
    ``title``, …); ``clusters`` maps a normalised word to its cluster ids at each granularity and a
    frequency band; ``memory`` maps the names of the training data to their type and how often the
    phrase is a name where it occurs (``"ORG|hi"``).
    ``groups`` names the feature groups the model was trained with, so tagging computes the same;
    ``window`` is how many sentences either side the second stage reads.
    """

    groups: frozenset[str]
    window: int
    phrases: dict[str, str]
    words: dict[str, tuple[str, ...]]
    clusters: dict[str, tuple[str, ...]]
    memory: dict[str, str]
    # Filled while tagging, never saved: what one token's features need, by token (see _token), and
    # the prefixes of the phrase tables, so that a gazetteer lookup stops as soon as no phrase goes on.
    tokens: dict[str, _Token] = field(default_factory=dict, compare=False, repr=False)
    prefixes: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def prefixes_of(self, table: str) -> frozenset[str]:
        """Every word sequence that begins a phrase of ``phrases`` or ``memory``."""
        if table not in self.prefixes:
            phrases = self.phrases if table == "phrases" else self.memory
            self.prefixes[table] = _prefixes(phrases)
        return self.prefixes[table]

    def to_json(self) -> dict[str, object]:
        return {
            "groups": sorted(self.groups),
            "window": self.window,
            "phrases": dict(sorted(self.phrases.items())),
            "words": {k: list(v) for k, v in sorted(self.words.items())},
            "clusters": {k: list(v) for k, v in sorted(self.clusters.items())},
            "memory": dict(sorted(self.memory.items())),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Lexicon:
        def table(name: str) -> dict[str, object]:
            value = data.get(name, {})
            if not isinstance(value, dict):
                raise ValueError(f"NER lexicon: {name!r} is not an object")
            return value

        groups = data.get("groups", [])
        if not isinstance(groups, list):
            raise ValueError("NER lexicon: 'groups' is not a list")
        window = data.get("window", 0)
        return cls(
            groups=frozenset(str(g) for g in groups),
            window=window if isinstance(window, int) else 0,
            phrases={str(k): str(v) for k, v in table("phrases").items()},
            words={
                str(k): tuple(str(x) for x in v) for k, v in table("words").items() if isinstance(v, list)
            },
            clusters={
                str(k): tuple(str(x) for x in v) for k, v in table("clusters").items() if isinstance(v, list)
            },
            memory={str(k): str(v) for k, v in table("memory").items()},
        )


def write_lexicon(lexicon: Lexicon, path: Path) -> None:
    """Write ``lexicon`` as gzipped JSON; a fixed mtime keeps the file byte-identical across runs."""
    raw = json.dumps(lexicon.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with path.open("wb") as out, gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="") as gz:
        gz.write(raw)


def read_lexicon(raw: bytes) -> Lexicon:
    data = json.loads(gzip.decompress(raw).decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("NER lexicon: not a JSON object")
    return Lexicon.from_json(data)


# --- features -------------------------------------------------------------------------------------


def _shape(token: str) -> str:
    if _DIGIT.search(token):
        return "digit" if not _LATIN.search(token) else "alnum"
    if _LATIN.search(token):
        return "latin"
    if not _LETTER.search(token):
        return "punct"
    return "arabic"


def _gazetteer_tags(
    forms: list[list[str]],
    norms: list[str],
    phrases: dict[str, str],
    prefixes: frozenset[str] | None = None,
) -> list[str]:
    """Longest-match BIO tags of gazetteer phrases; the first token may carry clitics ("وبغداد").

    With ``prefixes`` (every word sequence that begins a phrase) a lookup stops where no phrase goes on.
    """
    tags = ["O"] * len(norms)
    i = 0
    while i < len(norms):
        best = 0
        kind = ""
        for first in forms[i]:
            words = [first]
            for n in range(1, min(MAX_PHRASE, len(norms) - i) + 1):
                if n > 1:
                    words.append(norms[i + n - 1])
                key = " ".join(words)
                if prefixes is not None and key not in prefixes:
                    break
                hit = phrases.get(key)
                if hit and n > best:
                    best, kind = n, hit
        if best:
            tags[i] = "B-" + kind
            for j in range(i + 1, i + best):
                tags[j] = "I-" + kind
            i += best
        else:
            i += 1
    return tags


def _word_kinds(forms: list[str], words: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Name-part and cue kinds of a token, trying it bare of clitics too ("والرئيس" → title)."""
    out: list[str] = []
    for form in forms:
        for kind in words.get(form, ()):
            if kind not in out:
                out.append(kind)
    return tuple(out)


def _cluster(forms: list[str], clusters: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    for form in forms:
        hit = clusters.get(form)
        if hit:
            return hit
    return ()


_OPEN = {"«": "»", "“": "”", '"': '"', "'": "'"}


def _quoted(tokens: Sequence[str]) -> list[bool]:
    """Which tokens stand inside quotation marks: titles of papers, books and films often do."""
    out: list[bool] = []
    close = ""
    for t in tokens:
        if close and t == close:
            close = ""
            out.append(False)
            continue
        out.append(bool(close))
        if not close and t in _OPEN:
            close = _OPEN[t]
    return out


def _token(token: str, lexicon: Lexicon) -> _Token:
    """The per-type part of a token's features, from the lexicon's cache."""
    hit = lexicon.tokens.get(token)
    if hit is not None:
        return hit
    groups = lexicon.groups
    w = normalize(token) or token
    forms = strip_clitics(w)
    stem = forms[-1]
    shape = _shape(token)
    kinds = _word_kinds(forms, lexicon.words) if "gazetteer" in groups else ()
    cluster = _cluster(forms, lexicon.clusters) if "clusters" in groups else ()
    own = ["bias", "w=" + w, "shape=" + shape, "len=" + str(min(len(w), 9))]
    if "morph" in groups:
        own.extend("f=" + x for x in forms[1:])
        own.append("pro=" + w[: len(w) - len(stem)])
        bare = strip_suffix(stem)
        if bare != stem:
            own.append("enc=" + stem[len(bare) :])
        own.extend(("p2=" + stem[:2], "p3=" + stem[:3], "x1=" + w[-1:], "x2=" + w[-2:], "x3=" + w[-3:]))
        own.append("x4=" + w[-4:])
        own.append("al=" + str(any(x.startswith("ال") for x in forms)))
    info = _Token(w, forms, stem, shape, kinds, cluster, tuple(own))
    if len(lexicon.tokens) >= TOKEN_CACHE:
        lexicon.tokens.clear()
    lexicon.tokens[token] = info
    return info


def features(tokens: Sequence[str], lexicon: Lexicon) -> list[list[str]]:
    """CRF feature strings for every token of one sentence."""
    groups = lexicon.groups
    info = [_token(t, lexicon) for t in tokens]
    norms = [x.norm for x in info]
    forms = [x.forms for x in info]
    stems = [x.stem for x in info]
    shapes = [x.shape for x in info]
    use_gaz = "gazetteer" in groups
    use_clusters = "clusters" in groups
    gaz = _gazetteer_tags(forms, norms, lexicon.phrases, lexicon.prefixes_of("phrases")) if use_gaz else []
    mem = (
        _gazetteer_tags(forms, norms, lexicon.memory, lexicon.prefixes_of("memory"))
        if "memory" in groups
        else []
    )
    kinds = [x.kinds for x in info]
    clus = [x.cluster for x in info]
    quoted = _quoted(tokens)
    n = len(tokens)
    out: list[list[str]] = []
    for i in range(n):
        w = norms[i]
        f = [*info[i].own[:4]]
        if quoted[i]:
            f.append("quoted")
        f.extend(info[i].own[4:])
        if use_gaz:
            f.append("gz=" + gaz[i])
            f.extend("k=" + k for k in kinds[i])
        if mem:
            f.append("m=" + mem[i])
        if use_clusters:
            f.extend(f"c{j}=" + c for j, c in enumerate(clus[i]))
        for d in (-2, -1, 1, 2):
            j = i + d
            if j < 0 or j >= n:
                f.append(f"{d}:edge")
                continue
            f.append(f"{d}:w=" + norms[j])
            if abs(d) == 1:
                f.append(f"{d}:s=" + stems[j])
                f.append(f"{d}:shape=" + shapes[j])
                if "morph" in groups:
                    f.append(f"{d}:x2=" + norms[j][-2:])
                if use_clusters and clus[j]:
                    f.extend(f"{d}:c{k}=" + c for k, c in enumerate(clus[j]))
            if mem and abs(d) == 1:
                f.append(f"{d}:m=" + mem[j])
            if use_gaz:
                f.append(f"{d}:gz=" + gaz[j])
                f.extend(f"{d}:k=" + k for k in kinds[j])
        if i > 0:
            f.append("-1|0=" + norms[i - 1] + "|" + w)
        if i + 1 < n:
            f.append("0|1=" + w + "|" + norms[i + 1])
        out.append(f)
    return out


# --- document features ----------------------------------------------------------------------------


def _key(token: str) -> str:
    """The form a name keeps across its mentions: "للأهلي", "بالأهلي" and "الأهلي" → "اهلي"."""
    return strip_clitics(normalize(token) or token)[-1]


def _bucket(n: int) -> str:
    return "1" if n == 1 else "2" if n <= 3 else "4"


def document_features(
    sentences: Sequence[Sequence[str]],
    first: Sequence[Sequence[str]],
    window: int,
    lexicon: Lexicon | None = None,
) -> list[list[list[str]]]:
    """Second-stage features: what the first stage said here and about the same word nearby.

    A name is usually written the same way throughout an article, and the first stage often gets one
    mention right that the context of another leaves ambiguous ("جوزيه" after "المدرب" and alone). For
    each token, the first-stage labels of the other mentions of its clitic-free form within ``window``
    sentences either side become features, and so do the names it found in those sentences, matched
    as phrases here ("فايزة أبوالنجا" found once is found again).
    """
    if lexicon is not None:  # the same forms as below, from the lexicon's token cache
        infos = [[_token(t, lexicon) for t in s] for s in sentences]
        norms = [[x.norm for x in s] for s in infos]
        forms = [[x.forms for x in s] for s in infos]
        keys = [[x.stem for x in s] for s in infos]
    else:
        norms = [[normalize(t) or t for t in s] for s in sentences]
        forms = [[strip_clitics(n) for n in s] for s in norms]
        keys = [[_key(t) for t in s] for s in sentences]
    found = [
        [(typ, " ".join(ns[a:b])) for typ, a, b in spans(labels)]
        for ns, labels in zip(norms, first, strict=True)
    ]
    where: dict[str, list[tuple[int, int, str]]] = {}
    named: set[str] = set()
    for si, (ks, labels) in enumerate(zip(keys, first, strict=True)):
        for ti, (k, label) in enumerate(zip(ks, labels, strict=True)):
            where.setdefault(k, []).append((si, ti, label))
            if label != "O":
                named.add(k)
    out: list[list[list[str]]] = []
    for si, (ks, labels) in enumerate(zip(keys, first, strict=True)):
        nearby: dict[str, Counter[str]] = {}
        for sj in range(max(0, si - window), min(len(sentences), si + window + 1)):
            if sj != si:
                for typ, phrase in found[sj]:
                    nearby.setdefault(phrase, Counter())[typ] += 1
        names = {p: c.most_common(1)[0][0] for p, c in nearby.items()}
        again = _gazetteer_tags(forms[si], norms[si], names) if names else []
        rows: list[list[str]] = []
        for ti, k in enumerate(ks):
            f = ["s1=" + labels[ti]]
            if again:
                f.append("dg=" + again[ti])
                if ti > 0:
                    f.append("dg[-1]=" + again[ti - 1])
                if ti + 1 < len(again):
                    f.append("dg[+1]=" + again[ti + 1])
            f.append("s1[-1]=" + (labels[ti - 1] if ti > 0 else "^"))
            f.append("s1[+1]=" + (labels[ti + 1] if ti + 1 < len(labels) else "$"))
            if k in named:
                others = [
                    label for sj, tj, label in where[k] if abs(sj - si) <= window and (sj, tj) != (si, ti)
                ]
                types = Counter(label[2:] for label in others if label != "O")
                if not others:
                    f.append("d:solo")
                else:
                    share = sum(types.values()) / len(others)
                    frac = "0" if not types else "lo" if share < 0.5 else "hi" if share < 1 else "all"
                    f.extend(("d:n=" + _bucket(len(others)), "d:frac=" + frac))
                    if types:
                        top = types.most_common(1)[0][0]
                        f.extend(("d:maj=" + top, f"d:maj={top}|{frac}"))
                        f.extend(sorted({"d:" + label for label in others if label != "O"}))
            rows.append(f)
        out.append(rows)
    return out


# --- the shipped model ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tagger:
    """The CRF models with the lexicon their features read.

    ``first`` tags each sentence on its own; ``second``, where present, re-tags it knowing what
    ``first`` said about the same words in the sentences around it (see :func:`document_features`).
    """

    lexicon: Lexicon
    first: pycrfsuite.Tagger
    second: pycrfsuite.Tagger | None = None
    buffers: tuple[bytes, ...] = ()  # the model bytes CRFsuite reads in place: kept alive with it

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """Tags of one sentence, read as a document of its own."""
        return self.tag_document([tokens])[0]

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tags of consecutive sentences of one text; each sees its neighbours (``lexicon.window``)."""
        base = [features(s, self.lexicon) for s in sentences]
        first = [[str(t) for t in self.first.tag(f)] if f else [] for f in base]
        if self.second is None:
            return first
        extra = document_features(sentences, first, self.lexicon.window, self.lexicon)
        return [
            [str(t) for t in self.second.tag([a + b for a, b in zip(fs, es, strict=True)])] if fs else []
            for fs, es in zip(base, extra, strict=True)
        ]


def _crf(model: bytes) -> tuple[pycrfsuite.Tagger, bytes]:
    """A CRFsuite tagger and the buffer it reads, which must outlive it (CRFsuite does not copy it)."""
    raw = gzip.decompress(model) if model[:2] == b"\x1f\x8b" else model
    crf = pycrfsuite.Tagger()
    crf.open_inmemory(raw)
    return crf, raw


def open_tagger(lexicon: bytes, first: bytes, second: bytes | None = None) -> Tagger:
    """A tagger from the bytes of its gzipped JSON lexicon and of its CRFsuite models (gzipped or not)."""
    crf1, raw1 = _crf(first)
    if second is None:
        return Tagger(read_lexicon(lexicon), crf1, None, (raw1,))
    crf2, raw2 = _crf(second)
    return Tagger(read_lexicon(lexicon), crf1, crf2, (raw1, raw2))


@cache
def load() -> Tagger:
    """The shipped model, read once per process."""
    base = resources.files("hadath").joinpath("data/models")
    second = base.joinpath(SECOND)
    return open_tagger(
        base.joinpath(LEXICON).read_bytes(),
        base.joinpath(FIRST).read_bytes(),
        second.read_bytes() if second.is_file() else None,
    )


def tag(tokens: list[str]) -> list[str]:
    """ANERcorp BIO tags (``B-PERS`` … ``O``) for one pre-tokenised sentence."""
    return load().tag(tokens)


# --- CoNLL ----------------------------------------------------------------------------------------


def _blocks(lines: Iterable[str]) -> Iterator[list[str]]:
    """Group lines (newlines stripped) into sentences; each blank line is a group of its own."""
    block: list[str] = []
    for raw in lines:
        line = raw.rstrip("\r\n")
        if line.strip():
            block.append(line)
            continue
        if block:
            yield block
            block = []
        yield [line]
    if block:
        yield block


def tag_sentences(sentences: Iterable[Sequence[str]], tagger: Tagger | None = None) -> Iterator[list[str]]:
    """Tags of a stream of consecutive sentences, read a chunk at a time as running text."""
    model = tagger or load()
    chunk: list[Sequence[str]] = []
    for sentence in sentences:
        chunk.append(sentence)
        if len(chunk) == CHUNK:
            yield from model.tag_document(chunk)
            chunk = []
    if chunk:
        yield from model.tag_document(chunk)


def tag_conll(lines: Iterable[str], tagger: Tagger | None = None) -> Iterator[str]:
    """Tag pre-tokenised CoNLL text: each token line comes back with its predicted tag appended.

    The token is the first column (other columns are kept but ignored); the tag joins the line with a
    tab where the line uses tabs, else with a space. Blank lines (sentence breaks) come back as they
    are. Lines are yielded without their newline; sentences are read ``CHUNK`` at a time, so that
    the second stage sees each sentence's neighbours.
    """
    model = tagger or load()
    pending: list[list[str]] = []

    def flush() -> Iterator[str]:
        sentences = [[line.split()[0] for line in block] for block in pending if block[0].strip()]
        tags = iter(model.tag_document(sentences))
        for block in pending:
            if not block[0].strip():
                yield block[0]
                continue
            for line, label in zip(block, next(tags), strict=True):
                yield line + ("\t" if "\t" in line else " ") + label
        pending.clear()

    count = 0
    for block in _blocks(lines):
        pending.append(block)
        if block[0].strip():
            count += 1
            if count % CHUNK == 0:
                yield from flush()
    yield from flush()


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a CoNLL file as (tokens, gold tags): first column token, last column tag."""
    out: list[tuple[list[str], list[str]]] = []
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8-sig") as f:
        for raw in f:
            cols = raw.split()
            if not cols:
                if tokens:
                    out.append((tokens, tags))
                    tokens, tags = [], []
                continue
            tokens.append(cols[0])
            tags.append(cols[-1] if len(cols) > 1 else "O")
    if tokens:
        out.append((tokens, tags))
    return out


# --- scoring --------------------------------------------------------------------------------------


def spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """Entity spans ``(type, start, end)`` (end exclusive) of one BIO sequence.

    An ``I-X`` that follows ``O`` or a tag of another type starts an entity, as in seqeval's default
    mode; anything that is not ``B-``/``I-`` closes the open entity.
    """
    out: list[tuple[str, int, int]] = []
    kind: str | None = None
    start = 0
    for i, t in enumerate((*tags, "O")):
        prefix, _, typ = t.partition("-")
        if prefix == "I" and typ == kind:
            continue
        if kind is not None:
            out.append((kind, start, i))
            kind = None
        if prefix in ("B", "I") and typ:
            kind, start = typ, i
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": float(n_gold)}


def score(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict[str, dict[str, float]]:
    """Entity-level exact-span precision, recall, F1 and gold support: ``micro`` and per type."""
    if len(gold) != len(pred):
        raise ValueError(f"score: {len(gold)} gold sentences but {len(pred)} predicted")
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        if len(g) != len(p):
            raise ValueError(f"score: a sentence has {len(g)} gold tags but {len(p)} predicted")
        gs, ps = set(spans(g)), set(spans(p))
        n_gold.update(s[0] for s in gs)
        n_pred.update(s[0] for s in ps)
        tp.update(s[0] for s in gs & ps)
    types = sorted(
        set(n_gold) | set(n_pred), key=lambda t: (t not in TYPES, TYPES.index(t) if t in TYPES else 0, t)
    )
    result = {"micro": _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))}
    for t in types:
        result[t] = _prf(tp[t], n_pred[t], n_gold[t])
    return result


def evaluate(gold_path: Path | str, tagger: Tagger | None = None) -> dict[str, dict[str, float]]:
    """Tag a gold CoNLL file and score it (see :func:`score`); ``speed`` holds tokens and tokens/s."""
    model = tagger or load()
    data = read_conll(Path(gold_path))
    started = time.perf_counter()
    pred = list(tag_sentences((tokens for tokens, _ in data), model))
    seconds = time.perf_counter() - started
    result = score([tags for _, tags in data], pred)
    n_tokens = sum(len(tokens) for tokens, _ in data)
    result["speed"] = {"tokens": float(n_tokens), "tokens_per_second": n_tokens / max(seconds, 1e-9)}
    return result


def report(result: dict[str, dict[str, float]]) -> str:
    """The table of :func:`score` or :func:`evaluate`: a row per type, then micro."""
    lines = [f"{'':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
    for name in (*TYPES, "micro"):
        r = result.get(name)
        if r:
            lines.append(
                f"{name:6} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {int(r['support']):6d}"
            )
    return "\n".join(lines)
