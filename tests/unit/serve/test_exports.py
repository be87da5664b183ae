"""CSV export cells: lists, nested objects, and text a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io

from hadath.serve import write_records_csv


def _rows(records: list[dict[str, object]]) -> list[dict[str, str]]:
    out = io.StringIO()
    assert write_records_csv(records, out) == len(records)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_formula_like_text_is_written_as_text() -> None:
    rows = _rows(
        [
            {"type": "article", "id": "a1", "title": '=HYPERLINK("http://x","click")', "outlet": "@news"},
            {"type": "article", "id": "a2", "title": "-- عاجل", "outlet": "+963 outlet"},
            {"type": "article", "id": "a3", "title": "وزير الخارجية = ضيف", "outlet": "المسلة"},
        ]
    )
    assert rows[0]["title"] == '\'=HYPERLINK("http://x","click")' and rows[0]["outlet"] == "'@news"
    assert rows[1]["title"] == "'-- عاجل" and rows[1]["outlet"] == "'+963 outlet"
    assert rows[2]["title"] == "وزير الخارجية = ضيف"  # only the first character matters


def test_lists_and_objects_keep_their_shape() -> None:
    rows = _rows([{"type": "event", "id": "e1", "articles": ["a1", "a2"], "source": {"name": "Iraq"}}])
    assert rows[0]["articles"] == "a1|a2"
    assert rows[0]["source"] == '{"name": "Iraq"}'
    assert rows[0]["mode"] == ""
