"""Ingest formats: WARC, RSS/Atom, zip/gzip/tar archives, streamed JSONL, and the inputs invariant."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import tarfile
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from hadath import ingest
from hadath.models import Document, Rejected

ARTICLE = "قال وزير الخارجية إن المحادثات مستمرة بين البلدين."
PAGE = f"<html><head><title>خبر</title></head><body><p>{ARTICLE}</p></body></html>"


def _docs(items: list[Document | Rejected]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def _rejected(items: list[Document | Rejected]) -> dict[str, str]:
    return {i.source: i.reason for i in items if isinstance(i, Rejected)}


# --- WARC -------------------------------------------------------------------------------------------


def _warc(
    records: list[tuple[str, str, bytes, list[tuple[str, str]]]],
    *,
    compress: bool,
    rec_type: str = "response",
) -> bytes:
    """A WARC of (uri, status line, body, HTTP headers) response records, written by warcio."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for uri, status, body, headers in records:
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(uri, rec_type, payload=io.BytesIO(body), http_headers=http)
        )
    return buffer.getvalue()


HTML_UTF8 = [("Content-Type", "text/html; charset=utf-8")]


@pytest.mark.parametrize("compress", [True, False])
def test_warc_html_responses_become_documents(tmp_path: Path, compress: bool) -> None:
    records = [
        ("https://news.example/1", "200 OK", PAGE.encode("utf-8"), HTML_UTF8),
        ("https://news.example/logo.png", "200 OK", b"\x89PNG\r\n" * 20, [("Content-Type", "image/png")]),
        (
            "https://legacy.example/2",
            "200 OK",
            PAGE.encode("cp1256"),
            [("Content-Type", "text/html; charset=windows-1256")],
        ),
        (
            "https://news.example/3",
            "200 OK",
            gzip.compress(PAGE.encode("utf-8")),
            [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        ),
        ("https://news.example/gone", "404 Not Found", b"<html><body>not here</body></html>", HTML_UTF8),
    ]
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(_warc(records, compress=compress))
    items = list(ingest.run([str(path)]))
    docs = _docs(items)
    assert [d.source for d in docs] == [
        "https://news.example/1",
        "https://legacy.example/2",
        "https://news.example/3",
    ]
    for doc in docs:
        assert doc.html is not None and ARTICLE in doc.html
        assert doc.url == doc.source and doc.published is None  # WARC-Date is the crawl, not publication
    assert _rejected(items) == {"https://news.example/gone": "HTTP 404 response archived, not a page"}


@pytest.mark.parametrize("compress, cut_in", [(True, "third record"), (False, "headers"), (False, "payload")])
def test_truncated_warc_keeps_good_records_then_one_rejection(
    tmp_path: Path, compress: bool, cut_in: str
) -> None:
    records = [(f"https://news.example/{n}", "200 OK", PAGE.encode("utf-8"), HTML_UTF8) for n in range(4)]
    data = _warc(records, compress=compress)
    if compress:
        cut = len(data) * 5 // 8  # inside the third record's gzip member
    else:
        third = data.index(b"WARC-Target-URI: https://news.example/2")
        cut = third + 30 if cut_in == "headers" else data.index(b"<p>", third) + 9
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    path.write_bytes(data[:cut])
    items = list(ingest.run([str(path)]))
    assert [d.source for d in _docs(items)] == ["https://news.example/0", "https://news.example/1"]
    assert all(d.html is not None and d.html.endswith("</html>") for d in _docs(items))
    assert list(_rejected(items)) == [str(path)]
    assert _rejected(items)[str(path)].startswith("truncated or corrupt WARC: ")


def test_warc_without_html_is_one_rejection(tmp_path: Path) -> None:
    path = tmp_path / "images.warc"
    path.write_bytes(
        _warc(
            [("https://x.example/a.png", "200 OK", b"PNG", [("Content-Type", "image/png")])], compress=False
        )
    )
    assert list(ingest.run([str(path)])) == [Rejected(str(path), "no HTML responses in the WARC")]


# --- feeds ------------------------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>وكالة الأنباء</title><link>https://news.example/</link><description>d</description>
<item><title>محادثات</title><link>https://news.example/a</link>
  <pubDate>Tue, 02 Jan 2024 10:00:00 +0000</pubDate><description>موجز</description>
  <content:encoded><![CDATA[<p>{ARTICLE}</p>]]></content:encoded></item>
<item><title>بلا رابط</title><guid isPermaLink="false">item-2</guid>
  <pubDate>Wed, 03 Jan 2024 23:30:00 +0000</pubDate>
  <description>&lt;p&gt;{ARTICLE}&lt;/p&gt;</description></item>
<item><title>فارغ</title><link>https://news.example/empty</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Outlet</title><id>urn:feed</id>
<updated>2024-03-05T00:00:00Z</updated>
<entry><title>عنوان</title><id>urn:entry:1</id><link href="https://atom.example/1"/>
  <updated>2024-03-04T12:00:00Z</updated><content type="html">&lt;p&gt;{ARTICLE}&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_and_atom_entries_become_documents(tmp_path: Path) -> None:
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "feed.atom").write_text(ATOM, encoding="utf-8")
    items = list(ingest.run([str(tmp_path / "news.rss"), str(tmp_path / "feed.atom")]))
    docs = {d.source: d for d in _docs(items)}
    first = docs["https://news.example/a"]
    assert first.html == f"<p>{ARTICLE}</p>"  # the full content, not the teaser
    assert (first.title, first.url, first.published, first.outlet) == (
        "محادثات",
        "https://news.example/a",
        "2024-01-02",
        "وكالة الأنباء",
    )
    unlinked = docs["item-2"]
    assert unlinked.url is None and unlinked.published == "2024-01-03"
    assert unlinked.html is not None and ARTICLE in unlinked.html
    atom = docs["https://atom.example/1"]
    assert (atom.published, atom.outlet, atom.title) == ("2024-03-04", "Atom Outlet", "عنوان")
    assert _rejected(items) == {"https://news.example/empty": "feed entry has no content or summary"}


