"""Build ``countries.tsv`` and ``cities.tsv`` of the knowledge files.

Names come from the shared gazetteer (``data/gazetteer`` under ``--shared``):

* ``cldr_arabic/territories_ar.tsv`` -- Unicode CLDR territory names, English and Arabic (Unicode licence);
* ``umpirsky_country_list/ar_country.csv`` -- the same CLDR names as packaged by umpirsky (MIT);
* ``cldr_arabic/iso3166_pycountry_ar.tsv`` -- ISO 3166 alpha-2/alpha-3 codes and the Arabic common and
  official names of the iso-codes translations shipped with pycountry;
* ``cldr_arabic/tz_exemplar_cities_ar.tsv`` -- CLDR time-zone exemplar cities with Arabic names.

They are merged with two hand-curated files next to the output, which decide which countries exist and
win over (or extend) the derived names: ``countries_curated.tsv`` (aliases, nisba adjectives, capitals)
and ``cities_curated.tsv`` (provinces, cities and sites of Middle East news). The ODbL ``mledoze`` data
and the ``capitals_ar_partial.tsv`` file derived from it are deliberately not read.

Usage (from the repository root)::

    python scripts/build_countries.py --shared ../shared
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "src" / "hadath" / "data" / "knowledge"

COUNTRY_COLUMNS = ["iso3", "name_en", "name_ar", "aliases_ar", "adjectives_ar", "capital_en", "capital_ar"]
CITY_COLUMNS = ["name_en", "name_ar", "aliases_ar", "iso3", "kind"]

# Codes that ISO 3166 does not assign but the project uses.
EXTRA_ALPHA3 = {"XK": "XKX"}

# CLDR exemplar cities in dependent territories are filed under the sovereign state.
SOVEREIGN = {
    "HK": "CHN",
    "MO": "CHN",
    "PR": "USA",
    "GU": "USA",
    "VI": "USA",
    "AS": "USA",
    "MP": "USA",
    "UM": "USA",
    "GL": "DNK",
    "FO": "DNK",
    "GI": "GBR",
    "BM": "GBR",
    "KY": "GBR",
    "IM": "GBR",
    "JE": "GBR",
    "GG": "GBR",
    "VG": "GBR",
    "TC": "GBR",
    "MS": "GBR",
    "AI": "GBR",
    "FK": "GBR",
    "SH": "GBR",
    "IO": "GBR",
    "GS": "GBR",
    "RE": "FRA",
    "YT": "FRA",
    "GP": "FRA",
    "MQ": "FRA",
    "GF": "FRA",
    "PF": "FRA",
    "NC": "FRA",
    "BL": "FRA",
    "MF": "FRA",
    "PM": "FRA",
    "WF": "FRA",
    "TF": "FRA",
    "AW": "NLD",
    "CW": "NLD",
    "SX": "NLD",
    "BQ": "NLD",
    "NU": "NZL",
    "CK": "NZL",
    "TK": "NZL",
    "NF": "AUS",
    "CX": "AUS",
    "CC": "AUS",
    "SJ": "NOR",
    "AX": "FIN",
    "EA": "ESP",
    "IC": "ESP",
}

# CLDR time-zone "cities" left out: places no news names, island groups rather than cities, and Arabic
# renderings that are misspelt or are ordinary words (the important ones are re-added, correctly spelt,
# in cities_curated.tsv).
CLDR_CITY_SKIP_PREFIXES = (
    "Antarctica/",
    "Arctic/",
    "Etc/",
    "America/Indiana/",
    "America/Kentucky/",
    "America/North_Dakota/",
)
CLDR_CITY_SKIP = {
    # misspelt, obsolete or wrong Arabic names
    "Europe/Samara",
    "America/Moncton",
    "America/Coral_Harbour",
    "America/Godthab",
    "America/Scoresbysund",
    "America/Noronha",
    "Australia/Perth",
    "Australia/Brisbane",
    "Pacific/Truk",
    "Pacific/Ponape",
    "Pacific/Easter",
    "Pacific/Enderbury",
    "Pacific/Kanton",
    "America/Argentina/Ushuaia",
    "America/Argentina/Tucuman",
    "America/Juneau",
    "America/Lower_Princes",
    "Asia/Ulaanbaatar",
    "Africa/Lubumbashi",
    "Asia/Kuching",
    "Asia/Irkutsk",
    "Europe/Volgograd",
    "America/Araguaina",
    "America/Belem",
    "America/Campo_Grande",
    "America/Boa_Vista",
    "America/Cuiaba",
    "America/Eirunepe",
    "America/Jujuy",
    "Asia/Saigon",
    "Asia/Oral",
    "Asia/Makassar",
    # replaced by curated rows with the names Arabic news uses
    "Asia/Gaza",
    "Asia/Hebron",
    "Africa/Algiers",
    "Africa/Tunis",
    # ordinary Arabic words or personal names ("نوم" sleep, "ماهي" what is, "دارون" Darwin)
    "America/Nome",
    "Indian/Mahe",
    "Australia/Darwin",
    # islands, archipelagos and zones named after a territory rather than a city
    "Atlantic/Azores",
    "Atlantic/Canary",
    "Atlantic/Madeira",
    "Atlantic/Faeroe",
    "Atlantic/South_Georgia",
    "Indian/Chagos",
    "Indian/Kerguelen",
    "Indian/Christmas",
    "Indian/Cocos",
    "Indian/Maldives",
    "Indian/Reunion",
    "Pacific/Galapagos",
    "Pacific/Marquesas",
    "Pacific/Gambier",
    "Pacific/Chatham",
    "Pacific/Bougainville",
    "Pacific/Guadalcanal",
    "Pacific/Efate",
    "Pacific/Tongatapu",
    "Pacific/Kosrae",
    "Pacific/Kwajalein",
    "Pacific/Kiritimati",
    "Pacific/Fakaofo",
    "Pacific/Midway",
    "Pacific/Wake",
    "Pacific/Pitcairn",
    "Pacific/Norfolk",
    "Pacific/Wallis",
    "Pacific/Tahiti",
    "America/Antigua",
    "America/Montserrat",
    "America/Martinique",
    "America/Cayman",
    "America/St_Kitts",
    "America/St_Lucia",
    "America/St_Vincent",
    "America/St_Barthelemy",
    "America/St_Thomas",
    "America/Miquelon",
    "Europe/Malta",
    "America/Bahia",
    # settlements too small for the news
    "Europe/Busingen",
    "America/Creston",
    "America/Danmarkshavn",
    "America/Thule",
    "America/Resolute",
    "America/Rankin_Inlet",
    "America/Swift_Current",
    "America/Cambridge_Bay",
    "America/Fort_Nelson",
    "America/Dawson",
    "America/Dawson_Creek",
    "America/Glace_Bay",
    "America/Goose_Bay",
    "America/Inuvik",
    "America/Iqaluit",
    "America/Blanc-Sablon",
    "America/Menominee",
    "America/Metlakatla",
    "America/Yakutat",
    "America/Sitka",
    "America/Adak",
    "America/Ojinaga",
    "America/Bahia_Banderas",
    "America/Santarem",
    "America/Porto_Velho",
    "America/Rio_Branco",
    "Australia/Eucla",
    "Australia/Broken_Hill",
    "Australia/Lindeman",
    "Australia/Lord_Howe",
    "Asia/Khandyga",
    "Asia/Ust-Nera",
    "Asia/Srednekolymsk",
}
CLDR_REGIONS = {"Asia/Kamchatka", "Asia/Sakhalin"}

# Derived names not to use: ambiguous ("الكونغو" is either Congo) or ungrammatical.
DERIVED_SKIP = {"الكونغو", "جمهورية الفرنسية", "الجمهورية الهلنستية"}

# Indefinite adjective forms that are also given names or ordinary words (Turki; lunar; Roman; Georgy).
INDEFINITE_STOP = {"تركي", "قمري", "روماني", "جورجي"}

_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
_DROP = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+|[A-Za-z]+|[0-9]+")
_LATIN = re.compile(r"[A-Za-z]")


def key(text: str) -> str:
    """Matching key of an Arabic name: folded letters, no diacritics, words joined by one space."""
    return " ".join(_WORD.findall(_DROP.sub("", text).translate(_FOLD).lower()))


def fold_en(text: str) -> str:
    """Matching key of an English name: lower case, no accents, letters and digits only."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed.lower() if c.isalnum() and not unicodedata.combining(c))


