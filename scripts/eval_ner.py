"""Score the shipped named-entity tagger on the ANERcorp CAMeL Lab test split.

Prints entity-level exact-span precision, recall and F1 per type and micro-averaged, and the tagging
speed. Usage (from the repository root)::

    python scripts/eval_ner.py --shared ../shared
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from hadath.language import ner

REPO = Path(__file__).resolve().parent.parent


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared data folder")
    parser.add_argument(
        "--gold", type=Path, help="another CoNLL gold file instead of the ANERcorp test split"
    )
    args = parser.parse_args(argv)
    gold = args.gold or args.shared / "data" / "anercorp_camel" / "ANERCorp_CamelLab_test.txt"
    if not gold.is_file():
        print(f"{gold} not found: pass --shared with the shared data folder, or --gold", file=sys.stderr)
        return 2
    result = ner.evaluate(gold)
    print(f"{gold.name}:")
    print(ner.report(result))
    speed = result["speed"]
    print(f"{int(speed['tokens'])} tokens, {speed['tokens_per_second']:.0f} tokens/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
