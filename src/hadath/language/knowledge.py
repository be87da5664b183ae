"""The knowledge files (countries, places, organisations, people, titles) as a phrase index.

Files live in ``data/knowledge/*.tsv`` (see its SOURCES.md). Every Arabic name is normalised with the
same function as article text before it is indexed, so lexicon and text always meet.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from hadath.text.normalize import normalize, tokenize

MAX_PHRASE_TOKENS = 7


@dataclass(frozen=True, slots=True)
class Term:
    """One term of office: who held which role in which country, from when to when (ISO, may be partial)."""

    person: str
    role: str
    country: str | None
    sector: str | None
    start: str
    end: str


@dataclass(frozen=True, slots=True)
class Known:
    """A knowledge-file record, indexed under each of its names."""

    id: str
    kind: str  # PER | ORG | LOC
    name: str
    name_ar: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    place_kind: str | None = None  # country | city | region | … for LOC


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """A place name that is also a common word, and when it is the place (``ambiguous_places.tsv``).

    ``needs``: ``any`` (a place unless a neighbour below makes it a phrase), ``cue`` (only after a
    locative preposition or a place noun) or ``noun`` (only after a place noun: مدينة، محافظة …).
    """

    needs: str
    not_before: frozenset[str]
    not_after: frozenset[str]


@dataclass(frozen=True, slots=True)
class TitleWords:
    """The closed word lists that build title phrases (``title_words.tsv``), normalised.

    ``heads``: a word heading a construct over a title or an organisation, and the role of the whole
    ("نائب" → "deputy {}": "نائب رئيس الوزراء" is the deputy prime minister); ``ordinals``,
    ``ranks``, ``complements`` and ``destinations``: words a title phrase runs on over; ``kin``: kinship
    nouns → (English, kind), kind ``kin``, ``kin_weak`` (ابن: kin only before a title or another kin
    word) or ``kin_inner`` (عم: only after another kin word); ``object_verbs``: verbs whose object may
    follow the subject's name directly ("استقبل الملك سلمان وزير الخارجية": the minister is the guest).
    """

    heads: dict[tuple[str, ...], str] = field(default_factory=dict)
    ordinals: frozenset[str] = frozenset()
    ranks: frozenset[str] = frozenset()
    complements: frozenset[str] = frozenset()
    destinations: frozenset[str] = frozenset()
    kin: dict[str, tuple[str, str]] = field(default_factory=dict)
    object_verbs: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Everything the resolver looks up, keyed by normalised token tuples."""

    names: dict[tuple[str, ...], tuple[Known, ...]]
    records: dict[str, Known]
    adjectives: dict[str, str]  # normalised nisba adjective → ISO3
    roles: dict[tuple[str, ...], tuple[str, str | None]]  # title tokens → (role, sector)
    agents: dict[tuple[str, ...], tuple[str, str, str | None]]  # group noun → (English, sector, ISO3)
    terms: tuple[Term, ...]
    version: str
    prefixes: frozenset[tuple[str, ...]] = frozenset()  # every prefix of every key: matching stops early
    ambiguous: dict[tuple[str, ...], Ambiguous] = field(default_factory=dict)
    # A word standing for a country the article must name ("المملكة") → the countries it may be.
    bare: dict[str, tuple[str, ...]] = field(default_factory=dict)
    place_cues: dict[str, str] = field(default_factory=dict)  # normalised word → preposition | noun | state
    not_names: frozenset[str] = frozenset()  # words that are never part of a personal name
    title_words: TitleWords = field(default_factory=TitleWords)

    def terms_for(self, role: str, country: str | None, on: str | None) -> list[Term]:
        """Holders of ``role`` in ``country``, in office ``on`` (ISO date) when a date is given."""
        found = [t for t in self.terms if t.role == role and t.country == country]
        if on is None:
            return found
        return [t for t in found if _within(on, t.start, t.end)]

    def roles_of(self, person: str) -> list[Term]:
        return [t for t in self.terms if t.person == person]


