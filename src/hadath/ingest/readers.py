"""Read one input by its kind: pages, JSONL, feeds, WARC, and archives (zip, tar, gzip) holding them."""

from __future__ import annotations

import io
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Literal

from hadath.ingest import feeds, warc
from hadath.ingest.decode import decode
from hadath.ingest.records import read_jsonl
from hadath.ingest.streams import (
    GZIP_MAGIC,
    MAX_FILE_BYTES,
    Damaged,
    Guarded,
    Gunzip,
    Prefixed,
    Readable,
    TooLarge,
    read_all,
)
from hadath.models import Document, Rejected

Kind = Literal["text", "html", "jsonl", "feed", "warc", "zip", "tar", "gzip"]

SUFFIXES: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".zip": "zip",
    ".tar": "tar",
    ".tar.gz": "tar",
    ".tgz": "tar",
}
WHOLE: frozenset[Kind] = frozenset({"text", "html", "feed"})  # read into memory, so capped as a whole
EXPECTED = ".txt .html .jsonl .rss .atom .xml .warc .zip .tar.gz, or any of those gzipped (.gz)"

# Archives inside archives are read from memory (zip needs to seek), so nesting is bounded.
MAX_DEPTH = 3


def kind_of(name: str) -> Kind | None:
    """The kind of input a file name announces, or None when it is not one hadath reads.

    ``x.warc.gz`` and ``x.tar.gz`` are archives in their own right; any other ``x.gz`` is the gzipped
    file ``x`` and counts when ``x`` is a page, JSONL or feed.
    """
    lower = name.lower()
    for suffix in (".warc.gz", ".tar.gz"):
        if lower.endswith(suffix):
            return SUFFIXES[suffix]
    if lower.endswith(".gz"):
        return "gzip" if kind_of(lower[:-3]) in WHOLE | {"jsonl"} else None
    return SUFFIXES.get(PurePosixPath(lower).suffix)


def hidden(member: str) -> bool:
    """Dot files and macOS resource forks, which archives and folders carry but nobody means as input."""
    parts = PurePosixPath(member).parts
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


def read_file(source: str, path: Path, kind: Kind, size: int) -> Iterator[Document | Rejected]:
    """Read the file at ``path`` (``size`` bytes, not empty) as ``kind``."""
    if kind in WHOLE and size > MAX_FILE_BYTES:
        yield Rejected(
            source, f"file too large ({size} bytes > {MAX_FILE_BYTES}); split it into smaller files"
        )
        return
    try:
        with path.open("rb") as handle:
            if kind == "zip":
                yield from _zip(source, handle, 0)
            else:
                yield from read_stream(source, path.name, kind, handle, depth=0, cap=None)
    except OSError as e:
        yield Rejected(source, f"cannot read: {e}")


def read_stream(
    source: str, name: str, kind: Kind, stream: Readable, *, depth: int, cap: int | None
) -> Iterator[Document | Rejected]:
    """Read ``stream`` as ``kind``; ``cap`` bounds the bytes of streamed kinds (None: unbounded)."""
    if kind in WHOLE:
        data = _read_capped(source, stream, "split it into smaller files")
        if isinstance(data, Rejected):
            yield data
        else:
            yield from _whole(source, kind, data)
    elif kind == "jsonl":
        yield from read_jsonl(source, stream, MAX_FILE_BYTES)
    elif kind == "warc":
        yield from warc.read(source, stream, cap)
    elif depth >= MAX_DEPTH:
        yield Rejected(source, f"archives nested more than {MAX_DEPTH} deep: extract the outer ones first")
    elif kind == "gzip":
        inner = name[:-3]
        inner_kind = kind_of(inner)
        if inner_kind is None:  # unreachable through kind_of, which checked it
            yield Rejected(source, f"unsupported file type inside gzip: expected {EXPECTED}")
            return
        unpacked = Guarded(Gunzip(stream), "gzip", cap)
        yield from read_stream(source, inner, inner_kind, unpacked, depth=depth + 1, cap=cap)
    elif kind == "tar":
        yield from _tar(source, stream, depth)
    else:  # zip: needs to seek, so a zip inside an archive is read into memory (capped)
        data = _read_capped(source, stream, "extract it first")
        if isinstance(data, Rejected):
            yield data
        else:
            yield from _zip(source, io.BytesIO(data), depth)


