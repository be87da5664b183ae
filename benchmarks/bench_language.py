"""Speed of the language stage (sentences, dates, entities, quotes) on SaudiNewsNet text.

Reported as tokens per second beside a plain regex tokeniser measured in the same run, so the ratio
says what the analysis costs over just splitting words; absolute figures depend on the machine.

    python benchmarks/bench_language.py --shared ../shared [--n 500]
"""

from __future__ import annotations

import argparse
import json
import re
import time
import zipfile
from pathlib import Path
from typing import Any

from hadath.language import analyse
from hadath.models import Article

ROOT = Path(__file__).resolve().parents[1]
_WORD = re.compile(r"\w+")


def texts(shared: Path, n: int) -> list[str]:
    out: list[str] = []
    for zpath in sorted((shared / "data" / "saudinewsnet" / "dataset").glob("*.zip")):
        with zipfile.ZipFile(zpath) as z:
            for name in z.namelist():
                for art in json.loads(z.read(name)):
                    if art.get("content"):
                        out.append(art["content"])
                        if len(out) >= n:
                            return out
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--n", type=int, default=500)
    args = parser.parse_args(argv)
    docs = texts(args.shared, args.n)
    articles = [
        Article(f"a{i}", "d", "bench", 0, None, None, "2015-07-25", "ar", text) for i, text in enumerate(docs)
    ]
    analyse(articles[0])  # load the knowledge files and lexicons outside the timing
    t0 = time.perf_counter()
    tokens = sum(len(_WORD.findall(t)) for t in docs)
    baseline = time.perf_counter() - t0
    t0 = time.perf_counter()
    mentions = sum(len(analyse(a).mentions) for a in articles)
    ours = time.perf_counter() - t0
    result = {
        "documents": len(docs),
        "tokens": tokens,
        "entity_mentions": mentions,
        "hadath_tokens_per_s": round(tokens / ours),
        "regex_tokens_per_s": round(tokens / baseline),
        "slowdown_vs_regex": round(ours / baseline, 1),
    }
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
