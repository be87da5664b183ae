"""JSONL records: one object a line with any of ``id, url, title, text|html, published, outlet``."""

from __future__ import annotations

import json
from collections.abc import Iterator

from hadath.ingest.decode import decode
from hadath.ingest.streams import Damaged, Readable, StreamTooLarge, lines
from hadath.models import Document, Rejected


def read_jsonl(source: str, stream: Readable, line_cap: int) -> Iterator[Document | Rejected]:
    """One document per line, streamed; a bad line is rejected on its own and the rest still read.

    Each line is decoded on its own, so a Windows-1256 line among UTF-8 ones still reads. Blank lines
    are not records. Damage to the container ends the file with one rejection for ``source``.
    """
    records = 0
    try:
        for lineno, raw in enumerate(lines(stream, line_cap), start=1):
            where = f"{source}:{lineno}"
            if raw is None:
                records += 1
                yield Rejected(where, f"line too large: over {line_cap} bytes")
                continue
            if not raw.strip():
                continue
            records += 1
            line = decode(raw)
            yield Rejected(where, "undecodable line") if line is None else parse_record(line, where)
    except Damaged as e:
        yield Rejected(source, str(e))
        return
    except StreamTooLarge as e:
        yield Rejected(source, f"too large: {e} decompressed; split it into smaller files")
        return
    if records == 0:
        yield Rejected(source, "no records: the JSONL file is blank")


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
