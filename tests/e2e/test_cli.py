"""The CLI on the bundled examples, as a user runs it: summary, idempotence, exports, show."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hadath.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

ARTICLE_FIELDS = {
    "type",
    "id",
    "source",
    "segment",
    "title",
    "outlet",
    "published",
    "language",
    "text",
    "event",
    "events",
    "dates",
    "entities",
    "quotes",
    "duplicate_of",
    "story",
}
EVENT_FIELDS = {
    "type",
    "id",
    "plover",
    "mode",
    "cameo",
    "date",
    "date_precision",
    "place",
    "actors",
    "source",
    "target",
    "articles",
    "evidence",
    "context",
    "main",
    "summary_en",
    "outlets",
    "first_seen",
    "last_seen",
}
ENTITY_FIELDS = {"type", "id", "kind", "name", "name_ar", "aliases", "country"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli") / "examples.db"


@pytest.fixture(scope="module")
def first_run(db: Path) -> str:
    result = CliRunner().invoke(main, ["run", str(EXAMPLES), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.output


def export(db: Path) -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_summary_line(first_run: str) -> None:
    assert re.search(r"^6 inputs → 6 articles, \d+ events, 0 rejected$", first_run, re.M), first_run


def test_second_run_changes_nothing(first_run: str, db: Path) -> None:
    before = export(db)
    again = CliRunner().invoke(main, ["run", str(EXAMPLES), "--db", str(db)])
    assert again.exit_code == 0
    assert export(db) == before


def test_export_contract(first_run: str, db: Path) -> None:
    recs = export(db)
    kinds = {r["type"] for r in recs}
    assert kinds == {"article", "event", "entity"}
    for r in recs:
        expected = {"article": ARTICLE_FIELDS, "event": EVENT_FIELDS, "entity": ENTITY_FIELDS}[r["type"]]
        assert set(r) == expected
    arts = [r for r in recs if r["type"] == "article"]
    assert len(arts) == 6 and all(a["language"] == "ar" for a in arts)


def test_same_call_from_two_outlets_is_one_event(first_run: str, db: Path) -> None:
    recs = export(db)
    arts = {
        Path(r["source"]).suffix: r for r in recs if r["type"] == "article" and "phone_call" in r["source"]
    }
    assert arts[".txt"]["event"] is not None and arts[".txt"]["event"] == arts[".html"]["event"]
    ev = next(r for r in recs if r["id"] == arts[".txt"]["event"])
    assert (ev["plover"], ev["mode"], ev["date"]) == ("CONSULT", "phone", "2024-03-12")
    assert {a["country"] for a in ev["actors"]} == {"EGY", "SAU"}
    source = next(a for a in ev["actors"] if a["role"] == "source")
    assert source["country"] == "SAU"  # "تلقى اتصالاً من": the caller is the source
    # Both reports are one story; the other examples (an attack, sanctions, a visit) are stories of their own.
    assert arts[".txt"]["story"] is not None and arts[".txt"]["story"] == arts[".html"]["story"]
    others = {r["story"] for r in recs if r["type"] == "article" and "phone_call" not in r["source"]}
    assert arts[".txt"]["story"] not in others and None not in others


def test_drone_attack_dated_by_weekday(first_run: str, db: Path) -> None:
    recs = export(db)
    art = next(r for r in recs if r["type"] == "article" and "drone" in r["source"])
    assert art["published"] == "2024-06-03"
    ev = next(r for r in recs if r["id"] == art["event"])
    assert (ev["plover"], ev["mode"], ev["date"]) == ("ASSAULT", "drone", "2024-06-01")


def test_jsonl_records_coded(first_run: str, db: Path) -> None:
    recs = export(db)
    events = {r["id"]: r for r in recs if r["type"] == "event"}
    by_url = {r["source"]: r for r in recs if r["type"] == "article"}
    visit = events[by_url["https://example.net/politics/erdogan-receives-sudani-ankara-20240315"]["event"]]
    assert (visit["plover"], visit["mode"], visit["date"]) == ("CONSULT", "visit", "2024-03-15")
    assert next(a for a in visit["actors"] if a["role"] == "source")["country"] == "IRQ"  # the visitor
    sanction = events[
        by_url["https://example.com/world/2024-04-22/us-treasury-sanctions-houthi-network"]["event"]
    ]
    assert sanction["plover"] == "SANCTION" and sanction["source"] == "org:us-treasury"


def test_csv_export(first_run: str, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {r["type"] for r in rows} == {"article", "event", "entity"}
    assert any(r["type"] == "event" and r["plover"] == "CONSULT" for r in rows)


def test_events_and_show(first_run: str, db: Path) -> None:
    listed = CliRunner().invoke(main, ["events", "--db", str(db)])
    assert "CONSULT/phone" in listed.output and "2024-03-12" in listed.output
    ev_id = listed.output.split()[-1]
    shown = CliRunner().invoke(main, ["show", ev_id, "--db", str(db)])
    assert json.loads(shown.output)["id"] == ev_id
    missing = CliRunner().invoke(main, ["show", "nope", "--db", str(db)])
    assert missing.exit_code == 2 and "no record" in missing.output


def test_rejected_inputs_are_counted(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text("{oops\n", encoding="utf-8")
    db = tmp_path / "r.db"
    result = CliRunner().invoke(main, ["run", str(tmp_path), "--db", str(db)])
    assert "2 inputs → 0 articles, 0 events, 2 rejected" in result.output
    recs = export(db)
    assert {r["source"].split("/")[-1]: r["reason"] for r in recs} == {
        "bad.jsonl:1": recs[0]["reason"],
        "empty.txt": "empty file",
    }


def test_incremental_runs_equal_one_run(tmp_path: Path) -> None:
    """Adding inputs in several runs gives the same records as processing them all at once."""
    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html", ".jsonl"})
    once, twice = tmp_path / "once.db", tmp_path / "twice.db"
    assert CliRunner().invoke(main, ["run", str(EXAMPLES), "--db", str(once)]).exit_code == 0
    for part in (files[: len(files) // 2], files[len(files) // 2 :]):
        result = CliRunner().invoke(main, ["run", *map(str, part), "--db", str(twice)])
        assert result.exit_code == 0, result.output
    assert export(once) == export(twice)


def test_event_counts(first_run: str, db: Path) -> None:
    recs = export(db)
    call = next(
        r for r in recs if r["type"] == "event" and r["mode"] == "phone" and r["date"] == "2024-03-12"
    )
    assert sorted(call["outlets"]) == ["الوطن اليوم", "وكالة أنباء الشرق الأوسط"]
    assert call["first_seen"] == call["last_seen"] == "2024-03-12"


def test_tag_conll_appends_one_bio_tag_per_token_and_keeps_sentence_breaks(tmp_path: Path) -> None:
    conll = tmp_path / "in.conll"
    conll.write_text(
        "قال O\nوزير O\nالخارجية O\nالعراقي O\nفؤاد O\nحسين O\nفي O\nبغداد O\n\n"
        "وصل O\nبلينكن O\nإلى O\nالقاهرة O\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["tag", "--conll", str(conll)])
    assert result.exit_code == 0, result.output
    lines = result.output.split("\n")
    assert lines[8] == ""  # the sentence break survives
    rows = [line.split() for line in lines if line]
    assert all(len(row) == 3 for row in rows)  # token, the ignored column, the predicted tag
    tags = {row[0]: row[2] for row in rows}
    assert tags["فؤاد"] == "B-PERS" and tags["حسين"] == "I-PERS"
    assert tags["بغداد"] == "B-LOC" and tags["القاهرة"] == "B-LOC"
    assert tags["قال"] == "O"
    kinds = {"O"} | {f"{edge}-{kind}" for edge in "BI" for kind in ("PERS", "LOC", "ORG", "MISC")}
    assert set(tags.values()) <= kinds


def test_a_file_that_is_not_a_hadath_database_gets_a_clear_error(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE notes (body TEXT)")
    result = CliRunner().invoke(main, ["events", "--db", str(other)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "Error:" in result.output


def test_reading_commands_leave_the_database_untouched(first_run: str, db: Path) -> None:
    before = db.read_bytes()
    assert CliRunner().invoke(main, ["events", "--db", str(db)]).exit_code == 0
    assert export(db) and db.read_bytes() == before


def test_two_events_of_one_sentence_are_both_stored(tmp_path: Path) -> None:
    # Two subjects, and a second clause of the same type: four condemnations in two sentences.
    page = tmp_path / "condemnations.txt"
    page.write_text(
        "أدانت السعودية والإمارات هجمات تنظيم داعش في الكويت.\n"
        "وأدانت مصر الهجوم على الكنيسة، كما أدانت الأردن التفجير.\n",
        encoding="utf-8",
    )
    db = tmp_path / "c.db"
    assert CliRunner().invoke(main, ["run", str(page), "--db", str(db), "--all-events"]).exit_code == 0
    sources = {
        a["entity"]
        for r in export(db)
        if r["type"] == "event" and r["plover"] == "ACCUSE"
        for a in r["actors"]
        if a["role"] == "source"
    }
    assert {"loc:sau", "loc:are", "loc:egy", "loc:jor"} <= sources
