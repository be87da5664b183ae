"""WARC web archives (plain or gzipped): one document per HTML response, read a record at a time."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]
from warcio.statusandheaders import StatusAndHeadersParserException  # type: ignore[import-untyped]

from hadath.ingest.decode import charset_of, decode
from hadath.ingest.streams import (
    CHUNK,
    GZIP_MAGIC,
    MAX_FILE_BYTES,
    Damaged,
    Guarded,
    Gunzip,
    Prefixed,
    Readable,
    StreamTooLarge,
    TooLarge,
    read_all,
)
from hadath.models import Document, Rejected

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def read(source: str, stream: Readable, cap: int | None = None) -> Iterator[Document | Rejected]:
    """Each HTTP response with an HTML content type becomes a document; other records are skipped.

    A truncated or corrupt archive ends with one rejection for ``source`` after the records read intact
    before the damage. warcio itself stops quietly at a cut, so gzip is decompressed here (where a
    cut raises) and every record is checked to hold all the bytes its Content-Length announces.
    ``cap`` bounds the whole decompressed archive (for archive members); each payload is capped anyway.
    """
    head = stream.read(2)
    if not head:
        yield Rejected(source, "empty file")
        return
    raw = Prefixed(head, stream)
    body = Guarded(Gunzip(raw) if head == GZIP_MAGIC else raw, "WARC", cap)
    pages = 0
    try:
        records = ArchiveIterator(body)
        for record in records:
            item = _response(record)
            _finish(record)
            if item is not None:
                pages += 1
                yield item
        # warcio ends quietly on a record cut inside its headers; its offset then stops short of the
        # bytes it consumed (``offset`` is where the last complete record and its blank lines end).
        end = getattr(records, "offset", body.count)
        if end < body.count:
            raise Damaged(f"truncated or corrupt WARC: {body.count - end} bytes after the last whole record")
    except Damaged as e:
        yield Rejected(source, str(e))
        return
    except StreamTooLarge as e:
        yield Rejected(source, f"too large: {e} decompressed; extract the archive first")
        return
    except (ArchiveLoadFailed, StatusAndHeadersParserException, EOFError, ValueError) as e:
        yield Rejected(source, f"truncated or corrupt WARC: {e}")
        return
    except (AttributeError, TypeError, KeyError, IndexError) as e:
        # warcio assumes well-formed headers: a record cut before its WARC-Target-URI fails inside it.
        yield Rejected(source, f"truncated or corrupt WARC: {type(e).__name__}: {e}")
        return
    if pages == 0:
        yield Rejected(source, "no HTML responses in the WARC")


def _response(record: Any) -> Document | Rejected | None:
    """The document for an HTML response record, a rejection for a bad one, None for other records."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return None
    uri = str(record.rec_headers.get_header("WARC-Target-URI"))
    status = str(record.http_headers.get_statuscode() or "")
    try:
        payload = read_all(record.content_stream(), MAX_FILE_BYTES)
    except StreamTooLarge:
        raise
    except TooLarge as e:
        return Rejected(uri, f"too large: {e}")
    except Damaged:
        raise
    except (OSError, ValueError, zlib.error) as e:  # a Content-Encoding that does not decompress
        return Rejected(uri, f"cannot decode the HTTP payload: {e}")
    if not status.startswith("2"):
        return Rejected(uri, f"HTTP {status} response archived, not a page")
    if not payload.strip():
        return Rejected(uri, "empty response body")
    html = decode(payload, charset_of(content_type))
    if html is None:
        return Rejected(uri, "binary or undecodable content")
    return Document(source=uri, html=html, url=uri)


def _finish(record: Any) -> None:
    """Read the rest of the record and raise Damaged when it holds fewer bytes than announced."""
    stream = record.raw_stream
    while stream.read(CHUNK):
        pass
    headers = record.rec_headers
    uri = headers.get_header("WARC-Target-URI") or headers.get_header("WARC-Record-ID")
    declared = str(headers.get_header("Content-Length") or "").strip()
    missing = getattr(stream, "limit", None)
    # warcio reads a missing or garbled Content-Length (a header cut mid-line) as an empty record.
    if not declared.isdigit() or missing is None:
        raise Damaged(f"truncated or corrupt WARC: record {uri} has no valid Content-Length")
    if missing > 0:
        raise Damaged(f"truncated or corrupt WARC: record {uri} ends {missing} bytes early")
