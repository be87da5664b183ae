"""The web UI in a real browser, as a person uses it: Debian's chromium driven by Playwright against
``hadath serve`` running in a subprocess on a database built from the seed pages and the examples.

The browser is the system's (``/usr/bin/chromium``, installed by ``.ci/run``), never one Playwright
downloads; where it is missing these tests fail, they do not skip. Screenshots go to
``$HADATH_SCREENSHOTS`` or a temporary folder, printed at the end of the run.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from conftest import EXAMPLES, HOSTILE, HOSTILE_TITLE, SEEDS, need_shared
from hadath import pipeline
from hadath.store import Store

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: the browser tests need Debian's chromium "
            "(`apt-get install chromium`, as .ci/run does); they never download a browser"
        )
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``hadath serve`` on a free local port, as a user starts it; its base URL."""
    seeds = need_shared(SEEDS)
    folder = tmp_path_factory.mktemp("ui")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    db = folder / "ui.db"
    with Store(db) as store:
        pipeline.run([str(seeds), str(EXAMPLES), str(hostile)], store)
    port = free_port()
    script = Path(sys.executable).with_name("hadath")
    command = (
        [str(script)] if script.exists() else [sys.executable, "-c", "from hadath.cli import main; main()"]
    )
    log = folder / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [*command, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/api/stats", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"hadath serve did not start: {log.read_text(errors='replace')}")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = Path(os.environ.get("HADATH_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    print(f"\nscreenshots: {folder}")


class Watch:
    """What the page did that it must not: requests to other origins, console errors, dialogs."""

    def __init__(self, page: Page, base: str) -> None:
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda r: None if r.url.startswith(base) else self.outside.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def check(self) -> None:
        assert not self.outside, f"requests left the server: {self.outside}"
        assert not self.errors, f"console errors (a CSP violation shows here): {self.errors}"
        assert not self.dialogs, f"a script ran: {self.dialogs}"


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[tuple[Page, Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    pg = context.new_page()
    watch = Watch(pg, server)
    yield pg, watch
    context.close()


def test_click_through_home_timeline_event_entity_article(page: tuple[Page, Watch], shots: Path) -> None:
    pg, watch = page
    pg.goto("/")
    html = pg.locator("html")
    assert (html.get_attribute("dir"), html.get_attribute("lang")) == ("rtl", "ar")
    assert pg.locator("h2").first.inner_text() == "أزواج الدول"
    assert "فؤاد حسين" in pg.locator("table.events").inner_text()
    pg.screenshot(path=shots / "home.png", full_page=True)

    # Home → the IRQ–USA timeline.
    pg.get_by_role("link", name="العراق – الولايات المتحدة").first.click()
    pg.wait_for_url("**/timeline?pair=IRQ-USA")
    assert pg.locator("h1").inner_text() == "الخط الزمني: العراق – الولايات المتحدة"
    mark = pg.locator("svg.timeline-chart a.mark-link", has=pg.locator("circle.t-CONSULT")).filter(
        has_text="2024-02-07"
    )
    assert mark.count() == 1
    assert pg.locator("svg.timeline-chart .lane-label").first.text_content() == "تشاور"
    pg.screenshot(path=shots / "timeline.png", full_page=True)

    # The chart's mark → the event page of the call, with both sources and their evidence.
    mark.click()
    pg.wait_for_url("**/events/*")
    assert "تشاور · اتصال هاتفي" in pg.locator("h1").inner_text()
    assert "2024-02-07" in pg.locator("h1").inner_text()
    assert pg.locator("#n-articles").inner_text() == "2"
    sources = pg.locator("li.source-article")
    assert sources.count() == 2
    outlets = {o.split(":", 1)[1].strip() for o in sources.locator(".outlet").all_inner_texts()}
    assert outlets == {"المسلة", "عين ليبيا"}
    evidence = pg.locator("mark.evidence").all_inner_texts()
    assert len(evidence) == 2 and all("بلينكن" in e for e in evidence)
    roles = {r.get_attribute("data-role"): r.inner_text() for r in pg.locator("tr.actor").all()}
    assert "أنتوني بلينكن" in roles["source"] and "الولايات المتحدة" in roles["source"]
    assert "فؤاد حسين" in roles["target"] and "العراق" in roles["target"]
    assert (
        "Antony Blinken (USA) held a phone call with Fuad Hussein (IRQ)" in pg.locator(".gist").inner_text()
    )
    pg.screenshot(path=shots / "event.png", full_page=True)

    # An actor → the entity page: names, term of office, events over time.
    pg.locator("tr.actor[data-role=target] a").click()
    pg.wait_for_url("**/entities/per:fuad-hussein")
    assert pg.locator("h1").inner_text() == "فؤاد حسين Fuad Hussein"
    assert "foreign minister" in pg.locator("table").first.inner_text()
    assert pg.locator("svg.timeline-chart circle.mark").count() >= 1
    assert pg.locator("table.events a.event-link").count() >= 2
    pg.screenshot(path=shots / "entity.png", full_page=True)

    # A mentioning article → its clean text with entities and dates marked.
    pg.locator("ul.mentioned a").first.click()
    pg.wait_for_url("**/articles/*")
    assert pg.locator(".article-text mark.ent-PER").count() >= 2
    assert pg.locator(".article-text time.date-mark").count() >= 1
    assert pg.locator(".article-text mark.ent-PER", has_text="فؤاد حسين").count() >= 1
    pg.screenshot(path=shots / "article.png", full_page=True)
    watch.check()


def test_search_and_language_switch(page: tuple[Page, Watch], shots: Path) -> None:
    pg, watch = page
    pg.goto("/")
    box = pg.locator("form.search input[name=q]")
    box.fill("فواد")  # written without the hamza the name has: still found
    box.press("Enter")
    pg.wait_for_url("**/search?q=*")
    assert pg.locator("a.result-link", has_text="فؤاد حسين").count() >= 1
    assert int(pg.locator("#n-results").inner_text()) >= 3
    pg.screenshot(path=shots / "search.png", full_page=True)

    pg.locator("#switch-language").click()
    pg.wait_for_url("**/search?q=*")
    html = pg.locator("html")
    assert (html.get_attribute("dir"), html.get_attribute("lang")) == ("ltr", "en")
    assert pg.locator("h1").inner_text().startswith("Search")
    pg.get_by_role("link", name="Timeline").click()
    assert pg.locator("h1").inner_text() == "Timeline"  # the choice is remembered
    pg.locator("#switch-language").click()
    assert pg.locator("html").get_attribute("dir") == "rtl"
    watch.check()


def test_hostile_article_renders_as_text(page: tuple[Page, Watch], server: str, shots: Path) -> None:
    pg, watch = page
    hits = httpx.get(f"{server}/api/search", params={"q": "التهدئة ووقف إطلاق النار الوزيرين"}).json()[
        "items"
    ]
    article = next(h["id"] for h in hits if h["kind"] == "article" and h["label"] == HOSTILE_TITLE)
    pg.goto(f"/articles/{article}")
    assert pg.locator("h1").inner_text() == HOSTILE_TITLE
    assert "<img src=x onerror=alert(2)>" in pg.locator("dl.facts").inner_text()
    assert pg.locator("script").count() == 0 and pg.locator("main img").count() == 0
    assert pg.locator("a[href^='javascript']").count() == 0
    pg.screenshot(path=shots / "hostile.png", full_page=True)
    pg.locator("table.events a.event-link").first.click()
    pg.wait_for_url("**/events/*")
    assert pg.locator("h3", has_text=HOSTILE_TITLE).count() == 1
    assert "<img src=x onerror=alert(5)>" in pg.locator("ul.quotes").inner_text()
    watch.check()


def test_story_page_from_an_event(page: tuple[Page, Watch], server: str, shots: Path) -> None:
    pg, watch = page
    params = {"pair": "IRQ-USA", "type": "CONSULT", "date_from": "2024-02-07", "date_to": "2024-02-07"}
    (call,) = httpx.get(f"{server}/api/events", params=params).json()["items"]
    titles = {a["id"]: a["title"] for a in httpx.get(f"{server}/api/events/{call['id']}").json()["articles"]}
    pg.goto(f"/events/{call['id']}")
    pg.locator("a.story-link").click()
    pg.wait_for_url("**/stories/*")
    html = pg.locator("html")
    assert (html.get_attribute("dir"), html.get_attribute("lang")) == ("rtl", "ar")
    rows = pg.locator("tr.story-article")
    assert rows.count() == len(titles) == 2
    links = {a.get_attribute("href"): a.inner_text() for a in rows.locator("a.article-link").all()}
    assert links == {f"/articles/{i}": t or "(بلا عنوان)" for i, t in titles.items()}
    assert pg.locator("table.events a.event-link").first.get_attribute("href") == f"/events/{call['id']}"
    # Right to left: the first column (publication date) sits at the right edge of the table.
    table = pg.locator("table.story-articles").bounding_box()
    first = rows.first.locator("td").first.bounding_box()
    assert table and first and first["x"] + first["width"] > table["x"] + table["width"] - 5
    pg.screenshot(path=shots / "story.png", full_page=True)
    watch.check()