def test_xml_that_is_not_a_feed_and_empty_feeds_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text(
        "<urlset><url><loc>https://x</loc></url></urlset>", encoding="utf-8"
    )
    (tmp_path / "empty.rss").write_text('<rss version="2.0"><channel><title>t</title></channel></rss>')
    items = list(ingest.run([str(tmp_path)]))
    reasons = {Path(k).name: v for k, v in _rejected(items).items()}
    assert reasons["sitemap.xml"].startswith("not an RSS or Atom feed")
    assert reasons["empty.rss"] == "feed has no entries"
    assert not _docs(items)


# --- archives ---------------------------------------------------------------------------------------


def _line(**record: str) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def test_zip_members_recursively_with_member_sources(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("deep.txt", ARTICLE)
    path = tmp_path / "batch.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", ARTICLE.encode("cp1256"))
        z.writestr("pages/b.html", PAGE)
        z.writestr("c.jsonl", _line(id="r1", text=ARTICLE) + "\n" + _line(id="r2", html=PAGE))
        z.writestr("d.txt.gz", gzip.compress(ARTICLE.encode("utf-16")))
        z.writestr("inner.zip", inner.getvalue())
        z.writestr("empty.txt", "")
        z.writestr("photo.jpg", b"\xff\xd8")  # not an input
        z.writestr("__MACOSX/._a.txt", b"\x00\x05")  # resource fork, not an input
    items = list(ingest.run([str(path)]))
    docs = {d.source: d for d in _docs(items)}
    assert set(docs) == {
        f"{path}!a.txt",
        f"{path}!pages/b.html",
        "r1",
        "r2",
        f"{path}!d.txt.gz",
        f"{path}!inner.zip!deep.txt",
    }
    assert docs[f"{path}!a.txt"].text == ARTICLE
    assert docs[f"{path}!d.txt.gz"].text == ARTICLE
    assert docs[f"{path}!inner.zip!deep.txt"].text == ARTICLE
    assert _rejected(items) == {f"{path}!empty.txt": "empty file"}


def test_bad_zip_member_does_not_stop_the_others(tmp_path: Path) -> None:
    path = tmp_path / "crc.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("bad.txt", "X" * 200)
        z.writestr("good.txt", ARTICLE)
    path.write_bytes(path.read_bytes().replace(b"X" * 200, b"Y" * 200))  # data no longer matches its CRC
    items = list(ingest.run([str(path)]))
    assert [d.source for d in _docs(items)] == [f"{path}!good.txt"]
    assert _rejected(items)[f"{path}!bad.txt"].startswith("truncated or corrupt zip member: Bad CRC-32")