def _read_capped(source: str, stream: Readable, advice: str) -> bytes | Rejected:
    """All of ``stream`` up to ``MAX_FILE_BYTES``, or the rejection saying why not."""
    try:
        return read_all(stream, MAX_FILE_BYTES)
    except TooLarge as e:
        return Rejected(source, f"too large: {e}; {advice}")
    except Damaged as e:
        return Rejected(source, str(e))


def _whole(source: str, kind: Kind, data: bytes) -> Iterator[Document | Rejected]:
    if not data:
        yield Rejected(source, "empty file")
        return
    if kind == "feed":
        yield from feeds.read(source, data)
        return
    text = decode(data)
    if text is None:
        yield Rejected(source, "binary or undecodable content")
    elif not text.strip():
        yield Rejected(source, "no text (only whitespace)")
    elif kind == "html":
        yield Document(source=source, html=text)
    else:
        yield Document(source=source, text=text)


def _zip(source: str, handle: BinaryIO, depth: int) -> Iterator[Document | Rejected]:
    """Every supported member, in archive order; a bad member is rejected and the others still read."""
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        yield Rejected(source, f"truncated or corrupt zip: {e}")
        return
    members = 0
    with archive:
        for info in archive.infolist():
            kind = kind_of(info.filename)
            if info.is_dir() or kind is None or hidden(info.filename):
                continue
            members += 1
            where = f"{source}!{info.filename}"
            if info.file_size > MAX_FILE_BYTES:
                yield Rejected(
                    where, f"too large: {info.file_size} bytes > {MAX_FILE_BYTES}; extract it first"
                )
                continue
            if info.flag_bits & 0x1:
                yield Rejected(where, "encrypted zip member: extract it with its password first")
                continue
            try:
                member = archive.open(info)
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, ValueError) as e:
                yield Rejected(where, f"cannot open zip member: {e}")
                continue
            with member:
                # The declared size was checked above; the guard counts what actually inflates (bombs lie).
                guarded = Guarded(member, "zip member", MAX_FILE_BYTES)
                yield from read_stream(
                    where, info.filename, kind, guarded, depth=depth + 1, cap=MAX_FILE_BYTES
                )
    if members == 0:
        yield Rejected(source, f"no supported files in the zip archive (expected {EXPECTED})")


def _tar(source: str, stream: Readable, depth: int) -> Iterator[Document | Rejected]:
    """Every supported regular file, streamed in order; damage ends the archive with one rejection."""
    head = stream.read(2)
    body: Readable = Prefixed(head, stream)
    if head == GZIP_MAGIC:
        # tarfile's own gzip reader ends quietly at a cut; this one raises, so truncation is reported.
        body = Guarded(Gunzip(body), "tar.gz")
    members = 0
    try:
        # "r|*" reads the tar as a stream (no seeking, bz2/xz too), one member at a time.
        with tarfile.open(fileobj=body, mode="r|*") as archive:  # type: ignore[call-overload]
            for info in archive:
                kind = kind_of(info.name)
                if not info.isfile() or kind is None or hidden(info.name):
                    continue
                members += 1
                where = f"{source}!{info.name}"
                member = archive.extractfile(info)
                if member is None:  # isfile() above makes this unreachable; kept for the invariant
                    yield Rejected(where, "cannot read tar member")
                    continue
                guarded = Guarded(member, "tar member", MAX_FILE_BYTES)
                yield from read_stream(where, info.name, kind, guarded, depth=depth + 1, cap=MAX_FILE_BYTES)
            # tarfile also stops quietly at a header cut short; a whole archive ends on a full zero block.
            if archive.fileobj.tell() - archive.offset != tarfile.BLOCKSIZE:
                raise Damaged("truncated tar archive: it ends inside a header")
    except Damaged as e:
        yield Rejected(source, str(e))
        return
    except (tarfile.TarError, EOFError, OSError) as e:
        yield Rejected(source, f"truncated or corrupt tar archive: {e}")
        return
    if members == 0:
        yield Rejected(source, f"no supported files in the tar archive (expected {EXPECTED})")