def clean_ar(text: str) -> str:
    """Tidy a derived Arabic name: no shadda (iso-codes writes it everywhere), "و" joined to its word."""
    text = text.replace("\u0651", "")
    text = re.sub(r"(^|\s)و\s+", r"\1و", text)
    return re.sub(r"\s+", " ", text).strip()


def usable_alias(text: str) -> bool:
    """Whether a derived name can be used as written in news (no inverted "X، Y" or bracketed forms)."""
    return bool(text) and not any(c in text for c in "(),،") and not _LATIN.search(text)


def clean_en(text: str) -> str:
    text = text.replace("&", "and").replace("’", "'")
    return re.sub(r"^St\. ", "Saint ", text)


def split(cell: str) -> list[str]:
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


def unique(names: list[str], exclude: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """First spelling of each key, dropping keys in ``exclude``."""
    seen = set(exclude)
    out = []
    for name in names:
        k = key(name)
        if k and k not in seen:
            seen.add(k)
            out.append(name)
    return out


def inflect(adjective: str) -> list[str]:
    """A nisba adjective with its feminine and masculine plural forms, definite and indefinite.

    ``"العراقي"`` → العراقي, العراقية, العراقيين, العراقيون, عراقي, عراقية, عراقيين, عراقيون. Only
    words ending in ي inflect (``"الجنوب أفريقي"`` → ``"الجنوب أفريقية"``); broken plurals (الأتراك)
    are kept as they are.
    """
    words = adjective.split()
    forms = [adjective]
    if any(w.endswith("ي") for w in words):
        for suffix in ("ة", "ين", "ون"):
            forms.append(" ".join(w + suffix if w.endswith("ي") else w for w in words))
    out = list(forms)
    for form in forms:
        indefinite = " ".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in form.split())
        if indefinite != form and indefinite.split()[0] not in INDEFINITE_STOP:
            out.append(indefinite)
    return out


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh, delimiter="\t")]


