"""Shared fixtures: where ../shared is, and a database built from the seed pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("HADATH_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "corpus" / "seeds"
EXAMPLES = ROOT / "examples"


def need_shared(path: Path) -> Path:
    """Return ``path`` under ../shared, skipping where it is absent — but failing in CI, which has it."""
    if not path.exists():
        message = f"{path} not found: these tests read the shared datasets beside the repository (../shared)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    return sorted(need_shared(SEEDS).glob("*.txt"))
