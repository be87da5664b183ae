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


# A record whose every field is hostile markup, for the API and browser escaping tests (text written for
# the tests).
HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE = {
    "url": "javascript:alert(3)",
    "title": HOSTILE_TITLE,
    "outlet": "<img src=x onerror=alert(2)>",
    "published": "2024-05-01",
    "text": (
        "أجرى وزير الخارجية السعودي فيصل بن فرحان اليوم اتصالاً هاتفياً مع وزير الخارجية المصري سامح شكري، "
        "وبحث الوزيران خلال الاتصال الأوضاع في قطاع غزة وجهود التهدئة ووقف إطلاق النار. "
        "<script>alert(4)</script>"
        '\n\nوقال شكري إن "<img src=x onerror=alert(5)>" هو ما تم الاتفاق عليه بين الجانبين خلال الاتصال '
        "الهاتفي الذي جرى بين الوزيرين اليوم."
    ),
}
