"""Event resolution on hand-labelled SaudiNewsNet articles, against a TF-IDF + agglomerative baseline.

Quality: B-cubed precision/recall/F1 of each article's story (the events coded from one happening and
every article reporting it, coded or not; see ``hadath.resolve.Resolution``) against
``tests/data/saudinewsnet_events.tsv``, on the whole set and on its two halves: the labelled events are
split by a hash of their label, ``tune`` is the half the thresholds in ``hadath.resolve`` were chosen on,
``held_out`` the half they were not (each half is resolved on its own articles only).
Baseline, in the same run: TF-IDF over the same normalised tokens, agglomerative clustering (average
linkage, cosine distance) at a distance threshold fixed in advance, not tuned on these labels.
Scale (``--scale 3000 30000``): resolution time for the mentions of N articles, to show it grows about
linearly (blocking) where all-pairs clustering grows with the square; ``ratio`` is the time of the
largest run over the smallest, beside ``articles_ratio`` and ``tokens_ratio`` (text to read grows with
the tokens, and the first SaudiNewsNet days carry longer articles than later ones).

    python benchmarks/bench_resolve.py --shared ../shared [--limit N] [--scale 3000 30000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from hadath import pipeline
from hadath.engine import Engine, executor, map_documents, slots
from hadath.events import Coded
from hadath.models import Document, EventMention
from hadath.resolve import ArticleText, resolve, resolve_stories
from hadath.resolve.evaluate import bcubed, read_gold
from hadath.resolve.similarity import analyse

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "saudinewsnet_events.tsv"
# Baseline distance threshold, chosen before looking at the labels: below 0.7 cosine distance (similarity
# above 0.3) two news articles usually share a story.
BASELINE_DISTANCE = 0.7
BASELINE_MAX_ARTICLES = 5000


def saudinewsnet(shared: Path) -> Iterator[dict[str, Any]]:
    """Every article with content, in file order."""
    for zpath in sorted((shared / "data" / "saudinewsnet" / "dataset").glob("*.zip")):
        with zipfile.ZipFile(zpath) as z:
            for name in z.namelist():
                for art in json.loads(z.read(name)):
                    if art.get("content"):
                        yield art


def document(art: dict[str, Any]) -> Document:
    return Document(
        source=art["url"],
        text=f"{art['title']}\n{art['content']}",
        url=art["url"],
        title=art["title"],
        outlet=art["source"],
        published=art["date_extracted"][:10],
    )


def code(
    arts: list[dict[str, Any]], workers: int = 1
) -> tuple[list[EventMention], list[ArticleText], dict[str, str]]:
    """Mentions and texts of the main article of each page, and url → article id.

    ``workers`` > 1 codes on a local process pool (hadath.engine); the results are the same.
    """
    mentions: list[EventMention] = []
    texts: list[ArticleText] = []
    ids: dict[str, str] = {}
    engine = Engine(workers=workers)
    with executor(engine, warm_up=pipeline.warm_up) as pool:
        coded = list(
            map_documents(
                pipeline.process_safely, [document(a) for a in arts], pool, engine.batch, slots(pool)
            )
        )
    for art, (_doc, results) in zip(arts, coded, strict=True):
        if not isinstance(results, list):
            continue  # rejected as a whole: not part of the measurement
        for result in results:
            if isinstance(result, Coded) and result.analysis.article.segment == 0:
                a = result.analysis.article
                ids[art["url"]] = a.id
                texts.append(ArticleText(a.id, a.text, a.published, a.outlet))
                mentions.extend(result.events)
    return mentions, texts, ids


def hadath_clusters(
    mentions: list[EventMention], texts: list[ArticleText], ids: dict[str, str]
) -> dict[str, str]:
    """url → the id of the story its article was resolved into."""
    story_of = resolve_stories(mentions, texts).story_of
    return {url: story_of.get(aid, "single:" + aid) for url, aid in ids.items()}


def half(label: str) -> str:
    """Which half of the labelled set an event falls in: a hash of its label, so halves keep whole events."""
    return ("tune", "held_out")[
        int(hashlib.sha1(label.encode("utf-8"), usedforsecurity=False).hexdigest(), 16) % 2
    ]


def baseline_clusters(texts: list[ArticleText], ids: dict[str, str]) -> dict[str, str]:
    matrix = TfidfVectorizer(analyzer=analyse, sublinear_tf=True).fit_transform([t.text for t in texts])
    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=BASELINE_DISTANCE
    ).fit_predict(matrix.toarray())
    by_id = {t.id: f"c{label}" for t, label in zip(texts, labels, strict=True)}
    return {url: by_id[aid] for url, aid in ids.items()}


def quality(shared: Path, limit: int | None) -> dict[str, Any]:
    gold = read_gold(GOLD)
    if limit:
        gold = dict(list(gold.items())[:limit])
    arts = [a for a in saudinewsnet(shared) if a["url"] in gold]
    arts = list({a["url"]: a for a in arts}.values())
    t0 = time.perf_counter()
    mentions, texts, ids = code(arts)
    out: dict[str, Any] = {"articles": len(ids), "pipeline_seconds": round(time.perf_counter() - t0, 2)}
    for part in ("all", "tune", "held_out"):
        urls = {u: a for u, a in ids.items() if part == "all" or half(gold[u]) == part}
        keep = set(urls.values())
        sub_texts = [t for t in texts if t.id in keep]
        sub_mentions = [m for m in mentions if m.article in keep]
        t1 = time.perf_counter()
        ours = hadath_clusters(sub_mentions, sub_texts, urls)
        t2 = time.perf_counter()
        base = baseline_clusters(sub_texts, urls) if urls else {}
        t3 = time.perf_counter()
        scores: dict[str, Any] = {"articles": len(urls)}
        for name, pred, seconds in (("hadath", ours, t2 - t1), ("tfidf_agglomerative", base, t3 - t2)):
            if not urls:
                continue
            p, r, f = bcubed({u: gold[u] for u in urls}, pred)
            scores[name] = {
                "precision": round(p, 3),
                "recall": round(r, 3),
                "f1": round(f, 3),
                "seconds": round(seconds, 3),
            }
        if part == "all":
            out.update(scores)
        else:
            out[part] = scores
    return out


def scale(shared: Path, sizes: list[int], workers: int = 1) -> dict[str, Any]:
    """Resolution time of hadath and of the baseline for the first N articles, for each N."""
    largest = max(sizes)
    arts = []
    for art in saudinewsnet(shared):
        arts.append(art)
        if len(arts) >= largest:
            break
    mentions, texts, _ = code(arts, workers)
    out: dict[str, Any] = {}
    for n in sorted(sizes):
        keep = {t.id for t in texts[:n]}
        subset = [t for t in texts if t.id in keep]
        ms = [m for m in mentions if m.article in keep]
        t0 = time.perf_counter()
        resolve(ms, subset)
        row: dict[str, Any] = {
            "articles": len(keep),
            "mentions": len(ms),
            "hadath_seconds": round(time.perf_counter() - t0, 3),
        }
        if (
            n <= BASELINE_MAX_ARTICLES
        ):  # all-pairs clustering needs an n×n matrix: 30k articles would take 7 GB
            t0 = time.perf_counter()
            baseline_clusters(subset, {t.id: t.id for t in subset})
            row["baseline_seconds"] = round(time.perf_counter() - t0, 3)
        row["tokens"] = sum(len(t.text.split()) for t in subset)
        out[str(n)] = row
    small, large = out[str(min(sizes))], out[str(largest)]
    out["ratio"] = round(large["hadath_seconds"] / max(small["hadath_seconds"], 1e-9), 1)
    out["articles_ratio"] = round(large["articles"] / max(small["articles"], 1), 1)
    out["tokens_ratio"] = round(large["tokens"] / max(small["tokens"], 1), 1)
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=None, help="Only the first N labelled articles (smoke).")
    parser.add_argument("--scale", type=int, nargs="*", default=[], help="Article counts for the scale run.")
    parser.add_argument("--out", type=Path, default=None, help="Write the results as JSON here.")
    parser.add_argument(
        "--workers", type=int, default=1, help="Processes that code the scale run's articles (not timed)."
    )
    args = parser.parse_args(argv)
    result = {"quality": quality(args.shared, args.limit)}
    if args.scale:
        result["scale"] = scale(args.shared, args.scale, args.workers)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
