"""Consistency checks for the knowledge files in ``src/hadath/data/knowledge``.

They are hand-curated tables (see SOURCES.md there), so these tests catch the mistakes hand editing
makes: a missing tab, a misspelt role, an end date before its start, one alias given to two people.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from hadath.language.knowledge import key, load

KNOWLEDGE = Path(__file__).resolve().parents[3] / "src" / "hadath" / "data" / "knowledge"

COUNTRY_COLUMNS = ["iso3", "name_en", "name_ar", "aliases_ar", "adjectives_ar", "capital_en", "capital_ar"]
CITY_COLUMNS = ["name_en", "name_ar", "aliases_ar", "iso3", "kind"]
HEADERS = {
    "countries.tsv": COUNTRY_COLUMNS,
    "countries_curated.tsv": COUNTRY_COLUMNS,
    "cities.tsv": CITY_COLUMNS,
    "cities_curated.tsv": CITY_COLUMNS,
    "organizations.tsv": ["id", "name_en", "name_ar", "aliases_ar", "iso3", "sector", "kind"],
    "people.tsv": ["id", "name_en", "name_ar", "aliases_ar", "iso3", "role", "sector", "start", "end"],
    "roles.tsv": ["role_ar", "role", "sector"],
    "agents.tsv": ["agent_ar", "name_en", "sector", "iso3"],
    "ambiguous_places.tsv": ["name_ar", "needs", "not_before", "not_after", "note"],
    "bare_references.tsv": ["word_ar", "countries", "note"],
    "title_words.tsv": ["word_ar", "kind", "role", "note"],
}
# The curated country file only overrides or extends the derived names, so its name columns may be empty.
REQUIRED = {
    "countries.tsv": ["iso3", "name_en", "name_ar"],
    "countries_curated.tsv": ["iso3"],
    "cities.tsv": ["name_en", "name_ar", "iso3"],
    "cities_curated.tsv": ["name_en", "name_ar", "iso3"],
    "organizations.tsv": ["id", "name_en", "name_ar", "sector"],
    "people.tsv": ["id", "name_en", "name_ar", "role", "sector", "start"],
    "roles.tsv": ["role_ar", "role"],
    "agents.tsv": ["agent_ar", "name_en", "sector"],
    "ambiguous_places.tsv": ["name_ar", "needs", "note"],
    "bare_references.tsv": ["word_ar", "countries", "note"],
    "title_words.tsv": ["word_ar", "kind"],
}

ROLES = {
    "head of state",
    "head of government",
    "foreign minister",
    "defence minister",
    "finance minister",
    "speaker of parliament",
    "secretary-general",
    "envoy",
    "ambassador",
    "military commander",
    "group leader",
    "spokesperson",
    "crown prince",
    "deputy crown prince",
    "interior minister",
    "minister of state",
    "minister",
    "adviser",
    "chief of staff",
    "other",
}
# Sectors (CAMEO-style agent codes) that the files use: government, military, legislature, judiciary,
# police, party, insurgents, rebels, intergovernmental, non-governmental, media, business, religion.
SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "PTY", "INS", "REB", "IGO", "NGO", "MED", "BUS", "REL"}
PLACE_KINDS = {"city", "capital", "province", "region", "site"}

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# Names deliberately shared by two records, with the reason. Empty for now: the one real clash found
# (الفاو, both the FAO and the Iraqi port of al-Faw) was resolved by dropping the FAO's short form.
ALLOWED_SHARED_NAMES: dict[str, str] = {}


def read(name: str) -> list[dict[str, str]]:
    with (KNOWLEDGE / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def split(cell: str) -> list[str]:
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


def tsv_files() -> list[str]:
    return sorted(p.name for p in KNOWLEDGE.glob("*.tsv"))


@pytest.fixture(scope="module")
def countries() -> set[str]:
    return {row["iso3"] for row in read("countries.tsv")}


@pytest.fixture(scope="module")
def people() -> list[dict[str, str]]:
    return read("people.tsv")


# --------------------------------------------------------------------------- structure


def test_every_tsv_has_a_known_header() -> None:
    assert set(tsv_files()) == set(HEADERS), "a TSV was added or removed: declare its header here"


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_and_no_ragged_rows(name: str) -> None:
    text = (KNOWLEDGE / name).read_text(encoding="utf-8")
    assert text.endswith("\n"), f"{name}: no newline at end of file"
    lines = text.splitlines()
    assert lines[0].split("\t") == HEADERS[name]
    width = len(HEADERS[name])
    for n, line in enumerate(lines[1:], start=2):
        assert line.strip(), f"{name}:{n}: blank line"
        assert len(line.split("\t")) == width, f"{name}:{n}: {len(line.split(chr(9)))} cells, not {width}"
    with (KNOWLEDGE / name).open(encoding="utf-8", newline="") as fh:
        parsed = list(csv.reader(fh, delimiter="\t"))
    # csv and a plain split agree (no quote characters swallowing tabs or line breaks)
    assert len(parsed) == len(lines)
    assert all(len(row) == width for row in parsed)


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_required_fields(name: str) -> None:
    for n, row in enumerate(read(name), start=2):
        for column in REQUIRED[name]:
            assert row[column].strip(), f"{name}:{n}: empty {column}"
        for column, value in row.items():
            assert value == value.strip(), f"{name}:{n}: spaces around {column}"
            if column.startswith("aliases") or column.startswith("adjectives"):
                assert "||" not in value and not value.startswith("|") and not value.endswith("|"), (
                    f"{name}:{n}: empty alias in {column}"
                )


def test_country_codes_unique(countries: set[str]) -> None:
    codes = [row["iso3"] for row in read("countries.tsv")]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)


@pytest.mark.parametrize(
    ("name", "optional"),
    [("people.tsv", True), ("organizations.tsv", True), ("cities.tsv", False), ("cities_curated.tsv", False)],
)
def test_iso3_exists(name: str, optional: bool, countries: set[str]) -> None:
    for n, row in enumerate(read(name), start=2):
        if optional and not row["iso3"]:
            continue
        assert row["iso3"] in countries, f"{name}:{n}: unknown iso3 {row['iso3']!r}"


def test_curated_countries_exist(countries: set[str]) -> None:
    assert {row["iso3"] for row in read("countries_curated.tsv")} == countries


def test_place_kinds() -> None:
    for name in ("cities.tsv", "cities_curated.tsv"):
        assert {row["kind"] for row in read(name)} <= PLACE_KINDS


# --------------------------------------------------------------------------- people


def parse_date(value: str) -> date:
    assert DATE.match(value), f"bad date {value!r}"
    parts = [int(p) for p in value.split("-")]
    return date(*parts, *[1] * (3 - len(parts)))  # raises on a month 13 or a 30 February


def test_people_dates(people: list[dict[str, str]]) -> None:
    for n, row in enumerate(people, start=2):
        start, end = row["start"], row["end"]
        parse_date(start)
        if end:
            parse_date(end)
            # partial dates compare at the precision they share: "2024" <= "2024-11-05"
            width = min(len(start), len(end))
            assert start[:width] <= end[:width], f"people.tsv:{n}: {row['id']} ends {end} before {start}"


def test_people_roles_and_sectors(people: list[dict[str, str]]) -> None:
    for n, row in enumerate(people, start=2):
        assert row["role"] in ROLES, f"people.tsv:{n}: role {row['role']!r}"
        assert row["sector"] in SECTORS, f"people.tsv:{n}: sector {row['sector']!r}"
        assert row["id"].startswith("per:"), f"people.tsv:{n}: id {row['id']!r}"


def test_roles_file_uses_known_roles() -> None:
    for row in read("roles.tsv"):
        assert row["role"] in ROLES
        assert not row["sector"] or row["sector"] in SECTORS


def test_organization_sectors() -> None:
    for row in read("organizations.tsv"):
        assert row["sector"] in SECTORS, row["id"]


def test_person_names_identical_across_rows(people: list[dict[str, str]]) -> None:
    names: dict[str, tuple[str, str]] = {}
    for n, row in enumerate(people, start=2):
        first = names.setdefault(row["id"], (row["name_en"], row["name_ar"]))
        assert first == (row["name_en"], row["name_ar"]), f"people.tsv:{n}: {row['id']} renamed"


def test_person_terms_not_repeated(people: list[dict[str, str]]) -> None:
    seen = [(r["id"], r["iso3"], r["role"], r["start"]) for r in people]
    assert len(seen) == len(set(seen))


def test_organization_ids_unique() -> None:
    ids = [row["id"] for row in read("organizations.tsv")]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates
    assert all(i.startswith("org:") for i in ids)


# --------------------------------------------------------------------------- names shared by two records


def owners() -> dict[tuple[str, ...], set[str]]:
    """Normalised name (the loader's index key) → ids of the people and organisations it names."""
    found: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for name in ("people.tsv", "organizations.tsv"):
        for row in read(name):
            for text in (row["name_ar"], *split(row["aliases_ar"])):
                found[key(text)].add(row["id"])
    return found


def test_no_name_shared_by_two_people_or_a_person_and_an_organisation() -> None:
    clashes = {
        " ".join(k): sorted(ids)
        for k, ids in owners().items()
        if len(ids) > 1 and any(i.startswith("per:") for i in ids)
    }
    clashes = {k: v for k, v in clashes.items() if k not in ALLOWED_SHARED_NAMES}
    assert not clashes


def test_no_name_shared_by_two_organisations() -> None:
    clashes = {" ".join(k): sorted(ids) for k, ids in owners().items() if len(ids) > 1}
    clashes = {k: v for k, v in clashes.items() if k not in ALLOWED_SHARED_NAMES}
    assert not clashes


def test_no_organisation_named_like_a_place() -> None:
    places = {key(text) for row in read("cities.tsv") for text in (row["name_ar"], *split(row["aliases_ar"]))}
    orgs = {
        key(text): row["id"]
        for row in read("organizations.tsv")
        for text in (row["name_ar"], *split(row["aliases_ar"]))
    }
    clashes = {" ".join(k): org for k, org in orgs.items() if k in places}
    clashes = {k: v for k, v in clashes.items() if k not in ALLOWED_SHARED_NAMES}
    assert not clashes


# --------------------------------------------------------------------------- content


def terms(people: list[dict[str, str]], pid: str, role: str) -> list[dict[str, str]]:
    return [r for r in people if r["id"] == pid and r["role"] == role]


def test_blinken(people: list[dict[str, str]]) -> None:
    rows = terms(people, "per:antony-blinken", "foreign minister")
    assert [(r["iso3"], r["start"], r["end"]) for r in rows] == [("USA", "2021-01-26", "2025-01-20")]
    assert "بلنكن" in split(rows[0]["aliases_ar"])


def test_rubio(people: list[dict[str, str]]) -> None:
    rows = terms(people, "per:marco-rubio", "foreign minister")
    assert len(rows) == 1
    assert rows[0]["iso3"] == "USA"
    assert rows[0]["start"].startswith("2025-01")
    assert rows[0]["end"] == ""


def test_fuad_hussein(people: list[dict[str, str]]) -> None:
    rows = terms(people, "per:fuad-hussein", "foreign minister")
    assert [r["iso3"] for r in rows] == ["IRQ"]
    assert rows[0]["start"].startswith("2020-06")


def test_american_adjectives() -> None:
    usa = next(row for row in read("countries.tsv") if row["iso3"] == "USA")
    adjectives = split(usa["adjectives_ar"])
    assert "الأمريكي" in adjectives
    assert "الأميركي" in adjectives


def test_us_treasury_alias() -> None:
    treasury = next(row for row in read("organizations.tsv") if row["id"] == "org:us-treasury")
    assert "الخزانة الأمريكية" in split(treasury["aliases_ar"])


# --------------------------------------------------------------------------- through the loader


def holders(role: str, country: str | None, on: str) -> set[str]:
    return {t.person for t in load().terms_for(role, country, on)}


def test_loader_us_foreign_minister_by_date() -> None:
    assert holders("foreign minister", "USA", "2021-06-01") == {"per:antony-blinken"}
    assert holders("foreign minister", "USA", "2025-06-01") == {"per:marco-rubio"}


@pytest.mark.parametrize(
    ("role", "country", "on", "person"),
    [
        ("head of state", "USA", "2018-06-01", "per:donald-trump"),
        ("head of state", "USA", "2022-06-01", "per:joe-biden"),
        ("head of government", "IRQ", "2016-06-01", "per:haider-alabadi"),
        ("head of state", "SYR", "2025-06-01", "per:ahmed-alsharaa"),
        ("foreign minister", "SYR", "2025-06-01", "per:asaad-alshaibani"),
        ("foreign minister", "SYR", "2022-06-01", "per:faisal-mekdad"),
        ("head of government", "GBR", "2023-06-01", "per:rishi-sunak"),
        ("head of state", "LBN", "2025-06-01", "per:joseph-aoun"),
    ],
)
def test_loader_office_holders(role: str, country: str, on: str, person: str) -> None:
    assert holders(role, country, on) == {person}


def test_loader_finds_people_by_alias() -> None:
    kb = load()
    assert {r.id for r in kb.names[key("بلنكن")]} == {"per:antony-blinken"}
    assert {r.id for r in kb.names[key("ترمب")]} == {"per:donald-trump"}


def test_ambiguous_places_are_known_needs_and_normalised_once() -> None:
    kb = load()
    rows = read("ambiguous_places.tsv")
    assert {r["needs"] for r in rows} <= {"any", "cue", "noun"}
    assert len({key(r["name_ar"]) for r in rows}) == len(rows)
    assert kb.ambiguous[key("عنة")].needs == "cue"
    assert "من" in kb.ambiguous[key("النيل")].not_before
    assert kb.place_cues["مدينه"] == "noun" and kb.place_cues["في"] == "preposition"


def test_title_words_have_known_kinds_and_roles() -> None:
    rows = read("title_words.tsv")
    kinds = {
        "head",
        "ordinal",
        "rank",
        "complement",
        "destination",
        "kin",
        "kin_weak",
        "kin_inner",
        "object_verb",
    }
    assert {r["kind"] for r in rows} <= kinds
    for r in rows:
        if r["kind"] == "head":
            # A fixed role, or a template the inner title's role fills ("deputy {}").
            assert r["role"] in ROLES or (r["role"].count("{}") == 1 and r["role"].replace("{}", "x")), r
        elif r["kind"].startswith("kin"):
            assert r["role"].isascii() and r["role"], r
        else:
            assert not r["role"], r
    words = load().title_words
    assert words.heads[key("نائب")] == "deputy {}" and "ركن" in words.ranks
    assert words.kin["نجل"] == ("son", "kin") and "لدي" in words.destinations
    # Normalised like the text: "التقى" is read as "التقي", and no verb is also a title word.
    assert {"استقبل", "التقي"} <= words.object_verbs
    assert not any((v,) in words.heads or (v,) in load().roles for v in words.object_verbs)


@pytest.mark.parametrize(
    ("name", "record"),
    [
        ("سيرجي لافروف", "per:sergey-lavrov"),
        ("رمضان قاديروف", "per:ramzan-kadyrov"),
        ("مولود جاوش أوغلو", "per:mevlut-cavusoglu"),
        ("الائتلاف الوطني السوري", "org:syrian-national-coalition"),
        ("ميليشيات الحوثي", "org:houthis"),
        ("عبدالفتاح السيسي", "per:abdel-fattah-elsisi"),  # "عبد" glued to the next word
    ],
)
def test_added_names_and_spellings(name: str, record: str) -> None:
    assert [r.id for r in load().names[key(name)]] == [record]
