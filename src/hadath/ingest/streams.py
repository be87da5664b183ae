"""Byte streams with bounded memory: size caps, damage reported as one exception, lines read lazily."""

from __future__ import annotations

import codecs
import gzip
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any, Protocol, cast

# Chunk size for streamed reads: large enough to amortise the Python overhead, small enough to keep
# memory flat however big the input is.
CHUNK = 1 << 16


class Readable(Protocol):
    """The one method every input stream here needs."""

    def read(self, size: int = -1, /) -> bytes: ...


GZIP_MAGIC = b"\x1f\x8b"

# A cap per input keeps memory bounded; larger inputs are rejected with the reason rather than slurped.
MAX_FILE_BYTES = 50 * 1024 * 1024


class TooLarge(Exception):
    """More bytes than the cap allows."""


class StreamTooLarge(TooLarge):
    """A whole (decompressed) stream passed its cap, as opposed to one unit read from it."""


class Damaged(Exception):
    """A truncated or corrupt container; the message is the whole reason shown to the user."""


class Guarded:
    """Wrap a (decompressing) stream: count bytes against ``cap`` and turn decoder errors into Damaged.

    ``cap`` defends against decompression bombs: the bytes actually produced are counted, never the
    size an archive declares. ``what`` names the container in the reason, e.g. ``gzip``, giving
    "truncated or corrupt gzip: Compressed file ended before the end-of-stream marker was reached".
    """

    def __init__(self, stream: Readable, what: str, cap: int | None = None) -> None:
        self._stream = stream
        self._what = what
        self._cap = cap
        self.count = 0

    def read(self, size: int = -1, /) -> bytes:
        if self._cap is not None:
            # Never ask for more than one byte past the cap, so a bomb is stopped without inflating it.
            room = self._cap + 1 - self.count
            size = room if size < 0 else min(size, room)
            if size <= 0:
                raise StreamTooLarge(f"over {self._cap} bytes")
        try:
            data = self._stream.read(size)
        except (EOFError, zlib.error, OSError, zipfile.BadZipFile, tarfile.TarError) as e:
            raise Damaged(f"truncated or corrupt {self._what}: {e}") from e
        self.count += len(data)
        if self._cap is not None and self.count > self._cap:
            raise StreamTooLarge(f"over {self._cap} bytes")
        return data


class Prefixed:
    """A stream with some already-read bytes put back in front (for sniffing magic numbers)."""

    def __init__(self, head: bytes, stream: Readable) -> None:
        self._head = head
        self._stream = stream

    def read(self, size: int = -1, /) -> bytes:
        if not self._head:
            return self._stream.read(size)
        if size < 0:
            data, self._head = self._head + self._stream.read(), b""
            return data
        data, self._head = self._head[:size], self._head[size:]
        return data


class Gunzip:
    """The decompressed content of a gzip stream (multi-member too), read lazily.

    Reads return what one step of decompression gives (``read1``), so the data before a cut in a
    truncated file reaches the reader before the error does.
    """

    def __init__(self, stream: Readable) -> None:
        # GzipFile's stub asks for seek(), which sequential reading never calls.
        self._file = gzip.GzipFile(fileobj=cast(Any, stream), mode="rb")

    def read(self, size: int = -1, /) -> bytes:
        return self._file.read() if size < 0 else self._file.read1(size)


def read_all(stream: Readable, cap: int) -> bytes:
    """Everything in ``stream``; TooLarge when it holds more than ``cap`` bytes."""
    parts: list[bytes] = []
    total = 0
    while chunk := stream.read(min(CHUNK, cap + 1 - total)):
        parts.append(chunk)
        total += len(chunk)
        if total > cap:
            raise TooLarge(f"over {cap} bytes")
    return b"".join(parts)


def lines(stream: Readable, cap: int) -> Iterator[bytes | None]:
    """The lines of ``stream`` without their newline, one at a time; None for a line over ``cap`` bytes.

    A UTF-16 stream (by its byte-order mark) is re-encoded to UTF-8 line by line, since its newline is
    two bytes and cannot be split on directly.
    """
    first = stream.read(CHUNK)
    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield from _utf16_lines(first, stream, cap)
        return
    buffer = bytearray(first)
    too_long = False  # the line being read has passed the cap: its bytes are dropped, not kept
    while True:
        start = 0
        while (cut := buffer.find(b"\n", start)) >= 0:
            yield None if too_long or cut - start > cap else bytes(buffer[start:cut])
            too_long = False
            start = cut + 1
        del buffer[:start]
        if len(buffer) > cap:
            too_long = True
            buffer.clear()
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        buffer += chunk
    if buffer or too_long:
        yield None if too_long else bytes(buffer)


def _utf16_lines(first: bytes, stream: Readable, cap: int) -> Iterator[bytes | None]:
    decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")
    pending = ""
    too_long = False
    chunk = first
    while True:
        *complete, pending = (pending + decoder.decode(chunk, final=not chunk)).split("\n")
        for line in complete:
            encoded = line.encode("utf-8")
            yield None if too_long or len(encoded) > cap else encoded
            too_long = False
        if len(pending) > cap:
            too_long, pending = True, ""
        if not chunk:
            break
        chunk = stream.read(CHUNK)
    if pending or too_long:
        yield None if too_long else pending.encode("utf-8")