def write_tsv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(columns) + "\n")
        for row in rows:
            cells = [row.get(c, "") for c in columns]
            if any("\t" in c or "\n" in c for c in cells):
                raise ValueError(f"tab or newline in {cells}")
            fh.write("\t".join(cells) + "\n")


@dataclass
class Sources:
    """The shared gazetteer files, read once."""

    alpha3: dict[str, str]  # alpha-2 → alpha-3
    territory_en: dict[str, str]
    territory_ar: dict[str, str]
    other_ar: dict[str, list[str]]  # alpha-2 → further Arabic names (umpirsky, iso-codes)
    cities: list[dict[str, str]]

    @classmethod
    def read(cls, gazetteer: Path) -> Sources:
        alpha3 = dict(EXTRA_ALPHA3)
        other: dict[str, list[str]] = defaultdict(list)
        for row in read_tsv(gazetteer / "cldr_arabic" / "iso3166_pycountry_ar.tsv"):
            alpha3[row["alpha_2"]] = row["alpha_3"]
            other[row["alpha_2"]] += [row["name_ar"], row["official_name_ar"]]
        territory_en, territory_ar = {}, {}
        for row in read_tsv(gazetteer / "cldr_arabic" / "territories_ar.tsv"):
            if row["code"].isalpha():
                territory_en[row["code"]] = row["name_en"]
                territory_ar[row["code"]] = row["name_ar"]
        with (gazetteer / "umpirsky_country_list" / "ar_country.csv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                other[row["id"]].insert(0, row["value"])
        cities = read_tsv(gazetteer / "cldr_arabic" / "tz_exemplar_cities_ar.tsv")
        return cls(alpha3, territory_en, territory_ar, dict(other), cities)


def build_countries(src: Sources, curated: list[dict[str, str]]) -> list[dict[str, str]]:
    """One row per curated country: CLDR names, derived aliases, curated aliases/adjectives/capitals."""
    alpha2 = {a3: a2 for a2, a3 in src.alpha3.items()}
    rows: list[dict[str, str]] = []
    derived: dict[str, list[str]] = {}
    for cur in curated:
        iso3 = cur["iso3"]
        a2 = alpha2.get(iso3)
        if a2 is None or a2 not in src.territory_ar:
            raise SystemExit(f"{iso3}: no CLDR territory; add it to EXTRA_ALPHA3")
        base_en = clean_en(src.territory_en[a2])
        base_ar = clean_ar(src.territory_ar[a2])
        name_ar = cur["name_ar"] or base_ar
        names = [clean_ar(x) for x in [base_ar, *src.other_ar.get(a2, [])]]
        derived[iso3] = [n for n in names if usable_alias(n) and n not in DERIVED_SKIP]
        rows.append(
            {
                "iso3": iso3,
                "name_en": cur["name_en"] or base_en,
                "name_ar": name_ar,
                "aliases_ar": "",
                "adjectives_ar": "|".join(
                    unique([f for a in split(cur["adjectives_ar"]) for f in inflect(a)])
                ),
                "capital_en": cur["capital_en"],
                "capital_ar": cur["capital_ar"],
            }
        )
    # A derived name that would point at two countries, or that is spelt like a nisba adjective
    # ("صربية" is also "Serbian"), is dropped; curated ones stay.
    adjectives = {key(a) for row in rows for a in split(row["adjectives_ar"])}
    owners: dict[str, set[str]] = defaultdict(set)
    for row, cur in zip(rows, curated, strict=True):
        for name in [row["name_ar"], *split(cur["aliases_ar"]), *derived[row["iso3"]]]:
            owners[key(name)].add(row["iso3"])
    for row, cur in zip(rows, curated, strict=True):
        own = row["iso3"]
        extra = [n for n in derived[own] if owners[key(n)] == {own} and key(n) not in adjectives]
        aliases = unique([*split(cur["aliases_ar"]), *extra], exclude={key(row["name_ar"])})
        row["aliases_ar"] = "|".join(aliases)
    return sorted(rows, key=lambda r: r["iso3"])


@dataclass
class Place:
    name_en: str
    name_ar: str
    iso3: str
    kind: str
    aliases: list[str] = field(default_factory=list)


def build_cities(
    src: Sources, countries: list[dict[str, str]], curated: list[dict[str, str]]
) -> list[dict[str, str]]:
    """CLDR exemplar cities (filtered), then every capital, then the curated places, merged per place."""
    known = {r["iso3"] for r in countries}
    country_keys = {key(n) for r in countries for n in [r["name_ar"], *split(r["aliases_ar"])]}
    country_keys |= {key(n) for n in src.territory_ar.values()}
    country_keys |= {key(n) for names in src.other_ar.values() for n in names}
    places: list[Place] = []
    by_en: dict[tuple[str, str], Place] = {}
    by_ar: dict[tuple[str, str], Place] = {}

    def add(new: Place) -> None:
        old = by_en.get((new.iso3, fold_en(new.name_en))) or by_ar.get((new.iso3, key(new.name_ar)))
        if old is None:
            places.append(new)
            old = new
        else:  # the later source wins the names; the earlier Arabic spelling becomes an alias
            if key(old.name_ar) != key(new.name_ar) and key(old.name_ar) not in country_keys:
                new.aliases.append(old.name_ar)
            old.aliases = [*new.aliases, *old.aliases]
            old.name_en, old.name_ar, old.kind = new.name_en, new.name_ar, new.kind
        by_en[(old.iso3, fold_en(old.name_en))] = old
        for name in [old.name_ar, *old.aliases]:
            by_ar[(old.iso3, key(name))] = old

    for row in src.cities:
        tz, a2, name_ar = row["cldr_tz_id"], row["country_code"], row["city_ar"].strip()
        if tz in CLDR_CITY_SKIP or tz.startswith(CLDR_CITY_SKIP_PREFIXES) or not usable_alias(name_ar):
            continue
        if key(name_ar) in country_keys:  # zones named after their country: Kuwait, Bahrain, Panama …
            continue
        iso3 = SOVEREIGN.get(a2) or src.alpha3.get(a2, "")
        if iso3 in known:
            add(Place(row["city_en"], name_ar, iso3, "region" if tz in CLDR_REGIONS else "city"))
    for r in countries:
        if r["capital_ar"]:
            add(Place(r["capital_en"], r["capital_ar"], r["iso3"], "city"))
    for r in curated:
        if r["iso3"] not in known:
            raise SystemExit(f"cities_curated.tsv: unknown iso3 {r['iso3']!r} for {r['name_en']}")
        add(Place(r["name_en"], r["name_ar"], r["iso3"], r["kind"] or "city", split(r["aliases_ar"])))
    rows = [
        {
            "name_en": p.name_en,
            "name_ar": p.name_ar,
            "iso3": p.iso3,
            "kind": p.kind,
            "aliases_ar": "|".join(unique(p.aliases, exclude={key(p.name_ar)})),
        }
        for p in places
    ]
    return sorted(rows, key=lambda r: (r["iso3"], r["kind"], fold_en(r["name_en"])))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        required=True,
        help="the shared data root (holding data/gazetteer) or the gazetteer folder itself",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=KNOWLEDGE,
        help="knowledge folder with the curated files (default: the package's)",
    )
    args = parser.parse_args(argv)
    gazetteer = next(
        (
            p
            for p in (args.shared / "data" / "gazetteer", args.shared / "gazetteer", args.shared)
            if (p / "cldr_arabic").is_dir()
        ),
        None,
    )
    if gazetteer is None:
        parser.error(f"no gazetteer (cldr_arabic/) under {args.shared}")
    src = Sources.read(gazetteer)
    countries = build_countries(src, read_tsv(args.out / "countries_curated.tsv"))
    cities = build_cities(src, countries, read_tsv(args.out / "cities_curated.tsv"))
    write_tsv(args.out / "countries.tsv", COUNTRY_COLUMNS, countries)
    write_tsv(args.out / "cities.tsv", CITY_COLUMNS, cities)
    print(f"countries.tsv: {len(countries)} rows; cities.tsv: {len(cities)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
