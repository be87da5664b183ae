"""Documents per second through clean, language and events: one process against N, in the same run.

Reads SaudiNewsNet articles (from ../shared, never shipped), runs them through the per-document stages
serially and on a local process pool of ``--workers`` processes, checks that both give the same
records, and prints both speeds and their ratio. On a machine with N idle cores the ratio approaches N;
absolute figures depend on the machine.

    python benchmarks/bench_engine.py --shared ../shared [--n 400] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from bench_language import texts

from hadath.engine import Engine, executor, map_documents, slots
from hadath.models import Document
from hadath.pipeline import process_safely, warm_up

ROOT = Path(__file__).resolve().parents[1]


def _timed(docs: list[Document], engine: Engine) -> tuple[float, list[str]]:
    """Seconds to process ``docs`` on ``engine`` (pool start-up included) and what came out."""
    t0 = time.perf_counter()
    with executor(engine, warm_up=warm_up) as pool:
        out = [repr(r) for _doc, r in map_documents(process_safely, docs, pool, engine.batch, slots(pool))]
    return time.perf_counter() - t0, out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    docs = [
        Document(f"bench/{i}", text=t, published="2015-07-25")
        for i, t in enumerate(texts(args.shared, args.n))
    ]
    warm_up()  # models loaded outside both timings
    serial, serial_out = _timed(docs, Engine())
    pooled, pooled_out = _timed(docs, Engine(workers=args.workers))
    if serial_out != pooled_out:
        raise SystemExit("the process pool gave other records than the serial run")
    result = {
        "documents": len(docs),
        "workers": args.workers,
        "serial_docs_per_s": round(len(docs) / serial, 1),
        "pool_docs_per_s": round(len(docs) / pooled, 1),
        "speedup": round(serial / pooled, 2),
    }
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
