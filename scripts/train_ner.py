"""Train the named-entity tagger that hadath ships (``src/hadath/data/models/ner.*``).

Two CRFs (CRFsuite, L-BFGS with elastic-net regularisation) over the features of
:mod:`hadath.language.ner`, trained on the ANERcorp CAMeL Lab train split: the first tags sentences on
their own; the second learns from the first's labels of the same words in nearby sentences, labels
that a first stage trained without those sentences gave (four-fold jackknife), so that it learns from
real mistakes. The lexicon the features read is built here and shipped beside the models:

* a gazetteer snapshot of the knowledge files (``data/knowledge/*.tsv``: countries, cities, organisations,
  people), with first and last names of the people and the countries' nisba adjectives;
* hand-written cue words and given names (``data/models/ner_cues.tsv``) and the head word of each
  title in the knowledge files (``roles.tsv``);
* word clusters: k-means over SVD-reduced PPMI co-occurrence vectors of the ANERcorp train text and the
  AQMAR Wikipedia text (both CC BY-SA; nothing non-commercial is read);
* the names of the training data with their type (jackknifed too while training).

Usage (from the repository root)::

    python scripts/train_ner.py --shared ../shared            # train on train, write the model
    python scripts/train_ner.py --shared ../shared --eval     # … then print the ANERcorp test table
    python scripts/train_ner.py --shared ../shared --dev      # train on 90 % of train, score the rest

``--dev`` holds out a tenth of the train split (``--fold``, the last by default); ``--groups``,
``--extra`` and ``--window`` select feature groups, extra corpora and the second stage for ablations.
The test split is only ever tagged by ``--eval``, never used to choose anything. Training takes about
three minutes on two cores shared with other work.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import gzip
import multiprocessing
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pycrfsuite  # type: ignore[import-untyped]
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize as l2_normalize

from hadath.language import ner
from hadath.text.normalize import normalize, tokenize

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "src" / "hadath" / "data"
MODELS = DATA / "models"
KNOWLEDGE = DATA / "knowledge"

SEED = 13
DEV_SHARE = 0.1  # a tenth of the train sentences: the dev split for every choice made here
GROUPS = ("morph", "gazetteer", "clusters", "memory")
# Chosen on the dev split (see SOURCES.md for the figures).
C1 = 0.02
C2 = 0.1
ITERATIONS = 60  # dev F1 is flat from 60 to 250 iterations; 60 keeps training short
WINDOW = 10  # sentences either side that the second stage reads
FOLDS = 4  # jackknife folds for the second stage's training labels
WORKERS = 2
CLUSTER_SIZES = (32, 128, 512)
CLUSTER_MIN_COUNT = 2
SVD_DIMENSIONS = 100

Sentence = tuple[list[str], list[str]]

# NewsFANE's 45 fine-grained classes folded onto ANERcorp's four. People of every walk are PERS; groups of
# people ("العرب") are not names in ANERcorp's guidelines; facilities and works are MISC, as ANERcorp tags
# "البيت الأبيض" and book titles.
NEWSFANE_TYPES = {
    **dict.fromkeys(
        [
            "Politician",
            "Athlete",
            "Artist",
            "Other_PER",
            "Religious_PER",
            "Scientist",
            "Businessperson",
            "Lawyer",
            "Engineer",
            "Police",
        ],
        "PERS",
    ),
    **dict.fromkeys(
        [
            "Government",
            "Non-Governmental",
            "Commercial",
            "Educational",
            "Media",
            "Sports",
            "Religious_ORG",
            "Medical-Science",
            "Entertainment",
        ],
        "ORG",
    ),
    **dict.fromkeys(
        [
            "Nation",
            "Population-Center",
            "State-or-Province",
            "County-or-District",
            "GPE-Cluster",
            "Continent",
            "Water-Body",
            "Land-Region-Natural",
            "Celestial",
        ],
        "LOC",
    ),
    **dict.fromkeys(
        [
            "Building-Grounds",
            "Airport",
            "Path",
            "Subarea-Facility",
            "Book",
            "Movie",
            "Software",
            "Hardware",
            "Land",
            "Air",
            "Water",
            "Food",
            "Drug",
            "Projectile",
            "Shooting",
            "Plant",
        ],
        "MISC",
    ),
    "Group": None,
}
# NewsFANE splits clitics off ("و تلك", "تدرك ها"); ANERcorp keeps them attached.
_PROCLITICS = frozenset(["و", "ف", "ب", "ل", "ك", "س"])
_ENCLITICS = frozenset(["ه", "ها", "هم", "هما", "هن", "كم", "كما", "نا", "ي"])
_ARABIC = re.compile("[\u0621-\u064a]")


# --- corpora --------------------------------------------------------------------------------------


def _letters(tokens: Iterable[str]) -> str:
    """Letters only, normalised: the same text whatever its tokenisation."""
    return "".join(ch for ch in normalize("".join(tokens)) if ch.isalpha())


class Overlap:
    """Finds sentences that share a stretch of text with held-out sentences (test or dev)."""

    WIDTH = 24

    def __init__(self, held_out: Iterable[Sequence[str]]) -> None:
        self.text = "\x00".join(_letters(s) for s in held_out)
        self.grams = {self.text[i : i + self.WIDTH] for i in range(len(self.text) - self.WIDTH + 1)}

    def hits(self, tokens: Sequence[str]) -> bool:
        s = _letters(tokens)
        if len(s) < self.WIDTH:
            return bool(s) and s in self.text
        return any(s[i : i + self.WIDTH] in self.grams for i in range(len(s) - self.WIDTH + 1))


def read_newsfane(path: Path, held_out: Overlap) -> list[Sentence]:
    """NewsFANE Gold with ANERcorp types and clitics re-attached, minus sentences of held-out text.

    NewsFANE annotates the ANERcorp articles themselves (test ones included), so any sentence that shares
    text with the held-out splits is dropped.
    """
    out: list[Sentence] = []
    for tokens, tags in ner.read_conll(path):
        tokens = [t.replace("\u200e", "") for t in tokens]
        if held_out.hits(tokens):
            continue
        coarse = []
        for t in tags:
            prefix, _, fine = t.partition("-")
            typ = NEWSFANE_TYPES.get(fine)
            coarse.append(f"{prefix}-{typ}" if prefix in ("B", "I") and typ else "O")
        out.append(_attach_clitics(tokens, coarse))
    return out


def _attach_clitics(tokens: list[str], tags: list[str]) -> Sentence:
    words: list[str] = []
    labels: list[str] = []
    pending = ""
    pending_tag = "O"
    for tok, tag in zip(tokens, tags, strict=True):
        if tok in _PROCLITICS:
            pending += tok
            pending_tag = pending_tag if pending_tag != "O" else tag
            continue
        if tok in _ENCLITICS and words and _ARABIC.search(words[-1]) and not pending:
            words[-1] += tok
            continue
        if pending:
            if pending_tag.startswith(("B-", "I-")) and tag == "O":
                tag = pending_tag
            elif tag.startswith("I-") and pending_tag == "O" and labels and labels[-1][2:] != tag[2:]:
                tag = "B-" + tag[2:]
            tok, pending, pending_tag = pending + tok, "", "O"
        words.append(tok)
        labels.append(tag)
    if pending:
        words.append(pending)
        labels.append("O")
    return words, labels


_AQMAR_TYPES = {"PER": "PERS", "LOC": "LOC", "ORG": "ORG", "-ORG": "ORG"}


def read_aqmar(folder: Path) -> list[list[Sentence]]:
    """AQMAR Wikipedia NER, an article a document, with ANERcorp types; MIS0–MIS3 become MISC."""
    docs: list[list[Sentence]] = []
    for path in sorted(folder.glob("*.txt")):
        out: list[Sentence] = []
        docs.append(out)
        for tokens, tags in ner.read_conll(path):
            mapped = []
            for t in tags:
                prefix, _, typ = t.partition("-")
                coarse = _AQMAR_TYPES.get(typ) or ("MISC" if typ.startswith("MIS") else None)
                mapped.append(f"{prefix}-{coarse}" if prefix in ("B", "I") and coarse else "O")
            out.append((tokens, mapped))
    return docs


# --- lexicon --------------------------------------------------------------------------------------


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            {k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(f, delimiter="\t")
        ]


def _phrase(name: str) -> str:
    return " ".join(t.norm for t in tokenize(name))


def _names(row: dict[str, str], *columns: str) -> list[str]:
    return [x.strip() for c in columns for x in row.get(c, "").split("|") if x.strip()]


_NAME_LINKS = frozenset(normalize(w) for w in ["بن", "بنت", "أبو", "ابو", "عبد", "آل", "أبي", "ابن", "ولد"])


def gazetteer() -> tuple[dict[str, str], dict[str, set[str]]]:
    """Phrases → type and words → kinds from the knowledge files and the cue list."""
    phrases: dict[str, str] = {}
    words: dict[str, set[str]] = {}

    def word(w: str, kind: str) -> None:
        words.setdefault(normalize(w), set()).add(kind)

    # People first so that a place or an organisation wins a phrase both claim: names like "الجزيرة"
    # are far likelier a place (or the channel) in news than a person.
    kinds = (("people", "PERS"), ("organizations", "ORG"), ("cities", "LOC"), ("countries", "LOC"))
    for stem, typ in kinds:
        for path in sorted(KNOWLEDGE.glob(f"{stem}*.tsv")):
            for row in _tsv(path):
                for name in _names(row, "name_ar", "aliases_ar", "capital_ar"):
                    key = _phrase(name)
                    if not key:
                        continue
                    phrases[key] = typ
                    parts = key.split()
                    if typ == "PERS" and len(parts) > 1:
                        if parts[0] not in _NAME_LINKS:
                            word(parts[0], "first")
                        word(parts[-1], "last")
                for adj in _names(row, "adjectives_ar"):
                    word(adj, "nisba")
    for row in _tsv(KNOWLEDGE / "roles.tsv"):
        parts = _phrase(row["role_ar"]).split()
        if parts:
            word(parts[0], "title")
    for row in _tsv(MODELS / "ner_cues.tsv"):
        word(row["cue"], row["kind"])
    return phrases, words


def clusters(corpus: Sequence[Sequence[str]], sizes: Sequence[int]) -> dict[str, tuple[str, ...]]:
    """Word clusters: k-means at each size over SVD-reduced PPMI vectors of left/right neighbours."""
    sents = [[normalize(t) for t in s] for s in corpus]
    counts = Counter(w for s in sents for w in s)
    vocab = sorted(w for w, c in counts.items() if c >= CLUSTER_MIN_COUNT)
    index = {w: i for i, w in enumerate(vocab)}
    contexts = [w for w, _ in counts.most_common(4000)]
    cindex = {w: i for i, w in enumerate(contexts)}
    rows: list[int] = []
    cols: list[int] = []
    for s in sents:
        for i, w in enumerate(s):
            if w not in index:
                continue
            for d in (-2, -1, 1, 2):
                j = i + d
                if 0 <= j < len(s) and s[j] in cindex:
                    # Left and right neighbours are different contexts: word order carries the syntax.
                    rows.append(index[w])
                    cols.append(cindex[s[j]] + (0 if d < 0 else len(contexts)))
    m = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(vocab), 2 * len(contexts))).tocsr()
    total = m.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel()
    col_sum = np.asarray(m.sum(axis=0)).ravel() ** 0.75  # context smoothing (Levy et al. 2015)
    col_sum = col_sum / col_sum.sum() * total
    m = m.tocoo()
    pmi = np.log(m.data * total / (row_sum[m.row] * col_sum[m.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    vectors = TruncatedSVD(SVD_DIMENSIONS, random_state=SEED).fit_transform(ppmi)
    vectors = l2_normalize(vectors)
    ids = [KMeans(k, n_init=1, random_state=SEED).fit_predict(vectors) for k in sizes]
    # The last field is a frequency band: rare words are likelier names than frequent ones.
    return {w: (*(str(int(col[i])) for col in ids), _band(counts[w])) for i, w in enumerate(vocab)}


def _band(count: int) -> str:
    return "f2" if count < 5 else "f5" if count < 20 else "f20" if count < 100 else "f100"


def build_lexicon(groups: Sequence[str], window: int, cluster_text: Sequence[Sequence[str]]) -> ner.Lexicon:
    phrases, words = gazetteer()
    return ner.Lexicon(
        groups=frozenset(groups),
        window=window,
        phrases=phrases if "gazetteer" in groups else {},
        words={w: tuple(sorted(k)) for w, k in words.items()} if "gazetteer" in groups else {},
        clusters=clusters(cluster_text, CLUSTER_SIZES) if "clusters" in groups else {},
        memory={},
    )


def memory(sentences: Sequence[Sentence]) -> dict[str, str]:
    """The names of ``sentences``: phrase → its commonest type and how often the phrase is a name.

    ``"العربيه"`` is a channel in some sentences and an adjective in most: the band (``lo``, ``mid``,
    ``hi``) lets the model trust a remembered name only as far as the data does.
    """
    types: dict[str, Counter[str]] = {}
    for tokens, tags in sentences:
        norms = [normalize(t) or t for t in tokens]
        for typ, start, end in ner.spans(tags):
            if end - start <= ner.MAX_PHRASE:
                types.setdefault(" ".join(norms[start:end]), Counter())[typ] += 1
    seen: Counter[str] = Counter()
    lengths = {k.count(" ") + 1 for k in types}
    for tokens, _ in sentences:
        norms = [normalize(t) or t for t in tokens]
        for n in lengths:
            for i in range(len(norms) - n + 1):
                key = " ".join(norms[i : i + n])
                if key in types:
                    seen[key] += 1
    out: dict[str, str] = {}
    for key, counts in types.items():
        typ, named = counts.most_common(1)[0][0], sum(counts.values())
        share = named / max(seen[key], named)
        out[key] = f"{typ}|{'hi' if share >= 0.7 else 'mid' if share >= 0.3 else 'lo'}"
    return out


# --- training -------------------------------------------------------------------------------------

# Feature rows of the training sentences, set before the worker pool forks so that workers inherit them
# instead of receiving them pickled.
_ROWS: list[list[list[str]]] = []
_TAGS: list[list[str]] = []


def _train_crf(job: tuple[list[int], dict[str, float | int | bool]]) -> bytes:
    """Train a CRF on the sentences ``job[0]`` of ``_ROWS``; the model's bytes."""
    indices, params = job
    trainer = pycrfsuite.Trainer(verbose=False)
    for i in indices:
        trainer.append(_ROWS[i], _TAGS[i])
    trainer.set_params(params)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.crfsuite"
        trainer.train(str(path))
        return path.read_bytes()


