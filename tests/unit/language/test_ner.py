"""The named-entity tagger: the shipped model on sentences written for these tests, CoNLL in and out,
the entity-level scorer on hand-made sequences, and the data files beside the model."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest

from hadath.language import ner
from hadath.text.normalize import normalize

MODELS = resources.files("hadath").joinpath("data/models")


# --------------------------------------------------------------------------- the shipped model


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            # "US Secretary of State Antony Blinken said in Washington"
            "قال وزير الخارجية الأمريكي أنتوني بلينكن في واشنطن",
            ["O", "O", "O", "O", "B-PERS", "I-PERS", "O", "B-LOC"],
        ),
        (
            # "The United Nations Security Council met in New York"
            "اجتمع مجلس الأمن الدولي في نيويورك أمس",
            ["O", "B-ORG", "I-ORG", "I-ORG", "O", "B-LOC", "O"],
        ),
        (
            # "President Vladimir Putin arrived in Cairo on Sunday"
            "وصل الرئيس الروسي فلاديمير بوتين إلى القاهرة يوم الأحد",
            ["O", "O", "O", "B-PERS", "I-PERS", "O", "B-LOC", "O", "O"],
        ),
        (
            # "Hamas said in a statement that Israel is responsible" (ANERcorp leaves the head word out)
            "وقالت حركة حماس في بيان إن إسرائيل مسؤولة",
            ["O", "O", "B-ORG", "O", "O", "O", "B-LOC", "O"],
        ),
    ],
)
def test_tags_written_sentences(sentence: str, expected: list[str]) -> None:
    assert ner.tag(sentence.split()) == expected


def test_empty_sentence() -> None:
    assert ner.tag([]) == []


def test_a_name_repeated_in_running_text_keeps_its_type() -> None:
    # "Coach Jose said … ; Jose added …": the second mention has no title to lean on.
    text = [
        ["وقال", "المدرب", "البرتغالي", "جوزيه", "إن", "الفريق", "جاهز", "للمباراة", "."],
        ["وأضاف", "جوزيه", "أن", "اللاعبين", "في", "حالة", "جيدة", "."],
    ]
    tags = ner.load().tag_document(text)
    assert tags[0][3] == "B-PERS"
    assert tags[1][1] == "B-PERS"


def test_model_is_small() -> None:
    size = sum(MODELS.joinpath(name).read_bytes().__len__() for name in (ner.FIRST, ner.SECOND, ner.LEXICON))
    assert size < 10_000_000


def test_lexicon_round_trip(tmp_path: Path) -> None:
    lexicon = ner.Lexicon(
        groups=frozenset({"morph", "gazetteer"}),
        window=3,
        phrases={"الامم المتحده": "ORG"},
        words={"وزير": ("title",)},
        clusters={"بغداد": ("1", "7", "f5")},
        memory={"بغداد": "LOC|hi"},
    )
    path = tmp_path / "lexicon.json.gz"
    ner.write_lexicon(lexicon, path)
    first = path.read_bytes()
    assert ner.read_lexicon(first) == lexicon
    ner.write_lexicon(lexicon, path)
    assert path.read_bytes() == first  # byte-identical: a retrain with the same data changes nothing


def test_gazetteer_features_see_through_clitics() -> None:
    lexicon = ner.Lexicon(frozenset({"gazetteer"}), 0, {"بغداد": "LOC", "الامم المتحده": "ORG"}, {}, {}, {})
    rows = ner.features(["وصل", "إلى", "بغداد", "وللأمم", "المتحدة"], lexicon)
    assert "gz=B-LOC" in rows[2]
    assert "gz=B-ORG" in rows[3]
    assert "gz=I-ORG" in rows[4]
    assert "gz=O" in rows[0]


# --------------------------------------------------------------------------- CoNLL


def test_tag_conll_round_trip_with_spaces() -> None:
    lines = ["قال O\n", "بلينكن B-PERS\n", "في O\n", "واشنطن B-LOC\n", "\n", "\n", "انتهى O\n"]
    out = list(ner.tag_conll(lines))
    assert len(out) == len(lines)
    assert out[4] == "" and out[5] == ""
    for given, got in zip(lines, out, strict=True):
        if given.strip():
            head, _, label = got.rpartition(" ")
            assert head == given.rstrip("\n")
            assert label in {"O", *(f"{p}-{t}" for p in "BI" for t in ner.TYPES)}
    assert out[3].endswith(" B-LOC")


def test_tag_conll_keeps_tabs_and_columns() -> None:
    lines = ["وصل\tX\tO", "بوتين\tY\tB-PERS", "إلى\tZ\tO", "موسكو\tW\tB-LOC"]
    out = list(ner.tag_conll(lines))
    assert [line.split("\t")[:3] for line in out] == [line.split("\t") for line in lines]
    assert all(line.count("\t") == 3 for line in out)
    assert out[1].endswith("\tB-PERS") and out[3].endswith("\tB-LOC")


def test_tag_conll_tokens_only_and_crlf() -> None:
    out = list(ner.tag_conll(["زار\r\n", "ماكرون\r\n", "بيروت\r\n"]))
    assert [line.split(" ")[0] for line in out] == ["زار", "ماكرون", "بيروت"]
    assert out[2] == "بيروت B-LOC"


def test_tag_conll_empty() -> None:
    assert list(ner.tag_conll([])) == []
    assert list(ner.tag_conll(["\n", "  \n"])) == ["", "  "]


# --------------------------------------------------------------------------- scoring


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["B-PERS", "I-PERS", "O", "B-LOC"], [("PERS", 0, 2), ("LOC", 3, 4)]),
        (["O", "I-ORG", "I-ORG"], [("ORG", 1, 3)]),  # I- after O starts an entity
        (["B-PERS", "I-LOC"], [("PERS", 0, 1), ("LOC", 1, 2)]),  # a change of type starts another
        (["B-LOC", "B-LOC", "I-LOC"], [("LOC", 0, 1), ("LOC", 1, 3)]),
        (["I-MISC"], [("MISC", 0, 1)]),
        (["O", "O"], []),
        ([], []),
    ],
)
def test_spans(tags: list[str], expected: list[tuple[str, int, int]]) -> None:
    assert ner.spans(tags) == expected


def test_score_known_figures() -> None:
    gold = [
        ["B-PERS", "I-PERS", "O", "B-LOC", "O"],
        ["B-ORG", "I-ORG", "I-ORG", "O", "B-LOC"],
    ]
    pred = [
        ["B-PERS", "I-PERS", "O", "B-ORG", "O"],  # PERS right; LOC predicted as ORG
        ["B-ORG", "I-ORG", "O", "O", "B-LOC"],  # ORG cut short (wrong span); LOC right
    ]
    result = ner.score(gold, pred)
    # gold: PERS, LOC, ORG, LOC = 4; predicted: PERS, ORG, ORG, LOC = 4; right: PERS, LOC = 2
    assert result["micro"]["precision"] == pytest.approx(0.5)
    assert result["micro"]["recall"] == pytest.approx(0.5)
    assert result["micro"]["f1"] == pytest.approx(0.5)
    assert result["PERS"]["f1"] == pytest.approx(1.0)
    assert result["LOC"]["precision"] == pytest.approx(1.0)
    assert result["LOC"]["recall"] == pytest.approx(0.5)
    assert result["LOC"]["f1"] == pytest.approx(2 / 3)
    assert result["ORG"]["precision"] == 0.0 and result["ORG"]["recall"] == 0.0 and result["ORG"]["f1"] == 0.0
    assert result["ORG"]["support"] == 1
    assert "MISC" not in result


def test_score_unequal_precision_and_recall() -> None:
    gold = [["B-LOC", "O", "B-LOC", "O", "B-PERS"]]
    pred = [["B-LOC", "O", "O", "O", "O"]]
    result = ner.score(gold, pred)
    assert result["micro"]["precision"] == 1.0
    assert result["micro"]["recall"] == pytest.approx(1 / 3)
    assert result["micro"]["f1"] == pytest.approx(0.5)


def test_score_rejects_misaligned_input() -> None:
    with pytest.raises(ValueError, match="sentence"):
        ner.score([["O", "O"]], [["O"]])
    with pytest.raises(ValueError, match="sentences"):
        ner.score([["O"]], [])


def test_evaluate_on_a_small_gold_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold.txt"
    gold.write_text("زار O\nماكرون B-PERS\nبيروت B-LOC\n\nعاد O\nإلى O\nباريس B-LOC\n", encoding="utf-8")
    result = ner.evaluate(gold)
    assert result["micro"]["support"] == 3
    assert result["micro"]["f1"] == pytest.approx(1.0)
    assert result["speed"]["tokens"] == 6


# --------------------------------------------------------------------------- data files


def test_cues_parse_and_are_unique_once_normalised() -> None:
    text = MODELS.joinpath("ner_cues.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t"))
    assert rows and set(rows[0]) == {"cue", "kind"}
    kinds = {"title", "org", "loc", "misc", "currency", "verb", "given"}
    seen: set[tuple[str, str]] = set()
    for row in rows:
        assert row["kind"] in kinds, row
        key = (normalize(row["cue"]), row["kind"])
        assert key not in seen, f"duplicate cue {row['cue']} ({row['kind']})"
        seen.add(key)


def test_every_ner_model_file_is_listed_in_sources() -> None:
    # Only the tagger's files: other models sharing the folder are checked by their own tests.
    sources = MODELS.joinpath("SOURCES.md").read_text(encoding="utf-8")
    for entry in MODELS.iterdir():
        if entry.name.startswith("ner"):
            assert f"`{entry.name}`" in sources, f"{entry.name} is not described in SOURCES.md"


def test_shipped_lexicon_is_normalised() -> None:
    lexicon = ner.load().lexicon
    for table in (lexicon.phrases, lexicon.words, lexicon.clusters, lexicon.memory):
        sample = sorted(table)[:: max(1, len(table) // 500)]
        assert all(normalize(k) == k for k in sample)
