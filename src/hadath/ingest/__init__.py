"""Ingest: turn paths (files, folders, globs) into raw documents, or rejections with a reason.

Public entry points: :func:`run` and :func:`read_path` for local inputs, :func:`hadath.ingest.fetch.fetch`
for the web. Never raises on bad input: every input that cannot become a document yields a
:class:`~hadath.models.Rejected` record instead, so a batch never stops.

Formats: text (``.txt``), HTML (``.html .htm .xhtml``), JSONL (``.jsonl .ndjson``), RSS/Atom feeds
(``.rss .atom .xml``), WARC (``.warc .warc.gz``), zip, tar (``.tar .tar.gz .tgz``) and any page, JSONL
or feed gzipped (``x.txt.gz``). Archive members are named ``archive.zip!folder/member.html``; JSONL
lines ``file.jsonl:12``; WARC records and feed entries by their URL.

**Invariant: inputs = documents + rejected.** Each input yields exactly one ``Document`` or one
``Rejected``, where an input is a file, a supported archive member, a non-blank JSONL line, an HTML
response in a WARC, or a feed entry. A container that yields no input at all (a zip with no supported
member, a feed without entries, a WARC without HTML responses, a blank JSONL file) is itself one
rejected input. Damage that stops a container being read further (a truncated gzip, WARC or tar)
adds one rejection for the container, standing for whatever could not be read, after the inputs
read intact before the damage. Files a folder holds in other formats, and non-HTML WARC records,
are not inputs and are skipped silently.

Memory stays bounded: JSONL and WARC are streamed a line or record at a time, whatever their size.
Pages and feeds are read whole, so they (and each line or record) are capped at ``MAX_FILE_BYTES``,
counted after decompression; so is every archive member, whatever its declared size (zip bombs).
"""

from __future__ import annotations

import glob
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from hadath.ingest.readers import EXPECTED, SUFFIXES, hidden, kind_of, read_file
from hadath.ingest.records import parse_record
from hadath.ingest.streams import MAX_FILE_BYTES
from hadath.models import Document, Rejected

__all__ = ["MAX_FILE_BYTES", "SUPPORTED", "expand", "kind_of", "parse_record", "read_path", "run"]

log = logging.getLogger(__name__)

REQUIRES: tuple[str, ...] = ()
PROVIDES = ("document",)

# Suffixes (plus ``x.gz`` of a page, JSONL or feed) a folder is searched for.
SUPPORTED = frozenset(SUFFIXES)


def expand(inputs: Iterable[str]) -> Iterator[str]:
    """Paths for files, folders (recursively, supported kinds only, sorted) and glob patterns."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).as_posix()
                if child.is_file() and kind_of(child.name) is not None and not hidden(relative):
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
    """Read every input path; yield a document per page, record, entry or archived page, or a rejection."""
    for source in expand(inputs):
        yield from read_path(source)


def read_path(source: str) -> Iterator[Document | Rejected]:
    """Read one file by its name: a page, JSONL, feed, WARC or archive."""
    path = Path(source)
    if not path.exists():
        yield Rejected(source, "not found: check the path or quote the glob")
        return
    kind = kind_of(path.name)
    if kind is None:
        suffix = "".join(path.suffixes[-2:]) or "(none)"
        yield Rejected(source, f"unsupported file type {suffix}: expected {EXPECTED}")
        return
    try:
        size = path.stat().st_size
    except OSError as e:
        yield Rejected(source, f"cannot read: {e}")
        return
    if size == 0:
        yield Rejected(source, "empty file")
        return
    log.debug("reading %s as %s", source, kind)
    yield from read_file(source, path, kind, size)