def test_zip_bomb_and_broken_archives_are_rejected(tmp_path: Path) -> None:
    big = ingest.MAX_FILE_BYTES + 1
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("huge.txt", "w", force_zip64=True) as member:
            for _ in range(big // (1 << 20) + 1):
                member.write(b"a" * (1 << 20))
        z.writestr("ok.txt", ARTICLE)
    (tmp_path / "cut.zip").write_bytes((tmp_path / "bomb.zip").read_bytes()[:5000])
    with zipfile.ZipFile(tmp_path / "nothing.zip", "w") as z:
        z.writestr("readme.md", "hello")
    items = list(ingest.run([str(tmp_path)]))
    reasons = _rejected(items)
    assert reasons[f"{tmp_path / 'bomb.zip'}!huge.txt"].startswith("too large: ")
    assert [d.source for d in _docs(items)] == [f"{tmp_path / 'bomb.zip'}!ok.txt"]
    assert reasons[str(tmp_path / "cut.zip")].startswith("truncated or corrupt zip: ")
    assert reasons[str(tmp_path / "nothing.zip")].startswith("no supported files in the zip archive")


def test_gzipped_files_and_gzip_damage(tmp_path: Path) -> None:
    def lines(prefix: str) -> bytes:
        return "".join(_line(id=f"{prefix}{i}", text=f"{ARTICLE} {i}") for i in range(2000)).encode()

    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(ARTICLE.encode("utf-8")))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(PAGE.encode("utf-8")))
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(lines("c")))
    whole = gzip.compress(lines("d"), compresslevel=1)
    (tmp_path / "d.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "e.txt.gz").write_bytes(gzip.compress(ARTICLE.encode("utf-8"))[:-12])
    (tmp_path / "f.txt.gz").write_bytes(gzip.compress(b"a" * (ingest.MAX_FILE_BYTES + 1), compresslevel=1))
    items = list(ingest.run([str(tmp_path)]))
    docs = {d.source: d for d in _docs(items)}
    assert docs[str(tmp_path / "a.txt.gz")].text == ARTICLE
    assert docs[str(tmp_path / "b.html.gz")].html == PAGE
    assert [docs[f"c{i}"].text for i in range(2000)] == [f"{ARTICLE} {i}" for i in range(2000)]
    read_before_cut = [s for s in docs if s.startswith("d")]
    assert 0 < len(read_before_cut) < 2000  # the lines before the cut still count
    assert read_before_cut == [f"d{i}" for i in range(len(read_before_cut))]
    reasons = {Path(k).name: v for k, v in _rejected(items).items()}
    cut = "truncated or corrupt gzip: Compressed file ended before the end-of-stream marker was reached"
    assert reasons == {
        "d.jsonl.gz": cut,
        "e.txt.gz": cut,
        "f.txt.gz": "too large: over 52428800 bytes; split it into smaller files",
    }


def _tar(compression: str) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=f"w:{compression}") as tar:
        for name, data in [("x/a.txt", ARTICLE.encode()), ("x/b.html", PAGE.encode()), ("x/c.png", b"PNG")]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        tar.addfile(tarfile.TarInfo("x/d"), io.BytesIO())  # a member after the ones read
    return buffer.getvalue()


def test_tar_members_and_truncation(tmp_path: Path) -> None:
    (tmp_path / "ok.tgz").write_bytes(_tar("gz"))
    ok = list(ingest.run([str(tmp_path / "ok.tgz")]))
    assert [(d.source, d.text or d.html) for d in ok if isinstance(d, Document)] == [
        (f"{tmp_path / 'ok.tgz'}!x/a.txt", ARTICLE),
        (f"{tmp_path / 'ok.tgz'}!x/b.html", PAGE),
    ]
    assert len(ok) == 2
    plain = _tar("")
    header_of_d = plain.index(b"x/d\x00")
    (tmp_path / "cut.tar").write_bytes(plain[: header_of_d + 100])
    (tmp_path / "cut.tar.gz").write_bytes(_tar("gz")[:-30])
    for name, reason in [
        ("cut.tar", "truncated tar archive: it ends inside a header"),
        (
            "cut.tar.gz",
            "truncated or corrupt tar.gz: Compressed file ended before the end-of-stream marker was reached",
        ),
    ]:
        items = list(ingest.run([str(tmp_path / name)]))
        assert [d.text or d.html for d in _docs(items)] == [ARTICLE, PAGE]
        assert _rejected(items) == {str(tmp_path / name): reason}


