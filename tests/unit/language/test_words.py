"""The language layer's word file: loaded, normalised, and checked."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from hadath.language import words


def test_the_shipped_file_loads_normalised_words() -> None:
    w = words.load()
    assert "اكد" in w.reporting_verbs  # "أكد" with its hamza folded
    assert {"وقال", "فاكد", "استقبل", "واستقبل", "في", "نظيره"} <= w.name_stops
    assert "بن" in w.name_links and "نظيرها" in w.counterparts and "بعد" in w.object_heads


def _raw() -> dict[str, Any]:
    from importlib import resources

    data: dict[str, Any] = yaml.safe_load(resources.files("hadath").joinpath(words.FILE).read_text("utf-8"))
    return data


def test_a_missing_or_unknown_key_is_named() -> None:
    raw = _raw()
    del raw["counterparts"]
    raw["counterpart"] = ["نظيره"]
    with pytest.raises(ValueError, match=r"missing \['counterparts'\].*unknown \['counterpart'\]"):
        words.parse(raw)


def test_an_empty_list_is_refused() -> None:
    raw = _raw()
    raw["object_heads"] = []
    with pytest.raises(ValueError, match="object_heads must be a non-empty list"):
        words.parse(raw)
