"""Ingest: formats, folders, globs and every kind of bad input kept aside with a reason."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hadath import ingest
from hadath.models import Document, Rejected

ARTICLE = "قال وزير الخارجية إن المحادثات مستمرة بين البلدين."


def test_reads_text_html_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        json.dumps(
            {"url": "https://example.org/1", "text": ARTICLE, "published": "2024-01-02"}, ensure_ascii=False
        )
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    items = list(ingest.run([str(tmp_path)]))
    assert all(isinstance(i, Document) for i in items)
    by_kind = {("html" if i.html else "text"): i for i in items if isinstance(i, Document)}
    assert len(items) == 3
    assert by_kind["html"].html is not None and ARTICLE in by_kind["html"].html
    record = next(i for i in items if isinstance(i, Document) and i.url)
    assert record.source == "https://example.org/1" and record.published == "2024-01-02"


def test_glob_pattern(tmp_path: Path) -> None:
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    items = list(ingest.run([str(tmp_path / "x*.txt")]))
    assert sorted(Path(i.source).name for i in items) == ["x1.txt", "x2.txt"]


def test_legacy_arabic_encodings(tmp_path: Path) -> None:
    (tmp_path / "w.txt").write_bytes(ARTICLE.encode("cp1256"))
    (tmp_path / "u16.txt").write_bytes(ARTICLE.encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    texts = [i.text for i in ingest.run([str(tmp_path)]) if isinstance(i, Document)]
    assert texts == [ARTICLE, ARTICLE, ARTICLE]


def test_bad_inputs_are_rejected_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(gzip.compress(b"x" * 1000) * 3)
    (tmp_path / "blank.txt").write_text("   \n\n ", encoding="utf-8")
    good = json.dumps({"id": "ok", "text": ARTICLE}, ensure_ascii=False)
    (tmp_path / "mixed.jsonl").write_text(
        "\n".join([good, "{broken", json.dumps([1, 2]), json.dumps({"id": "no-text"})]) + "\n",
        encoding="utf-8",
    )
    items = list(ingest.run([str(tmp_path), str(tmp_path / "missing.txt")]))
    rejected = {Path(i.source).name: i.reason for i in items if isinstance(i, Rejected)}
    assert rejected["empty.txt"] == "empty file"
    assert rejected["binary.txt"].startswith("binary")
    assert rejected["blank.txt"].startswith("no text")
    assert rejected["mixed.jsonl:2"].startswith("invalid JSON")
    assert rejected["mixed.jsonl:3"] == "JSON line is not an object"
    assert rejected["mixed.jsonl:4"] == "record has no 'text' or 'html'"
    assert rejected["missing.txt"].startswith("not found")
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.source for d in docs] == ["ok"]