# --- size, streaming, encodings ---------------------------------------------------------------------


def test_big_page_is_rejected_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(ingest.MAX_FILE_BYTES + 1)  # sparse: nothing is written
    [item] = ingest.run([str(path)])
    assert isinstance(item, Rejected)
    assert item.reason == "file too large (52428801 bytes > 52428800); split it into smaller files"


def test_million_line_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    line = _line(id="x", text="نص قصير " * 3).encode("utf-8")
    count = 1_000_000
    with path.open("wb") as handle:
        for _ in range(count // 10_000):
            handle.write(line * 10_000)
    assert path.stat().st_size > ingest.MAX_FILE_BYTES  # larger than any file read whole
    tracemalloc.start()
    try:
        first = list(itertools.islice(ingest.run([str(path)]), 3))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [d.source for d in first] == ["x", "x", "x"]
    assert peak < 2_000_000  # bytes: a chunk and a few lines, not the 60 MB file


def test_mixed_encodings_in_one_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        _line(id="u1", text=ARTICLE).encode("utf-8")
        + _line(id="w", text=ARTICLE).encode("cp1256")
        + b"\n"
        + _line(id="u2", text=ARTICLE).encode("utf-8")
    )
    items = list(ingest.run([str(path)]))
    assert [(i.source, i.text) for i in _docs(items)] == [("u1", ARTICLE), ("w", ARTICLE), ("u2", ARTICLE)]


def test_utf16_jsonl_and_blank_jsonl(tmp_path: Path) -> None:
    (tmp_path / "u16.jsonl").write_bytes(
        (_line(id="a", text=ARTICLE) + _line(id="b", text=ARTICLE)).encode("utf-16")
    )
    (tmp_path / "blank.jsonl").write_bytes(b"\n \n")
    items = list(ingest.run([str(tmp_path)]))
    assert [(d.source, d.text) for d in _docs(items)] == [("a", ARTICLE), ("b", ARTICLE)]
    assert _rejected(items) == {str(tmp_path / "blank.jsonl"): "no records: the JSONL file is blank"}


# --- the invariant ----------------------------------------------------------------------------------


def test_every_input_is_one_document_or_one_rejection(tmp_path: Path) -> None:
    """inputs = documents + rejected, over a folder holding every format and every kind of damage."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")  # 1 input
    (tmp_path / "b.html").write_text("", encoding="utf-8")  # 1 (empty)
    (tmp_path / "c.jsonl").write_text(
        _line(id="1", text=ARTICLE) + "{bad\n\n" + _line(id="3"), encoding="utf-8"
    )  # 3
    (tmp_path / "d.rss").write_text(RSS, encoding="utf-8")  # 3 entries
    records = [(f"https://w.example/{n}", "200 OK", PAGE.encode(), HTML_UTF8) for n in range(3)]
    records.insert(
        1, ("https://w.example/i.png", "200 OK", b"PNG", [("Content-Type", "image/png")])
    )  # not an input
    warc = _warc(records, compress=True)
    (tmp_path / "e.warc.gz").write_bytes(warc)  # 3 HTML responses
    (tmp_path / "f.warc.gz").write_bytes(warc[:-40])  # 2 intact + 1 for the damage
    with zipfile.ZipFile(tmp_path / "g.zip", "w") as z:  # 2 members (the .md is not an input)
        z.writestr("x.txt", ARTICLE)
        z.writestr("y.jsonl", _line(id="z", text=ARTICLE))
        z.writestr("notes.md", "-")
    (tmp_path / "h.txt.gz").write_bytes(gzip.compress(ARTICLE.encode())[:-20])  # 1 (truncated)
    (tmp_path / "i.xml").write_text("<config/>", encoding="utf-8")  # 1 (not a feed)
    (tmp_path / "j.bin").write_bytes(b"\x00")  # not an input: folders list supported files only
    items = list(ingest.run([str(tmp_path)]))
    assert len(items) == 1 + 1 + 3 + 3 + 3 + 3 + 2 + 1 + 1
    assert (len(_docs(items)), len(items) - len(_docs(items))) == (
        1 + 1 + 2 + 3 + 2 + 2,
        1 + 2 + 1 + 1 + 1 + 1,
    )
