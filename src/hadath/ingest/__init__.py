"""Ingest: turn paths (files, folders, globs) into raw documents, or rejections with a reason.

Public entry point: :func:`run`. Never raises on bad input: every input that cannot become a document
yields a :class:`~hadath.models.Rejected` record instead, so a batch never stops.
"""

from __future__ import annotations

import glob
import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from hadath.ingest.decode import decode
from hadath.models import Document, Rejected

log = logging.getLogger(__name__)

REQUIRES: tuple[str, ...] = ()
PROVIDES = ("document",)

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# A cap per file keeps memory bounded; larger inputs are rejected with the reason rather than slurped.
MAX_FILE_BYTES = 50 * 1024 * 1024


def expand(inputs: Iterable[str]) -> Iterator[str]:
    """Paths for files, folders (recursively, supported suffixes only, sorted) and glob patterns."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED and not child.name.startswith("."):
                    yield str(child)
        elif path.exists():
            yield item
        else:
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield item  # reported as rejected: not found
            for match in matches:
                if Path(match).is_dir():
                    yield from expand([match])
                else:
                    yield match


def run(inputs: Iterable[str]) -> Iterator[Document | Rejected]:
    """Read every input path; yield a document per page or JSONL record, or a rejection."""
    for source in expand(inputs):
        yield from read_path(source)


def read_path(source: str) -> Iterator[Document | Rejected]:
    """Read one file by its suffix."""
    path = Path(source)
    if not path.exists():
        yield Rejected(source, "not found: check the path or quote the glob")
        return
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield Rejected(source, f"unsupported file type {suffix or '(none)'}: expected .txt, .html or .jsonl")
        return
    try:
        size = path.stat().st_size
    except OSError as e:
        yield Rejected(source, f"cannot read: {e}")
        return
    if size == 0:
        yield Rejected(source, "empty file")
        return
    if size > MAX_FILE_BYTES:
        yield Rejected(
            source, f"file too large ({size} bytes > {MAX_FILE_BYTES}); split it into smaller files"
        )
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, source)
        return
    try:
        raw = path.read_bytes()
    except OSError as e:
        yield Rejected(source, f"cannot read: {e}")
        return
    text = decode(raw)
    if text is None:
        yield Rejected(source, "binary or undecodable content")
        return
    if not text.strip():
        yield Rejected(source, "no text (only whitespace)")
        return
    if suffix in HTML_SUFFIXES:
        yield Document(source=source, html=text)
    else:
        yield Document(source=source, text=text)


def _read_jsonl(path: Path, source: str) -> Iterator[Document | Rejected]:
    """One document per line; a bad line is rejected on its own and the rest still read."""
    with path.open("rb") as handle:
        for lineno, raw in enumerate(handle, start=1):
            where = f"{source}:{lineno}"
            if not raw.strip():
                continue
            line = decode(raw)
            if line is None:
                yield Rejected(where, "undecodable line")
                continue
            yield parse_record(line, where)


def parse_record(line: str, where: str) -> Document | Rejected:
    """A JSONL record with any of ``id, url, title, text|html, published, outlet``."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        return Rejected(where, f"invalid JSON: {e.msg} at column {e.colno}")
    if not isinstance(record, dict):
        return Rejected(where, "JSON line is not an object")
    text, html = record.get("text"), record.get("html")
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        return Rejected(where, "record has no 'text' or 'html'")
    fields = {k: record.get(k) for k in ("id", "url", "title", "published", "outlet")}
    for key, value in fields.items():
        if value is not None and not isinstance(value, str | int):
            return Rejected(where, f"field {key!r} must be a string")
    ident = fields["url"] or fields["id"]
    return Document(
        source=str(ident) if ident is not None else where,
        text=text if isinstance(text, str) and text.strip() else None,
        html=html if isinstance(html, str) and html.strip() else None,
        title=_opt(fields["title"]),
        url=_opt(fields["url"]),
        published=_opt(fields["published"]),
        outlet=_opt(fields["outlet"]),
    )


def _opt(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None