def _parallel(jobs: list[tuple[list[int], dict[str, float | int | bool]]]) -> list[bytes]:
    with multiprocessing.get_context("fork").Pool(min(WORKERS, len(jobs))) as pool:
        return pool.map(_train_crf, jobs, chunksize=1)


def train(
    docs: Sequence[Sequence[Sentence]],
    lexicon: ner.Lexicon,
    params: dict[str, float | int | bool],
    stack: bool,
) -> tuple[bytes, bytes | None]:
    """The first- and second-stage models' bytes (no second stage unless ``stack``).

    The second stage learns from first-stage labels that a model trained without the sentence gave
    (``FOLDS``-fold jackknife), so that it sees the first stage's real mistakes, not its memory.
    """
    sentences = [s for doc in docs for s in doc]
    everything = list(range(len(sentences)))
    folds = [
        everything[k * len(everything) // FOLDS : (k + 1) * len(everything) // FOLDS] for k in range(FOLDS)
    ]
    _ROWS[:] = []
    for fold in folds:
        # A sentence's remembered names come from the other folds, as a new text's would.
        if "memory" in lexicon.groups:
            inside = set(fold)
            known = memory([s for i, s in enumerate(sentences) if i not in inside])
            fold_lexicon = dataclasses.replace(lexicon, memory=known)
        else:
            fold_lexicon = lexicon
        _ROWS.extend(ner.features(sentences[i][0], fold_lexicon) for i in fold)
    _TAGS[:] = [tags for _, tags in sentences]
    if not stack:
        return _train_crf((everything, params)), None
    outside = [[i for i in everything if not lo <= i <= hi] for lo, hi in ((f[0], f[-1]) for f in folds)]
    fold_models = _parallel([(rest, params) for rest in outside])
    first: list[list[str]] = [[] for _ in everything]
    for fold, model in zip(folds, fold_models, strict=True):
        crf = _tagger(model)
        for i in fold:
            first[i] = [str(t) for t in crf.tag(_ROWS[i])]
    base = list(_ROWS)
    at = 0
    stacked: list[list[list[str]]] = []
    for doc in docs:
        tokens = [t for t, _ in doc]
        extra = ner.document_features(tokens, first[at : at + len(doc)], lexicon.window)
        stacked.extend(
            [a + b for a, b in zip(fa, fb, strict=True)]
            for fa, fb in zip(base[at : at + len(doc)], extra, strict=True)
        )
        at += len(doc)
    # The final first stage and the second stage are independent: train them side by side.
    first_jobs = [(everything, params)]
    _ROWS.extend(stacked)
    second_jobs = [(list(range(len(everything), 2 * len(everything))), params)]
    _TAGS.extend(_TAGS[: len(everything)])
    first_model, second_model = _parallel(first_jobs + second_jobs)
    return first_model, second_model


def _tagger(model: bytes) -> pycrfsuite.Tagger:
    crf = pycrfsuite.Tagger()
    crf.open_inmemory(model)
    return crf


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared data folder")
    parser.add_argument(
        "--dev", action="store_true", help="train on 90 %% of train, score the held-out 10 %%"
    )
    parser.add_argument("--fold", type=int, default=9, help="with --dev: which tenth of train is held out")
    parser.add_argument("--eval", action="store_true", help="after training, print the ANERcorp test table")
    parser.add_argument(
        "--groups", default=",".join(GROUPS), help="feature groups (morph,gazetteer,clusters)"
    )
    parser.add_argument("--extra", default="", help="extra training corpora: newsfane, aqmar, aqmar-nomisc")
    parser.add_argument("--cluster-text", default="anercorp,aqmar", help="cluster text: anercorp, aqmar")
    parser.add_argument("--window", type=int, default=WINDOW, help="second-stage window; 0: one stage")
    parser.add_argument("--c1", type=float, default=C1)
    parser.add_argument("--c2", type=float, default=C2)
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    parser.add_argument(
        "--out", type=Path, default=MODELS, help="where the model is written (not with --dev)"
    )
    args = parser.parse_args(argv)

    data = args.shared / "data"
    anercorp = data / "anercorp_camel"
    if not anercorp.is_dir():
        print(f"{anercorp} not found: pass --shared with the shared data folder", file=sys.stderr)
        return 2
    train_set = ner.read_conll(anercorp / "ANERCorp_CamelLab_train.txt")
    test_path = anercorp / "ANERCorp_CamelLab_test.txt"
    held_out_text = [tokens for tokens, _ in ner.read_conll(test_path)]
    dev_set: list[Sentence] = []
    if args.dev:
        # The last tenth by default; --fold picks another tenth to check that a choice holds up.
        lo = int(len(train_set) * args.fold * DEV_SHARE)
        hi = int(len(train_set) * (args.fold + 1) * DEV_SHARE)
        train_set, dev_set = train_set[:lo] + train_set[hi:], train_set[lo:hi]
        held_out_text += [tokens for tokens, _ in dev_set]
    groups = [g for g in args.groups.split(",") if g]
    extra = [e for e in args.extra.split(",") if e]
    started = time.perf_counter()
    docs: list[list[Sentence]] = [train_set]
    aqmar: list[list[Sentence]] = []
    if any(e.startswith("aqmar") for e in extra) or "aqmar" in args.cluster_text:
        aqmar = read_aqmar(data / "aqmar" / "articles")
    if "newsfane" in extra:
        fane = read_newsfane(data / "newsfane_gold" / "NewsFANE_Gold_2014_170K.txt", Overlap(held_out_text))
        print(f"NewsFANE: {len(fane)} sentences kept (none shares text with the held-out splits)")
        docs.append(fane)
    if any(e.startswith("aqmar") for e in extra):
        if "aqmar-nomisc" in extra:
            # Only the sentences without a MIS0–MIS3 name: their MISC is far broader than ANERcorp's.
            aqmar_docs = [[s for s in doc if not any("MISC" in t for t in s[1])] for doc in aqmar]
            aqmar_docs = [doc for doc in aqmar_docs if doc]
        else:
            aqmar_docs = aqmar
        docs.extend(aqmar_docs)
    cluster_text = [t for t, _ in train_set] if "anercorp" in args.cluster_text else []
    if "aqmar" in args.cluster_text:
        cluster_text += [t for doc in aqmar for t, _ in doc]
    lexicon = build_lexicon(groups, args.window, cluster_text)
    if "memory" in groups:
        lexicon = dataclasses.replace(lexicon, memory=memory([s for doc in docs for s in doc]))
    built = time.perf_counter()
    params: dict[str, float | int | bool] = {
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.possible_transitions": True,
    }
    first, second = train(docs, lexicon, params, stack=args.window > 0)
    with tempfile.TemporaryDirectory() as tmp:
        lexicon_path = Path(tmp) / ner.LEXICON
        ner.write_lexicon(lexicon, lexicon_path)
        lexicon_bytes = lexicon_path.read_bytes()
    tagger = ner.open_tagger(lexicon_bytes, first, second)
    done = time.perf_counter()
    print(
        f"groups={','.join(groups) or '-'} extra={','.join(extra) or '-'} window={args.window} c1={args.c1} "
        f"c2={args.c2} iterations={args.iterations}: {sum(map(len, docs))} sentences, "
        f"lexicon {built - started:.0f} s, CRF {done - built:.0f} s"
    )
    if args.dev:
        pred = list(ner.tag_sentences((x for x, _ in dev_set), tagger))
        result = ner.score([t for _, t in dev_set], pred)
        print(f"dev (tenth {args.fold} of ANERcorp train):")
        print(ner.report(result))
        if second is not None:
            single = ner.Tagger(tagger.lexicon, tagger.first)
            result = ner.score([t for _, t in dev_set], [single.tag(x) for x, _ in dev_set])
            print(f"  first stage alone: micro F1 {result['micro']['f1']:.3f}")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    # Compressed with a fixed mtime: the same data gives the same bytes; CRFsuite models shrink 3-4 times.
    written = [(ner.FIRST, gzip.compress(first, mtime=0)), (ner.LEXICON, lexicon_bytes)]
    (args.out / ner.SECOND).unlink(missing_ok=True)
    if second is not None:
        written.append((ner.SECOND, gzip.compress(second, mtime=0)))
    for name, payload in written:
        (args.out / name).write_bytes(payload)
    size = sum(len(payload) for _, payload in written) / 1e6
    print(f"wrote the model to {args.out} ({size:.1f} MB)")
    if args.eval:
        result = ner.evaluate(test_path, tagger)
        print("test (ANERcorp CAMeL Lab test split):")
        print(ner.report(result))
        print(f"{result['speed']['tokens_per_second']:.0f} tokens/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