def _within(day: str, start: str, end: str) -> bool:
    """Whether ``day`` falls in [start, end]; partial dates compare at their own precision."""
    if start and day[: len(start)] < start:
        return False
    return not (end and day[: len(end)] > end)


def _rows(name: str, folder: str = "knowledge") -> list[dict[str, str]]:
    path = resources.files("hadath").joinpath(f"data/{folder}/{name}")
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    return [
        {k: (v or "").strip() for k, v in row.items()}
        for row in csv.DictReader(io.StringIO(text), delimiter="\t")
    ]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split("|") if x.strip())


def key(text: str) -> tuple[str, ...]:
    """The index key of a name: its normalised tokens."""
    return tuple(t.norm for t in tokenize(text))


def glued_variants(k: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The same name with "عبد" written apart or glued: "عبد الفتاح" ↔ "عبدالفتاح".

    News writes both; a knowledge name indexed under one spelling must meet the other.
    """
    out: list[tuple[str, ...]] = []
    glued: list[str] = []
    i = 0
    while i < len(k):
        if k[i] == "عبد" and i + 1 < len(k):
            glued.append("عبد" + k[i + 1])
            i += 2
        else:
            glued.append(k[i])
            i += 1
    split = [p for t in k for p in (("عبد", t[3:]) if t.startswith("عبدال") and len(t) > 5 else (t,))]
    for v in (tuple(glued), tuple(split)):
        if v != k and v not in out:
            out.append(v)
    return out


def _nisba_forms(adj: str) -> list[str]:
    """A nisba adjective in the forms news uses after any noun: with and without the article, and for
    a masculine singular in ي also the feminine and the plurals ("عراقي" → عراقيه, عراقيين, عراقيون)."""
    base = adj[2:] if adj.startswith("ال") and len(adj) > 4 else adj
    forms = [base]
    if base.endswith("ي"):
        forms += [base + "ه", base + "ين", base + "ون"]
    return forms + ["ال" + f for f in forms]


@cache
def load() -> Knowledge:
    """Read and index the knowledge files once per process."""
    names: dict[tuple[str, ...], list[Known]] = defaultdict(list)
    records: dict[str, Known] = {}
    adjectives: dict[str, str] = {}
    digest = hashlib.sha256()

    def index(rec: Known, extra: tuple[str, ...] = ()) -> None:
        records.setdefault(rec.id, rec)
        for name in (rec.name_ar, *rec.aliases, *extra):
            k = key(name)
            for v in (k, *glued_variants(k)) if rec.kind == "PER" else (k,):
                if v and rec not in names[v]:
                    names[v].append(rec)

    for row in _rows("countries.tsv"):
        digest.update(repr(sorted(row.items())).encode())
        iso3 = row["iso3"]
        rec = Known(
            f"loc:{iso3.lower()}",
            "LOC",
            row["name_en"],
            row["name_ar"],
            _split(row.get("aliases_ar", "")),
            iso3,
            None,
            "country",
        )
        index(rec)
        for adj in _split(row.get("adjectives_ar", "")):
            for form in _nisba_forms(normalize(adj)):
                adjectives.setdefault(form, iso3)
        if row.get("capital_ar"):
            cap = Known(
                f"loc:{iso3.lower()}-capital",
                "LOC",
                row.get("capital_en") or row["capital_ar"],
                row["capital_ar"],
                (),
                iso3,
                None,
                "capital",
            )
            index(cap)
    for row in _rows("cities.tsv"):
        digest.update(repr(sorted(row.items())).encode())
        slug = "loc:" + normalize(row["name_en"] or row["name_ar"]).replace(" ", "-")
        rec = Known(
            slug,
            "LOC",
            row["name_en"],
            row["name_ar"],
            _split(row.get("aliases_ar", "")),
            row.get("iso3") or None,
            None,
            row.get("kind") or "city",
        )
        if key(row["name_ar"]) not in names:
            index(rec)
    for row in _rows("organizations.tsv"):
        digest.update(repr(sorted(row.items())).encode())
        index(
            Known(
                row["id"],
                "ORG",
                row["name_en"],
                row["name_ar"],
                _split(row.get("aliases_ar", "")),
                row.get("iso3") or None,
                row.get("sector") or None,
            )
        )
    terms: list[Term] = []
    for row in _rows("people.tsv"):
        digest.update(repr(sorted(row.items())).encode())
        rec = Known(
            row["id"],
            "PER",
            row["name_en"],
            row["name_ar"],
            _split(row.get("aliases_ar", "")),
            row.get("iso3") or None,
            row.get("sector") or None,
        )
        if rec.id in records:
            old = records[rec.id]
            rec = Known(
                old.id,
                "PER",
                old.name,
                old.name_ar,
                tuple(dict.fromkeys(old.aliases + rec.aliases)),
                old.country,
                old.sector,
            )
            records[rec.id] = rec
        index(rec)
        terms.append(
            Term(
                row["id"],
                row["role"],
                row.get("iso3") or None,
                row.get("sector") or None,
                row.get("start", ""),
                row.get("end", ""),
            )
        )
    roles: dict[tuple[str, ...], tuple[str, str | None]] = {}
    for row in _rows("roles.tsv"):
        digest.update(repr(sorted(row.items())).encode())
        roles.setdefault(key(row["role_ar"]), (row["role"], row.get("sector") or None))
    agents: dict[tuple[str, ...], tuple[str, str, str | None]] = {}
    for row in _rows("agents.tsv"):
        digest.update(repr(sorted(row.items())).encode())
        agents.setdefault(key(row["agent_ar"]), (row["name_en"], row["sector"], row.get("iso3") or None))
    ambiguous: dict[tuple[str, ...], Ambiguous] = {}
    for row in _rows("ambiguous_places.tsv"):
        digest.update(repr(sorted(row.items())).encode())
        ambiguous[key(row["name_ar"])] = Ambiguous(
            row["needs"],
            frozenset(normalize(w) for w in _split(row.get("not_before", ""))),
            frozenset(normalize(w) for w in _split(row.get("not_after", ""))),
        )
    bare: dict[str, tuple[str, ...]] = {}
    for row in _rows("bare_references.tsv"):
        digest.update(repr(sorted(row.items())).encode())
        bare[normalize(row["word_ar"])] = tuple(_split(row["countries"]))
    title_rows = _rows("title_words.tsv")
    for row in title_rows:
        digest.update(repr(sorted(row.items())).encode())
    title_words = _title_words(title_rows)
    place_cues = {normalize(r["word"]): r["kind"] for r in _rows("place_cues.tsv", "lexicons")}
    not_names = frozenset(normalize(r["word"]) for r in _rows("not_names.tsv", "lexicons"))
    digest.update(repr((sorted(place_cues.items()), sorted(not_names))).encode())
    prefixes = frozenset(
        k[:n] for k in (*names, *roles, *agents, *title_words.heads) for n in range(1, len(k) + 1)
    )
    return Knowledge(
        prefixes=prefixes,
        names={k: tuple(v) for k, v in names.items()},
        records=records,
        adjectives=adjectives,
        roles=roles,
        agents=agents,
        terms=tuple(terms),
        version=digest.hexdigest()[:12],
        ambiguous=ambiguous,
        place_cues=place_cues,
        not_names=not_names,
        bare=bare,
        title_words=title_words,
    )


def _title_words(rows: list[dict[str, str]]) -> TitleWords:
    """The rows of ``title_words.tsv`` as word sets by kind."""
    by_kind: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append((normalize(row["word_ar"]), row["role"]))
    return TitleWords(
        heads={key(w): role for w, role in by_kind["head"]},
        ordinals=frozenset(w for w, _ in by_kind["ordinal"]),
        ranks=frozenset(w for w, _ in by_kind["rank"]),
        complements=frozenset(w for w, _ in by_kind["complement"]),
        destinations=frozenset(w for w, _ in by_kind["destination"]),
        kin={w: (en, kind) for kind in ("kin", "kin_weak", "kin_inner") for w, en in by_kind[kind]},
        object_verbs=frozenset(w for w, _ in by_kind["object_verb"]),
    )
